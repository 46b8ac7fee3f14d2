"""Render the edition model into the site's pages (path -> Markdown of HTML blocks) and its navigation."""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..cite import csl_runs
from ..cite.cite_panel import author_name, render_style
from ..escape import bibtex as bibtex_escape, html_block
from ..model import Edition
from ..paths import (claims_jsonld_path, section_path, DOSSIER_PATH, claim_path, part_index_path, BIBLIOGRAPHY_PATH, CHRONOLOGY_PATH, CONTENTS_PATH, DOWNLOADS_PATH, GLOSSARY_PATH, HOME_PATH,
                     JOURNEY_PATH, SEARCH_PATH, VERSIONS_PATH, WHOLE_TEXT_PATH, entity_path, glossary_csv_path,
                     glossary_json_path, href, kind_path, plain_text_path, tei_path, text_path)
from .apparatus import Apparatus
from .chronology import EvidenceMarkup, chronology_page
from .glossary import Glossary
from .html import E, Page, runs
from .dossier import Dossier
from .journey import journey_page
from .text import TextPages


@dataclass(frozen=True)
class Download:
    path: str  # docs-relative
    long: str  # the catalogue's key for what it holds
    short: str  # the catalogue's key for its short label
    text: str = ""  # the source text it holds, in an edition of several


def downloads(ed: Edition) -> list[Download]:
    """The files of the edition as data, in the order the Downloads page and the footer list them."""
    key = ed.citation.key
    out = [Download(tei_path(key), "downloads_tei", "downloads_short_tei")]
    if len(ed.sources) == 1:
        out.append(Download(plain_text_path(key), "downloads_txt", "downloads_short_txt"))
    else:
        out += [Download(plain_text_path(key, s.id), "downloads_txt", "downloads_short_txt", s.title) for s in ed.sources]
    out += [Download(glossary_json_path(key), "downloads_json", "downloads_short_json"),
            Download(glossary_csv_path(key), "downloads_csv", "downloads_short_csv")]
    if ed.claims:
        out.append(Download(claims_jsonld_path(key), "downloads_claims_jsonld", "downloads_short_claims_jsonld"))
    return out


@dataclass
class Site:
    """What the site is: its pages (docs-relative path -> Markdown, filled by render_site), its navigation, which
    page holds each paragraph, and which pages may carry paragraph anchors."""

    pages: dict[str, str] = field(default_factory=dict)
    nav: list = field(default_factory=list)  # the renderer's nav structure, titles as plain text
    page_for_paragraph: dict[int, str] = field(default_factory=dict)
    text_pages: set[str] = field(default_factory=set)
    downloads: list[tuple[str, str]] = field(default_factory=list)  # (label, site path) for every page's footer
    paths: list[str] = field(default_factory=list)  # every page's path, in the order pages are rendered


def site_plan(ed: Edition) -> Site:
    """The site's pages, navigation and paragraph pages, worked out without rendering anything (the register's
    check needs only this)."""
    L = ed.labels
    site = Site()
    paths = [HOME_PATH, CONTENTS_PATH]
    for s in ed.sections:
        path = section_path(s)
        paths.append(path)
        site.text_pages.add(path)
        for n in range(s.first, s.last + 1):
            site.page_for_paragraph[n] = path
    parts_nav = []
    for key, part in ed.parts.items():
        mine = [s for s in ed.sections if s.part == part.path]
        if mine:
            paths.append(part_index_path(part.path))
            parts_nav.append({part.label: [{L["record_documents"]: part_index_path(part.path)}]
                              + [{s.title: section_path(s)} for s in mine]})
    if ed.claims:
        paths.append(DOSSIER_PATH)
        paths += [claim_path(c.id) for c in ed.claims if c.status == "current"]
        parts_nav.append({L["nav_dossier"]: DOSSIER_PATH})
    kinds = [k for k in ed.entity_kinds if any(e.kind == k for e in ed.entities)]
    glossary_nav = []
    if kinds:
        paths += [GLOSSARY_PATH] + [kind_path(ed.entity_kinds[k].page) for k in kinds]
        paths += [entity_path(e.id) for e in ed.entities]
        glossary_nav = [{L["nav_glossary"]: GLOSSARY_PATH}] + [
            {ed.entity_kinds[k].label: kind_path(ed.entity_kinds[k].page)} for k in kinds]
    apparatus_nav = []
    if ed.chronology:
        paths.append(CHRONOLOGY_PATH)
        apparatus_nav.append({L["nav_chronology"]: CHRONOLOGY_PATH})
    if ed.journey:
        paths.append(JOURNEY_PATH)
        apparatus_nav.append({L["nav_journey"]: JOURNEY_PATH})
    paths.append(BIBLIOGRAPHY_PATH)
    apparatus_nav.append({L["nav_bibliography"]: BIBLIOGRAPHY_PATH})
    files = downloads(ed)
    # The footer's links: the main text's plain text (an edition of a few texts: each, numbered in reading order;
    # of many, the Downloads page lists the rest).
    texts = [d for d in files if d.text]
    shown = texts if len(texts) <= 5 else texts[:1]
    site.downloads = [(f"{L[d.short]} {texts.index(d) + 1}" if d.text else L[d.short], d.path)
                      for d in files if not d.text or d in shown]
    paths += [DOWNLOADS_PATH, WHOLE_TEXT_PATH]
    site.text_pages.add(WHOLE_TEXT_PATH)
    about = [name for name in sorted(ed.page_titles) if name != "index.md"]
    # Titled here, not left to the renderer to find in each page: a page's title in every page's navigation then
    # depends only on the configuration (renderer/reuse.py).
    about_nav = [{ed.page_titles[name]: name} for name in about]
    paths += about + [VERSIONS_PATH, SEARCH_PATH]
    site.paths = paths
    # The navigation of an edition: the text first, then the apparatus, then what a reader needs to cite and
    # reuse it, then how it was made.
    site.nav = [{L["nav_home"]: HOME_PATH},
                {L["nav_text"]: [{L["nav_contents"]: CONTENTS_PATH}]
                 + [{s.title: section_path(s)} for s in ed.sections if not s.part]
                 + [{L["nav_print"]: WHOLE_TEXT_PATH}]},
                *parts_nav,
                {L["nav_apparatus"]: glossary_nav + apparatus_nav},
                {L["nav_about"]: about_nav + [{L["nav_versions"]: VERSIONS_PATH}, {L["nav_downloads"]: DOWNLOADS_PATH},
                                              {L["nav_search"]: SEARCH_PATH}]}]
    return site


# --- The edition as a whole: its citation, and the Citation File Format record the site serves ------------------

CITATION_FILE = "CITATION.cff"  # at the site's root, beside the home page
# What an editor's page may say on a line of its own, for the build to fill in from the edition file: who edited
# the edition and which version it is; the edition's citation in the first style; in every style, with BibTeX and
# the CITATION.cff record. The same words as every other citation of the site, so they cannot disagree.
MARKERS = ("[edition-editors]", "[edition-citation]", "[edition-citations]")
_MARKER_LINE = re.compile(r"^(" + "|".join(re.escape(m) for m in MARKERS) + r")[ \t]*$", re.M)


def edition_item(ed: Edition) -> dict:
    """The edition as a whole as CSL data: the author's text, edited, in its current version."""
    info = ed.citation
    return {"id": info.key, "type": "book", "title": ed.title, "author": [{"literal": author_name(ed)}],
            "editor": [{"literal": e} for e in info.editors], "publisher": info.publisher,
            "issued": {"date-parts": [[info.issued]]}, "URL": ed.site_url, "version": ed.versions[-1].version,
            "medium": info.medium, "language": ed.language}


def edition_entries(ed: Edition) -> list[tuple[str, list]]:
    """Each of the edition's styles (edition.yml: citation.styles) and its bibliography entry of the whole edition."""
    item = edition_item(ed)
    return [(s.label, csl_runs.runs(render_style(s.csl, item, "1")["entry"])) for s in ed.citation.styles]


def edition_bibtex(ed: Edition) -> str:
    info = ed.citation
    fields = [("author", "{" + bibtex_escape(author_name(ed)) + "}"), ("title", "{" + bibtex_escape(ed.title) + "}"),
              ("editor", " and ".join("{" + bibtex_escape(e) + "}" for e in info.editors)),
              ("publisher", bibtex_escape(info.publisher)), ("year", str(info.issued)),
              ("version", bibtex_escape(ed.versions[-1].version)), ("note", bibtex_escape(info.medium)),
              ("url", ed.site_url), ("language", bibtex_escape(ed.language))]
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields)
    return f"@book{{{info.key},\n{body}\n}}"


_SPDX_CC = re.compile(r"^(CC-BY(-NC)?(-SA|-ND)?-[1-4]\.0|CC0-1\.0)$")


def citation_cff(ed: Edition) -> str:
    """The Citation File Format record of the edition as a whole (CFF 1.2.0), from the edition file and its
    versions: what GitHub's "Cite this repository", Zenodo and reference managers read."""
    version = ed.versions[-1]
    record = {"cff-version": "1.2.0", "message": ed.labels["cff_message"], "type": "dataset", "title": ed.title}
    if ed.subtitle:
        record["abstract"] = ed.subtitle
    record.update({"authors": [{"name": e} for e in ed.citation.editors], "version": version.version,
                   "date-released": str(version.date), "url": ed.site_url})
    if ed.licence:
        spdx = ed.licence.name.replace(" ", "-")
        if _SPDX_CC.match(spdx):
            record["license"] = spdx
        record["license-url"] = ed.licence.url
    return ("# The edition as a whole, for citation (Citation File Format 1.2.0), written by the build from the\n"
            "# edition file and its versions.\n" + yaml.safe_dump(record, allow_unicode=True, sort_keys=False, width=10 ** 6))


def edition_block(ed: Edition, marker: str, page: str):
    """What a marker of MARKERS stands for, as an element of the page."""
    L, version = ed.labels, ed.versions[-1]
    if marker == "[edition-editors]":
        return E("p", L["edition_editors"].format(editors=", ".join(ed.citation.editors), version=version.version,
                                                  date=version.date), class_="ed-edition-editors")
    entries = edition_entries(ed)
    box = E("div", class_="ed-edition-cite")
    for label, rs in (entries if marker == "[edition-citations]" else entries[:1]):
        box.append(E("p", E("span", label, class_="ed-edition-cite-style"), " ", *runs(rs), class_="ed-edition-cite-entry"))
    if marker == "[edition-citations]":
        box.append(E("p", E("span", L["bibtex"], class_="ed-edition-cite-style")))
        box.append(E("pre", E("code", edition_bibtex(ed)), class_="ed-edition-bibtex"))
    before, _, after = L["edition_cite_file"].partition("{file}")
    box.append(E("p", before, E("a", CITATION_FILE, href=href(page, CITATION_FILE), type="application/x-yaml"), after,
                 class_="ed-edition-cite-file"))
    return box


def with_edition_blocks(ed: Edition, text: str, page: str) -> str:
    """An editor's page with each marker line replaced by what it stands for."""
    return _MARKER_LINE.sub(lambda m: html_block(edition_block(ed, m[1], page)), text)


def downloads_page(ed: Edition, files: list[Download]) -> Page:
    L, page = ed.labels, DOWNLOADS_PATH
    out = Page(L["downloads_title"], description=L["downloads_description"]).heading(1, L["downloads_title"])
    rows = [E("tr", E("td", E("a", posixpath.basename(d.path), href=href(page, d.path))),
              E("td", L[d.long] + (f": {d.text}" if d.text else ""))) for d in files]
    out.add(E("table", E("thead", E("tr", E("th", L["downloads_file"]), E("th", L["downloads_holds"]))), E("tbody", *rows)),
            E("p", L["downloads_same"]))
    return out


def versions_page(ed: Edition) -> Page:
    L = ed.labels
    out = Page(L["versions_title"], description=L["versions_intro"]).heading(1, L["versions_title"])
    out.add(E("p", L["versions_intro"]))
    for v in reversed(ed.versions):
        out.heading(2, L["version_heading"].format(version=v.version, date=v.date), f"v{v.version.replace('.', '-')}")
        out.add(E("ul", *[E("li", c) for c in v.changes]))
    return out


def search_page(ed: Edition) -> Page:
    """The search page: the form the page script brings to life; without JavaScript it says why it cannot."""
    L = ed.labels
    out = Page(L["search_title"], description=L["search_intro"]).heading(1, L["search_title"])
    form = E("form", E("label", L["search_label"], for_="ed-search-page-input", class_="ed-search-label"),
             E("input", type="search", name="q", id="ed-search-page-input", autocomplete="off"),
             E("button", L["search_button"], type="submit", class_="md-button"),
             role="search", class_="ed-search-form", action="./")
    out.add(form, E("div", class_="ed-search-results", id="ed-search-page-results", aria_live="polite"),
            E("noscript", E("p", L["search_no_script"], class_="ed-search-noscript")))
    return out


def part_index(ed: Edition, part, apparatus: Apparatus) -> Page:
    """A part's first page (the record): what it holds, and its texts in order, each with its date and summary."""
    L, page = ed.labels, part_index_path(part.path)
    out = Page(part.label, description=part.intro or part.label).heading(1, part.label)
    if part.intro:
        out.add(*apparatus.prose(part.intro, page))
    items = []
    for s in (s for s in ed.sections if s.part == part.path):
        source = ed.source_of(s.first)
        if source.first != s.first:
            continue
        item = E("li", E("a", source.title, href=href(page, section_path(s))))
        if source.date:
            item.append(E("time", source.date, datetime=source.date, class_="ed-doc-date"))
        if source.summary:
            item.append(E("p", source.summary))
        items.append(item)
    return out.add(E("ol", *items, class_="ed-documents"))


def render_site(ed: Edition) -> Site:
    """The site of site_plan, every page rendered."""
    site = site_plan(ed)
    apparatus = Apparatus(ed)
    dossier = Dossier(ed, apparatus)
    text = TextPages(ed, apparatus, dossier)
    glossary = Glossary(ed, apparatus)
    evidence = EvidenceMarkup(ed, apparatus)
    pages_dir = Path(ed.pages_dir)
    sections = {section_path(s): (i, s) for i, s in enumerate(ed.sections)}
    entities = {entity_path(e.id): e for e in ed.entities}
    claims = {claim_path(c.id): c for c in ed.claims}
    parts = {part_index_path(p.path): p for p in ed.parts.values()}
    kinds = {kind_path(k.page): key for key, k in ed.entity_kinds.items()}
    makers = {HOME_PATH: lambda: with_edition_blocks(ed, (pages_dir / "index.md").read_text(encoding="utf-8"), HOME_PATH),
              CONTENTS_PATH: text.contents_page, GLOSSARY_PATH: glossary.index_page,
              CHRONOLOGY_PATH: lambda: chronology_page(ed, evidence), JOURNEY_PATH: lambda: journey_page(ed, evidence),
              BIBLIOGRAPHY_PATH: apparatus.bibliography_page, DOWNLOADS_PATH: lambda: downloads_page(ed, downloads(ed)),
              WHOLE_TEXT_PATH: text.whole_text_page, VERSIONS_PATH: lambda: versions_page(ed),
              SEARCH_PATH: lambda: search_page(ed), DOSSIER_PATH: dossier.overview}
    for path in site.paths:
        if path in sections:
            page = text.section_page(sections[path][1], sections[path][0])
        elif path in entities:
            page = glossary.entity_page(entities[path])
        elif path in kinds:
            page = glossary.kind_page(kinds[path])
        elif path in claims:
            page = dossier.claim_page(claims[path])
        elif path in parts:
            page = part_index(ed, parts[path], apparatus)
        elif path in makers:
            page = makers[path]()
        else:  # a page of the edition's own (pages/), as its editor wrote it
            page = with_edition_blocks(ed, (pages_dir / path).read_text(encoding="utf-8"), path)
        site.pages[path] = page if isinstance(page, str) else page.markdown()
    site.pages[CITATION_FILE] = citation_cff(ed)
    return site
