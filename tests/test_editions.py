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
from html_reading import declared_texts, parse, reading_text

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
    # Every text of the edition, read here from its edition file (and the files under text_files): a main text's
    # paragraphs on the text/ pages, a part's text on its own page (<part path>/<text id>/).
    ed, site, expected, edition_file = built
    texts = declared_texts(edition_file)
    pages = [p for p in (site / "text").rglob("index.html") if p.parent.name != "all"]
    pages += [site / t["page"] / "index.html" for t in texts if t["part"]]
    found = {}
    for page in pages:
        for el in parse(page).xpath("//*[@data-n]"):
            assert el.get("id") not in found, el.get("id")
            found[el.get("id")] = (page, el)
    main = [n for t in texts if not t["part"] for n, _ in t["paragraphs"]]
    assert len(main) == expected["paragraphs"]
    total = expected["record"]["last"] if "record" in expected else expected["paragraphs"]
    assert sorted(found, key=lambda k: int(k[1:])) == [f"p{n}" for n in range(1, total + 1)]
    assert len(ed.paragraphs) == total
    data = yaml.safe_load(edition_file.read_text(encoding="utf-8"))
    marker, escape = data.get("gap_marker", "**"), data.get("gap_escape")
    for t in texts:
        for n, line in t["paragraphs"]:
            page, el = found[f"p{n}"]
            where = page.parent.relative_to(site).as_posix()
            assert where == t["page"] if t["part"] else where.startswith("text/"), (n, where)
            text = line.replace(escape + marker, marker) if escape else line
            assert reading_text(el, marker) == text, n


def test_each_source_text_is_downloadable_byte_for_byte(built):
    ed, site, expected, edition_file = built
    texts = declared_texts(edition_file)  # read here, independently of the loader
    assert sorted(p.read_bytes() for p in (site / "downloads").glob("*.txt")) == sorted(t["bytes"] for t in texts)
    if len(texts) > 1:  # one file a text, named by its id
        for t in texts:
            assert (site / "downloads" / f"{ed.citation.key}-{t['id']}.txt").read_bytes() == t["bytes"], t["id"]


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
    ed, site, expected, edition_file = built
    base, server = serve(site)
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    # The main text's section pages, then each page of a part's text (as the edition file and its text files
    # declare them); the reader cites a paragraph on the first and on the last.
    paths = [f"text/{s.slug}/" for s in ed.sections if not s.part]
    paths += [f"{t['page']}/" for t in declared_texts(edition_file) if t["part"]]
    try:
        for path in paths:
            page.goto(f"{base}/{path}")
            page.wait_for_function("() => document.querySelectorAll('.ed-para').length > 0"
                                   " && document.querySelectorAll('.ed-para .ed-cite').length"
                                   " === document.querySelectorAll('.ed-para').length")
            if path in (paths[0], paths[-1]):
                page.locator(".ed-para").first.hover()
                page.locator(".ed-para .ed-cite").first.click()
                assert page.locator("dialog.ed-cite-dialog[open]").count() == 1, path
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
