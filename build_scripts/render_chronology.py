"""The chronology page: every dated moment of the text and the apparatus, each with what it rests on."""
from __future__ import annotations

import xml.etree.ElementTree as etree
from collections import defaultdict

from .markdown_text import escape
from .model import Edition, Evidence
from .render_apparatus import Apparatus
from .site_paths import fragment, front_matter, sub


class EvidenceMarkup:
    """What a moment or a stop rests on, in Markdown: the author's statement (with its paragraphs), independent
    records (with their sources), and how certain the edition holds it to be."""

    def __init__(self, ed: Edition, apparatus: Apparatus):
        self.labels = ed.labels
        self.apparatus = apparatus

    def markdown(self, ev: Evidence, mentioned_in: tuple[int, ...] = ()) -> str:
        L, parts = self.labels, []
        if ev.paragraphs:
            refs = ", ".join(f"¶{n}" for n in ev.paragraphs)
            word = L["evidence_author"] if ev.sources else L["evidence_author_only"]
            parts.append(f"{escape(word)}: {self.apparatus.prose(refs)}.")
        elif mentioned_in:
            refs = ", ".join(f"¶{n}" for n in mentioned_in)
            parts.append(f"{escape(L['evidence_mentioned'])}: {self.apparatus.prose(refs)}.")
        if ev.sources:
            parts.append(f"{escape(L['evidence_record'])}: {self.apparatus.sources_md(ev.sources)}.")
        if ev.certainty != "certain":
            parts.append(f"*{escape(L['evidence_' + ev.certainty])}*: {self.apparatus.prose(ev.note)}")
        elif ev.note:
            parts.append(self.apparatus.prose(ev.note))
        return " ".join(parts)


def chronology_page(ed: Edition, apparatus: Apparatus, evidence: EvidenceMarkup, entity_link) -> str:
    """A list in Markdown: each moment's date and label, its glossary entries, and what it rests on. The
    date is a <time> element (ElementTree), so that its machine-readable form stays beside the words."""
    page, L = "chronology.md", ed.labels
    mentioned: dict[str, list[int]] = defaultdict(list)
    for m in ed.mentions:
        if m.paragraph not in mentioned[m.entity]:
            mentioned[m.entity].append(m.paragraph)
    names = {e.id: e.name for e in ed.entities}
    out = [front_matter(L["chronology_title"], description=L["chronology_intro"]),
           f"# {escape(L['chronology_title'])}", "", escape(L["chronology_intro"]), "", '<div class="ed-timeline" markdown>', ""]
    for d in ed.chronology:
        time = etree.Element("time", {"datetime": d.date})
        time.text = d.when
        entries = etree.Element("span", {"class": "ed-tl-entries"})
        for i, e in enumerate(d.entities):
            a = sub(entries, "a", names[e], href=entity_link(page, e))
            a.tail = ", " if i < len(d.entities) - 1 else ""
        # A glossary entry that the text mentions is told of in those paragraphs.
        told = tuple(sorted({n for e in d.entities for n in mentioned[e]}))
        head = f"{fragment(time)} {escape(d.label)}" + (f" {fragment(entries)}" if d.entities else "")
        out += [f"- {head}", f"    {{: .ed-{d.evidence.certainty} }}", "",
                f"    {evidence.markdown(d.evidence, told)}", "    {: .ed-tl-evidence }", ""]
    out += ["</div>", ""]
    return "\n".join(out) + "\n"
