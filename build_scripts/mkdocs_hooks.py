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
from build_scripts.write_docs import write_docs

log = logging.getLogger("mkdocs.edition")
EXTENSION = "build_scripts.markdown_edition"
SEARCH_PLUGIN = "material/search"
_search: dict[str, list[dict]] = {}  # this build's paragraph-level search entries, by source page
_search_fields: dict[str, dict] = {}  # fields added to an entity page's main entry


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
    config.nav = site.nav
    config.extra["edition_downloads"] = site.downloads
    labels = edition.labels
    config.mdx_configs[EXTENSION] = {
        "gap_label": labels["gap"], "photo_label": labels["photo"],
        "paragraph_label": labels["paragraph"], "permalink_label": labels["permalink"],
    }
    return config


def on_page_context(context, page, config, nav):
    """Hand the search plugin this page's paragraph entries (it ran first and skipped the page)."""
    plugin = config.plugins.get(SEARCH_PLUGIN)
    if plugin is None:
        return context
    entries = _search.get(page.file.src_uri)
    if entries:
        plugin.search_index.entries.extend(dict(e, location=page.url + e["location"]) for e in entries)
    fields = _search_fields.get(page.file.src_uri)
    if fields:
        for entry in plugin.search_index.entries:
            if entry["location"] == page.url:
                entry.update(fields)
    return context
