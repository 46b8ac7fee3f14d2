"""The one escaping module: a function per output context. Every piece of editorial data that reaches an output
goes through one of these (or through a serialiser that escapes by construction: lxml for HTML and TEI, `json.dumps` for JSON, `textContent` in the page scripts).

| context                                   | function            |
| ----------------------------------------- | ------------------- |
| text inside a line of Markdown            | `markdown_inline`   |
| text at the start of a Markdown line      | `markdown_line`     |
| an HTML element as a Markdown block       | `html_block`        |
| a tooltip (a title attribute, shown as text) | `tooltip`        |
| HTML text (search index, titles)          | `html_text`         |
| JSON inside an HTML attribute             | `json_attr` (then the template's `| e`) |
| JSON inside a `<script>` element          | `json_script`       |
| a BibTeX field                            | `bibtex`            |
| a link target                             | `safe_href` (None when the target may not be linked) |
"""
from __future__ import annotations

import html
import json
import re
from lxml import html as lxml_html

# --- Markdown -----------------------------------------------------------------------------------------------------

# Only what could start inline syntax (code, emphasis, links, images, footnote refs, attribute lists, table cells,
# escapes, autolinks) is escaped: every escape is one more inline match for Python-Markdown to process.
_INLINE = re.compile(r"([\\`*_{}\[\]|])")
# What would start a block (heading, quote, list) if it began a line.
_LINE_START = re.compile(r"^([#>+\-]|\d+(?=[.)]))")
# The build's own marks are private-use characters; the source's own are written as character references.
_PRIVATE = re.compile("[\ue000-\uf8ff]")


def _private_ref(text: str) -> str:
    return _PRIVATE.sub(lambda m: f"&#x{ord(m[0]):04x};", text)


def markdown_inline(text: str) -> str:
    """Verbatim text inside a line of Markdown: it renders exactly as written, never as markup or a link."""
    return _private_ref(_INLINE.sub(r"\\\1", html.escape(text, quote=False)))


def markdown_line(text: str) -> str:
    """`markdown_inline`, and safe at the start of a line too (it cannot open a heading, a quote or a list)."""
    return _LINE_START.sub(lambda m: m[1] + "\\" if m[1][0].isdigit() else "\\" + m[1], markdown_inline(text))


def html_block(el) -> str:
    """An element (lxml) written as a Markdown block of its own: Python-Markdown keeps a raw HTML block whole, so
    lxml's HTML escaping of every text and attribute is the only one needed. A blank line would end the block early,
    and a private-use character could be taken for a mark of the build: neither is left in."""
    out = lxml_html.tostring(el, encoding="unicode", with_tail=False)
    return _private_ref(_BLANK_LINES.sub("\n", out))


_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n)+")


# --- HTML ---------------------------------------------------------------------------------------------------------

def html_text(text: str) -> str:
    return html.escape(text, quote=False)


def html_attr(text: str) -> str:
    return html.escape(text, quote=True)


def tooltip(text: str) -> str:
    """A tooltip's text, for a title attribute (the serialiser escapes it as an attribute). The page script shows
    it with textContent; Material's own tooltips, which render a title as HTML, are not used."""
    return text


# --- JSON ---------------------------------------------------------------------------------------------------------

def json_attr(data) -> str:
    """JSON for an HTML attribute; the template escapes it (`| e`) as it does every attribute."""
    return json.dumps(data, ensure_ascii=False)


def json_script(data) -> str:
    """JSON inside a <script type="application/json"> element: nothing in it can close the element or open a
    comment, since <, > and & are written as \\u escapes."""
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":"))
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


# --- BibTeX -------------------------------------------------------------------------------------------------------

_BIBTEX = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "%": r"\%", "#": r"\#",
           "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}
_BIBTEX_RE = re.compile("|".join(re.escape(k) for k in _BIBTEX))


def bibtex(text: str) -> str:
    """A value written into a BibTeX field, each special character as LaTeX reads it literally."""
    return _BIBTEX_RE.sub(lambda m: _BIBTEX[m[0]], text)


# --- link targets -------------------------------------------------------------------------------------------------

# As a browser reads a URL (WHATWG URL standard): leading and trailing C0 controls and spaces are dropped and tabs
# and newlines anywhere are removed before the scheme is read; a scheme is letters, digits, + - . before a colon.
_STRIP = re.compile(r"^[\x00-\x20]+|[\x00-\x20]+$")
_TAB_NEWLINE = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


def link_scheme(target: str) -> str | None:
    """The scheme a browser would read from an href or src (lower case), after character references are decoded;
    None for a relative reference."""
    url = _TAB_NEWLINE.sub("", _STRIP.sub("", html.unescape(target)))
    m = _SCHEME.match(url)
    return m[1].lower() if m else None


def safe_href(target: str, schemes: tuple[str, ...] = ("http", "https")) -> bool:
    """Whether a link target is a web address or a reference within the site (never javascript:, data:, …, nor a
    protocol-relative //host, which leaves the site without a scheme)."""
    url = _TAB_NEWLINE.sub("", _STRIP.sub("", html.unescape(target)))
    scheme = link_scheme(url)
    if scheme is None:
        return not url.replace("\\", "/").startswith("//")
    return scheme in schemes
