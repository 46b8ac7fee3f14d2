"""Editorial prose (an entry, a note, a certainty note): Markdown without HTML, parsed once into HTML that the
loader checks and the renderer links.

What prose may be is decided on the parsed result, not on its spelling: after Python-Markdown has read it and
lxml has decoded every character reference, prose holds only paragraphs, emphasis, code, lists, quotations and
links; a link goes to a web address (http or https) or to a page of the site (`entities/x.md`); the one piece of
HTML it may write is `<span lang="…">…</span>`, to mark a language. No image, no attribute list (the extension
is not loaded, so `{: …}` stays text), no heading, no other HTML.
"""
from __future__ import annotations

import re
from functools import lru_cache

import markdown
from lxml import etree
from lxml import html as lhtml

from .escape import link_scheme, safe_href

# Elements prose may hold, with the attributes each may carry.
ALLOWED = {"p": (), "em": (), "strong": (), "code": (), "pre": (), "br": (), "hr": (), "ul": (), "ol": ("start",),
           "li": (), "blockquote": (), "a": ("href", "title"), "span": ("lang",)}
LANG_SPAN = re.compile(r'^<span lang="[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*">$')
ENTITY = re.compile(r"^&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);$")
SITE_PAGE = re.compile(r"^(?:[a-z0-9_][a-z0-9_.-]*/)*[a-z0-9_][a-z0-9_.-]*\.md(?:#[A-Za-z][\w:.-]*)?$")
WRAPPER = "ed-prose"

_md = markdown.Markdown(extensions=[], output_format="html")


@lru_cache(maxsize=8192)
def convert(text: str) -> tuple[str, str | None]:
    """The prose as HTML (inside a <div>), and the first thing in it that prose may not hold (or None)."""
    _md.reset()
    out = _md.convert(text)
    for raw in _md.htmlStash.rawHtmlBlocks:
        raw = str(raw)
        if not (LANG_SPAN.match(raw) or raw == "</span>" or ENTITY.match(raw)):
            shown = raw if len(raw) <= 24 else raw[:24] + "…"
            return "", (f"contains raw HTML ('{shown}'); prose is Markdown without HTML (only <span lang=\"…\">…"
                        "</span> may mark a language)")
    root = lhtml.fragment_fromstring(f'<div class="{WRAPPER}">{out}</div>')
    return out, problem(root)


def problem(root) -> str | None:
    for el in root.iter():
        if el is root or not isinstance(el.tag, str):
            if not isinstance(el.tag, str):
                return "contains an HTML comment or processing instruction, which prose may not"
            continue
        tag = el.tag
        if tag == "img":
            return f"shows an image ('{el.get('src', '')}'), which prose may not: an image is not part of the apparatus"
        if re.fullmatch(r"h[1-6]", tag):
            return "contains a heading (a line that starts with #), which prose may not: write it as a sentence"
        if tag not in ALLOWED:
            return f"contains a <{tag}> element, which prose may not"
        for name in el.attrib:
            if name not in ALLOWED[tag]:
                return f"gives a <{tag}> the attribute '{name}', which prose may not"
        if tag == "a":
            target = el.get("href", "")
            if not target or not safe_href(target) or (link_scheme(target) is None and not SITE_PAGE.match(target)):
                return (f"links to '{target}', which is neither a web address (https://…) nor a page of the site "
                        "(such as entities/some-entry.md)")
    return None


def fragment(text: str):
    """The prose's HTML as a fresh <div> element (lxml), to be linked and placed by the renderer."""
    html, found = convert(text)
    if found:  # the loader refuses such prose; this is the last line of defence
        raise ValueError(found)
    return lhtml.fragment_fromstring(f'<div class="{WRAPPER}">{html}</div>')


def check(text: str) -> str:
    """The schema's check of a prose field: the text, or ValueError naming what prose may not hold."""
    found = convert(text)[1]
    if found:
        raise ValueError(found)
    return text


# A page of the edition's own (pages/*.md) is Markdown as the renderer reads it (mkdocs.yml's extensions), so it
# may also have headings, tables, footnotes and admonitions; the attributes those extensions write are allowed,
# and nothing an attribute list ({: …}) could add.
PAGE_EXTENSIONS = ["attr_list", "footnotes", "tables", "admonition", "toc"]
PAGE_ALLOWED = {**ALLOWED, **{t: ("id",) for t in ("h1", "h2", "h3", "h4", "h5", "h6")},
                "a": ("href", "title", "class"), "sup": ("id",), "li": ("id",), "div": ("class",),
                "p": ("class",), "table": (), "thead": (), "tbody": (), "tr": (), "th": ("style",), "td": ("style",)}
PAGE_CLASSES = {"footnote", "footnote-ref", "footnote-backref", "admonition", "admonition-title", "note", "warning",
                "tip", "info", "abstract", "example", "quote", "danger", "success", "question", "failure", "bug"}
_page_md = markdown.Markdown(extensions=PAGE_EXTENSIONS, output_format="html")


def page_problem(text: str) -> str | None:
    """What a page of the edition's own holds that the rules for editorial text refuse, or None."""
    _page_md.reset()
    body = text.split("---", 2)[2] if text.startswith("---") and text.count("---") >= 2 else text
    out = _page_md.convert(body)
    for raw in _page_md.htmlStash.rawHtmlBlocks:
        raw = str(raw)
        if not (LANG_SPAN.match(raw) or raw == "</span>" or ENTITY.match(raw)):
            shown = raw if len(raw) <= 24 else raw[:24] + "…"
            return (f"contains raw HTML ('{shown}'); a page is Markdown without HTML (only <span lang=\"…\">…"
                    "</span> may mark a language)")
    root = lhtml.fragment_fromstring(f"<div>{out}</div>")
    for el in root.iter():
        if el is root or not isinstance(el.tag, str):
            continue
        if el.tag == "img":
            return f"shows an image ('{el.get('src', '')}'), which a page of the edition may not"
        if el.tag not in PAGE_ALLOWED:
            return f"contains a <{el.tag}> element, which a page of the edition may not"
        for name, value in el.attrib.items():
            if name not in PAGE_ALLOWED[el.tag] or (name == "class" and not set(value.split()) <= PAGE_CLASSES) or \
                    (name == "style" and not re.fullmatch(r"text-align: ?(left|right|center);?", value)) or \
                    (name == "id" and re.fullmatch(r"p\d+", value)):
                return (f"gives a <{el.tag}> the attribute {name}=\"{value}\" (an attribute list?), which a page may "
                        "not")
        if el.tag == "a":
            target = el.get("href", "")
            if not safe_href(target):
                return f"links to '{target}', which is neither a web address (https://…) nor a page of the site"
    return None


def plain(text: str) -> str:
    """The prose's words without markup, for outputs that carry text only (a search record, a TEI note)."""
    return " ".join(etree.tostring(fragment(text), method="text", encoding="unicode").split())
