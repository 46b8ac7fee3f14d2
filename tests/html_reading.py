"""Read the built site's HTML the way a reader sees the text: editorial matter set apart."""
from __future__ import annotations

from copy import deepcopy
from pathlib import Path

import lxml.html
import yaml

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


def declared_texts(edition_file: Path) -> list[dict]:
    """The texts of an edition as its files declare them, read here independently of the engine's loader: the
    edition file's `source` (one text) or `texts`, then the texts of each file under `text_files` (sources relative
    to that file). Each: id, part ("" for the main text's), page (a part's text: its folder, <part path>/<id>;
    the main text's are on text/<section>/), file, the bytes, and its paragraphs as (n, line) numbered on through
    the edition: every non-empty line that does not start with the heading mark."""
    data = yaml.safe_load(edition_file.read_text(encoding="utf-8"))
    mark = data.get("headings") or ""
    parts = {k: v["path"] for k, v in (data.get("parts") or {}).items()}
    entries = [({"id": "", "source": data["source"]}, edition_file.parent)] if data.get("source") else \
        [(t, edition_file.parent) for t in data.get("texts", [])]
    for name in data.get("text_files", []):
        file = edition_file.parent / name
        entries += [(t, file.parent) for t in yaml.safe_load(file.read_text(encoding="utf-8"))["texts"]]
    texts, n = [], 0
    for t, folder in entries:
        raw = (folder / t["source"]).read_bytes()
        paragraphs = []
        for line in raw.decode("utf-8").split("\n"):
            line = line.removesuffix("\r")
            if line.strip() and not (mark and line.startswith(mark)):
                n += 1
                paragraphs.append((n, line))
        part = t.get("part", "")
        texts.append({"id": t["id"], "part": part, "page": f"{parts[part]}/{t['id']}" if part else "",
                      "file": folder / t["source"], "bytes": raw, "paragraphs": paragraphs})
    return texts
