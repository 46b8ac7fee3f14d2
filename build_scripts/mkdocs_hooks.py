"""MkDocs integration: before each build, turn text + editorial data into Markdown under docs/.

mkdocs.yml names the edition file under `extra: edition:`; the nav follows the reading order.
Everything is read, checked and rendered before anything is written, so bad input leaves docs/
and site/ as they were. After Markdown is rendered, every page is checked for the anchor promise:
paragraph anchors (pN) only on the text's own pages, no id twice on a page.
"""
from __future__ import annotations

import json
import logging
import os
import re
from html.parser import HTMLParser
from pathlib import Path

from mkdocs.exceptions import PluginError

from build_scripts.edition import load_edition
from build_scripts.errors import EditionError
from build_scripts.permanence import ANCHOR_MAP, anchor_map, check, current_state, load_register, redirect_page
from build_scripts.render_pages import render_site
from build_scripts.search_entries import entity_search_fields, search_entries
from build_scripts.site_paths import build_date, entity_path, html_title
from build_scripts.template_cache import NavGroupCache
from build_scripts.write_docs import write_docs

log = logging.getLogger("mkdocs.edition")
EXTENSION = "build_scripts.markdown_edition"
SEARCH_PLUGIN = "material/search"
# The catalogue's words that the page scripts (overrides/assets/*.js) print.
SCRIPT_WORDS = ("cite", "cite_paragraph", "copy", "copy_label", "copied", "close", "permanent_link", "bibtex",
                "csl_json", "reading_view", "view_printed", "view_normalised")
PARAGRAPH_ID = re.compile(r"^p\d+$")


class _Build:
    """What this build handed over from on_config to the page events."""

    def __init__(self, site=None, edition=None):
        self.search = search_entries(edition, site.page_for_paragraph) if site else {}
        self.search_fields = entity_search_fields(edition, entity_path) if site else {}
        self.gathers = site.gathers if site else {}
        self.page_meta = site.page_meta if site else {}
        self.text_pages = site.text_pages if site else set()


_build = _Build()


def on_config(config):
    global _build
    root = Path(config.config_file_path).parent
    name = config.extra.get("edition")
    if not name:
        raise PluginError("mkdocs.yml: extra.edition is not set. Fix: set it to the edition file, e.g. seeds/edition.yml")
    if not config.site_url:
        raise PluginError("mkdocs.yml: site_url is not set. Fix: set site_url (citations and permanent links need it)")
    try:
        edition = load_edition((root / name).resolve())  # files are named relative to the edition's folder's parent
        site = render_site(edition, config.site_url)
        now = current_state(edition, site.page_for_paragraph, list(site.pages))
        register, doc = load_register(Path(edition.register_file), edition.register_label)
        redirects = check(register, doc, now)
    except EditionError as e:
        raise PluginError(str(e)) from None
    site.pages[ANCHOR_MAP] = anchor_map(now)
    for old, new in redirects.items():
        site.pages[old + "index.html"] = redirect_page(old, new, edition.apparatus_language, edition.labels)
    written = write_docs(Path(config.docs_dir), site.pages)
    log.info("edition: %d paragraphs, %d entities, %d notes, %d works; %d files written",
             len(edition.paragraphs), len(edition.entities), len(edition.notes), len(edition.works), written)
    _build = _Build(site, edition)
    labels = edition.labels
    # The edition's identity comes from its data. Material prints the site name as HTML: it is given escaped.
    config.site_name = html_title(edition.title)
    config.site_description = edition.subtitle or edition.title
    config.site_author = ", ".join(edition.citation.editors)
    config.theme.language = edition.apparatus_language.split("-")[0]
    config.nav = site.nav
    # The edition's colours, and the words of the light/dark toggle, on each of mkdocs.yml's two palettes.
    primary, accent = edition.colours
    for palette in config.theme["palette"]:
        palette.update(primary=primary, accent=accent)
        dark = palette.get("scheme") == "slate"
        palette["toggle"]["name"] = labels["palette_to_light" if dark else "palette_to_dark"]
    if edition.licence:
        config.extra["edition_licence"] = licence_words(edition.licence, labels)
    config.extra["edition_downloads"] = site.downloads
    config.extra["edition_labels"] = labels
    config.extra["edition_version"] = labels["version_line"].format(version=edition.versions[-1].version,
                                                                    date=build_date())
    config.extra["edition_script_words"] = json.dumps({k: labels[k] for k in SCRIPT_WORDS}, ensure_ascii=False)
    config.mdx_configs[EXTENSION] = {
        "gap_label": labels["gap"], "photo_label": labels["photo"],
        "paragraph_label": labels["paragraph"], "permalink_label": labels["permalink"],
        "names": site.names, "garbled_label": labels["tooltip_garbled"],
        # The text's language, marked on each paragraph where the page (the apparatus) is in another.
        "text_lang": "" if edition.language == edition.apparatus_language else edition.language,
    }
    return config


def licence_words(licence, labels) -> dict:
    """The footer's licence line, as the words before and after the licence's linked name (the template escapes)."""
    words = labels["licence_footer_scope" if licence.scope else "licence_footer"]
    before, _, after = words.format(scope=licence.scope, licence="\0").partition("\0")
    return {"before": before, "name": licence.name, "url": licence.url, "after": after}


def on_env(env, config, files):
    """A fresh navigation cache for this build (overrides/partials/nav-item.html uses it)."""
    env.globals["edition_nav_group"] = NavGroupCache(enabled=os.environ.get("EDITION_NAV_CACHE") != "off")
    return env


def on_page_markdown(markdown, page, config, files):
    page.meta.update(_build.page_meta.get(page.file.src_uri, {}))
    if isinstance(page.meta.get("title"), str):  # front matter is text; Material prints titles as HTML
        page.meta["title"] = html_title(page.meta["title"])
    return markdown


def on_page_content(html, page, config, files):
    check_anchors(page.file.src_uri, html, _build.text_pages)
    return html


class _Ids(HTMLParser):
    """The id of every element of a page's HTML, in order (text that merely looks like a tag has none)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.ids += [v for k, v in attrs if k == "id" and v is not None]

    handle_startendtag = handle_starttag


def check_anchors(src_uri: str, html: str, text_pages: set[str]) -> None:
    """Only the text's pages carry paragraph anchors, and no page carries an id twice."""
    parser = _Ids()
    parser.feed(html)
    parser.close()
    seen: set[str] = set()
    for ident in parser.ids:
        if ident in seen:
            raise PluginError(f"docs/{src_uri}: the id '{ident}' occurs twice on the page, so a link to it is "
                              "ambiguous. Fix: give the sections, headings or notes that produce it distinct names")
        seen.add(ident)
        if PARAGRAPH_ID.match(ident) and src_uri not in text_pages:
            raise PluginError(f"docs/{src_uri}: carries the paragraph anchor '{ident}', which only the text's own "
                              "pages may carry. Fix: remove the id from the editorial matter that produces it")


def on_page_context(context, page, config, nav):
    gathered = _build.gathers.get(page.file.src_uri)
    if gathered:
        _append_sections(page, gathered, nav)
    _add_search_entries(page, config)
    return context


def _append_sections(page, gathered: list[str], nav) -> None:
    """Append the rendered content of each section page, and its heading to the page's table of contents.

    Every page is rendered before any is built, so the sections' HTML is ready here; the page lives beside
    them (text/), so their relative links hold as they are."""
    by_path = {p.file.src_uri: p for p in nav.pages}
    sections = [by_path[path] for path in gathered]
    page.content += "".join(s.content for s in sections)
    check_anchors(page.file.src_uri, page.content, _build.text_pages)
    if page.toc.items:
        page.toc.items[0].children.extend(item for s in sections for item in s.toc.items)


def _add_search_entries(page, config) -> None:
    """Hand the search plugin this page's paragraph entries (it ran first and skipped the page)."""
    plugin = config.plugins.get(SEARCH_PLUGIN)
    if plugin is None:
        return
    entries = _build.search.get(page.file.src_uri)
    if entries:
        plugin.search_index.entries.extend(dict(e, location=page.url + e["location"]) for e in entries)
    fields = _build.search_fields.get(page.file.src_uri)
    if fields:
        for entry in reversed(plugin.search_index.entries):  # the plugin has just added the page's own entry
            if entry["location"] == page.url:
                entry.update(fields)
                break
