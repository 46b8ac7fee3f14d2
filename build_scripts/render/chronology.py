"""The chronology page: every dated moment of the text and the apparatus, each with what it rests on."""
from __future__ import annotations

from collections import defaultdict

from ..model import Edition, Evidence
from ..paths import CHRONOLOGY_PATH, entity_path, href
from .apparatus import Apparatus
from .html import E, Page, append


class EvidenceMarkup:
    """What a moment or a stop rests on: the author's statement (with its paragraphs), independent records (with
    their sources), and how certain the edition holds it to be."""

    def __init__(self, ed: Edition, apparatus: Apparatus):
        self.labels = ed.labels
        self.apparatus = apparatus

    def element(self, ev: Evidence, page: str, mentioned_in: tuple[int, ...] = ()):
        L, p = self.labels, E("p", class_="ed-tl-evidence")

        def refs(ns):
            for i, n in enumerate(ns):
                append(p, ", " if i else "", E("a", f"¶{n}", href=self.apparatus.paragraph_href(page, n)))
        if ev.paragraphs:
            append(p, f"{L['evidence_author'] if ev.sources else L['evidence_author_only']}: ")
            refs(ev.paragraphs)
            append(p, ". ")
        elif mentioned_in:
            append(p, f"{L['evidence_mentioned']}: ")
            refs(mentioned_in)
            append(p, ". ")
        if ev.sources:
            append(p, f"{L['evidence_record']}: ", *self.apparatus.sources(ev.sources, page), ". ")
        if ev.certainty != "certain":
            append(p, E("em", L["evidence_" + ev.certainty]), ": ", *self.apparatus.prose_inline(ev.note, page))
        elif ev.note:
            append(p, *self.apparatus.prose_inline(ev.note, page))
        return p


def chronology_page(ed: Edition, evidence: EvidenceMarkup) -> Page:
    """Each moment's date (a <time>, its machine-readable form beside the words) and label, its glossary entries,
    and what it rests on."""
    page, L = CHRONOLOGY_PATH, ed.labels
    mentioned: dict[str, list[int]] = defaultdict(list)
    for m in ed.mentions:
        if m.paragraph not in mentioned[m.entity]:
            mentioned[m.entity].append(m.paragraph)
    names = {e.id: e.name for e in ed.entities}
    out = Page(L["chronology_title"], description=L["chronology_intro"]).heading(1, L["chronology_title"])
    out.add(E("p", L["chronology_intro"]))
    items = []
    for d in ed.chronology:
        head = E("p", E("time", d.when, datetime=d.date), " ", d.label, class_="ed-tl-head")
        if d.entities:
            entries = E("span", class_="ed-tl-entries")
            for i, e in enumerate(d.entities):
                append(entries, ", " if i else "", E("a", names[e], href=href(page, entity_path(e))))
            append(head, " ", entries)
        # A glossary entry that the text mentions is told of in those paragraphs.
        told = tuple(sorted({n for e in d.entities for n in mentioned[e]}))
        items.append(E("li", head, evidence.element(d.evidence, page, told), class_=f"ed-{d.evidence.certainty}"))
    return out.add(E("ol", *items, class_="ed-timeline"))
