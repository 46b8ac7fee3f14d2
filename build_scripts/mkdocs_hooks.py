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
from build_scripts.write_docs import write_docs

log = logging.getLogger("mkdocs.edition")
EXTENSION = "build_scripts.markdown_edition"


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
    config.nav = site.nav
    labels = edition.labels
    config.mdx_configs[EXTENSION] = {
        "gap_label": labels["gap"], "photo_label": labels["photo"],
        "paragraph_label": labels["paragraph"], "permalink_label": labels["permalink"],
    }
    return config
