"""The apparatus in Markdown: citations of the bibliography, editorial notes, editorial prose with its
paragraph references linked, and the Bibliography page."""
from __future__ import annotations

import re
import textwrap
import xml.etree.ElementTree as etree

from . import csl_runs
from .apparatus_citations import ApparatusCitations
from .markdown_text import escape, escape_inline
from .model import Cite, Edition, Note
from .site_paths import BIBLIOGRAPHY_PATH, fragment, front_matter, section_path

# "¶27", "¶ 27", "¶27–29" in editorial prose; not inside a link's text, whose brackets are not closed yet.
PARAGRAPH_REF = re.compile(r"¶\s?(\d+)(?:[–-](\d+))?")


def bib_id(key: str) -> str:
    # Prefixed: a work's key may look like a paragraph anchor ("p5"), which only the text may carry.
    return f"bib-{key}"


class Apparatus:
    def __init__(self, ed: Edition):
        self.ed = ed
        self.labels = ed.labels
        self.citations = ApparatusCitations(ed)
        self.paragraph_count = len(ed.paragraphs)

    # -- citations -------------------------------------------------------------------------------------------
    def cite_md(self, c: Cite) -> str:
        """One citation as a Markdown link to its work on the Bibliography page (absolute from docs/, which
        MkDocs makes relative and checks)."""
        text = csl_runs.markdown(self.citations.cite(c.work, c.at))
        out = f"[{text}](/{BIBLIOGRAPHY_PATH}#{bib_id(c.work)})"
        return out + (f" ({escape_inline(c.says)})" if c.says else "")

    def sources_md(self, cites: tuple[Cite, ...]) -> str:
        return "; ".join(self.cite_md(c) for c in cites)

    # -- editorial prose --------------------------------------------------------------------------------------
    def prose(self, text: str) -> str:
        """Editorial Markdown with each paragraph reference linked to its paragraph."""
        def link(m: re.Match) -> str:
            before = text[:m.start()]
            if before.rfind("[") > before.rfind("]"):  # inside a link's text: leave it
                return m[0]
            first = int(m[1])
            if not 1 <= first <= self.paragraph_count:
                return m[0]
            return f"[{m[0]}](/{section_path(self.ed.section_of(first))}#p{first})"
        return PARAGRAPH_REF.sub(link, text)

    # -- notes ------------------------------------------------------------------------------------------------
    def note_md(self, note: Note) -> str:
        """A note as a Markdown footnote. A footnote's further lines are indented, so prose of several paragraphs
        stays in its note."""
        first, _, rest = self.note_body(note).partition("\n")
        return f"[^{note.id}]: {first}" + ("\n" + textwrap.indent(rest, "    ", lambda line: True) if rest else "")

    def sidenote_md(self, note: Note, number: int) -> str:
        """The same note beside its paragraph (wide screens; mkdocs.yml enables md_in_html), with the number its
        footnote mark shows."""
        num = etree.Element("span", {"class": "ed-sidenote-num"})
        num.text = str(number)
        return "\n".join([f'<div class="ed-sidenote" id="sn-{note.id}" markdown>', "",
                          f"{fragment(num)} {self.note_body(note)}", "", "</div>"])

    def note_body(self, note: Note) -> str:
        """A note's Markdown: its type (and kind), the quotation of the source text, its prose, its sources."""
        kind = self.ed.note_types[note.type]
        head = f"*{escape_inline(kind.label)}.*"
        if note.kind:
            head += f" {escape_inline(kind.kinds[note.kind])}:"
        parts = [head]
        if note.chinese:
            parts.append(f"{escape_inline(self.labels['note_quote'])} "
                         f"{self._quoted(note.chinese)} ({escape_inline(note.rendering)}).")
        body = " ".join(parts) + " " + self.prose(note.text)
        if note.sources:
            word = self.labels["note_source" if len(note.sources) == 1 else "note_sources"]
            body += f"\n\n{escape_inline(word)}: {self.sources_md(note.sources)}."
        return body

    def _quoted(self, quotation: str) -> str:
        """A quotation of the text the translation was made from, marked with its language (screen readers, fonts)."""
        span = etree.Element("span", {"class": "ed-original"})
        if self.ed.original_language:
            span.set("lang", self.ed.original_language)
        span.text = quotation
        return "“" + fragment(span) + "”"

    # -- the Bibliography page --------------------------------------------------------------------------------
    def bibliography_page(self) -> str:
        L = self.labels
        out = [front_matter(L["bibliography_title"], description=L["bibliography_intro"]),
               f"# {escape(L['bibliography_title'])}", "", escape(L["bibliography_intro"]), ""]
        entries = self.citations.entries()
        for kind, heading in self.ed.bibliography.kinds.items():
            mine = [(w, rs) for w, rs in entries if w.kind == kind]
            if not mine:
                continue
            out += [f"## {escape(heading)}", ""]
            for w, rs in mine:
                out += [f"- {_entry_md(rs, w.url)}", f"    {{: #{bib_id(w.key)} }}"]
            out.append("")
        return "\n".join(out) + "\n"


def _entry_md(rs: list[csl_runs.Run], url: str) -> str:
    """A bibliography entry in Markdown, its web address a link (an autolink: the address may hold parentheses)."""
    md = csl_runs.markdown(rs)
    if url:
        shown = escape_inline(url)
        if shown in md:
            md = md.replace(shown, f"<{url}>", 1)
    return md
