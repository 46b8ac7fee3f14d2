"""Citing: the Cite data of each text page, metadata for reference managers, CITATION.cff."""
import json
import re
import subprocess
import sys

import yaml
from mkdocs.config import load_config

from conftest import ROOT
from html_reading import parse


def site_url() -> str:
    return load_config(str(ROOT / "mkdocs.yml")).site_url


def cite_data(built_site, slug):
    doc = parse(built_site / "text" / slug / "index.html")
    return json.loads(doc.xpath('//script[@id="ed-cite-data"]')[0].text)


def fill(text: str, data: dict, n: int) -> str:
    return text.replace(data["paragraph"], str(n))


def plain(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def test_each_style_carries_every_field(edition, built_site):
    s = edition.sections[2]
    n = s.first + 1
    data = cite_data(built_site, s.slug)
    url = f"{site_url()}text/{s.slug}/#p{n}"
    assert fill(data["url"], data, n) == url
    styles = {k: {f: plain(fill(v, data, n)) for f, v in forms.items()} for k, forms in data["styles"].items()}
    assert set(styles) == set(edition.citation.styles)
    chicago = styles["Chicago"]
    for part in ["Tsiang Tingfu [Jiang Tingfu]", "“The Journey to Moscow”", edition.title,
                 "ed. " + edition.citation.editors[0], f"para. {n}", edition.citation.medium, "accessed December 31, 1999", url]:
        assert part in chicago["cite"], part
    for part in ["Tsiang Tingfu [Jiang Tingfu].", "Accessed December 31, 1999.", url, "edited by"]:
        assert part in chicago["entry"], part
    mla = styles["MLA"]
    for part in ["Tsiang Tingfu [Jiang Tingfu].", "“The Journey to Moscow”.", edition.title,
                 "edited by " + edition.citation.editors[0], str(edition.citation.issued), url]:
        assert part in mla["entry"], part
    assert f"par. {n}" in mla["cite"]
    apa = styles["APA"]
    for part in [f"Tsiang Tingfu [Jiang Tingfu]. ({edition.citation.issued}).", "The journey to Moscow",
                 f"In {edition.citation.editors[0]} (ed.)", edition.title, url]:
        assert part in apa["entry"], part
    assert f"para. {n}" in apa["cite"]
    bib = fill(data["bibtex"], data, n)
    assert bib.startswith(f"@incollection{{{edition.citation.key}-p{n},")
    for field, value in [("title", s.title), ("booktitle", edition.title), ("url", url), ("year", str(edition.citation.issued))]:
        assert f"{field} = {{{value}}}" in bib, field
    csl = json.loads(fill(data["csl"], data, n))
    assert csl["URL"] == url and csl["locator"] == str(n) and csl["title"] == s.title
    assert csl["container-title"] == edition.title and csl["author"] == [{"literal": "Tsiang Tingfu [Jiang Tingfu]"}]


def test_every_text_page_has_citation_metadata(edition, built_site):
    base = site_url()
    for s in edition.sections:
        doc = parse(built_site / "text" / s.slug / "index.html")
        meta = {m.get("name") or m.get("property"): m.get("content") for m in doc.xpath("//head/meta")}
        url = f"{base}text/{s.slug}/"
        assert meta["citation_title"] == s.title
        assert meta["citation_author"] == edition.author
        assert meta["citation_publication_date"] == str(edition.citation.issued)
        assert meta["citation_publisher"] == edition.citation.publisher
        assert meta["citation_fulltext_html_url"] == url
        assert meta["citation_language"] == edition.language
        assert meta["DC.title"] == s.title and meta["DC.creator"] == edition.author and meta["DC.identifier"] == url
        assert meta["og:title"] == s.title and meta["og:url"] == url and meta["og:type"] == "article"
        assert doc.xpath('//head/link[@rel="canonical"]/@href') == [url]


def test_register_lists_every_published_anchor_and_page(edition, built_site):
    register = yaml.safe_load((ROOT / "seeds" / "published.yml").read_text())
    assert sorted(register["anchors"], key=lambda k: int(k[1:])) == [f"p{p.n}" for p in edition.paragraphs]
    for pid, entry in register["anchors"].items():
        assert (built_site / entry["page"] / "index.html").is_file()
    for page in register["pages"]:
        assert (built_site / page / "index.html").is_file(), page


def test_citation_cff_is_valid():
    result = subprocess.run([sys.executable, "-m", "cffconvert.cli.cli", "--validate", "-i", str(ROOT / "CITATION.cff")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
