"""Citing: the Cite data of each text page, metadata for reference managers, CITATION.cff."""
import json
import subprocess
import sys

import yaml

from conftest import EDITION_FILE, ROOT, SITE_URL
from html_reading import declared_texts, parse


def cite_data(built_site, slug):
    doc = parse(built_site / "text" / slug / "index.html")
    return json.loads(doc.xpath('//div[@id="ed-cite-data"]/@data-cite')[0])


def fill(text: str, data: dict, n: int) -> str:
    """What the page's script does when a reader asks on 31 December 1999: tokens replaced."""
    t = data["tokens"]
    return (text.replace(t["paragraph"], str(n)).replace(t["day"], "31").replace(t["month"], "December")
            .replace(t["year"], "1999").replace(t["mm"], "12").replace(t["dd"], "31"))


def form(data: dict, style: str, label: str, n: int) -> str:
    st = next(s for s in data["styles"] if s["label"] == style)
    f = next(f for f in st["forms"] if f["label"] == label)
    return fill("".join(run[0] for run in f["runs"]), data, n)


def test_each_style_carries_every_field(edition, expected, built_site):
    s = edition.section_of(27)
    data = cite_data(built_site, s.slug)
    url = f"{SITE_URL}text/{s.slug}/#p27"
    assert fill(data["url"], data, 27) == url
    assert [st["label"] for st in data["styles"]] == ["Chicago", "MLA", "APA"]
    note = expected["chicago_note_27"].replace("DATE", "December 31, 1999").replace("URL", SITE_URL)
    assert form(data, "Chicago", "note", 27) == note
    entry = form(data, "Chicago", "bibliography", 27)
    for part in ["Tsiang Tingfu [Jiang Tingfu].", "“The Journey to Moscow.”", "Accessed December 31, 1999.", url]:
        assert part in entry, part
    assert "para." not in entry, "a bibliography entry names the work, not a paragraph of it"
    mla = form(data, "MLA", "works cited", 27)
    for part in ["Tsiang Tingfu [Jiang Tingfu].", "“The Journey to Moscow.”", edition.title,
                 "edited by " + edition.citation.editors[0], str(edition.citation.issued), url]:
        assert part in mla, part
    assert form(data, "MLA", "in-text", 27) == "(Tsiang Tingfu [Jiang Tingfu], “The Journey to Moscow,” par. 27)"
    assert form(data, "APA", "in-text", 27) == "(Tsiang Tingfu [Jiang Tingfu], 2026, para. 27)"
    italic = [run[0] for st in data["styles"] for f in st["forms"] for run in f["runs"] if "i" in run[1]]
    assert edition.title in italic, "the book's title keeps its italics"
    bib = fill(data["bibtex"], data, 27)
    assert bib.startswith(f"@incollection{{{edition.citation.key}-p27,")
    for field, value in [("title", "{" + s.title + "}"), ("booktitle", edition.title), ("url", url),
                         ("year", str(edition.citation.issued)), ("urldate", "1999-12-31"),
                         ("publisher", edition.citation.publisher)]:
        assert f"{field} = {{{value}}}" in bib, field
    csl = json.loads(fill(json.dumps(data["csl"], ensure_ascii=False), data, 27))
    assert csl["URL"] == url and csl["locator"] == "27" and csl["title"] == s.title
    assert csl["container-title"] == edition.title and csl["author"] == [{"literal": "Tsiang Tingfu [Jiang Tingfu]"}]


def page_meta(page):
    doc = parse(page)
    return doc, {m.get("name") or m.get("property"): m.get("content") for m in doc.xpath("//head/meta")}


def test_every_text_page_has_citation_metadata(edition, expected, built_site):
    base = SITE_URL
    # The memoir's sections (text/): the author's chapter of the edition.
    sections = [s for s in edition.sections if not s.part]
    assert [s.slug for s in sections] == [slug for slug, _, _ in expected["sections"]]
    for s in sections:
        doc, meta = page_meta(built_site / "text" / s.slug / "index.html")
        url = f"{base}text/{s.slug}/"
        assert meta["citation_title"] == s.title
        # Inverted as a catalogue gives it, so that a reference manager does not take "Tingfu" for the surname.
        assert meta["citation_author"] == expected["citation_author"]
        assert meta["citation_publication_date"] == str(edition.citation.issued)
        assert meta["citation_publisher"] == edition.citation.publisher
        assert meta["citation_fulltext_html_url"] == url
        assert meta["citation_language"] == edition.language
        assert meta["DC.title"] == s.title and meta["DC.creator"] == edition.author.name and meta["DC.identifier"] == url
        assert meta["og:title"] == s.title and meta["og:url"] == url and meta["og:type"] == "article"
        assert doc.xpath('//head/link[@rel="canonical"]/@href') == [url]
    # Each document of the record (record/<text-id>/): its own title and author, as record.yml gives them.
    record = {t["id"]: t for t in yaml.safe_load((EDITION_FILE.parent / "record" / "record.yml").read_text(
        encoding="utf-8"))["texts"]}
    pages = [t for t in declared_texts(EDITION_FILE) if t["part"]]
    assert len(pages) == expected["record"]["documents"]
    for t in pages:
        doc, meta = page_meta(built_site / t["page"] / "index.html")
        url = f"{base}{t['page']}/"
        title, author = record[t["id"]]["title"], record[t["id"]]["author"]
        assert meta["citation_title"] == title and meta["citation_author"] == author, t["id"]
        assert meta["citation_publication_date"] == str(edition.citation.issued)
        assert meta["citation_publisher"] == edition.citation.publisher
        assert meta["citation_fulltext_html_url"] == url
        assert meta["DC.title"] == title and meta["DC.creator"] == author and meta["DC.identifier"] == url
        assert meta["og:title"] == title and meta["og:url"] == url and meta["og:type"] == "article"
        assert doc.xpath('//head/link[@rel="canonical"]/@href') == [url]


def test_register_lists_every_published_anchor_and_page(edition, expected, built_site):
    register = yaml.safe_load((ROOT / "seeds" / "published.yml").read_text())
    # Every anchor of the memoir, published since the first version, is registered. The record's paragraphs are
    # registered when the version that brings them is released (make register): until then the register may lack
    # them, but it never holds an anchor the edition does not have.
    anchors = sorted(register["anchors"], key=lambda k: int(k[1:]))
    memoir = [f"p{p.n}" for p in edition.paragraphs if p.source == edition.sources[0].id]
    assert memoir == [f"p{n}" for n in range(1, expected["paragraphs"] + 1)]
    assert anchors[:len(memoir)] == memoir
    assert set(anchors) <= {f"p{p.n}" for p in edition.paragraphs}
    for pid, entry in register["anchors"].items():
        page = built_site / entry["page"] / "index.html"
        assert page.is_file() and parse(page).xpath(f'//*[@id="{pid}" and @data-n]'), (pid, entry["page"])
    for page in register["pages"]:
        assert (built_site / page / "index.html").is_file(), page


def test_citation_cff_is_valid():
    result = subprocess.run([sys.executable, "-m", "cffconvert.cli.cli", "--validate", "-i", str(ROOT / "CITATION.cff")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
