"""One escaping rule per output, tried with a hostile edition (tests/fixtures/hostile/): quotes, `<`, `&`, braces,
the gap marker and "¶5 " inside editorial prose, markup in titles, non-Latin scripts. Every string comes out
literally in HTML, JSON, BibTeX and TEI, and no script of the data ever runs."""
import html
import json
from pathlib import Path

import pytest
import yaml
from lxml import etree

from build_scripts.citations import TOKENS, bibtex_escape
from conftest import ROOT, assert_tei_valid, mkdocs_build, serve
from html_reading import parse

HOSTILE = ROOT / "tests" / "fixtures" / "hostile"


def data(name: str) -> dict:
    return yaml.safe_load((HOSTILE / name).read_text(encoding="utf-8"))


EDITION = data("edition.yml")
SECTIONS = data("sections.yml")["sections"]
PEOPLE = data("entities/people.yml")["entities"]
WORK = data("bibliography/works.yml")["works"][0]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("hostile") / "site"
    result = mkdocs_build(site, HOSTILE / "edition.yml")
    assert result.returncode == 0, result.stderr
    return site


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "search" not in p.parts)


def test_no_markup_of_the_data_reaches_a_page(hostile_site):
    for page in pages(hostile_site):
        doc = parse(page)
        scripts = [s.text or "" for s in doc.xpath("//script")]
        assert not [s for s in scripts if "alert(" in s], page
        assert not doc.xpath("//*[@onerror or @onmouseover]"), page
        assert not doc.xpath("//img[@src='x']") and not doc.xpath("//b[.='Hostile']"), page


def test_titles_and_names_come_out_as_written(hostile_site):
    first, second = SECTIONS
    doc = parse(hostile_site / "text" / "first" / "index.html")
    assert doc.xpath("string(//h1)") == first["title"]
    assert doc.xpath("string(//title)").startswith(first["title"])
    assert doc.xpath("string(//title)").endswith(EDITION["title"])
    meta = {m.get("name") or m.get("property"): m.get("content") for m in doc.xpath("//head/meta")}
    assert meta["og:title"] == meta["DC.title"] == meta["citation_title"] == first["title"]
    assert meta["og:site_name"] == EDITION["title"] and meta["DC.description"] == first["summary"]
    nav = [a.text_content().strip() for a in doc.xpath("//nav[contains(@class, 'md-nav--primary')]//a")]
    assert first["title"] in nav and second["title"] in nav
    header = doc.xpath("string(//*[contains(@class, 'md-header__topic')][1])").strip()
    assert header == EDITION["title"]
    person = PEOPLE[0]
    entry = parse(hostile_site / "entities" / "obrien" / "index.html")
    assert entry.xpath("string(//h1)") == person["name"]
    native = entry.xpath("//p[contains(@class, 'ed-native')]")[0]
    assert native.text_content() == person["native_name"] and native.get("lang") == "zh-Hant"
    name = doc.xpath("//a[contains(@class, 'ed-name')]")[0]
    # Material shows a title attribute as HTML in its tooltip: the attribute holds the words escaped once.
    tip = f"{person['name']} ({person['dates']}). {person['summary']}"
    assert name.text_content() == "O'Brien" and name.get("title") == html.escape(tip, quote=False)


def test_prose_is_markdown_but_never_forges_a_mark_of_the_build(hostile_site):
    entry = parse(hostile_site / "entities" / "obrien" / "index.html")
    text = entry.xpath("string(//article)")
    assert "¶5 begins this entry, and {gap} and ** and {name:obrien|X} are prose here" in text
    assert not entry.xpath("//*[@id='p5' or @data-n]") and not entry.xpath("//*[contains(@class, 'ed-gap')]")
    assert entry.xpath("//article//em[.='emphasis']")
    assert entry.xpath("//article//a[@href='https://example.org/a_(b)']")
    box = entry.xpath("//div[contains(@class, 'admonition')]")[0]
    assert "First paragraph of the note" in box.text_content() and "Second paragraph, still inside" in box.text_content()
    # A note of several paragraphs stays one note; "¶1" in prose is a link to the paragraph.
    text_page = parse(hostile_site / "text" / "first" / "index.html")
    note = text_page.xpath("//li[starts-with(@id, 'fn:n1-')]")[0]
    assert "¶5 begins this note; {gap} and ** and <" in note.text_content()
    assert "A second paragraph of the note stays in the note." in note.text_content()
    lacuna = text_page.xpath("//li[starts-with(@id, 'fn:n2-')]")[0]
    assert lacuna.xpath(".//a[.='¶1']/@href") == ["./#p1"] or lacuna.xpath(".//a[.='¶1']/@href") == ["#p1"]


def test_the_source_text_comes_out_literally(hostile_site):
    lines = [line for line in (HOSTILE / "hostile.txt").read_text(encoding="utf-8").split("\n") if line]
    from html_reading import reading_text
    found = {}
    for page in (hostile_site / "text").rglob("index.html"):
        if page.parent.name != "all":
            for el in parse(page).xpath("//*[@data-n]"):
                found[el.get("id")] = el
    for n, line in enumerate(lines, start=1):
        assert reading_text(found[f"p{n}"], "**") == line, n
    assert sorted(found) == [f"p{n}" for n in range(1, 6)]  # "¶5 " and "{: #p1 }" in the text made no anchor


def test_the_cite_data_is_json_of_a_dict_with_the_strings_as_written(hostile_site):
    doc = parse(hostile_site / "text" / "first" / "index.html")
    cite = json.loads(doc.xpath("//div[@id='ed-cite-data']/@data-cite")[0])
    title = SECTIONS[0]["title"]
    assert cite["csl"]["title"] == title and cite["csl"]["container-title"] == EDITION["title"]
    assert cite["tokens"] == TOKENS
    chicago = cite["styles"][0]
    assert chicago["label"] == "Chicago <b>style</b>"
    assert [f["label"] for f in chicago["forms"]] == ['note "n"', "bibliography & co"]
    note = "".join(run[0] for run in chicago["forms"][0]["runs"])
    assert EDITION["title"] in note and EDITION["citation"]["editors"][0] in note
    assert all(set(styles) <= {"i", "b", "sc", "sup", "sub", "u"} for _, styles in chicago["forms"][0]["runs"])
    bib = cite["bibtex"]
    assert "title = {{" + bibtex_escape(title) + "}}" in bib
    assert r"\%" in bib and r"\$" in bib and r"\#" in bib and r"\_" in bib and r"\{braces\}" in bib
    assert r"\textasciitilde{}" in bib and r"\textasciicircum{}" in bib and r"\textbackslash{}" in bib


def test_bibtex_escapes_every_special_character():
    assert bibtex_escape(r"a{b}c\d$e&f%g#h_i~j^k") == (r"a\{b\}c\textbackslash{}d\$e\&f\%g\#h\_i"
                                                       r"\textasciitilde{}j\textasciicircum{}k")


@pytest.mark.xdist_group("tei_schema")  # one worker compiles the schema, once
def test_the_tei_holds_the_strings_as_written_and_stays_valid(hostile_site, tei_schema):
    tei = etree.parse(str(hostile_site / "downloads" / "hostile-edition.tei.xml"))
    t = "{http://www.tei-c.org/ns/1.0}"
    assert tei.findtext(f".//{t}titleStmt/{t}title") == EDITION["title"]
    assert tei.find(f".//{t}person/{t}persName[@type='standard']").text == PEOPLE[0]["name"]
    quote = tei.find(f".//{t}note[@type='collation']/{t}quote")
    assert quote.text == "「引號」<b>與</b>{括號}" and quote.get("{http://www.w3.org/XML/1998/namespace}lang") == "zh-Hant"
    assert_tei_valid(tei_schema, tei)


@pytest.mark.browser
def test_a_reader_sees_every_string_literally_and_no_script_runs(browser, hostile_site):
    base, server = serve(hostile_site)
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    fired, errors = [], []
    page.on("dialog", lambda d: (fired.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        for path in [p.parent.relative_to(hostile_site).as_posix() for p in pages(hostile_site)
                     if p.name == "index.html"]:
            page.goto(f"{base}/{'' if path == '.' else path + '/'}")
            page.wait_for_load_state("load")
        page.goto(f"{base}/text/first/")
        assert page.title().startswith(SECTIONS[0]["title"])
        # The Cite panel, built with textContent from the JSON.
        page.locator("#p1").hover()
        page.click("#p1 button.ed-cite")
        dialog = page.locator("dialog.ed-cite-dialog")
        assert "Chicago <b>style</b> (note \"n\")" in dialog.inner_text()
        assert SECTIONS[0]["title"].replace('"', "") in dialog.inner_text().replace('"', "").replace("\\", "")
        assert dialog.locator("b").count() == 0 and dialog.locator("img").count() == 0
        page.keyboard.press("Escape")
        # The tooltip of a name shows its identification as text.
        page.locator("#p1 a.ed-name").first.focus()
        page.wait_for_function("document.querySelector('.md-tooltip2--active')")
        assert PEOPLE[0]["summary"] in page.locator(".md-tooltip2--active").inner_text()
        # Search shows the hostile strings as text.
        page.click("input.md-search__input")
        page.keyboard.type("Bold")
        page.wait_for_selector(".md-search-result__item")
        assert page.locator(".md-search-result img").count() == 0
    finally:
        context.close()
        server.shutdown()
    assert not fired, f"a script of the data ran: {fired}"
    assert not errors, errors
