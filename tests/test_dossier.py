"""The dossier: the memoir beside the record. The record's documents are texts of the edition (verbatim, numbered
after the memoir, on pages of their own); the memoir's claims are graded against them; a reader sees each verdict
beside its paragraph, reads the paragraph beside the record's passages, finds the claims from the record's side,
and a machine reuses them as TEI and as Web Annotations. Checked against the data files read here directly."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
import yaml
from lxml import etree

from conftest import EDITION_FILE, assert_tei_valid
from html_reading import parse, paragraphs_in, reading_text

SEEDS = EDITION_FILE.parent
RECORD = yaml.safe_load((SEEDS / "record" / "record.yml").read_text(encoding="utf-8"))["texts"]
CLAIMS = yaml.safe_load((SEEDS / "record" / "claims.yml").read_text(encoding="utf-8"))["claims"]
MEMOIR = [line for line in (SEEDS / "000_752561919a8f83ec.txt").read_text(encoding="utf-8").split("\n") if line.strip()]
VERDICTS = {"confirmed", "corrected", "contradicted", "qualified", "unsupported", "undecided"}
RELATIONS = {"confirms", "dates", "contradicts", "qualifies", "omits", "silent"}


def record_lines(doc: dict) -> list[str]:
    """A record text's numbered lines: its non-empty lines that are not headings ("# ")."""
    text = (SEEDS / "record" / doc["source"]).read_text(encoding="utf-8")
    return [line for line in text.split("\n") if line.strip() and not line.startswith("# ")]


def test_the_record_is_in_date_order_and_numbered_after_the_memoir(expected, edition):
    assert len(RECORD) == expected["record"]["documents"]
    dates = [d["date"] for d in RECORD]
    for a, b in zip(dates, dates[1:]):  # a month or a year alone holds every day in it
        n = min(len(a), len(b))
        assert b[:n] >= a[:n], (a, b)
    first = len(MEMOIR) + 1
    assert first == expected["record"]["first"]
    for doc in RECORD:
        source = next(s for s in edition.sources if s.id == doc["id"])
        assert source.first == first and source.last == first + len(record_lines(doc)) - 1
        first = source.last + 1


def test_every_record_document_says_where_it_was_printed_and_read(edition):
    for doc in RECORD:
        assert doc["printed"]["work"] in {w.key for w in edition.works}, doc["id"]
        assert doc["read_from"] and doc["read_on"] and doc["rights"], doc["id"]


def test_the_claims_are_enough_and_use_the_vocabulary(expected):
    assert len(CLAIMS) >= expected["claims"]["at_least"]
    documents = {e["record"] for c in CLAIMS for e in c["evidence"] if e.get("record")}
    assert len(documents) >= expected["claims"]["documents_at_least"]
    assert {c["verdict"] for c in CLAIMS} <= VERDICTS
    used = {e["relation"] for c in CLAIMS for e in c["evidence"]}
    assert used <= RELATIONS and len(used) >= 5, used
    for c in CLAIMS:
        assert c["quote"] in MEMOIR[c["paragraph"] - 1], c["id"]
        for e in c["evidence"]:
            if e.get("line"):
                doc = next(d for d in RECORD if d["id"] == e["record"])
                assert e["line"] <= len(record_lines(doc)), (c["id"], e)
            if e["relation"] == "silent":
                assert e.get("searched"), c["id"]


def test_the_record_is_verbatim_on_its_pages_and_the_memoir_keeps_its_anchors(built_site, edition):
    found = paragraphs_in(built_site)
    for doc in RECORD:
        source = next(s for s in edition.sources if s.id == doc["id"])
        for k, line in enumerate(record_lines(doc)):
            (page, el), = found[f"p{source.first + k}"]
            assert page.relative_to(built_site).as_posix() == f"record/{doc['id']}/index.html"
            assert reading_text(el, "**") == line
    register = yaml.safe_load((SEEDS / "published.yml").read_text(encoding="utf-8"))["anchors"]
    for pid, published in register.items():
        (page, _), = found[pid]
        assert page.parent.relative_to(built_site).as_posix() + "/" == published["page"], pid


def test_a_soviet_document_has_the_editions_translation_beside_each_paragraph(built_site, expected):
    for doc_id in expected["record"]["translated"]:
        doc = next(d for d in RECORD if d["id"] == doc_id)
        lines = [line for line in (SEEDS / "record" / doc["translation"]).read_text(encoding="utf-8").split("\n")
                 if line.strip() and not line.startswith("# ")]
        page = parse(built_site / "record" / doc_id / "index.html")
        paras = page.xpath("//*[@data-n]")
        assert len(paras) == len(lines)
        for el, line in zip(paras, lines):
            assert el.get("lang") == "ru"
            tr = el.xpath("following-sibling::p[contains(@class,'ed-translation')][1]")[0]
            assert tr.get("lang") == "en" and tr.text_content().endswith(line.replace("**", "[…]"))  # a gap shown as the text's
            assert "edition" in tr.xpath("string(.//*[contains(@class,'ed-translation-label')])")


def test_each_claim_is_marked_in_its_paragraph_with_what_the_record_says(built_site, edition):
    counts = Counter(c["paragraph"] for c in CLAIMS)
    for n, count in counts.items():
        section = edition.section_of(n)
        page = parse(built_site / "text" / section.slug / "index.html")
        unit = page.get_element_by_id(f"p{n}").getparent()
        boxes = unit.xpath(".//*[contains(@class,'ed-claim ')]")
        marks = page.get_element_by_id(f"p{n}").xpath(".//a[contains(@class,'ed-claim-mark')]")
        assert len(boxes) == count == len(marks), n
    example = next(c for c in CLAIMS if c["paragraph"] == 1)
    box = parse(built_site / "text" / edition.section_of(1).slug / "index.html").get_element_by_id(
        f"claim-{example['id']}")
    assert example["verdict"] in box.text_content() and example["claim"] in box.text_content()


def test_a_claim_page_sets_the_paragraph_beside_the_record(built_site, expected, edition):
    ex = expected["claims"]["example"]
    page = parse(built_site / "dossier" / ex["id"] / "index.html")
    assert page.xpath("string(//mark)") == next(c["quote"] for c in CLAIMS if c["id"] == ex["id"])
    assert page.xpath("string(//blockquote[1])") == MEMOIR[ex["paragraph"] - 1]
    doc = next(d for d in RECORD if d["id"] == ex["record"])
    passage = record_lines(doc)[ex["record_line"] - 1]
    assert ex["says"] in passage
    assert passage in [b.text_content() for b in page.xpath("//blockquote")]
    source = next(s for s in edition.sources if s.id == ex["record"])
    n = source.first + ex["record_line"] - 1
    assert page.xpath(f"//a[contains(@href, 'record/{ex['record']}/#p{n}')]")
    assert ex["verdict"] in page.xpath("string(//*[contains(@class,'ed-claim-head')])")


def test_a_record_paragraph_links_back_to_the_claims_it_bears_on(built_site, expected, edition):
    ex = expected["claims"]["example"]
    source = next(s for s in edition.sources if s.id == ex["record"])
    n = source.first + ex["record_line"] - 1
    page = parse(built_site / "record" / ex["record"] / "index.html")
    back = page.get_element_by_id(f"p{n}").xpath("following-sibling::p[contains(@class,'ed-backlinks')][1]")[0]
    assert back.xpath(f".//a[contains(@href, 'dossier/{ex['id']}/')]")


def test_the_overview_counts_the_claims_by_verdict(built_site):
    page = parse(built_site / "dossier" / "index.html")
    for verdict, n in Counter(c["verdict"] for c in CLAIMS).items():
        items = page.xpath(f"//h2[@id='verdict-{verdict}']/following-sibling::ul[1]/li")
        assert len(items) == n, verdict


def test_the_claims_are_reusable_as_tei_and_web_annotations(built_site, tei_schema):
    tei = etree.parse(str(built_site / "downloads" / "tsiang-moscow-1936.tei.xml"))
    assert_tei_valid(tei_schema, tei)
    t = "{http://www.tei-c.org/ns/1.0}"
    annotations = tei.findall(f".//{t}listAnnotation/{t}annotation")
    assert len(annotations) == len(CLAIMS)
    for a, c in zip(annotations, CLAIMS):
        assert a.get("target") == f"#p{c['paragraph']}" and a.get("motivation") == "assessing"
        assert a.get("cert") == c["confidence"] and a.get("resp")
        assert tei.xpath(f"//*[@xml:id='{a.get('resp')[1:]}']")
    data = json.loads((built_site / "downloads" / "tsiang-moscow-1936-claims.jsonld").read_text(encoding="utf-8"))
    assert "http://www.w3.org/ns/anno.jsonld" in data["@context"]
    items = data["first"]["items"]
    assert len(items) == data["total"] == len(CLAIMS)
    for item, c in zip(items, CLAIMS):
        assert item["type"] == "Annotation" and item["motivation"] == "assessing"
        quote = next(s for s in item["target"]["selector"] if s["type"] == "TextQuoteSelector")
        paragraph = MEMOIR[c["paragraph"] - 1]
        assert quote["exact"] == c["quote"] and quote["prefix"] + quote["exact"] + quote["suffix"] in paragraph
        review = next(b for b in item["body"] if b.get("type") == "schema:ClaimReview")
        assert review["schema:reviewRating"]["schema:alternateName"] == c["verdict"]
        assert review["schema:claimReviewed"] == c["claim"]


@pytest.mark.browser
@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_reader_sees_the_verdict_beside_or_below_its_paragraph(browser, site_url, width, scheme):
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(f"{site_url}/text/hopes-for-the-mission/")
    claim = next(c for c in CLAIMS if c["paragraph"] == 1)
    box = page.locator(f"#claim-{claim['id']}")
    p1 = page.locator("#p1").bounding_box()
    b = box.bounding_box()
    assert box.is_visible() and b["width"] > 120
    if width >= 1220:
        assert b["x"] > p1["x"] + p1["width"] - 1, "beside the paragraph on a wide screen"
    else:
        assert b["y"] >= p1["y"] + p1["height"] - 1, "below the paragraph on a phone"
    context.close()


@pytest.mark.browser
def test_without_javascript_the_verdict_and_the_claim_page_are_there(browser, site_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{site_url}/text/hopes-for-the-mission/")
    claim = next(c for c in CLAIMS if c["paragraph"] == 1)
    page.locator(f"#claim-{claim['id']} a").click()
    page.wait_for_url(f"**/dossier/{claim['id']}/")
    assert page.locator("mark").inner_text() == claim["quote"]
    context.close()
