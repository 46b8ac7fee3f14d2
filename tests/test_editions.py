"""General tests, run against every edition present: the project's own (seeds/) and each under examples/. What
each edition should hold is data beside it (expectations.yml), worked out by hand from its texts. Each edition is
built once per session (conftest's built_once), whichever file asks for it."""
from pathlib import Path

import pytest
import yaml
from lxml import etree

from build_scripts.build import read_edition
from build_scripts.errors import EditionError
from conftest import ROOT, SITE_URL, assert_tei_valid, built_once, copy_seeds, edit_yaml, serve
from html_reading import parse, reading_text

EDITIONS = [ROOT / "seeds" / "edition.yml"] + sorted((ROOT / "examples").glob("*/edition.yml"))


def name(path: Path) -> str:
    return path.parent.name


@pytest.fixture(scope="module", params=EDITIONS, ids=name)
def built(request, tmp_path_factory):
    edition_file = request.param
    ed = read_edition(edition_file, SITE_URL)
    site = built_once(tmp_path_factory, edition_file)
    expected = yaml.safe_load((edition_file.parent / "expectations.yml").read_text(encoding="utf-8"))
    return ed, site, expected, edition_file


def test_every_edition_present_is_tested():
    assert [name(e) for e in EDITIONS] == ["seeds", "frus-sino-soviet-1936-37", "sun-yatsen-1925"]


def test_every_paragraph_is_on_its_page_verbatim_once(built):
    ed, site, expected, _ = built
    found = {}
    for page in (site / "text").rglob("index.html"):
        if page.parent.name == "all":
            continue
        for el in parse(page).xpath("//*[@data-n]"):
            assert el.get("id") not in found, el.get("id")
            found[el.get("id")] = el
    assert len(found) == expected["paragraphs"] == len(ed.paragraphs)
    for p in ed.paragraphs:
        text = p.text.replace(ed.gap_escape + ed.gap_marker, ed.gap_marker) if ed.gap_escape else p.text
        assert reading_text(found[f"p{p.n}"], ed.gap_marker) == text, p.n


def test_each_source_text_is_downloadable_byte_for_byte(built):
    ed, site, expected, edition_file = built
    data = yaml.safe_load(edition_file.read_text(encoding="utf-8"))  # read here, independently of the loader
    sources = [data["source"]] if data.get("source") else [t["source"] for t in data["texts"]]
    expected_bytes = sorted((edition_file.parent / s).read_bytes() for s in sources)
    assert sorted(p.read_bytes() for p in (site / "downloads").glob("*.txt")) == expected_bytes


def test_sections_hold_the_paragraphs_the_editor_gave_them(built):
    ed, site, expected, _ = built
    for slug, first, last in expected["sections"]:
        ids = [el.get("id") for el in parse(site / "text" / slug / "index.html").xpath("//*[@data-n]")]
        assert ids == [f"p{n}" for n in range(first, last + 1)], slug


def test_the_names_the_editor_expects_are_linked_where_they_stand(built):
    ed, site, expected, _ = built
    pages = {p.n: site / "text" / ed.section_of(p.n).slug / "index.html" for p in ed.paragraphs}
    rows = expected.get("mentions", []) + [[n, form, entity] for n, form, entity in expected.get("garbled", [])]
    assert rows, "the expectations name some mentions"
    for n, form, entity in rows:
        el = parse(pages[n]).xpath(f"//*[@id='p{n}']")[0]
        marks = [(a.text_content(), (a.get("href") or "").rstrip("/").split("/")[-1])
                 for a in el.xpath(".//*[contains(@class, 'ed-name')]")]
        assert any(text == form for text, _ in marks), (n, form, marks)
        assert any(text == form and (href == entity or href == "") for text, href in marks), (n, form, entity)


def test_the_headings_of_a_source_stand_before_their_paragraph_and_are_not_numbered(built):
    ed, site, expected, _ = built
    for before, heading in expected.get("headings", []):
        page = parse(site / "text" / ed.section_of(before).slug / "index.html")
        shown = [h.text_content() for h in page.xpath("//h2[contains(@class, 'ed-source-heading')]")]
        assert heading in shown, (heading, shown)


@pytest.mark.xdist_group("tei_schema")
def test_the_tei_is_valid_and_holds_every_paragraph(built, tei_schema):
    ed, site, expected, _ = built
    tei = etree.parse(str(site / "downloads" / f"{ed.citation.key}.tei.xml"))
    assert_tei_valid(tei_schema, tei)
    ns = "{http://www.tei-c.org/ns/1.0}"
    ids = [el.get("{http://www.w3.org/XML/1998/namespace}id") for el in tei.iter(ns + "p", ns + "figure")
           if el.get("n")]
    assert ids == [f"p{p.n}" for p in ed.paragraphs]


@pytest.mark.browser
def test_a_reader_opens_each_text_page_and_cites_a_paragraph(built, browser):
    ed, site, expected, _ = built
    base, server = serve(site)
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        for s in ed.sections:
            page.goto(f"{base}/text/{s.slug}/")
            page.wait_for_function("() => document.querySelectorAll('.ed-para .ed-cite').length"
                                   " === document.querySelectorAll('.ed-para').length")
        page.locator(".ed-para").first.hover()
        page.locator(".ed-para .ed-cite").first.click()
        assert page.locator("dialog.ed-cite-dialog[open]").count() == 1
    finally:
        context.close()
        server.shutdown()
    assert not errors, errors


@pytest.mark.parametrize("edition_file", EDITIONS, ids=name)
def test_the_engines_list_of_non_sources_guards_every_edition(edition_file, tmp_path):
    # Each edition is checked against the list the engine ships, whether or not it names a list of its own: a
    # work of its bibliography given the address of a shadow library is refused.
    folder = tmp_path / name(edition_file)
    copy_seeds(folder, edition_file.parent)
    data = yaml.safe_load((folder / "edition.yml").read_text(encoding="utf-8"))
    works = sorted((folder / data["bibliography"]["works"]).glob("*.yml"))[0]
    edit_yaml(works, lambda d: d["works"][0].update(url="https://libgen.is/book/index.php?md5=0"))
    with pytest.raises(EditionError, match=rf"^{name(edition_file)}/{data['bibliography']['works']}/{works.name}:\d+: "
                                           r"works\[0\]\.url: 'https://libgen\.is/book/index\.php\?md5=0' is a shadow "
                                           r"library or an unauthorised copy of a book, never a source"):
        read_edition(folder / "edition.yml", SITE_URL)
