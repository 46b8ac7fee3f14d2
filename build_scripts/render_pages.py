"""Render the edition model into Markdown pages (path -> text) and the navigation, in reading order."""
from __future__ import annotations

import html
import json
import posixpath
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from .citations import CitationTemplates
from .downloads import download_files
from .render_chronology import chronology_page
from .render_journey import journey_page
from .markdown_text import escape, inline_markdown
from .model import WHOLE_TEXT_SLUG, Edition, Entity, Mention, Note, Paragraph, Section
from .permanence import page_url

KIND_PAGES = {  # kind -> (index page slug, index title)
    "person": ("people", "People"),
    "treaty": ("treaties", "Treaties and agreements"),
    "organisation": ("organisations", "Organisations"),
    "place": ("places", "Places"),
    "event": ("events", "Events"),
    "work": ("works", "Works"),
}


@dataclass
class Site:
    pages: dict[str, str] = field(default_factory=dict)  # docs-relative path -> Markdown (or a static file)
    nav: list = field(default_factory=list)  # MkDocs nav structure
    page_for_paragraph: dict[int, str] = field(default_factory=dict)
    downloads: list[tuple[str, str]] = field(default_factory=list)  # (label, site path) for every page's footer
    names: dict[str, dict[str, str]] = field(default_factory=dict)  # entity id -> what a name in the text links to
    # page -> the section pages whose rendered content it gathers, in reading order (mkdocs_hooks.on_page_context)
    gathers: dict[str, list[str]] = field(default_factory=dict)
    page_meta: dict[str, dict] = field(default_factory=dict)  # page -> merged into its meta (mkdocs_hooks.on_page_markdown)


def text_path(slug: str) -> str:
    return f"text/{slug}.md"


def section_path(s: Section) -> str:
    return text_path(s.slug)


WHOLE_TEXT_PATH = text_path(WHOLE_TEXT_SLUG)  # beside the sections, whose rendered HTML it reuses


def entity_path(entity_id: str) -> str:
    return f"entities/{entity_id}.md"


def kind_path(kind: str) -> str:
    return f"glossary/{KIND_PAGES[kind][0]}.md"


def rel(from_page: str, to_page: str) -> str:
    return posixpath.relpath(to_page, posixpath.dirname(from_page))


_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def front_matter(title: str, **extra) -> str:
    meta = yaml.dump({"title": title, **extra}, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**6)
    return f"---\n{meta}---\n"


@lru_cache(maxsize=None)  # an entry's concordance links to thousands of paragraphs at scale, a few pages each
def url_link(from_page: str, to_url: str) -> str:
    """A link between pages in raw HTML, which MkDocs does not rewrite: directory URL to directory URL."""
    start = page_url(from_page).rstrip("/") or "."
    path = posixpath.relpath(to_url.rstrip("/") or ".", start)
    return "./" if path == "." else path + "/"


def para_range(first: int, last: int) -> str:
    return f"¶ {first}" if first == last else f"¶ {first}–{last}"


class Renderer:
    def __init__(self, ed: Edition, site_url: str):
        self.ed = ed
        self.site_url = site_url.rstrip("/") + "/"
        self.citations = CitationTemplates(ed, self.site_url)
        self.entities = {e.id: e for e in ed.entities}
        self.mentions_in: dict[int, list[Mention]] = defaultdict(list)
        self.mentions_of: dict[str, list[Mention]] = defaultdict(list)
        for m in ed.mentions:
            self.mentions_in[m.paragraph].append(m)
            self.mentions_of[m.entity].append(m)
        self.notes_in: dict[int, list[Note]] = defaultdict(list)
        for n in ed.notes:
            self.notes_in[n.paragraph].append(n)
        self.related: dict[str, set[str]] = defaultdict(set)
        for e in ed.entities:  # related entries link both ways
            for r in e.related:
                self.related[e.id].add(r)
                self.related[r].add(e.id)

    # -- the reading text -------------------------------------------------
    def paragraph_md(self, p: Paragraph) -> str:
        body = inline_markdown(p, self.ed.gap_marker, self.mentions_in[p.n], self.notes_in[p.n])
        marker = f"¶{p.n}{{figure}}" if p.kind == "caption" else f"¶{p.n}"
        return f"{marker} {body}"

    def note_md(self, note: Note) -> str:
        label = self.ed.labels["note_types"][note.type]
        text = " ".join(note.text.split())
        src = "; ".join(f"[{escape(s.title)}]({s.url})" + (f", {escape(s.publisher)}" if s.publisher else "")
                        for s in note.sources)
        src = f" Source: {src}." if src else ""
        return f"[^{note.id}]: *{label}.* {text}{src}"

    def section_meta(self, s: Section) -> dict:
        """What the page template needs beyond the Markdown: citation tags and the Cite panel's data.
        Handed to MkDocs by the hook rather than written as front matter, which MkDocs parses in pure Python."""
        page = section_path(s)
        return {"edition_meta": self.highwire(s, self.site_url + page_url(page)),
                "edition_cite": json.dumps(self.citations.section(s, page_url(page)), ensure_ascii=False)}

    def section_page(self, s: Section, idx: int) -> str:
        out = [front_matter(s.title, description=s.summary or s.title,
                            search={"exclude": True}),  # indexed paragraph by paragraph (search_entries)
               f"# {escape(s.title)}", "",
               f"{para_range(s.first, s.last)} · section {idx + 1} of {len(self.ed.sections)}"
               "\n{: .ed-range .ed-editorial }", ""]
        if s.summary:
            out += [f"{s.summary}\n{{: .ed-summary .ed-editorial }}", ""]
        notes: list[Note] = []
        for p in self.ed.paragraphs[s.first - 1: s.last]:
            out += [self.paragraph_md(p), ""]
            notes += self.notes_in[p.n]
        out += [self.note_md(n) for n in notes]
        return "\n".join(out) + "\n"

    def highwire(self, s: Section, url: str) -> list[list[str]]:
        """Highwire Press tags that reference managers (Zotero, Mendeley) read from a text page."""
        ed, info = self.ed, self.ed.citation
        return [["citation_title", s.title], ["citation_author", ed.author], ["citation_inbook_title", ed.title],
                ["citation_publication_date", str(info.issued)], ["citation_publisher", info.publisher],
                ["citation_fulltext_html_url", url], ["citation_language", ed.language],
                ["citation_firstpage", f"¶ {s.first}"], ["citation_lastpage", f"¶ {s.last}"],
                ["DC.creator", ed.author], ["DC.contributor", ", ".join(info.editors)],
                ["DC.type", "Text"]]

    def contents_page(self) -> str:
        out = [front_matter("Contents"), "# Contents", "",
               "| Section | Paragraphs |", "| --- | --- |"]
        for s in self.ed.sections:
            out.append(f"| [{escape(s.title)}]({rel('contents.md', section_path(s))}) | {para_range(s.first, s.last)} |")
        return "\n".join(out) + "\n"

    # -- the glossary -----------------------------------------------------
    def kwic(self, m: Mention, width: int = 60) -> tuple[str, str, str]:
        """The mention in context: some words before, the name as printed, some words after."""
        text = self.ed.paragraphs[m.paragraph - 1].text
        left, right = text[max(0, m.start - width): m.start], text[m.end: m.end + width]
        if m.start > width:
            left = "…" + left.split(" ", 1)[-1]
        if m.end + width < len(text):
            right = right.rsplit(" ", 1)[0] + "…"
        return left, m.text, right

    def concordance(self, page: str, e: Entity) -> str:
        """Every mention of the entity in context, one line each, linked to its paragraph.

        Raw HTML, with links written as MkDocs writes them (directory URLs): an entity named in hundreds of
        paragraphs would otherwise cost more in Markdown's list and inline parsing than all the rest of its entry."""
        items = []
        for m in self.mentions_of[e.id]:
            left, name, right = (html.escape(t, quote=False) for t in self.kwic(m))
            items.append(f'<li><a href="{self.paragraph_link(page, m.paragraph)}">¶ {m.paragraph}</a> — '
                         f"{left}<strong>{name}</strong>{right}</li>")
        return '<ul class="ed-mentions">\n' + "\n".join(items) + "\n</ul>" if items else ""

    def entity_page(self, e: Entity) -> str:
        page = entity_path(e.id)
        kind_title = KIND_PAGES[e.kind][1]
        out = [front_matter(e.name, description=e.summary), f"# {escape(e.name)}", ""]
        if e.native_name and e.native_name != e.name:
            out += [f'<p class="ed-native" lang="{e.native_lang}">{escape(e.native_name)}</p>', ""]
        facts = [f"[{kind_title}]({rel(page, kind_path(e.kind))})"]
        if e.dates:
            facts.append(escape(e.dates))
        out += [" · ".join(facts) + "\n{: .ed-facts }", "", f"**{escape(e.summary)}**", ""]
        if e.offices:
            out += ["Offices:", ""] + [f"- {escape(o)}" for o in e.offices] + [""]
        out += [e.entry.strip(), ""]
        if e.certainty != "certain":
            out += [f'!!! warning "Identification {e.certainty}"', "", f"    {e.certainty_note.strip()}", ""]
        forms = []
        for f in e.forms:
            forms.append(f"*{escape(f.text)}*" + (" (garbled)" if f.garbled else ""))
        if e.alt_names:
            out += ["Also written: " + ", ".join(escape(a) for a in e.alt_names), ""]
        # Lists that repeat other entries' or paragraphs' words stay out of the search index.
        no_search = " { data-search-exclude }"
        named = ("Named in this translation as " + ", ".join(forms) + ".") if forms else \
            "Not named in this translation under a form of its own (see the related entries)."
        out += ["## In the text" + no_search, "", named, ""]
        out += [self.concordance(page, e), ""]
        if self.related[e.id]:
            out += ["## Related entries" + no_search, ""]
            for r in sorted(self.related[e.id], key=lambda i: self.entities[i].name):
                out.append(f"- [{escape(self.entities[r].name)}]({rel(page, entity_path(r))}) — {escape(self.entities[r].summary)}")
            out.append("")
        out += ["## Sources and identifiers" + no_search, ""]
        if e.wikidata:
            ws = e.wikidata_source
            out.append(f"- Wikidata: [{e.wikidata}](https://www.wikidata.org/wiki/{e.wikidata})"
                       f" (identifier checked against [{escape(ws.title)}]({ws.url}))")
        for src in e.sources:
            out.append(f"- [{escape(src.title)}]({src.url})" + (f", {escape(src.publisher)}" if src.publisher else ""))
        return "\n".join(out) + "\n"

    def kind_page(self, kind: str) -> str:
        page = kind_path(kind)
        title = KIND_PAGES[kind][1]
        out = [front_matter(title), f"# {title}", "", "| Name | Dates | Identification | Mentions |", "| --- | --- | --- | --- |"]
        for e in sorted((e for e in self.ed.entities if e.kind == kind), key=lambda e: e.name):
            out.append(f"| [{escape(e.name)}]({rel(page, entity_path(e.id))}) | {escape(e.dates)} | "
                       f"{escape(e.summary)} | {len(self.mentions_of[e.id])} |")
        return "\n".join(out) + "\n"

    def glossary_index(self, kinds: list[str]) -> str:
        out = [front_matter("Glossary"), "# Glossary", "",
               "Every person, treaty, organisation, place, event and work that the text names, "
               "under the standard name, with each place the translation mentions it.", ""]
        for kind in kinds:
            n = sum(1 for e in self.ed.entities if e.kind == kind)
            out.append(f"- [{KIND_PAGES[kind][1]}]({rel('glossary/index.md', kind_path(kind))}) ({n})")
        return "\n".join(out) + "\n"

    # -- links in raw HTML ---------------------------------------------------
    def paragraph_link(self, page: str, n: int) -> str:
        return url_link(page, page_url(section_path(self.ed.section_of(n)))) + f"#p{n}"

    def entity_link(self, page: str, entity_id: str) -> str:
        return url_link(page, page_url(entity_path(entity_id)))

    # -- whole-edition views --------------------------------------------------
    def whole_text_page(self) -> str:
        """The whole edition on one page, for print and PDF. Only its head is Markdown: the hook appends each
        section page's rendered content, so the text is converted once and prints exactly as it reads."""
        return "\n".join([
            front_matter("The whole edition (print)", description=f"{self.ed.title}: the whole text with its notes.",
                         search={"exclude": True}),
            f"# {escape(self.ed.title)}", "", f"{escape(self.ed.subtitle)}\n{{: .ed-summary }}", "",
            "This page gathers the whole text and its notes for printing, section by section. Cite the paragraphs "
            "on the text pages.\n{: .ed-print-hint .ed-editorial }"]) + "\n"

    def downloads_page(self, files: list[str]) -> str:
        page = "downloads.md"
        what = {".tei.xml": "TEI P5 XML of the whole edition: text, names, gaps, notes and the glossary as standOff",
                ".txt": "The source text, byte for byte",
                "-glossary.json": "The glossary as JSON, with every mention",
                "-glossary.csv": "The glossary as CSV (one row per entry)"}
        out = [front_matter("Downloads", description="The edition as data: TEI, plain text, glossary."), "# Downloads", "",
               "| File | What it holds |", "| --- | --- |"]
        for f in files:
            label = next(v for k, v in what.items() if f.endswith(k))
            out.append(f"| [{posixpath.basename(f)}]({rel(page, f)}) | {label} |")
        out += ["", "The same data builds the site, so the files and the pages always agree."]
        return "\n".join(out) + "\n"

    # -- the whole site -------------------------------------------------------
    def site(self) -> Site:
        site = Site()
        pages_dir = Path(self.ed.pages_dir)
        extra = sorted(p for p in pages_dir.glob("*.md") if p.name != "index.md")
        site.pages["index.md"] = (pages_dir / "index.md").read_text(encoding="utf-8")
        site.pages["contents.md"] = self.contents_page()
        for i, s in enumerate(self.ed.sections):
            site.pages[section_path(s)] = self.section_page(s, i)
            site.page_meta[section_path(s)] = self.section_meta(s)
            for n in range(s.first, s.last + 1):
                site.page_for_paragraph[n] = section_path(s)
        site.nav = [{"Home": "index.md"}, {"Contents": "contents.md"},
                    {"The text": [{s.title: section_path(s)} for s in self.ed.sections]}]
        kinds = [k for k in KIND_PAGES if any(e.kind == k for e in self.ed.entities)]
        if kinds:
            site.pages["glossary/index.md"] = self.glossary_index(kinds)
            for k in kinds:
                site.pages[kind_path(k)] = self.kind_page(k)
            for e in self.ed.entities:
                site.pages[entity_path(e.id)] = self.entity_page(e)
            site.nav.append({"Glossary": ["glossary/index.md"] + [{KIND_PAGES[k][1]: kind_path(k)} for k in kinds]})
        # Absolute from docs/ (mkdocs.yml: absolute_links: relative_to_docs): the same on every page.
        site.names = {e.id: {"href": "/" + entity_path(e.id), "title": " ".join(e.summary.split()), "standard": e.name}
                      for e in self.ed.entities}
        views = []
        if self.ed.chronology:
            site.pages["chronology.md"] = chronology_page(self.ed, "chronology.md", self.paragraph_link,
                                                          self.entity_link, front_matter)
            views.append({"Chronology": "chronology.md"})
        if self.ed.journey:
            site.pages["journey.md"] = journey_page(self.ed, "journey.md", self.paragraph_link,
                                                    self.entity_link, front_matter)
            views.append({"Journey map": "journey.md"})
        files = download_files(self.ed, self.site_url)
        site.pages.update(files)
        site.pages["downloads.md"] = self.downloads_page(sorted(files))
        labels = {".tei.xml": "TEI", ".txt": "plain text", "-glossary.json": "glossary (JSON)", "-glossary.csv": "glossary (CSV)"}
        site.downloads = [(label, f) for suffix, label in labels.items() for f in sorted(files) if f.endswith(suffix)]
        site.pages[WHOLE_TEXT_PATH] = self.whole_text_page()
        site.gathers[WHOLE_TEXT_PATH] = [section_path(s) for s in self.ed.sections]
        views += [{"Downloads": "downloads.md"}, {"Print the whole edition": WHOLE_TEXT_PATH}]
        site.nav.append({"Views and data": views})
        for p in extra:
            site.pages[p.name] = p.read_text(encoding="utf-8")
            site.nav.append(p.name)
        return site


def render_site(ed: Edition, site_url: str) -> Site:
    return Renderer(ed, site_url).site()
