"""Read the built site's HTML the way a reader sees the text: editorial matter set apart."""
from __future__ import annotations

from copy import deepcopy
from pathlib import Path

import lxml.html

from build_scripts.paths import WHOLE_TEXT_SLUG

EDITORIAL = ('contains(concat(" ", @class, " "), " ed-tools ") or contains(concat(" ", @class, " "), " ed-photo ")'
             ' or (self::sup and starts-with(@id, "fnref"))')


def parse(path: Path):
    return lxml.html.fromstring(path.read_bytes())


def paragraphs_in(site: Path) -> dict[str, list[tuple[Path, object]]]:
    """Every element with id="pN" in the site's text pages (the citable ones, not the whole text for print), by id:
    the main text's (text/) and a part's (record/)."""
    found: dict[str, list[tuple[Path, object]]] = {}
    for page in sorted(site.rglob("index.html")):
        if page.parent.name == WHOLE_TEXT_SLUG and page.parent.parent.name == "text":
            continue
        for el in parse(page).xpath('//*[starts-with(@id, "p") and @data-n]'):
            found.setdefault(el.get("id"), []).append((page, el))
    return found


def reading_text(el, gap_marker: str) -> str:
    """The visible text of a paragraph without its number, permalink, labels and note markers;
    each gap mark read back as the marker the source prints."""
    el = deepcopy(el)
    # A caption's text is its figcaption; the figure around it holds only editorial matter.
    el = (el.xpath(".//figcaption") or [el])[0]
    for extra in el.xpath(f".//*[{EDITORIAL}]"):
        extra.drop_tree()
    for gap in el.xpath('.//*[contains(concat(" ", @class, " "), " ed-gap ")]'):
        assert gap.text_content() == "[…]", "a gap shows as the editorial mark […]"
        tail = gap.tail
        gap.clear()
        gap.text, gap.tail = gap_marker, tail
    return el.text_content()
