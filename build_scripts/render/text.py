"""The reading text: a page per section with its numbered paragraphs and notes, the contents, the whole text.

Each paragraph is written as HTML here, from the model: its number and permanent link, each name linked to its
entry (with the identification as tooltip), each gap as the editorial mark, each note's mark where its anchor
ends. The work grows with the text: one walk over each paragraph, however many names it holds.
"""
from __future__ import annotations

from collections import defaultdict

from lxml import etree

from .. import prose
from ..annotate.spans import marker_spans, notes_by_position, notes_in_order
from ..cite.cite_panel import CitationTemplates
from ..escape import json_attr, tooltip
from ..model import Edition, Mention, Note, Paragraph, Section
from ..paths import (section_path, CONTENTS_PATH, WHOLE_TEXT_PATH, build_date, entity_path, heading_id, href, page_url,
                     paragraph_id, section_anchor, text_path)
from .apparatus import Apparatus
from .html import E, Page, append, runs



def para_range(labels: dict, first: int, last: int) -> str:
    return labels["paragraph_range_one"].format(first=first) if first == last else \
        labels["paragraph_range"].format(first=first, last=last)


def name_head(ed: Edition, e) -> str:
    """What a name's tooltip leads with: the standard name and, where they are a span of years, its dates."""
    short_dates = e.dates and len(e.dates) <= 24 and any(ch.isdigit() for ch in e.dates)
    return ed.labels["tooltip_head"].format(name=e.short_name, dates=e.dates) if short_dates else e.short_name


class TextPages:
    def __init__(self, ed: Edition, apparatus: Apparatus, dossier=None):
        self.ed = ed
        self.dossier = dossier  # render/dossier.py: claims in the main text, provenance and translations in a part
        self.labels = ed.labels
        self.apparatus = apparatus
        self.citations = CitationTemplates(ed, ed.site_url)
        self.entities = {e.id: e for e in ed.entities}
        self.mentions_in: dict[int, list[Mention]] = defaultdict(list)
        for m in ed.mentions:
            self.mentions_in[m.paragraph].append(m)
        self.notes_in: dict[int, list[Note]] = defaultdict(list)
        for n in ed.notes:
            self.notes_in[n.paragraph].append(n)
        self.headings: dict[int, list] = defaultdict(list)
        for h in ed.headings:
            self.headings[h.key].append(h)
        # The text's language, marked on each paragraph where the page (the apparatus) is in another.
        self.text_lang = {s.id: (s.language or ed.language) for s in ed.sources}
        # A tooltip is text: an entry's summary is Markdown, shown by its words (no *asterisks*).
        self.summaries = {e.id: prose.plain(e.summary) for e in ed.entities}
        self.tooltips = {e.id: f"{name_head(ed, e)}. {self.summaries[e.id]}" for e in ed.entities}
        self._bodies: dict[str, list] = {}

    # -- one paragraph --------------------------------------------------------------------------------------
    def paragraph(self, p: Paragraph, numbers: dict[str, int], page: str, section_linked: set | None = None) -> etree._Element:
        """The paragraph as HTML: its tools (number, permanent link), then its text with names, gaps and note marks.
        `section_linked`: the entries of a kind linked once per section that the section has linked already."""
        ed, L = self.ed, self.labels
        pid = paragraph_id(p.n)
        # The number is the link a pointer or a finger follows; the keyboard stops once, at the permanent link.
        tools = E("span", E("a", str(p.n), class_="ed-num", href=f"#{pid}", aria_label=f"{L['paragraph']} {p.n}",
                            tabindex="-1"),
                  E("a", "#", class_="ed-permalink", href=f"#{pid}", aria_label=f"{L['permalink']} {p.n}"),
                  class_="ed-tools ed-editorial", data_pagefind_ignore="")
        lang = self.text_lang[p.source]
        lang = lang if lang != ed.apparatus_language else None
        if p.kind == "caption":
            body = E("figcaption", class_="ed-text", lang=lang)
            el = E("figure", E("div", L["photo"], class_="ed-photo ed-editorial"), body, class_="ed-para ed-figure",
                   id=pid, data_n=p.n)
        else:
            el = body = E("p", class_="ed-para ed-text", id=pid, data_n=p.n, lang=lang)
        el.insert(0, tools)
        append(body, *self._inline(p, numbers, page, section_linked if section_linked is not None else set()))
        if lang:
            self._mark_apparatus_language(el, body, lang)
        return el

    def _mark_apparatus_language(self, el, body, lang: str) -> None:
        """In a paragraph whose text is in another language than the page, what the edition adds (tools, marks, the
        names' tooltips) is in the page's: marked so, a name's printed form staying in the text's."""
        apparatus = self.ed.apparatus_language
        for child in [el[0], *body]:
            if not isinstance(child.tag, str):
                continue
            child.set("lang", apparatus)
            if child.tag == "a" and "ed-name" in (child.get("class") or "").split() and child.text:
                inner = E("span", child.text, lang=lang)
                child.text = None
                child.insert(0, inner)
            elif child.tag == "span" and (child.get("class") or "").startswith("ed-name"):
                child.set("lang", lang)

    def _links(self, p: Paragraph, section_linked: set) -> set[int]:
        """Which of the paragraph's mentions are links to their entries (the others are marked only), by the linking
        policy the editorial method states: an entry of a kind linked per paragraph (people) at its first mention in
        each paragraph; of a kind linked per section (places, states, treaties...) at its first mention in the
        section; a garbled form at its first occurrence in each paragraph, whatever its kind, since a reader cannot
        recognise it. `section_linked` grows with the section's links."""
        out, here = set(), set()
        for m in sorted(self.mentions_in[p.n], key=lambda m: m.start):
            kind = self.ed.entity_kinds[self.entities[m.entity].kind]
            key = (m.entity, m.text) if m.garbled else m.entity
            if key in here or (not m.garbled and kind.link == "section" and m.entity in section_linked):
                continue
            here.add(key)
            here.add(m.entity)
            if kind.link == "section":
                section_linked.add(m.entity)
            out.add(m.start)
        return out

    def _inline(self, p: Paragraph, numbers: dict[str, int], page: str, section_linked: set) -> list:
        text, ed, L = p.text, self.ed, self.labels
        spans: dict[int, tuple[int, object]] = {}
        gaps, printed = marker_spans(p, ed.gap_marker, ed.gap_escape)
        for s, e in gaps:
            spans[s] = (e, self.apparatus.gap)
        for s, e in printed:
            spans[s] = (e, lambda: ed.gap_marker)
        links = self._links(p, section_linked)
        for m in self.mentions_in[p.n]:
            spans[m.start] = (m.end, self._name(m, m.start in links, page))
        marks = notes_by_position(text, self.notes_in[p.n], [(s, e) for s, (e, _) in spans.items()])
        claims: dict[int, list] = {}
        for c in (self.dossier.claims_in(p.n) if self.dossier else []):
            at = self.dossier.position(c)
            for s, (e, _) in spans.items():  # never inside a name or a gap: after it
                if s < at < e:
                    at = e
            claims.setdefault(at, []).append(c)
        cuts = sorted(set(spans) | set(marks) | set(claims) | {len(text)})
        out: list = []
        i = k = 0  # k: the first cut after i; both only move forward, so the walk is linear
        while i < len(text):
            if i in spans:
                end, make = spans[i]
                out.append(make() if callable(make) else make)
                i = end
            else:
                while cuts[k] <= i:
                    k += 1
                out.append(text[i:cuts[k]])
                i = cuts[k]
            for note in marks.pop(i, []):
                out.append(self.apparatus.mark(note, numbers[note.id]))
            for c in claims.pop(i, []):
                out.append(self.dossier.mark(c))
        for note in marks.pop(len(text), []):  # an anchor at the very end, when the text ends in a span
            out.append(self.apparatus.mark(note, numbers[note.id]))
        for c in claims.pop(len(text), []):
            out.append(self.dossier.mark(c))
        return out

    def _name(self, m: Mention, first: bool, page: str) -> etree._Element:
        """A name as printed: a link to its entry where the linking policy links it (_links), marked only after."""
        e = self.entities[m.entity]
        classes = ["ed-name", "ed-garbled"] if m.garbled else ["ed-name"]
        if not first:
            classes[0] = "ed-name-again"
            el = E("span", m.text, class_=" ".join(classes))
        else:
            tip = self.tooltips[m.entity]
            if m.garbled:
                tip = f"{name_head(self.ed, e)}. {self.labels['tooltip_garbled'].format(form=m.text)} {self.summaries[e.id]}"
            el = E("a", m.text, class_=" ".join(classes), href=href(page, entity_path(m.entity)), title=tooltip(tip))
        if m.garbled:
            el.set("data-reg", e.short_name)  # shown by CSS (attr()) in the normalised view, as text
        return el

    # -- a section ------------------------------------------------------------------------------------------
    def body(self, s: Section, idx: int) -> list:
        """A section's HTML under its heading: the same on its own page and on the whole text's (both in text/)."""
        if s.slug in self._bodies:
            return self._bodies[s.slug]
        L, page = self.labels, section_path(s)
        mates = [x for x in self.ed.sections if x.part == s.part]
        where = para_range(L, s.first, s.last) + " · " + L["document_of" if s.part else "section_of"].format(
            index=mates.index(s) + 1, count=len(mates))
        out: list = [E("p", where, class_="ed-range ed-editorial")]
        source = self.ed.source_of(s.first)
        if s.part and self.dossier and s.first == source.first:
            out += self.dossier.document_header(source, page)
        elif s.summary:
            out.append(E("p", s.summary, class_="ed-summary ed-editorial"))
        notes: list[Note] = []
        section_linked: set[str] = set()
        for p in self.ed.paragraphs[s.first - 1: s.last]:
            lang = self.text_lang[p.source]
            out += self._headings(p.n, False, lang, source)
            mine = notes_in_order(p, self.ed.gap_marker, self.mentions_in[p.n], self.notes_in[p.n], self.ed.gap_escape)
            numbers = {n.id: len(notes) + i + 1 for i, n in enumerate(mine)}
            para = self.paragraph(p, numbers, page, section_linked)
            beside = [self.apparatus.sidenote(n, numbers[n.id], page) for n in mine]
            below, margin = [], []
            if beside:
                margin.append(E("div", *beside, class_="ed-sidenotes"))
            if self.dossier:
                below = [self.dossier.translation(p.n, source), self.dossier.backlinks(p.n, page)]
                claims = [self.dossier.box(c, page) for c in self.dossier.claims_in(p.n)]
                if claims:  # beside the notes on a wide screen; below the paragraph otherwise, and in print
                    margin.append(E("div", *claims, class_="ed-claims"))
            below = [b for b in below if b is not None]
            if not margin and not below:
                out.append(para)
            else:
                # The margin comes first, floated beside the text on a wide screen, so that a long note never
                # stretches its paragraph; on a narrow screen and in print it follows the paragraph.
                # The words of the button that unfolds a long note where the page script folds it (edition.js).
                aside = E("aside", *margin, class_="ed-margin", aria_label=f"{L['margin_of']} {p.n}",
                          data_ed_more=L["margin_more"], data_ed_less=L["margin_less"],
                          data_ed_rest=L["margin_rest"]) if margin else None
                out.append(E("div", aside, para, *below, class_="ed-unit"))
            notes += mine
            out += self._headings(p.n, True, lang, source)
        # What a printout carries to be cited: the section's citation, as of the day the edition was built.
        cite = self.citations.printed(s, page_url(page), build_date())
        out.append(E("p", f"{L['print_cite']} ", *runs(cite), class_="ed-print-cite"))
        out.append(self.apparatus.footnotes(notes, page))
        self._bodies[s.slug] = [b for b in out if b is not None]
        return self._bodies[s.slug]

    def _headings(self, n: int, after: bool, lang: str, source) -> list:
        """The headings of the source before paragraph n (or closing its text after it): the text's own words, not
        numbered; each with the edition's translation where the text has one."""
        out = []
        for k, h in enumerate(self.headings[(n, after)], start=1):
            out.append(E("h2" if not after else "p", h.text, id=heading_id(n, k, after),
                         class_="ed-source-heading" + (" ed-source-closing" if after else ""),
                         lang=lang if lang != self.ed.apparatus_language else None))
            if self.dossier:
                out.append(self.dossier.heading_translation(n, after, k, source))
        return [o for o in out if o is not None]

    def section_page(self, s: Section, idx: int) -> Page:
        page = section_path(s)
        out = Page(s.title, description=s.summary or s.title, hide=["toc"], **self.section_meta(s))
        out.heading(1, s.title, section_anchor(s.slug))
        return out.add(self.view_switch([s]), *self.body(s, idx))

    def view_switch(self, sections: list[Section]) -> etree._Element | None:
        """The choice of reading view, where the sections have a garbled name to normalise. It is in the
        page from the start, so that nothing moves when the page script wires it (views.js); the style sheet hides
        it where no script runs."""
        if not any(m.garbled for s in sections for n in range(s.first, s.last + 1) for m in self.mentions_in[n]):
            return None
        L = self.labels
        buttons = [E("button", L[word], type="button", data_view=view, aria_pressed="true" if view == "printed"
                     else "false") for view, word in (("printed", "view_printed"), ("normalised", "view_normalised"))]
        return E("div", *buttons, class_="ed-view-switch ed-editorial", role="group", aria_label=L["reading_view"])

    def section_meta(self, s: Section) -> dict:
        """What the page template needs beyond the text: citation tags and the Cite panel's data (JSON of a dict,
        which the template escapes into an attribute)."""
        page = section_path(s)
        url = self.ed.site_url + page_url(page)
        return {"edition_meta": self.highwire(s, url),
                "edition_cite": json_attr(self.citations.section(s, page_url(page)))}

    def highwire(self, s: Section, url: str) -> list[list[str]]:
        """Highwire Press tags that reference managers (Zotero, Mendeley) read from a text page."""
        ed, info, L = self.ed, self.ed.citation, self.labels
        own = ed.source_of(s.first).author  # a document of the record names its own author
        author, inverted = own or ed.author.name, own or ed.author.sort_as or ed.author.name
        return [["citation_title", s.title], ["citation_author", inverted],
                *[["citation_editor", e] for e in info.editors], ["citation_inbook_title", ed.title],
                ["citation_publication_date", str(info.issued)], ["citation_publisher", info.publisher],
                ["citation_fulltext_html_url", url], ["citation_language", self.text_lang[ed.source_of(s.first).id]],
                ["citation_firstpage", para_range(L, s.first, s.first)], ["citation_lastpage", para_range(L, s.last, s.last)],
                ["DC.creator", author], ["DC.contributor", ", ".join(info.editors)],
                ["DC.type", "Text"]]

    def contents_page(self) -> Page:
        L, page = self.labels, CONTENTS_PATH
        out = Page(L["contents_title"]).heading(1, L["contents_title"])
        rows = [E("tr", E("td", E("a", s.title, href=href(page, section_path(s)))),
                  E("td", para_range(L, s.first, s.last))) for s in self.ed.sections if not s.part]
        return out.add(E("table", E("thead", E("tr", E("th", L["contents_section"]), E("th", L["contents_paragraphs"]))),
                         E("tbody", *rows)))

    def whole_text_page(self) -> Page:
        """The whole edition on one page, for print and PDF: each section's HTML as on its own page."""
        L = self.labels
        out = Page(L["whole_title"], description=L["whole_description"].format(title=self.ed.title))
        out.heading(1, self.ed.title)
        out.add(self.view_switch([s for s in self.ed.sections if not s.part]))
        if self.ed.subtitle:
            out.add(E("p", self.ed.subtitle, class_="ed-summary"))
        out.add(E("p", L["whole_hint"], class_="ed-print-hint ed-editorial"))
        for i, s in enumerate(self.ed.sections):
            if s.part:  # the texts of a part (the record) have pages of their own
                continue
            out.heading(2, s.title, section_anchor(s.slug))
            out.add(*self.body(s, i))
        return out


__all__ = ["TextPages", "para_range", "name_head", "WHOLE_TEXT_PATH"]
