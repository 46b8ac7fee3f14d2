"""MkDocs integration: before each build, turn text + editorial data into Markdown under docs/.

mkdocs.yml names the edition file under `extra: edition:`; the nav follows the reading order.
"""
from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError

from build_scripts.edition import load_edition
from build_scripts.errors import EditionError
from build_scripts.render_pages import render_site
from build_scripts.write_docs import write_docs

log = logging.getLogger("mkdocs.edition")
EXTENSION = "build_scripts.markdown_edition"


def on_config(config):
    root = Path(config.config_file_path).parent
    name = config.extra.get("edition")
    if not name:
        raise PluginError("mkdocs.yml: extra.edition is not set. Fix: set it to the edition file, e.g. seeds/edition.yml")
    try:
        edition = load_edition(root / name, root)
        site = render_site(edition)
    except EditionError as e:
        raise PluginError(str(e)) from None
    written = write_docs(Path(config.docs_dir), site.pages)
    log.info("edition: %d paragraphs, %d entities, %d notes; %d pages written",
             len(edition.paragraphs), len(edition.entities), len(edition.notes), written)
    config.nav = site.nav
    labels = edition.labels
    config.mdx_configs[EXTENSION] = {
        "gap_label": labels["gap"], "photo_label": labels["photo"],
        "paragraph_label": labels["paragraph"], "permalink_label": labels["permalink"],
    }
    config.extra["edition_meta"] = {"title": edition.title, "author": edition.author}
    return config
