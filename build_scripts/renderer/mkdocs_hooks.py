"""MkDocs glue, and all of it: Material prints the site's name and the pages' titles as HTML in some places (the
navigation, the header) and escapes them in others, so MkDocs is given them HTML-escaped and marked safe, which
comes out as written in both. Everything else is in the files the prepare stage wrote; a renderer whose templates
escape (Zensical) runs without this hook and reads the same files."""
from __future__ import annotations

import html

from markupsafe import Markup


def _markup(title):
    return title if isinstance(title, Markup) or not isinstance(title, str) else Markup(html.escape(title))


def _nav(items):
    if isinstance(items, list):
        return [_nav(i) for i in items]
    if isinstance(items, dict):
        return {_markup(k): _nav(v) for k, v in items.items()}
    return items


def on_config(config):
    config.site_name = _markup(config.site_name)
    config.nav = _nav(config.nav)
    return config


def on_page_markdown(markdown, page, config, files):
    if isinstance(page.meta.get("title"), str):
        page.meta["title"] = _markup(page.meta["title"])
    return markdown
