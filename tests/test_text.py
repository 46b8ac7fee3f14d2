"""The reading text in the built site: every source line a numbered paragraph, verbatim, on its section's page;
gaps and captions marked as editorial; builds reproducible."""
import filecmp

import yaml

from conftest import BUILD_DAY, EDITION_FILE, SITE_URL, build_site
from html_reading import declared_texts, parse, paragraphs_in, reading_text


def source_lines() -> list[str]:
    # The contract: every non-empty line of the source file is a paragraph, numbered from 1.
    return [line for line in (EDITION_FILE.parent / "000_752561919a8f83ec.txt").read_text(encoding="utf-8").split("\n")
            if line.strip()]


def test_the_source_has_the_paragraphs_and_captions_the_edition_expects(edition, expected):
    # The main text (the memoir, the edition's first text); the record's paragraphs are numbered on after it.
    memoir = [p for p in edition.paragraphs if p.source == edition.sources[0].id]
    assert edition.sources[0].id == "memoir"
    assert len(source_lines()) == expected["paragraphs"] == len(memoir)
    assert [p.n for p in memoir] == list(range(1, expected["paragraphs"] + 1))
    assert [p.n for p in edition.paragraphs if p.kind == "caption"] == expected["captions"]
    assert {p.n: p.text.count(edition.gap_marker) for p in memoir if edition.gap_marker in p.text
            and p.n not in expected["marker_as_text"]} == {int(k): v for k, v in expected["gaps"].items()}
    assert [p.n for p in edition.paragraphs if p.marker_is_text] == expected["marker_as_text"]
    assert [p.n for p in edition.paragraphs] == list(range(1, expected["record"]["last"] + 1))


def test_every_paragraph_appears_once_with_its_source_text_verbatim(built_site, expected):
    # Every text's, read here from the edition file and record.yml: the memoir's on its sections' pages (text/),
    # each record document's on its own page (record/<text-id>/).
    texts = declared_texts(EDITION_FILE)
    assert [line for _, line in texts[0]["paragraphs"]] == source_lines()
    assert texts[-1]["paragraphs"][-1][0] == expected["record"]["last"]
    found = paragraphs_in(built_site)
    assert sorted(found, key=lambda k: int(k[1:])) == [f"p{n}" for n in range(1, expected["record"]["last"] + 1)]
    for text in texts:
        for n, line in text["paragraphs"]:
            (page, el), = found[f"p{n}"]
            assert reading_text(el, "**") == line, f"¶{n} on {page}"
            where = page.parent.relative_to(built_site).as_posix()
            if text["part"]:
                assert where == text["page"], f"¶{n} of {text['id']} on {page}"
            else:
                assert where.startswith("text/"), f"¶{n} of {text['id']} on {page}"


def test_each_paragraph_shows_its_number_and_a_named_permalink(built_site):
    for pid, [(page, el)] in paragraphs_in(built_site).items():
        num = el.xpath('.//a[contains(@class, "ed-num")]')[0]
        assert num.text_content() == pid[1:] and num.get("href") == f"#{pid}"
        link = el.xpath('.//a[contains(@class, "ed-permalink")]')[0]
        assert link.get("href") == f"#{pid}" and link.get("aria-label") == f"Permanent link to paragraph {pid[1:]}"


def test_paragraphs_sit_on_their_sections_pages_in_reading_order(expected, built_site):
    for slug, first, last in expected["sections"]:
        doc = parse(built_site / "text" / slug / "index.html")
        ids = [el.get("id") for el in doc.xpath("//*[@data-n]")]
        assert ids == [f"p{n}" for n in range(first, last + 1)], slug
        assert doc.xpath("//h1/@id") == [slug]


def test_gaps_and_captions_are_marked_as_editorial(expected, built_site):
    found = paragraphs_in(built_site)
    # Each paragraph shows as many gap marks as its source line has markers: the memoir's as counted by hand, the
    # record's as read here from its files.
    # Where the marker is the source's own text (the captions' credit), it is printed as written and is no gap.
    printed = set(expected["marker_as_text"])
    gaps = {n: line.count("**") for text in declared_texts(EDITION_FILE) for n, line in text["paragraphs"]
            if "**" in line and n not in printed}
    assert {n: v for n, v in gaps.items() if n <= expected["paragraphs"]} == \
        {int(k): v for k, v in expected["gaps"].items()}
    assert len(found) == expected["record"]["last"]
    for pid, [(_, el)] in found.items():
        n = int(pid[1:])
        assert ("**" in el.text_content()) == (n in printed) and not el.xpath(".//strong"), pid
        marks = el.xpath('.//*[contains(@class, "ed-gap")]')
        assert len(marks) == gaps.get(n, 0), pid
        assert all(g.get("title") == "Words missing from the source" and g.text_content() == "[…]" for g in marks)
        if n in expected["captions"]:
            assert el.tag == "figure" and el.xpath(".//figcaption")
            assert el.xpath('.//*[contains(@class, "ed-photo")]')[0].text_content() == "Photograph not reproduced:"
        else:
            assert el.tag == "p"


def test_contents_lists_every_section_with_its_range(edition, expected, built_site):
    rows = parse(built_site / "contents" / "index.html").xpath("//article//table//tr[td]")
    assert [(r.xpath("td[1]//a/@href")[0].rstrip("/").split("/")[-1], r.xpath("string(td[2])")) for r in rows] == \
        [(slug, f"¶ {first}–{last}") for slug, first, last in expected["sections"]]


def test_previous_and_next_follow_the_reading_order(expected, built_site):
    slugs = [s[0] for s in expected["sections"]]
    for i, slug in enumerate(slugs[:-1]):
        doc = parse(built_site / "text" / slug / "index.html")
        nxt = doc.xpath('//a[contains(@class, "md-footer__link--next")]/@href')
        assert nxt and nxt[0].rstrip("/").endswith(slugs[i + 1])


def test_two_builds_are_byte_identical(built_site, tmp_path):
    again = tmp_path / "again"
    build_site(again)
    cmp = filecmp.dircmp(built_site, again)

    def diffs(c):
        out = c.diff_files + c.left_only + c.right_only
        for sub in c.subdirs.values():
            out += diffs(sub)
        return out
    assert diffs(cmp) == []
    for f in built_site.rglob("*"):  # dircmp compares by stat; compare the bytes too
        if f.is_file():
            assert f.read_bytes() == (again / f.relative_to(built_site)).read_bytes(), f


def test_a_static_host_gets_a_sitemap_and_a_404_page(built_site):
    sitemap = (built_site / "sitemap.xml").read_text()
    pages = [p.parent.relative_to(built_site).as_posix() for p in built_site.rglob("index.html")
             if "noindex" not in p.read_text()[:600]]
    assert len(pages) > 60
    for page in pages:
        loc = SITE_URL + ("" if page == "." else page + "/")
        assert f"<loc>{loc}</loc>" in sitemap, loc
    assert (built_site / "404.html").is_file()


def test_every_page_names_the_version_and_its_build_date(built_site, edition):
    version = yaml.safe_load((EDITION_FILE.parent / "versions.yml").read_text())["versions"][-1]["version"]
    today = BUILD_DAY  # SOURCE_DATE_EPOCH, set for every test
    for page in built_site.rglob("index.html"):
        if "noindex" in page.read_text()[:800]:
            continue
        shown = parse(page).xpath("string(//*[contains(@class, 'ed-version')])").strip()
        assert shown == f"Version {version}, built {today}", page
    versions = parse(built_site / "versions" / "index.html")
    assert versions.xpath("string(//article//h2[1])").startswith(f"Version {version},")
