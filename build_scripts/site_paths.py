"""Where each page of the edition lives, how pages link to each other, and how a page's head is written."""
from __future__ import annotations

import datetime as dt
import html
import os
import posixpath
import xml.etree.ElementTree as etree
from functools import lru_cache

import yaml
from markupsafe import Markup

from .model import WHOLE_TEXT_SLUG, Section


def text_path(slug: str) -> str:
    return f"text/{slug}.md"


def section_path(s: Section) -> str:
    return text_path(s.slug)


WHOLE_TEXT_PATH = text_path(WHOLE_TEXT_SLUG)  # beside the sections, whose rendered HTML it reuses
BIBLIOGRAPHY_PATH = "bibliography.md"


def entity_path(entity_id: str) -> str:
    return f"entities/{entity_id}.md"


def kind_path(page: str) -> str:
    return f"glossary/{page}.md"


def page_url(md_path: str) -> str:
    """The directory URL of a Markdown page (use_directory_urls: true), relative to the site root."""
    stem = md_path.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


def rel(from_page: str, to_page: str) -> str:
    """A Markdown link between two pages (MkDocs turns it into the page's URL and checks it)."""
    return posixpath.relpath(to_page, posixpath.dirname(from_page))


@lru_cache(maxsize=None)  # an entry's concordance links to thousands of paragraphs at scale, a few pages each
def url_link(from_page: str, to_url: str) -> str:
    """A link between pages in raw HTML, which MkDocs does not rewrite: directory URL to directory URL."""
    start = page_url(from_page).rstrip("/") or "."
    path = posixpath.relpath(to_url.rstrip("/") or ".", start)
    return "./" if path == "." else path + "/"


_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def front_matter(title: str, **extra) -> str:
    """A page's front matter: plain text, which the hook marks up as HTML (mkdocs_hooks.on_page_markdown)."""
    meta = {"title": title, **extra}
    return "---\n" + yaml.dump(meta, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**6) + "---\n"


def html_title(title: str) -> Markup:
    """A title as Material needs it. Material prints a page's title as HTML in some places (the navigation, the
    page's <h1> when it has none) and escapes it in others (aria-labels): escaped once and marked safe, it comes
    out as written in both, since Jinja does not escape what is marked safe again."""
    return title if isinstance(title, Markup) else Markup(html.escape(title))



def fragment(el: etree.Element) -> str:
    """Raw HTML for a Markdown page, serialised by ElementTree (which escapes every text and attribute)."""
    return etree.tostring(el, encoding="unicode", method="html")


def sub(parent: etree.Element, tag: str, text: str | None = None, **attrs) -> etree.Element:
    el = etree.SubElement(parent, tag, {k.rstrip("_").replace("_", "-"): v for k, v in attrs.items()})
    if text is not None:
        el.text = text
    return el


def build_date() -> str:
    """The day of the build, or of SOURCE_DATE_EPOCH where a reproducible build sets it."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    day = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc) if epoch else dt.datetime.now(dt.timezone.utc)
    return day.date().isoformat()
