"""The site's one table of addresses: where each page lives, the ids a page may carry, how pages link.

A page is named by its Markdown path under docs/ ("text/arrival.md"); its address is a directory URL
("text/arrival/", use_directory_urls), and every link the engine writes is relative to the page it stands on,
so the site works under any path and needs no renderer to rewrite it.
"""
from __future__ import annotations

import datetime as dt
import os
import posixpath
import re
from functools import lru_cache

from .errors import EditionError

# --- anchors --------------------------------------------------------------------------------------------------

PARAGRAPH_ID = re.compile(r"^p(\d+)$")  # the citation anchor: only a paragraph of the text carries one


def paragraph_id(n: int) -> str:
    return f"p{n}"


def note_id(paragraph: int, k: int) -> str:
    """A note's stable id: its paragraph and its place among that paragraph's notes in the data."""
    return f"n{paragraph}-{k}"


def footnote_id(note: str) -> str:
    return f"fn:{note}"


def footnote_ref_id(note: str) -> str:
    return f"fnref:{note}"


def sidenote_id(note: str) -> str:
    return f"sn-{note}"


def bib_id(key: str) -> str:
    # Prefixed: a work's key may look like a paragraph anchor ("p5"), which only the text may carry.
    return f"bib-{key}"


def heading_id(n: int, k: int, after: bool = False) -> str:
    """The k-th heading of a source standing before paragraph n (or, closing its text, after it)."""
    return f"h{n}-{'a' if after else ''}{k}"


def section_anchor(slug: str) -> str:
    # A section's slug, which the loader refuses when it looks like a paragraph's anchor ("p5").
    return slug


# --- pages ----------------------------------------------------------------------------------------------------

# The page that gathers the whole text for print lives beside the section pages (text/<slug>/), so that the
# sections' HTML and its relative links serve both; no section may take its slug.
WHOLE_TEXT_SLUG = "all"
HOME_PATH = "index.md"
CONTENTS_PATH = "contents.md"
GLOSSARY_PATH = "glossary/index.md"
BIBLIOGRAPHY_PATH = "bibliography.md"
CHRONOLOGY_PATH = "chronology.md"
JOURNEY_PATH = "journey.md"
DOWNLOADS_PATH = "downloads.md"
VERSIONS_PATH = "versions.md"
SEARCH_PATH = "search.md"
ANCHOR_MAP = "assets/anchors.json"  # anchor -> page URL, for a paragraph cited on a page that no longer holds it
DOWNLOADS_FOLDER = "downloads"


def text_path(slug: str) -> str:
    return f"text/{slug}.md"


WHOLE_TEXT_PATH = text_path(WHOLE_TEXT_SLUG)


def section_path(section) -> str:
    """A section's page: in text/ for the main text, in its part's folder for a text of a part (record/)."""
    return f"{section.part or 'text'}/{section.slug}.md"


DOSSIER_PATH = "dossier/index.md"


def part_index_path(folder: str) -> str:
    """A part's first page: the list of its texts (record/)."""
    return f"{folder}/index.md"


def claim_path(claim_id: str) -> str:
    return f"dossier/{claim_id}.md"


def entity_path(entity_id: str) -> str:
    return f"entities/{entity_id}.md"


def kind_path(page: str) -> str:
    return f"glossary/{page}.md"


def tei_path(key: str) -> str:
    return f"{DOWNLOADS_FOLDER}/{key}.tei.xml"


def glossary_json_path(key: str) -> str:
    return f"{DOWNLOADS_FOLDER}/{key}-glossary.json"


def glossary_csv_path(key: str) -> str:
    return f"{DOWNLOADS_FOLDER}/{key}-glossary.csv"


def claims_jsonld_path(key: str) -> str:
    return f"{DOWNLOADS_FOLDER}/{key}-claims.jsonld"


def plain_text_path(key: str, text_id: str = "") -> str:
    return f"{DOWNLOADS_FOLDER}/{key}-{text_id}.txt" if text_id else f"{DOWNLOADS_FOLDER}/{key}.txt"


@lru_cache(maxsize=None)
def page_url(md_path: str) -> str:
    """The directory URL of a page, relative to the site root ("" for the home page)."""
    stem = md_path.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


@lru_cache(maxsize=None)
def url_link(from_page: str, to_url: str) -> str:
    """A link from a page to a site URL (a directory URL or a file), relative to the page's own URL."""
    start = page_url(from_page).rstrip("/") or "."
    path = posixpath.relpath(to_url.rstrip("/") or ".", start)
    if to_url.endswith("/") or not to_url:
        return "./" if path == "." else path + "/"
    return path


def href(from_page: str, to_page: str, anchor: str = "") -> str:
    """A link from a page to another page (a Markdown path, or a file's path), with an optional anchor."""
    target = page_url(to_page) if to_page.endswith(".md") else to_page
    link = url_link(from_page, target)
    return f"{link}#{anchor}" if anchor else link


# --- the day of the build -------------------------------------------------------------------------------------

def build_date() -> str:
    """The day of the build, or of SOURCE_DATE_EPOCH where a reproducible build sets it (seconds since 1970)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None or epoch == "":
        return dt.datetime.now(dt.timezone.utc).date().isoformat()
    if not re.fullmatch(r"\d{1,12}", epoch.strip()):
        raise EditionError("SOURCE_DATE_EPOCH", None, f"'{epoch}' is not a number of seconds since 1970",
                           "set it to a whole number (for example `date +%s`), or unset it")
    try:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date().isoformat()
    except (OverflowError, OSError, ValueError):
        raise EditionError("SOURCE_DATE_EPOCH", None, f"'{epoch}' is beyond the dates a build can carry",
                           "set it to a date between 1970 and 9999, or unset it") from None
