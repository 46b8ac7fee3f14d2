"""Prepare: the one place that runs the pipeline up to the renderer, shared by the commands, the tests and the
benchmarks. The edition's folder in; out, written to the renderer's folder: every page as Markdown, the downloads,
the anchor map and redirects; and, as data for the later stages, the renderer's settings and the search records.

    read_edition  load (load/) -> annotate (annotate/)
    prepare       read_edition -> render (render/) -> outputs (outputs/) -> write_docs

Everything is read, checked and rendered before anything is written: bad input leaves the folder as it was.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .annotate.mentions import annotate
from .load.edition import load_edition
from .model import Edition
from .outputs.downloads import download_files
from .outputs.register import Published, anchor_map, check, current_state, load_register, redirect_page
from .outputs.search_records import search_records
from .outputs.write_docs import write_docs
from .paths import ANCHOR_MAP, build_date
from .render.pages import Site, render_site, site_plan

# The catalogue's words that the page scripts (overrides/assets/*.js) print.
SCRIPT_WORDS = ("cite", "cite_paragraph", "copy", "copy_label", "copied", "close", "permanent_link", "bibtex",
                "csl_json", "search_title", "search_label",
                "search_open", "search_close", "search_none", "search_loading", "search_results", "search_kind_text",
                "search_kind_record", "search_kind_note", "search_kind_entry", "search_kind_page", "search_failed",
                "search_more")


@dataclass
class Prepared:
    edition: Edition
    site: Site
    settings: dict  # the edition's part of the renderer's configuration, plain data
    search: list[dict]  # the search records (finish/search_index.py indexes them)
    written: int  # files written to the renderer's folder


def read_edition(edition_file: Path, site_url: str | None = None) -> Edition:
    """Load and check the edition, and find its mentions."""
    return annotate(load_edition(edition_file, site_url))


def published_state(ed: Edition) -> tuple[Published, Published, dict[str, str], object]:
    """The register, this build's anchors and pages, and the redirects to write; raises on a broken promise. Needs
    only the site's plan (its pages), not the rendered site."""
    plan = site_plan(ed)
    now = current_state(ed, plan.page_for_paragraph, plan.paths)
    register, doc = load_register(Path(ed.register_file), ed.register_label)
    return register, now, check(register, doc, now), doc


def prepare(edition_file: Path, docs_dir: Path, site_url: str | None = None) -> Prepared:
    """Read, check and render the edition, then write the renderer's folder."""
    ed = read_edition(edition_file, site_url)
    _, now, redirects, _ = published_state(ed)
    site = render_site(ed)
    pages = dict(site.pages)
    pages.update(download_files(ed))
    pages[ANCHOR_MAP] = anchor_map(now)
    for old, new in redirects.items():
        pages[old + "index.html"] = redirect_page(old, new, ed.apparatus_language, ed.labels)
    records = search_records(ed, site)
    written = write_docs(docs_dir, pages)
    return Prepared(ed, site, settings(ed, site), records, written)


def settings(ed: Edition, site: Site) -> dict:
    """The edition's part of the renderer's configuration: identity, navigation, palette and the words the
    templates print. Plain text: a renderer that prints values as HTML is given them escaped by its own glue."""
    labels = ed.labels
    primary, accent = ed.colours
    extra = {
        "edition_downloads": [list(d) for d in site.downloads],
        "edition_labels": labels,
        "edition_version": labels["version_line"].format(version=ed.versions[-1].version, date=build_date()),
        "edition_script_words": json.dumps({**{k: labels[k] for k in SCRIPT_WORDS},
                                            "search_languages": search_languages(ed)}, ensure_ascii=False),
        "edition_language": ed.apparatus_language,
    }
    if ed.licence:
        extra["edition_licence"] = licence_words(ed.licence, labels)
    return {
        "site_name": ed.title,
        "site_url": ed.site_url,
        "site_description": ed.subtitle or ed.title,
        "site_author": ", ".join(ed.citation.editors),
        "nav": site.nav,
        "theme": {"language": ed.apparatus_language.split("-")[0],
                  # Each of mkdocs.yml's palettes (light, dark) gets the edition's colours and the toggle's words.
                  "palette": {"primary": primary, "accent": accent,
                              "to_dark": labels["palette_to_dark"], "to_light": labels["palette_to_light"]}},
        "extra": extra,
    }


def search_languages(ed: Edition) -> list[str]:
    """The languages of the search index other than the interface's: the page script merges their indexes."""
    own = ed.apparatus_language.split("-")[0]
    return sorted({s.language.split("-")[0] for s in ed.sources} - {own})


def licence_words(licence, labels) -> dict:
    """The footer's licence line, as the words before and after the licence's linked name (the template escapes)."""
    words = labels["licence_footer_scope" if licence.scope else "licence_footer"]
    before, _, after = words.format(scope=licence.scope, licence="\0").partition("\0")
    return {"before": before, "name": licence.name, "url": licence.url, "after": after}
