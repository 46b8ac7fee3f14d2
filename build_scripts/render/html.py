"""Building HTML for the pages: elements made with lxml (which escapes every text and attribute it writes), and a
page as Markdown for the renderer: front matter, headings, and HTML blocks that Markdown keeps whole."""
from __future__ import annotations

import yaml
from lxml import etree

from ..cite.csl_runs import Run
from ..escape import html_block, markdown_line

_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def E(tag: str, *children, **attrs) -> etree._Element:
    """An element: keyword attributes with `_` for `-` (class_ -> class, data_n -> data-n), children as text or
    elements, None skipped."""
    el = etree.Element(tag, {k.rstrip("_").replace("_", "-"): str(v) for k, v in attrs.items() if v is not None})
    append(el, *children)
    return el


def append(parent: etree._Element, *children) -> etree._Element:
    """Children after what the parent already holds: text joins the text (or the last child's tail)."""
    for child in children:
        if child is None or child == "":
            continue
        if isinstance(child, (list, tuple)):
            append(parent, *child)
        elif isinstance(child, str):
            last = next(parent.iterchildren(reversed=True), None)
            if last is None:
                parent.text = (parent.text or "") + child
            else:
                last.tail = (last.tail or "") + child
        else:
            parent.append(child)
    return parent


def sub(parent: etree._Element, tag: str, *children, **attrs) -> etree._Element:
    el = E(tag, *children, **attrs)
    parent.append(el)
    return el


RUN_TAGS = {"i": ("em", None), "b": ("strong", None), "sc": ("span", "ed-smallcaps"), "sup": ("sup", None),
            "sub": ("sub", None), "u": ("span", "ed-underline")}


def runs(rs: list[Run]) -> list:
    """Runs of CSL output (text and styles) as inline content: text and elements."""
    out: list = []
    for text, styles in rs:
        node: object = text
        for style in reversed(styles):
            tag, cls = RUN_TAGS[style]
            node = E(tag, node, class_=cls)
        out.append(node)
    return out


class Page:
    """A page as the renderer reads it: front matter (plain data), then blocks. A heading is Markdown, so the
    table of contents sees it (its text escaped, its id and classes the engine's own); everything else is an HTML
    block, which Markdown keeps whole."""

    def __init__(self, title: str, **meta):
        self.meta = {"title": title, **{k: v for k, v in meta.items() if v is not None}}
        self.blocks: list[str] = []

    def heading(self, level: int, text: str, anchor: str | None = None, classes: tuple[str, ...] = ()) -> "Page":
        attrs = ([f"#{anchor}"] if anchor else []) + [f".{c}" for c in classes]
        self.blocks.append("#" * level + " " + markdown_line(text) + (f" {{: {' '.join(attrs)} }}" if attrs else ""))
        return self

    def add(self, *elements) -> "Page":
        for el in elements:
            if el is not None:
                self.blocks.append(html_block(el))
        return self

    def markdown(self) -> str:
        head = yaml.dump(self.meta, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10 ** 6)
        return "---\n" + head + "---\n\n" + "\n\n".join(self.blocks) + "\n"
