"""Render the edition model into Markdown pages (path -> text) and the navigation, in reading order."""
from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path

from .downloads import download_files, text_files
from .markdown_text import escape
from .model import Edition
from .render_apparatus import Apparatus
from .render_chronology import EvidenceMarkup, chronology_page
from .render_glossary import Glossary
from .render_journey import journey_page
from .render_text import TextPages
from .site_paths import (BIBLIOGRAPHY_PATH, WHOLE_TEXT_PATH, entity_path, front_matter, kind_path, page_url,
                         rel, section_path, url_link)

# The downloads, each with the catalogue's words for it: (suffix, long description, short label).
DOWNLOADS = ((".tei.xml", "downloads_tei", "downloads_short_tei"), (".txt", "downloads_txt", "downloads_short_txt"),
             ("-glossary.json", "downloads_json", "downloads_short_json"),
             ("-glossary.csv", "downloads_csv", "downloads_short_csv"))


@dataclass
class Site:
    pages: dict[str, str] = field(default_factory=dict)  # docs-relative path -> Markdown (or a static file)
    nav: list = field(default_factory=list)  # MkDocs nav structure, titles as plain text
    page_for_paragraph: dict[int, str] = field(default_factory=dict)
    text_pages: set[str] = field(default_factory=set)  # the pages that may carry paragraph anchors
    downloads: list[tuple[str, str]] = field(default_factory=list)  # (label, site path) for every page's footer
    names: dict[str, dict[str, str]] = field(default_factory=dict)  # entity id -> what a name in the text links to
    # page -> the section pages whose rendered content it gathers, in reading order (mkdocs_hooks.on_page_context)
    gathers: dict[str, list[str]] = field(default_factory=dict)
    page_meta: dict[str, dict] = field(default_factory=dict)  # page -> merged into its meta (mkdocs_hooks.on_page_markdown)


def downloads_page(ed: Edition, files: list[str]) -> str:
    L, page = ed.labels, "downloads.md"
    out = [front_matter(L["downloads_title"], description=L["downloads_description"]),
           f"# {escape(L['downloads_title'])}", "",
           f"| {escape(L['downloads_file'])} | {escape(L['downloads_holds'])} |", "| --- | --- |"]
    texts = text_files(ed) if len(ed.sources) > 1 else {}
    for f in files:
        words = next(L[long] for suffix, long, _ in DOWNLOADS if f.endswith(suffix))
        if f in texts:
            words = f"{words}: {texts[f].title}"
        out.append(f"| [{escape(posixpath.basename(f))}]({rel(page, f)}) | {escape(words)} |")
    out += ["", escape(L["downloads_same"])]
    return "\n".join(out) + "\n"


def name_head(ed: Edition, e) -> str:
    """What a name's tooltip leads with: the standard name and, where they are a span of years, its dates."""
    short_dates = e.dates and len(e.dates) <= 24 and any(ch.isdigit() for ch in e.dates)
    return ed.labels["tooltip_head"].format(name=e.short_name, dates=e.dates) if short_dates else e.short_name


def versions_page(ed: Edition) -> str:
    L = ed.labels
    out = [front_matter(L["versions_title"], description=L["versions_intro"]), f"# {escape(L['versions_title'])}", "",
           escape(L["versions_intro"]), ""]
    for v in reversed(ed.versions):
        out += [f"## {escape(L['version_heading'].format(version=v.version, date=v.date))} {{: #v{v.version.replace('.', '-')} }}",
                ""] + [f"- {escape(c)}" for c in v.changes] + [""]
    return "\n".join(out) + "\n"


def entity_link(page: str, entity_id: str) -> str:
    return url_link(page, page_url(entity_path(entity_id)))


def render_site(ed: Edition, site_url: str) -> Site:
    site_url = site_url.rstrip("/") + "/"
    L = ed.labels
    apparatus = Apparatus(ed)
    text = TextPages(ed, apparatus, site_url)
    glossary = Glossary(ed, apparatus)
    evidence = EvidenceMarkup(ed, apparatus)
    site = Site()
    pages_dir = Path(ed.pages_dir)
    site.pages["index.md"] = (pages_dir / "index.md").read_text(encoding="utf-8")
    site.pages["contents.md"] = text.contents_page()
    for i, s in enumerate(ed.sections):
        site.pages[section_path(s)] = text.section_page(s, i)
        site.page_meta[section_path(s)] = text.section_meta(s)
        site.text_pages.add(section_path(s))
        for n in range(s.first, s.last + 1):
            site.page_for_paragraph[n] = section_path(s)
    kinds = glossary.kinds()
    glossary_nav = []
    if kinds:
        site.pages["glossary/index.md"] = glossary.index_page()
        for k in kinds:
            site.pages[kind_path(ed.entity_kinds[k].page)] = glossary.kind_page(k)
        for e in ed.entities:
            site.pages[entity_path(e.id)] = glossary.entity_page(e)
        glossary_nav = [{(L["nav_glossary"]): "glossary/index.md"}] + [
            {(ed.entity_kinds[k].label): kind_path(ed.entity_kinds[k].page)} for k in kinds]
    # Absolute from docs/ (mkdocs.yml: absolute_links: relative_to_docs): the same on every page.
    site.names = {e.id: {"href": "/" + entity_path(e.id), "head": name_head(ed, e), "summary": e.summary,
                         "standard": e.short_name} for e in ed.entities}
    apparatus_nav = []
    if ed.chronology:
        site.pages["chronology.md"] = chronology_page(ed, apparatus, evidence, entity_link)
        apparatus_nav.append({(L["nav_chronology"]): "chronology.md"})
    if ed.journey:
        site.pages["journey.md"] = journey_page(ed, evidence, entity_link)
        apparatus_nav.append({(L["nav_journey"]): "journey.md"})
    site.pages[BIBLIOGRAPHY_PATH] = apparatus.bibliography_page()
    apparatus_nav.append({(L["nav_bibliography"]): BIBLIOGRAPHY_PATH})
    files = download_files(ed, site_url)
    site.pages.update(files)
    site.pages["downloads.md"] = downloads_page(ed, sorted(files))
    # The footer's links; in an edition of several texts, one plain text per text, numbered in reading order.
    texts = list(text_files(ed)) if len(ed.sources) > 1 else []
    in_order = sorted(files, key=lambda f: (texts.index(f) if f in texts else -1, f))
    site.downloads = [(f"{L[short]} {texts.index(f) + 1}" if f in texts else L[short], f)
                      for suffix, _, short in DOWNLOADS for f in in_order if f.endswith(suffix)]
    site.pages[WHOLE_TEXT_PATH] = text.whole_text_page()
    site.gathers[WHOLE_TEXT_PATH] = [section_path(s) for s in ed.sections]
    site.text_pages.add(WHOLE_TEXT_PATH)
    about_nav = []
    for p in sorted(p for p in pages_dir.glob("*.md") if p.name != "index.md"):
        site.pages[p.name] = p.read_text(encoding="utf-8")
        about_nav.append(p.name)
    site.pages["versions.md"] = versions_page(ed)
    # The navigation of an edition: the text first, then the apparatus, then what a reader needs to cite and
    # reuse it, then how it was made.
    site.nav = [{(L["nav_home"]): "index.md"},
                {(L["nav_text"]): [{(L["nav_contents"]): "contents.md"}]
                 + [{(s.title): section_path(s)} for s in ed.sections]
                 + [{(L["nav_print"]): WHOLE_TEXT_PATH}]},
                {(L["nav_apparatus"]): glossary_nav + apparatus_nav},
                {(L["nav_about"]): about_nav + [{(L["nav_versions"]): "versions.md"},
                                                          {(L["nav_downloads"]): "downloads.md"}]}]
    return site
