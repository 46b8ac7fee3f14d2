"""MkDocs integration: before each build, turn text + editorial data into Markdown under docs/.

mkdocs.yml names the edition file under `extra: edition:`; the nav follows the reading order.
Everything is read, checked and rendered before anything is written, so bad input leaves docs/
and site/ as they were.
"""
from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError

from build_scripts.edition import load_edition
from build_scripts.errors import EditionError
from build_scripts.permanence import ANCHOR_MAP, anchor_map, check, current_state, load_register, redirect_page
from build_scripts.render_pages import render_site
from build_scripts.render_pages import entity_path
from build_scripts.search_entries import entity_search_fields, search_entries
from build_scripts.template_cache import NavGroupCache
from build_scripts.write_docs import write_docs

log = logging.getLogger("mkdocs.edition")
EXTENSION = "build_scripts.markdown_edition"
SEARCH_PLUGIN = "material/search"
_search: dict[str, list[dict]] = {}  # this build's paragraph-level search entries, by source page
_search_fields: dict[str, dict] = {}  # fields added to an entity page's main entry
_gathers: dict[str, list[str]] = {}  # page -> section pages whose content it appends (the whole text)
_page_meta: dict[str, dict] = {}  # page -> metadata for its template (citation tags, Cite panel data)


def on_config(config):
    root = Path(config.config_file_path).parent
    name = config.extra.get("edition")
    if not name:
        raise PluginError("mkdocs.yml: extra.edition is not set. Fix: set it to the edition file, e.g. seeds/edition.yml")
    if not config.site_url:
        raise PluginError("mkdocs.yml: site_url is not set. Fix: set site_url (citations and permanent links need it)")
    try:
        edition = load_edition(root / name, root)
        site = render_site(edition, config.site_url)
        now = current_state(edition, site.page_for_paragraph, list(site.pages))
        register_path = Path(edition.register_file)
        register, doc = load_register(register_path, str(register_path.relative_to(root)))
        redirects = check(register, doc, now)
    except EditionError as e:
        raise PluginError(str(e)) from None
    site.pages[ANCHOR_MAP] = anchor_map(now)
    for old, new in redirects.items():
        site.pages[old + "index.html"] = redirect_page(old, new)
    written = write_docs(Path(config.docs_dir), site.pages)
    log.info("edition: %d paragraphs, %d entities, %d notes; %d files written",
             len(edition.paragraphs), len(edition.entities), len(edition.notes), written)
    _search.clear()
    _search.update(search_entries(edition, site.page_for_paragraph))
    _search_fields.clear()
    _search_fields.update(entity_search_fields(edition, entity_path))
    _gathers.clear()
    _gathers.update(site.gathers)
    _page_meta.clear()
    _page_meta.update(site.page_meta)
    config.nav = site.nav
    config.extra["edition_downloads"] = site.downloads
    labels = edition.labels
    config.mdx_configs[EXTENSION] = {
        "gap_label": labels["gap"], "photo_label": labels["photo"],
        "paragraph_label": labels["paragraph"], "permalink_label": labels["permalink"],
        "names": site.names,
    }
    return config


def on_env(env, config, files):
    """A fresh navigation cache for this build (overrides/partials/nav-item.html uses it)."""
    env.globals["edition_nav_group"] = NavGroupCache()
    return env


def on_page_markdown(markdown, page, config, files):
    page.meta.update(_page_meta.get(page.file.src_uri, {}))
    return markdown


def on_page_context(context, page, config, nav):
    gathered = _gathers.get(page.file.src_uri)
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
    if page.toc.items:
        page.toc.items[0].children.extend(item for s in sections for item in s.toc.items)


def _add_search_entries(page, config) -> None:
    """Hand the search plugin this page's paragraph entries (it ran first and skipped the page)."""
    plugin = config.plugins.get(SEARCH_PLUGIN)
    if plugin is None:
        return
    entries = _search.get(page.file.src_uri)
    if entries:
        plugin.search_index.entries.extend(dict(e, location=page.url + e["location"]) for e in entries)
    fields = _search_fields.get(page.file.src_uri)
    if fields:
        for entry in reversed(plugin.search_index.entries):  # the plugin has just added the page's own entry
            if entry["location"] == page.url:
                entry.update(fields)
                break
