"""Turn an edition into everything a renderer needs, as files: the pages under docs/, and the settings.

The settings are the edition's part of the renderer's configuration: its identity, navigation, palette, the
words the templates print and the configuration of the Markdown extension (with the names table). The MkDocs
hook applies them to the configuration in memory; `python -m build_scripts.prepare` writes them, merged into
mkdocs.yml, as a configuration file another renderer that reads mkdocs.yml (Zensical) builds from. What only
the hook can do (whole-text gathering, paragraph search entries, citation meta, the anchor check on the
rendered HTML) is data here too, in docs/.edition/, so nothing the edition says lives in the hook.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from .edition import load_edition
from .errors import EditionError
from .model import Edition
from .permanence import ANCHOR_MAP, anchor_map, check, current_state, load_register, redirect_page
from .render_pages import Site, render_site
from .search_entries import entity_search_fields, search_entries
from .site_paths import build_date, entity_path
from .write_docs import write_docs

EXTENSION = "build_scripts.markdown_edition"
DATA_DIR = ".edition"  # in docs/: renderers skip dot-folders
# The catalogue's words that the page scripts (overrides/assets/*.js) print.
SCRIPT_WORDS = ("cite", "cite_paragraph", "copy", "copy_label", "copied", "close", "permanent_link", "bibtex",
                "csl_json", "reading_view", "view_printed", "view_normalised")


@dataclass
class Prepared:
    edition: Edition
    site: Site
    settings: dict  # the edition's part of the renderer's configuration, plain data
    search: dict  # page -> its paragraph entries (locations relative to the page)
    search_fields: dict  # page -> fields added to the page's own search entry
    written: int  # files written to docs/


def prepare(edition_file: Path, docs_dir: Path, site_url: str) -> Prepared:
    """Read, check and render the edition, then write docs/. Raises EditionError before writing anything."""
    edition = load_edition(edition_file)
    site = render_site(edition, site_url)
    now = current_state(edition, site.page_for_paragraph, list(site.pages))
    register, doc = load_register(Path(edition.register_file), edition.register_label)
    redirects = check(register, doc, now)
    site.pages[ANCHOR_MAP] = anchor_map(now)
    for old, new in redirects.items():
        site.pages[old + "index.html"] = redirect_page(old, new, edition.apparatus_language, edition.labels)
    search = search_entries(edition, site.page_for_paragraph)
    fields = entity_search_fields(edition, entity_path)
    # What the MkDocs hook does after Markdown, as data for any other renderer's tooling.
    site.pages[f"{DATA_DIR}/pages.json"] = json.dumps(
        {"page_meta": site.page_meta, "gathers": site.gathers, "text_pages": sorted(site.text_pages),
         "search": search, "search_fields": fields}, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    written = write_docs(docs_dir, site.pages)
    return Prepared(edition, site, settings(edition, site), search, fields, written)


def settings(edition: Edition, site: Site) -> dict:
    labels = edition.labels
    primary, accent = edition.colours
    extra = {
        "edition_downloads": [list(d) for d in site.downloads],
        "edition_labels": labels,
        "edition_version": labels["version_line"].format(version=edition.versions[-1].version, date=build_date()),
        "edition_script_words": json.dumps({k: labels[k] for k in SCRIPT_WORDS}, ensure_ascii=False),
    }
    if edition.licence:
        extra["edition_licence"] = licence_words(edition.licence, labels)
    return {
        "site_name": edition.title,
        "site_description": edition.subtitle or edition.title,
        "site_author": ", ".join(edition.citation.editors),
        "nav": site.nav,
        "theme": {"language": edition.apparatus_language.split("-")[0],
                  # Each of mkdocs.yml's palettes (light, dark) gets the edition's colours and the toggle's words.
                  "palette": {"primary": primary, "accent": accent,
                              "to_dark": labels["palette_to_dark"], "to_light": labels["palette_to_light"]}},
        "extra": extra,
        "mdx_configs": {EXTENSION: {
            "gap_label": labels["gap"], "photo_label": labels["photo"],
            "paragraph_label": labels["paragraph"], "permalink_label": labels["permalink"],
            "names": site.names, "garbled_label": labels["tooltip_garbled"],
            # The text's language, marked on each paragraph where the page (the apparatus) is in another.
            "text_lang": "" if edition.language == edition.apparatus_language else edition.language,
        }},
    }


def licence_words(licence, labels) -> dict:
    """The footer's licence line, as the words before and after the licence's linked name (the template escapes)."""
    words = labels["licence_footer_scope" if licence.scope else "licence_footer"]
    before, _, after = words.format(scope=licence.scope, licence="\0").partition("\0")
    return {"before": before, "name": licence.name, "url": licence.url, "after": after}


def palettes(palette_list: list[dict], palette: dict) -> None:
    """Colour each palette of mkdocs.yml and name its toggle (the dark, `slate`, scheme's toggle goes to light)."""
    for p in palette_list:
        p.update(primary=palette["primary"], accent=palette["accent"])
        p.setdefault("toggle", {})["name"] = palette["to_light" if p.get("scheme") == "slate" else "to_dark"]


def renderer_config(base: dict, s: dict) -> dict:
    """mkdocs.yml (loaded, environment resolved) with the edition's settings in place, for another renderer."""
    config = dict(base)
    for key in ("site_name", "site_description", "site_author", "nav"):
        config[key] = s[key]
    theme = config["theme"] = dict(config.get("theme", {}), language=s["theme"]["language"])
    theme["palette"] = [dict(p) for p in theme.get("palette", [{}])]
    palettes(theme["palette"], s["theme"]["palette"])
    config["extra"] = {**config.get("extra", {}), **s["extra"]}
    config["markdown_extensions"] = [
        {EXTENSION: s["mdx_configs"][EXTENSION]} if _name(e) == EXTENSION else e
        for e in config.get("markdown_extensions", [])]
    config.pop("hooks", None)  # nothing left for them to do: the pages and settings are written
    return config


def _name(extension) -> str:
    return extension if isinstance(extension, str) else next(iter(extension))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Write the edition's pages to docs/ and, with --config-out, "
                                 "mkdocs.yml with the edition's settings in place, for a renderer without hooks.")
    ap.add_argument("-f", "--config", default="mkdocs.yml", type=Path)
    ap.add_argument("--config-out", type=Path, help="e.g. zensical.generated.yml (beside mkdocs.yml)")
    ap.add_argument("--site-dir", help="where that renderer writes the site (default: mkdocs.yml's site_dir)")
    args = ap.parse_args(argv)
    from mkdocs.utils.yaml import yaml_load  # resolves !ENV as MkDocs does

    with args.config.open(encoding="utf-8") as f:
        base = yaml_load(f)
    root = args.config.resolve().parent
    try:
        prepared = prepare((root / base["extra"]["edition"]).resolve(), root / base.get("docs_dir", "docs"),
                           os.environ.get("SITE_URL") or base["site_url"])
    except EditionError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    if args.config_out:
        out = renderer_config(base, prepared.settings)
        if args.site_dir:
            out["site_dir"] = args.site_dir
        args.config_out.write_text("# Generated by build_scripts/prepare.py from mkdocs.yml and the edition: "
                                   "do not edit.\n" + yaml.safe_dump(out, allow_unicode=True, sort_keys=False),
                                   encoding="utf-8")
    print(f"{prepared.written} files written to docs/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
