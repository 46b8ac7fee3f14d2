"""The reading text: a page per section with its numbered paragraphs and notes, the contents, the whole text."""
from __future__ import annotations

import json
from collections import defaultdict

from .citations import CitationTemplates
from . import csl_runs
from .markdown_text import escape, escape_inline, inline_markdown, notes_in_order, paragraph_block
from .model import Edition, Mention, Note, Paragraph, Section
from .render_apparatus import Apparatus
from .site_paths import build_date, front_matter, page_url, rel, section_path


def para_range(labels: dict, first: int, last: int) -> str:
    return labels["paragraph_range_one"].format(first=first) if first == last else \
        labels["paragraph_range"].format(first=first, last=last)


class TextPages:
    def __init__(self, ed: Edition, apparatus: Apparatus, site_url: str):
        self.ed = ed
        self.labels = ed.labels
        self.apparatus = apparatus
        self.site_url = site_url
        self.citations = CitationTemplates(ed, site_url)
        self.mentions_in: dict[int, list[Mention]] = defaultdict(list)
        for m in ed.mentions:
            self.mentions_in[m.paragraph].append(m)
        self.notes_in: dict[int, list[Note]] = defaultdict(list)
        for n in ed.notes:
            self.notes_in[n.paragraph].append(n)
        self.headings: dict[int, list] = defaultdict(list)
        for h in ed.headings:
            self.headings[h.before].append(h)

    def paragraph_md(self, p: Paragraph) -> str:
        return paragraph_block(p, inline_markdown(p, self.ed.gap_marker, self.mentions_in[p.n], self.notes_in[p.n],
                                                  self.ed.gap_escape))

    def section_meta(self, s: Section) -> dict:
        """What the page template needs beyond the Markdown: citation tags and the Cite panel's data (JSON of a
        dict, which the template escapes into an attribute). Handed to MkDocs by the hook rather than written as
        front matter, which MkDocs parses in pure Python."""
        page = section_path(s)
        return {"edition_meta": self.highwire(s, self.site_url + page_url(page)),
                "edition_cite": json.dumps(self.citations.section(s, page_url(page)), ensure_ascii=False)}

    def section_page(self, s: Section, idx: int) -> str:
        L = self.labels
        where = para_range(L, s.first, s.last) + " · " + L["section_of"].format(index=idx + 1, count=len(self.ed.sections))
        # The heading's id is the section's slug: two sections of the same title stay two anchors on the whole text.
        # Indexed paragraph by paragraph (search_entries); no table of contents beside the text, whose margin holds
        # the notes.
        out = [front_matter(s.title, description=s.summary or s.title, search={"exclude": True}, hide=["toc"]),
               f"# {escape(s.title)} {{: #{s.slug} }}", "",
               f"{escape(where)}\n{{: .ed-range .ed-editorial }}", ""]
        if s.summary:
            out += [f"{escape(s.summary)}\n{{: .ed-summary .ed-editorial }}", ""]
        notes: list[Note] = []
        for p in self.ed.paragraphs[s.first - 1: s.last]:
            for k, h in enumerate(self.headings[p.n]):  # a heading of the source: the text's own, not numbered
                out += [f"## {escape(h.text)} {{: #h{p.n}-{k + 1} .ed-source-heading }}", ""]
            mine = notes_in_order(p, self.ed.gap_marker, self.mentions_in[p.n], self.notes_in[p.n], self.ed.gap_escape)
            if not mine:
                out += [self.paragraph_md(p), ""]
            else:  # the paragraph and its notes side by side on a wide screen; footnotes at the end otherwise
                out += ['<div class="ed-unit" markdown>', "", self.paragraph_md(p), "",
                        '<div class="ed-sidenotes" markdown>', ""]
                out += [self.apparatus.sidenote_md(n, len(notes) + i + 1) + "\n" for i, n in enumerate(mine)]
                out += ["</div>", "", "</div>", ""]
            notes += mine
        # What a printout carries to be cited: the section's citation, as of the day the edition was built.
        cite = self.citations.printed(s, page_url(section_path(s)), build_date())
        out += [f"{escape_inline(self.labels['print_cite'])} {csl_runs.markdown(cite)}", "{: .ed-print-cite }", ""]
        out += [self.apparatus.note_md(n) for n in notes]
        return "\n".join(out) + "\n"

    def highwire(self, s: Section, url: str) -> list[list[str]]:
        """Highwire Press tags that reference managers (Zotero, Mendeley) read from a text page."""
        ed, info, L = self.ed, self.ed.citation, self.labels
        author = ed.source_of(s.first).author or ed.author
        return [["citation_title", s.title], ["citation_author", author], ["citation_inbook_title", ed.title],
                ["citation_publication_date", str(info.issued)], ["citation_publisher", info.publisher],
                ["citation_fulltext_html_url", url], ["citation_language", ed.language],
                ["citation_firstpage", para_range(L, s.first, s.first)], ["citation_lastpage", para_range(L, s.last, s.last)],
                ["DC.creator", author], ["DC.contributor", ", ".join(info.editors)],
                ["DC.type", "Text"]]

    def contents_page(self) -> str:
        L = self.labels
        out = [front_matter(L["contents_title"]), f"# {escape(L['contents_title'])}", "",
               f"| {escape(L['contents_section'])} | {escape(L['contents_paragraphs'])} |", "| --- | --- |"]
        for s in self.ed.sections:
            out.append(f"| [{escape(s.title)}]({rel('contents.md', section_path(s))}) | "
                       f"{escape(para_range(L, s.first, s.last))} |")
        return "\n".join(out) + "\n"

    def whole_text_page(self) -> str:
        """The whole edition on one page, for print and PDF. Only its head is Markdown: the hook appends each
        section page's rendered content, so the text is converted once and prints exactly as it reads."""
        L = self.labels
        out = [front_matter(L["whole_title"], description=L["whole_description"].format(title=self.ed.title),
                            search={"exclude": True}),
               f"# {escape(self.ed.title)}", ""]
        if self.ed.subtitle:
            out += [f"{escape(self.ed.subtitle)}\n{{: .ed-summary }}", ""]
        out += [f"{escape(L['whole_hint'])}\n{{: .ed-print-hint .ed-editorial }}"]
        return "\n".join(out) + "\n"
