"""The apparatus as HTML: editorial prose with its paragraph references linked, citations of the bibliography,
editorial notes (beside the text and at its end), and the Bibliography page."""
from __future__ import annotations

import copy
import re

from lxml import etree

from .. import prose
from ..annotate.spans import escaped_spans, gap_spans
from ..cite import csl_runs
from ..cite.csl import ApparatusCitations
from ..escape import tooltip
from ..model import Cite, Edition, Note
from ..paths import (section_path, BIBLIOGRAPHY_PATH, bib_id, footnote_id, footnote_ref_id, href, paragraph_id, sidenote_id,
                     text_path)
from .html import E, Page, append, runs

GAP_MARK = "[…]"  # where the text's gap marker stands

# "¶27", "¶ 27", "¶27–29" in editorial prose.
PARAGRAPH_REF = re.compile(r"¶\s?(\d+)(?:[–-](\d+))?")
_NOT_LINKED = {"a", "code", "pre"}
SITE_PAGE = re.compile(r"^(?P<page>[^#]+\.md)(?:#(?P<anchor>.*))?$")


class Apparatus:
    def __init__(self, ed: Edition):
        self.ed = ed
        self.labels = ed.labels
        self.citations = ApparatusCitations(ed)
        self.paragraph_count = len(ed.paragraphs)

    # -- links ------------------------------------------------------------------------------------------------
    def paragraph_href(self, page: str, n: int) -> str:
        return href(page, section_path(self.ed.section_of(n)), paragraph_id(n))

    # -- lost words -------------------------------------------------------------------------------------------
    def gap(self) -> etree._Element:
        """The mark of lost words (the text's gap marker), with its explanation as a tooltip."""
        return E("span", GAP_MARK, class_="ed-gap ed-editorial", title=tooltip(self.labels["gap"]), tabindex="0")

    def with_gaps(self, text: str) -> list:
        """A line of the edition's own (a translation) with its gap markers shown as the text's are."""
        ed, out, i = self.ed, [], 0
        spans = {s: (e, self.gap) for s, e in gap_spans(text, ed.gap_marker, ed.gap_escape)}
        spans.update({s: (e, lambda: ed.gap_marker) for s, e in escaped_spans(text, ed.gap_marker, ed.gap_escape)})
        for start in sorted(spans):
            end, make = spans[start]
            out += [text[i:start], make()]
            i = end
        return out + [text[i:]]

    # -- editorial prose --------------------------------------------------------------------------------------
    def prose(self, text: str, page: str) -> list[etree._Element]:
        """Editorial Markdown as block elements, each paragraph reference linked to its paragraph and each link to
        a page of the site made relative to this page."""
        root = prose.fragment(text)
        for a in root.iter("a"):
            m = SITE_PAGE.match(a.get("href", ""))
            if m:
                a.set("href", href(page, m["page"], m["anchor"] or ""))
        self._link_refs(root, page)
        return list(root)

    def prose_inline(self, text: str, page: str) -> list:
        """Editorial prose of one paragraph as inline content (its text and elements); prose of several paragraphs
        keeps them as blocks."""
        blocks = self.prose(text, page)
        if len(blocks) == 1 and blocks[0].tag == "p":
            p = blocks[0]
            return ([p.text] if p.text else []) + list(p)
        return blocks

    def _link_refs(self, el: etree._Element, page: str) -> None:
        if el.tag in _NOT_LINKED:
            return
        for child in list(el):
            self._link_refs(child, page)
            if child.tail:
                tail, child.tail = child.tail, None
                pieces = self._split(tail, page)
                at = el.index(child)
                self._insert_after(el, at, pieces)
        if el.text:
            text, el.text = el.text, None
            pieces = self._split(text, page)
            first = pieces.pop(0) if pieces and isinstance(pieces[0], str) else ""
            el.text = first or None
            self._insert_after(el, -1, pieces)

    @staticmethod
    def _insert_after(el, at: int, pieces: list) -> None:
        """Text and elements placed after child `at` (-1: at the start)."""
        for piece in pieces:
            if isinstance(piece, str):
                if at < 0:
                    el.text = (el.text or "") + piece
                else:
                    el[at].tail = (el[at].tail or "") + piece
            else:
                at += 1
                el.insert(at, piece)

    def _split(self, text: str, page: str) -> list:
        out, i = [], 0
        for m in PARAGRAPH_REF.finditer(text):
            n = int(m[1])
            if not 1 <= n <= self.paragraph_count:
                continue
            out.append(text[i:m.start()])
            out.append(E("a", m[0], href=self.paragraph_href(page, n)))
            i = m.end()
        out.append(text[i:])
        return [p for p in out if not isinstance(p, str) or p]

    # -- citations -------------------------------------------------------------------------------------------
    def cite(self, c: Cite, page: str) -> list:
        """One citation, linked to its work on the Bibliography page, with what it supports."""
        a = E("a", runs(self.citations.cite(c.work, c.at)), href=href(page, BIBLIOGRAPHY_PATH, bib_id(c.work)))
        return [a, f" ({c.says})"] if c.says else [a]

    def sources(self, cites, page: str) -> list:
        out: list = []
        for i, c in enumerate(cites):
            if i:
                out.append("; ")
            out += self.cite(c, page)
        return out

    # -- notes ------------------------------------------------------------------------------------------------
    def note_blocks(self, note: Note, page: str) -> list[etree._Element]:
        """A note's content: its type (and kind), the quotation of the source's original, its prose, its sources."""
        kind = self.ed.note_types[note.type]
        head: list = [E("em", f"{kind.label}."), " "]
        if note.kind:
            head.append(f"{kind.kinds[note.kind]}: ")
        if note.quote:
            quote = E("span", note.quote, class_="ed-original", lang=self.ed.original_language or None)
            head += [f"{self.labels['note_quote']} “", quote, f"” ({note.rendering}). "]
        blocks = self.prose(note.text, page)
        if blocks and blocks[0].tag == "p":
            first = blocks[0]
            lead = E("p")
            append(lead, *head)
            append(lead, first.text or "", *list(first))
            blocks[0] = lead
        else:
            blocks.insert(0, E("p", *head))
        if note.sources:
            word = self.labels["note_source" if len(note.sources) == 1 else "note_sources"]
            blocks.append(E("p", f"{word}: ", *self.sources(note.sources, page), "."))
        return blocks

    def sidenote(self, note: Note, number: int, page: str) -> etree._Element:
        """The note beside its paragraph (wide screens), with the number its mark shows."""
        blocks = self.note_blocks(note, page)
        first = blocks[0]
        first.insert(0, E("span", str(number), class_="ed-sidenote-num"))
        first[0].tail = " " + (first.text or "")
        first.text = None
        return E("div", *blocks, class_="ed-sidenote", id=sidenote_id(note.id))

    def footnotes(self, notes: list[Note], page: str) -> etree._Element | None:
        """The notes at the end of the text, as Python-Markdown writes footnotes (Material's footnote tooltips and
        print styles know them)."""
        if not notes:
            return None
        ol = E("ol")
        for i, note in enumerate(notes, start=1):
            blocks = self.note_blocks(note, page)
            back = E("a", "\u21a9\ufe0e", class_="footnote-backref", href=f"#{footnote_ref_id(note.id)}",
                     title=self.labels["footnote_back"].format(n=i))
            append(blocks[-1], " ", back)
            ol.append(E("li", *blocks, id=footnote_id(note.id)))
        return E("div", E("hr"), ol, class_="footnote")

    @staticmethod
    def mark(note: Note, number: int) -> etree._Element:
        """A note's mark in the text."""
        return E("sup", E("a", str(number), class_="footnote-ref", href=f"#{footnote_id(note.id)}"),
                 id=footnote_ref_id(note.id))

    # -- the Bibliography page --------------------------------------------------------------------------------
    def bibliography_page(self) -> Page:
        L, page = self.labels, BIBLIOGRAPHY_PATH
        out = Page(L["bibliography_title"], description=L["bibliography_intro"])
        out.heading(1, L["bibliography_title"]).add(E("p", L["bibliography_intro"]))
        entries = self.citations.entries()
        for kind, heading in self.ed.bibliography.kinds.items():
            mine = [(w, rs) for w, rs in entries if w.kind == kind]
            if not mine:
                continue
            out.heading(2, heading)
            out.add(E("ul", *[E("li", *_entry(rs, w.url), id=bib_id(w.key)) for w, rs in mine], class_="ed-bibliography"))
        return out


def _entry(rs: list[csl_runs.Run], url: str | None) -> list:
    """A bibliography entry, its web address a link."""
    content = runs(rs)
    if not url:
        return content
    out: list = []
    linked = False
    for piece in content:
        if not linked and isinstance(piece, str) and url in piece:
            before, _, after = piece.partition(url)
            out += [before, E("a", url, href=url), after]
            linked = True
        else:
            out.append(piece)
    return out


def clone(el: etree._Element) -> etree._Element:
    return copy.deepcopy(el)
