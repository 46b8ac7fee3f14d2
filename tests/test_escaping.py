"""The one escaping module (build_scripts/escape.py): one function per output context, each checked against what
the context's own reader (a browser, Python-Markdown, LaTeX, a JSON parser) makes of its output. The whole pipeline
is tried with the hostile edition (test_hostile.py)."""
import json

import lxml.html
import markdown
import pytest

from build_scripts.escape import (bibtex, html_block, json_script, link_scheme, markdown_inline, markdown_line,
                                  safe_href)
from build_scripts.render.html import E

HOSTILE = ["<b>x</b> & \"q\" 'a'", "*em* _u_ `c` [l](javascript:x) {: #p1 } | t |", "\\ backslash \\*",
           "# heading", "1. list", "- item", "> quote", "&amp; &lt;", "{{ x }} {0.__class__}", "a\ue000b"]


# The renderer's Markdown, as mkdocs.yml configures it.
RENDERER = ["attr_list", "footnotes", "tables", "admonition", "toc"]


@pytest.mark.parametrize("text", HOSTILE)
def test_markdown_text_renders_as_written(text):
    """Inside a line (after other words) and at the start of one (a heading's text), the same words come out."""
    md = markdown.Markdown(extensions=RENDERER)
    for source, shown in ((f"Before {markdown_inline(text)}", f"Before {text}"), (markdown_line(text), text),
                          (f"## {markdown_line(text)}", text)):
        out = md.reset().convert(source)
        doc = lxml.html.fragment_fromstring(out, create_parent="div")
        assert not doc.xpath("//*[not(self::div) and not(self::p) and not(self::h2)]"), out
        assert not doc.xpath("//@class | //@href | //p/@id"), out
        assert doc.text_content() == shown, out


@pytest.mark.parametrize("text", HOSTILE)
def test_an_html_block_keeps_its_text_and_attributes_as_written(text):
    el = E("p", text, E("a", text, href="https://example.org/?a=1&b=2", title=text), class_="x")
    block = html_block(el)
    assert "\n\n" not in block
    doc = lxml.html.fragment_fromstring(block)
    assert doc.text_content() == text + text
    assert doc.find("a").get("title") == text and doc.find("a").get("href") == "https://example.org/?a=1&b=2"
    md = markdown.Markdown().convert("before\n\n" + block + "\n\nafter")
    assert lxml.html.fragment_fromstring(md, create_parent="div").xpath("string(p[@class='x'])") == text + text


def test_a_block_never_holds_a_blank_line_that_would_end_it():
    block = html_block(E("div", E("p", "a\n\n\nb")))
    assert "\n\n" not in block


@pytest.mark.parametrize("target, scheme", [
    ("javascript:alert(1)", "javascript"), ("JaVaScRiPt:alert(1)", "javascript"), (" \tjava\nscript:x", "javascript"),
    ("&#106;avascript:x", "javascript"), ("java&#115;cript:x", "javascript"), ("javascript&colon;x", "javascript"),
    ("\x01javascript:x", "javascript"), ("data:text/html,x", "data"), ("https://example.org/", "https"),
    ("../x/#p5", None), ("#p5", None), ("x:y", "x"),
])
def test_the_scheme_is_read_as_a_browser_reads_it(target, scheme):
    assert link_scheme(target) == scheme


@pytest.mark.parametrize("target, safe", [
    ("https://example.org/", True), ("http://example.org/", True), ("../entities/x/", True), ("#p5", True),
    ("javascript:alert(1)", False), ("&#106;avascript:x", False), ("data:,x", False), ("//evil.example/", False),
    ("\\\\evil.example/", False), ("mailto:a@b.example", False), ("vbscript:x", False),
])
def test_a_link_target_is_safe_only_as_a_web_address_or_a_page_of_the_site(target, safe):
    assert safe_href(target) is safe


def test_json_in_a_script_cannot_close_it_and_reads_back_the_same():
    data = {"a": "</script><script>alert(1)</script>", "b": "<!-- & -->", "c": ["\u2028", "é"]}
    text = json_script(data)
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == data


def test_bibtex_escapes_every_special_character():
    assert bibtex(r"a{b}c\d$e&f%g#h_i~j^k") == (r"a\{b\}c\textbackslash{}d\$e\&f\%g\#h\_i"
                                                r"\textasciitilde{}j\textasciicircum{}k")
