"""Python-Markdown extension for the reading text.

The build writes its marks with private-use characters (markdown_text.py), which no editorial text may
contain: a block opened by the paragraph mark becomes a numbered paragraph of the edition, with id="pN", a
visible number and a permalink; the gap token becomes the editorial mark for a lacuna; a name token becomes
the link to the entity's entry, its identification as tooltip (the hook passes the table of entries as the
`names` setting). The ids are set here, inside Markdown, so that MkDocs sees them when it validates anchors.
"""
from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.blockprocessors import BlockProcessor
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from .markdown_text import GAP_TOKEN, NAME_KINDS, NAME_RE, PARA_RE, name_token_text


# Python-Markdown's serialiser leaves anything that looks like a character reference ("&amp;", "&lt;") as it is,
# in attributes and in text alike: what this extension puts in the tree is therefore given HTML-escaped, so that
# a literal "&amp;" in the data comes out as written.
def attr(value: str) -> str:
    return html.escape(value)


def text(value: str) -> AtomicString:
    """Text that no inline pattern may touch, escaped for the serialiser."""
    return AtomicString(html.escape(value, quote=False))


def tooltip(value: str) -> str:
    """A title attribute's value. Material's tooltips (content.tooltips) show it as HTML, so it is escaped once more
    than an attribute: the tooltip shows the text as written."""
    return attr(html.escape(value, quote=False))


class ParagraphBlock(BlockProcessor):
    def __init__(self, parser, ext: "EditionExtension"):
        super().__init__(parser)
        self.ext = ext

    def test(self, parent, block):
        return bool(PARA_RE.match(block))

    def run(self, parent, blocks):
        block = blocks.pop(0)
        m = PARA_RE.match(block)
        n, body = m["n"], block[m.end():]
        if m["figure"]:
            el = etree.SubElement(parent, "figure")
            el.set("class", "ed-para ed-figure")
            label = etree.SubElement(el, "div")
            label.set("class", "ed-photo ed-editorial")
            label.text = text(self.ext.getConfig("photo_label"))
            cap = etree.SubElement(el, "figcaption")
            cap.set("class", "ed-text")
            cap.text = body
            if self.ext.getConfig("text_lang"):
                cap.set("lang", attr(self.ext.getConfig("text_lang")))
        else:
            el = etree.SubElement(parent, "p")
            el.set("class", "ed-para ed-text")
            el.text = body
            if self.ext.getConfig("text_lang"):
                el.set("lang", attr(self.ext.getConfig("text_lang")))
        el.set("id", f"p{n}")
        el.set("data-n", n)


class GapInline(InlineProcessor):
    def __init__(self, ext: "EditionExtension"):
        super().__init__(re.escape(GAP_TOKEN))
        self.ext = ext

    def handleMatch(self, m, data):
        el = etree.Element("span")
        el.set("class", "ed-gap ed-editorial")
        el.set("title", tooltip(self.ext.getConfig("gap_label")))
        el.set("tabindex", "0")
        el.text = "[…]"
        return el, m.start(0), m.end(0)


class NameInline(InlineProcessor):
    """One match per name, no nested parsing: a name is plain text, and the text has many of them."""

    def __init__(self, ext: "EditionExtension"):
        super().__init__(NAME_RE.pattern)
        self.ext = ext

    def handleMatch(self, m, data):
        names = self.ext.getConfig("names")
        kind, entity, printed = NAME_KINDS[m.group(1)], m.group(2), m.group(3)
        if entity not in names:
            raise ValueError(f"name token {m.group(0)!r}: no entry {entity!r} in the extension's names setting")
        entry, form = names[entity], name_token_text(printed)
        garbled = kind in ("garbled", "garbled-again")
        classes = ["ed-name", "ed-garbled"] if garbled else ["ed-name"]
        if kind in ("name", "garbled"):  # the first mention of the entity in its paragraph: a link
            el = etree.Element("a")
            el.set("href", entry["href"])
            note = " " + self.ext.getConfig("garbled_label").format(form=form) if garbled else ""
            el.set("title", tooltip(f"{entry['head']}.{note} {entry['summary']}"))
        else:  # a later mention in the same paragraph: marked, not linked (fewer stops for the keyboard)
            el = etree.Element("span")
            classes[0] = "ed-name-again"
        el.set("class", " ".join(classes))
        if garbled:
            el.set("data-reg", attr(entry["standard"]))  # shown by CSS (attr()) in the normalised view, as text
        el.text = text(form)
        return el, m.start(0), m.end(0)


class NumberTreeprocessor(Treeprocessor):
    """Give each numbered paragraph its margin number and permalink."""

    def __init__(self, md, ext: "EditionExtension"):
        super().__init__(md)
        self.ext = ext

    def run(self, root):
        # Collected first: the loop inserts elements, which must not change the walk.
        for el in [e for e in root.iter() if e.get("data-n") is not None and "ed-para" in e.get("class", "")]:
            n = el.get("data-n")
            tools = etree.Element("span")
            tools.set("class", "ed-tools ed-editorial")
            tools.set("data-search-exclude", "")  # numbers and controls stay out of the search index
            num = etree.SubElement(tools, "a")
            num.set("class", "ed-num")
            num.set("href", f"#p{n}")
            num.set("aria-label", attr(f"{self.ext.getConfig('paragraph_label')} {n}"))
            num.text = n
            link = etree.SubElement(tools, "a")
            link.set("class", "ed-permalink")
            link.set("href", f"#p{n}")
            link.set("aria-label", attr(f"{self.ext.getConfig('permalink_label')} {n}"))
            link.text = "#"
            tools.tail = el.text
            el.text = None
            el.insert(0, tools)


class EditionExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {
            "gap_label": ["Words missing from the source", "tooltip of a lacuna mark"],
            "photo_label": ["Photograph not reproduced:", "label of a lost photograph's caption"],
            "paragraph_label": ["Paragraph", "accessible name of a paragraph number"],
            "permalink_label": ["Permanent link to paragraph", "accessible name of a permalink"],
            "names": [{}, "entity id -> {href, head, summary, standard}: what a name token links to"],
            "text_lang": ["", "the text's language, where the page is in another (the apparatus')"],
            "garbled_label": ["The text garbles the name as “{form}”.", "what a garbled name's tooltip says of it"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        # Priorities between the core ones, never equal to one (the registry's order would then be arbitrary).
        md.parser.blockprocessors.register(ParagraphBlock(md.parser, self), "edition_paragraph", 75)
        md.inlinePatterns.register(NameInline(self), "edition_name", 196)  # before code spans (190) and escapes
        md.inlinePatterns.register(GapInline(self), "edition_gap", 194)
        # After inline processing (20), before attribute lists (8) and the table of contents (5).
        md.treeprocessors.register(NumberTreeprocessor(md, self), "edition_numbers", 17)


def makeExtension(**kwargs):
    return EditionExtension(**kwargs)
