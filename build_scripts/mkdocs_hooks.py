"""MkDocs glue: before each build, build_scripts.prepare writes docs/ and hands over the settings applied here.

mkdocs.yml names the edition file under `extra: edition:`; the nav follows the reading order.
Everything is read, checked and rendered before anything is written, so bad input leaves docs/
and site/ as they were. After Markdown is rendered, every page is checked for the anchor promise:
paragraph anchors (pN) only on the text's own pages, no id twice on a page.
"""
from __future__ import annotations

import logging
import os
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

from build_scripts.errors import EditionError
from build_scripts.prepare import palettes, prepare
from build_scripts.site_paths import html_title
from build_scripts.template_cache import NavGroupCache

log = logging.getLogger("mkdocs.edition")
SEARCH_PLUGIN = "material/search"
PARAGRAPH_ID = re.compile(r"^p\d+$")


class _Build:
    """What this build handed over from on_config to the page events."""

    def __init__(self, prepared=None):
        self.search = prepared.search if prepared else {}
        self.search_fields = prepared.search_fields if prepared else {}
        site = prepared.site if prepared else None
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
    try:  # files are named relative to the edition's folder's parent
        prepared = prepare((root / name).resolve(), Path(config.docs_dir), config.site_url)
    except EditionError as e:
        raise PluginError(str(e)) from None
    edition, s = prepared.edition, prepared.settings
    log.info("edition: %d paragraphs, %d entities, %d notes, %d works; %d files written",
             len(edition.paragraphs), len(edition.entities), len(edition.notes), len(edition.works), prepared.written)
    _build = _Build(prepared)
    # Material prints the site name and nav titles as HTML: they are given escaped (html_title).
    config.site_name = html_title(s["site_name"])
    config.site_description = s["site_description"]
    config.site_author = s["site_author"]
    config.nav = _escaped_nav(s["nav"])
    config.theme.language = s["theme"]["language"]
    palettes(config.theme["palette"], s["theme"]["palette"])
    config.extra.update(s["extra"])
    config.mdx_configs.update(s["mdx_configs"])
    return config


def _escaped_nav(items):
    if isinstance(items, list):
        return [_escaped_nav(i) for i in items]
    if isinstance(items, dict):
        return {html_title(k): _escaped_nav(v) for k, v in items.items()}
    return items


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


# The id of every element in rendered HTML. A regular expression over start tags, not an HTML parser (which took
# a sixth of a large build): Markdown escapes "<" in text and ">" in attribute values, so a "<" starts a tag and
# a tag runs to the next ">", and text that merely looks like a tag has none.
ELEMENT_ID = re.compile(r'<[a-zA-Z][^>]*?\sid="([^"]*)"')


def check_anchors(src_uri: str, html: str, text_pages: set[str]) -> None:
    """Only the text's pages carry paragraph anchors, and no page carries an id twice."""
    seen: set[str] = set()
    for ident in ELEMENT_ID.findall(html):
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
