"""TEI download, data downloads, the bibliography, chronology, journey map, reading views and print."""
import csv
import io
import json
from collections import Counter

import pytest
import yaml
from lxml import etree

from build_scripts.load.schema import JOURNEY_MODES
from conftest import EDITION_FILE, ROOT, assert_tei_valid
from html_reading import declared_texts, parse

T = "{http://www.tei-c.org/ns/1.0}"
XML = "http://www.w3.org/XML/1998/namespace"
XML_ID = f"{{{XML}}}id"


@pytest.fixture(scope="module")
def tei(built_site, edition):
    return etree.parse(str(built_site / "downloads" / f"{edition.citation.key}.tei.xml"))


def test_tei_is_valid_against_the_tei_all_schema(tei, tei_schema):
    assert_tei_valid(tei_schema, tei)


def tei_reading_text(el, marker: str) -> str:
    """The words of a TEI paragraph as printed: notes and regularisations left out, gaps as the marker
    (worked out from the TEI alone, not by the exporter's code)."""
    out = [el.text or ""]
    for child in el:
        if child.tag == T + "note" or child.tag == T + "reg":
            pass
        elif child.tag == T + "gap":
            out.append(marker)
        else:
            out.append(tei_reading_text(child, marker))
        out.append(child.tail or "")
    return "".join(out)


def test_tei_text_is_the_source_verbatim_with_every_mark(tei, edition, expected):
    for p in edition.paragraphs:
        el = tei.find(f".//*[@{XML_ID}='p{p.n}']")
        assert el is not None and el.get("n") == str(p.n)
        if p.kind == "caption":
            assert el.tag == T + "figure"
            el = el.find(T + "head")
        else:
            assert el.tag == T + "p"
        assert tei_reading_text(el, edition.gap_marker) == p.text, p.n
        gaps = 0 if p.n in expected["marker_as_text"] else p.text.count(edition.gap_marker)  # a caption's credit
        assert len(el.findall(f".//{T}gap[@reason='lost']")) == gaps, p.n
        assert len(el.findall(f".//{T}note")) == sum(1 for n in edition.notes if n.paragraph == p.n)


def test_tei_names_point_to_the_standoff(tei, edition):
    ids = {el.get(XML_ID) for el in tei.find(T + "standOff").iter() if el.get(XML_ID)}
    # The standOff holds the entities, the bibliography and the dossier's claims (its listAnnotation), nothing else.
    claims = {el.get(XML_ID) for el in tei.iter(T + "annotation")}
    assert claims == {f"claim-{c.id}" for c in edition.claims} and len(claims) >= 30
    assert ids == {e.id for e in edition.entities} | {f"bib-{w.key}" for w in edition.works} | claims
    refs = [el for el in tei.find(f"{T}text").iter() if el.get("ref")]
    assert len(refs) == len(edition.mentions)
    assert all(r.get("ref")[1:] in ids for r in refs)
    entities = {e.id: e for e in edition.entities}
    for m in edition.mentions:
        if m.garbled:
            choices = [c for c in tei.iter(T + "choice") if c.findtext(T + "orig") == m.text]
            assert choices and choices[0].findtext(T + "reg") == entities[m.entity].name
    for e in edition.entities:
        if e.wikidata:
            el = tei.find(f".//*[@{XML_ID}='{e.id}']")
            assert el.findtext(f"{T}idno[@type='wikidata']").endswith(e.wikidata)
    for tag in ("listPerson", "listOrg", "listPlace", "listEvent", "listBibl"):
        assert tei.find(f"{T}standOff/{T}{tag}") is not None


def test_tei_notes_carry_their_type_quotation_and_sources(tei, edition):
    notes = {el.get(XML_ID): el for el in tei.iter(T + "note") if el.get(XML_ID)}
    assert set(notes) == {n.id for n in edition.notes}
    kinds = Counter()
    for n in edition.notes:
        el = notes[n.id]
        assert el.get("type") == n.type and (el.get("subtype") or "") == n.kind
        if n.quote:
            quote = el.find(T + "quote")
            assert quote.text == n.quote and quote.get(f"{{{XML}}}lang") == "zh-Hans"
            assert el.findtext(T + "gloss") == n.rendering
        pointers = [b.find(T + "ptr").get("target") for b in el.findall(T + "bibl")]
        assert pointers == [f"#bib-{c.work}" for c in n.sources]
        kinds[el.get("subtype")] += n.type == "collation"
    assert kinds["omission"] and kinds["mistranslation"], "collation notes of each kind reach the TEI"
    bibl = {el.get(XML_ID) for el in tei.find(f"{T}standOff/{T}listBibl[@type='bibliography']")}
    assert all(p.get("target")[1:] in bibl for p in tei.iter(T + "ptr"))


def test_downloads_are_linked_from_every_page_and_hold_the_data(built_site, edition):
    folder = built_site / "downloads"
    key = edition.citation.key
    # Each text as the edition file and record.yml name it, read here rather than from the engine's model: one
    # plain-text file a text, byte for byte, each listed on the Downloads page.
    texts = declared_texts(EDITION_FILE)
    assert texts[0]["id"] == edition.sources[0].id == "memoir" and len(texts) > 5
    listed = {href.split("/")[-1] for href in parse(folder / "index.html").xpath("//article//a/@href")}
    for t in texts:
        assert (folder / f"{key}-{t['id']}.txt").read_bytes() == t["bytes"], t["id"]
        assert f"{key}-{t['id']}.txt" in listed, t["id"]
    assert sorted(f.name for f in folder.glob("*.txt")) == sorted(f"{key}-{t['id']}.txt" for t in texts)
    records = json.loads((folder / f"{key}-glossary.json").read_text())
    assert [r["id"] for r in records] == [e.id for e in edition.entities]
    assert sum(len(r["mentions"]) for r in records) == len(edition.mentions)
    rows = list(csv.DictReader(io.StringIO((folder / f"{key}-glossary.csv").read_text())))
    assert [r["id"] for r in rows] == [e.id for e in edition.entities]
    # Every page's footer: the TEI, the main text's plain text only (the edition has many texts), the glossary
    # in both forms and the claims.
    footer = {f"{key}.tei.xml", f"{key}-{texts[0]['id']}.txt", f"{key}-glossary.json", f"{key}-glossary.csv",
              f"{key}-claims.jsonld"}
    for page in built_site.rglob("index.html"):
        doc = parse(page)
        links = doc.xpath('//nav[contains(@class, "ed-downloads")]//a/@href')
        if "noindex" in page.read_text()[:800]:  # a redirect page
            continue
        assert len(links) == len(footer) and {href.split("/")[-1] for href in links} == footer, page
        for href in links:
            assert (page.parent / href).resolve() == (folder / href.split("/")[-1]).resolve(), (page, href)
            assert (page.parent / href).resolve().is_file(), (page, href)


def test_the_bibliography_lists_every_work_once_by_kind_and_citations_reach_it(built_site, edition):
    doc = parse(built_site / "bibliography" / "index.html")
    items = doc.xpath("//article//li[starts-with(@id, 'bib-')]")
    assert sorted(li.get("id") for li in items) == sorted(f"bib-{w.key}" for w in edition.works)
    headings = [h.text_content() for h in doc.xpath("//article//h2")]
    assert headings == [title for kind, title in edition.bibliography.kinds.items()
                        if any(w.kind == kind for w in edition.works)]
    for w in edition.works:
        li = doc.xpath(f"//li[@id='bib-{w.key}']")[0]
        section = li.xpath("preceding::h2[1]")[0].text_content()
        assert section == edition.bibliography.kinds[w.kind], w.key
        if w.url:
            assert li.xpath(f".//a[@href='{w.url}']"), w.key
    # Every citation on every page links to an entry of the bibliography.
    for page in built_site.rglob("index.html"):
        for href in parse(page).xpath("//a[contains(@href, 'bibliography/#bib-')]/@href"):
            assert doc.xpath(f"//li[@id='{href.split('#')[1]}']"), (page, href)


def test_chronology_lists_every_dated_moment_in_order_with_what_it_rests_on(built_site, edition, expected):
    page = built_site / "chronology" / "index.html"
    doc = parse(page)
    items = doc.xpath('//ol[contains(concat(" ", @class, " "), " ed-timeline ")]/li')
    dates = [i.xpath("string(.//time/@datetime)") for i in items]
    assert dates == [d.date for d in edition.chronology]
    assert set(expected["chronology"]) <= set(dates)
    assert dates == sorted(dates, key=lambda d: d + "-06-15"[len(d) - 4:] if len(d) < 10 else d), "in order"
    for item, d in zip(items, edition.chronology):
        # Each moment is marked with its certainty (the class of its list item).
        assert f"ed-{d.evidence.certainty}" in item.get("class").split(), d.label
        evidence = item.xpath(".//p[contains(@class, 'ed-tl-evidence')]")[0].text_content()
        if d.evidence.paragraphs:
            assert evidence.startswith("The author's statement"), d.label
        if d.evidence.sources:
            assert "Independent record:" in evidence, d.label
        if d.evidence.certainty != "certain":
            assert d.evidence.certainty in evidence, d.label
        for href in item.xpath(".//a/@href"):
            target, _, frag = href.partition("#")
            html = (page.parent / target / "index.html").resolve()
            assert html.is_file(), href
            if frag:
                assert parse(html).xpath(f'//*[@id="{frag}"]'), href


def test_journey_map_draws_only_what_the_edition_holds_true(built_site, edition):
    raw = (built_site / "journey" / "index.html").read_text()
    doc = parse(built_site / "journey" / "index.html")
    svg = doc.xpath("//svg[@class='ed-map']")[0]
    assert '<title id="ed-map-title">' in raw and svg.get("aria-labelledby")  # lxml's HTML parser drops SVG titles
    places = {e.id: e for e in edition.entities}
    held = [s for s in edition.journey.stops if s.evidence.certainty != "uncertain"]
    apart = [s for s in edition.journey.stops if s not in held] + list(edition.journey.intended)
    assert len(svg.xpath(".//a[@class='ed-map-stop']/circle")) == len(held)
    assert len(svg.xpath(".//a[@class='ed-map-apart']/circle")) == len(apart)
    # Land from Natural Earth: a path of many points, around the stops.
    land = svg.xpath(".//path[@class='ed-map-land']/@d")[0]
    assert land.count("M") > 20 and land.count("L") > 1000
    # Each leg drawn as what it was, styled by its certainty, through its points; east is right, north is up.
    lines = svg.xpath(".//polyline[contains(@class, 'ed-map-leg')]")
    assert [l.get("class") for l in lines] == [f"ed-map-leg ed-map-by-{g.mode} ed-map-{g.evidence.certainty}"
                                               for g in edition.journey.legs]
    for line, g in zip(lines, edition.journey.legs):
        pts = [tuple(map(float, p.split(","))) for p in line.get("points").split()]
        assert len(pts) == len(g.points)
        for (xa, ya), (xb, yb), a, b in zip(pts, pts[1:], g.points, g.points[1:]):
            assert (xa < xb) == (a.coordinates[1] < b.coordinates[1]) and (ya < yb) == (a.coordinates[0] > b.coordinates[0])
    modes = {g.mode for g in edition.journey.legs}
    assert {"sea", "rail"} <= modes
    for a in svg.xpath(".//a"):
        assert a.get("xlink:href") and not a.get("href"), "SVG links carry xlink:href (instant loading rewrites href)"
    # The map's text alternative: the stops, then the legs, then the places not reached, each a list after its heading.
    lists = doc.xpath('//article//ul[contains(concat(" ", @class, " "), " ed-stops ")]')
    assert [ul.xpath("string(preceding-sibling::h2[1]/@id)") for ul in lists] == ["the-stops", "the-way", "not-reached"]
    alt = [a.text_content() for a in lists[0].xpath("./li/p[1]/a[1]")]
    assert alt == [places[s.place].name for s in edition.journey.stops]
    assert len(lists[1].xpath("./li")) == len(edition.journey.legs)
    assert len(lists[2].xpath("./li")) == len(edition.journey.intended)
    assert not doc.xpath('//img') and "http" not in "".join(svg.xpath(".//@*[local-name()='href']"))


def test_the_map_legend_names_the_modes_of_travel_the_journey_uses(built_site, edition):
    words = yaml.safe_load((ROOT / "build_scripts" / "load" / "catalogue" / "en.yml").read_text(encoding="utf-8"))
    caption = parse(built_site / "journey" / "index.html").xpath("string(//figure[@class='ed-map-figure']/figcaption)")
    used = {g.mode for g in edition.journey.legs}
    for mode in JOURNEY_MODES:
        assert (words[f"journey_mode_{mode}"] in caption) == (mode in used), mode


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_mode_of_travel_draws_a_line_of_its_own(browser, site_url, scheme):
    """A leg of any mode the schema allows is drawn, each in a colour of its own, in both schemes (a road or an air
    leg had no stroke, and so no line, before the modes were one table)."""
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(site_url + "/journey/")
    strokes = page.evaluate("""modes => modes.map(m => {
        const svg = document.querySelector('svg.ed-map');
        const line = document.createElementNS('http://www.w3.org/2000/svg', 'polyline');
        line.setAttribute('class', 'ed-map-leg ed-map-by-' + m + ' ed-map-certain');
        line.setAttribute('points', '10,10 200,200');
        svg.appendChild(line);
        const s = getComputedStyle(line);
        return [s.stroke, parseFloat(s.strokeWidth)];
    })""", list(JOURNEY_MODES))
    context.close()
    assert all(colour != "none" and width >= 3 for colour, width in strokes), strokes
    assert len({colour for colour, _ in strokes}) == len(JOURNEY_MODES), strokes


@pytest.mark.browser
def test_reading_views_switch_and_persist(page, site_url, edition):
    m = next(m for m in edition.mentions if m.garbled)
    other = next(x for x in edition.mentions if x.garbled and edition.section_of(x.paragraph) != edition.section_of(m.paragraph))
    name = {e.id: e.name for e in edition.entities}
    page.goto(f"{site_url}/text/{edition.section_of(m.paragraph).slug}/")
    sel = f"#p{m.paragraph} a.ed-garbled"
    text_before = page.inner_text(f"#p{m.paragraph}")
    content_before = page.evaluate(f"document.querySelector('#p{m.paragraph}').textContent")
    assert page.evaluate(f"getComputedStyle(document.querySelector('{sel}'), '::after').content") in ("none", "normal")
    page.get_by_role("button", name="With standard names").click()
    after = page.evaluate(f"getComputedStyle(document.querySelector('{sel}'), '::after').content")
    assert name[m.entity] in after
    # The standard name is shown beside the name by CSS: the text itself is unchanged.
    assert page.evaluate(f"document.querySelector('#p{m.paragraph}').textContent") == content_before
    page.goto(f"{site_url}/text/{edition.section_of(other.paragraph).slug}/#p{other.paragraph}")
    assert name[other.entity] in page.evaluate(
        f"getComputedStyle(document.querySelector('#p{other.paragraph} a.ed-garbled'), '::after').content")
    assert page.get_by_role("button", name="With standard names").get_attribute("aria-pressed") == "true"
    page.get_by_role("button", name="As printed").click()
    page.goto(f"{site_url}/text/{edition.section_of(m.paragraph).slug}/")
    assert page.inner_text(f"#p{m.paragraph}") == text_before


@pytest.mark.browser
def test_the_reading_view_switch_is_written_by_the_build_and_shown_where_scripts_run(
        browser, built_site, site_url, edition):
    """The switch is written by the build on the text pages that have a garbled name (none elsewhere), so that the
    text does not move down when the page script makes it work (test_reading_devices.py checks that nothing moves);
    where no script runs it is not shown."""
    texts = [s for s in edition.sections if not s.part]  # the memoir's sections, under text/
    garbled = {s.slug for s in texts if any(m.garbled and s.first <= m.paragraph <= s.last for m in edition.mentions)}
    plain = [s.slug for s in texts if s.slug not in garbled]
    assert garbled and plain
    for slug in [*garbled, *plain]:
        doc = parse(built_site / "text" / slug / "index.html")
        assert len(doc.xpath('//article//div[contains(@class, "ed-view-switch")]//button')) == (
            2 if slug in garbled else 0), slug
    page_url = f"{site_url}/text/{sorted(garbled)[0]}/"
    context = browser.new_context(viewport={"width": 375, "height": 740})
    page = context.new_page()
    page.goto(page_url)
    page.wait_for_selector(".ed-view-switch button[data-ed-wired]")
    assert page.locator(".ed-view-switch").is_visible()
    context.close()
    context = browser.new_context(viewport={"width": 375, "height": 740}, java_script_enabled=False)
    page = context.new_page()
    page.goto(page_url)
    assert page.locator(".ed-view-switch").count() == 1 and not page.locator(".ed-view-switch").is_visible()
    context.close()


def test_whole_text_page_holds_every_paragraph_once_in_order_as_on_its_text_page(built_site, edition, expected):
    from build_scripts.paths import WHOLE_TEXT_SLUG
    from html_reading import paragraphs_in, reading_text

    # The whole text is the main text's (the memoir's): the record's documents keep their own pages.
    memoir = [p for p in edition.paragraphs if p.source == edition.sources[0].id]
    sections = [s for s in edition.sections if not s.part]
    whole = parse(built_site / "text" / WHOLE_TEXT_SLUG / "index.html")
    there = whole.xpath('//*[starts-with(@id, "p") and @data-n]')
    assert [el.get("id") for el in there] == [f"p{p.n}" for p in memoir]
    assert len(there) == sum(last - first + 1 for _, first, last in expected["sections"]) == expected["paragraphs"]
    own = paragraphs_in(built_site)
    for el in there:
        (_, original), = own[el.get("id")]
        assert reading_text(el, edition.gap_marker) == reading_text(original, edition.gap_marker)
    notes = whole.xpath('//div[contains(@class, "footnote")]//li/@id')
    assert sorted(notes) == sorted(f"fn:{n.id}" for n in edition.notes if n.paragraph <= expected["paragraphs"])
    # The book's title is the page's one h1; each section a heading under it, which its table of contents links to.
    assert [h.text_content() for h in whole.xpath("//article//h1")] == [edition.title]
    toc = whole.xpath('//nav[contains(@class, "md-nav--secondary")]//a/@href')
    assert [s.slug for s in sections] == [slug for slug, _, _ in expected["sections"]]
    assert [h for h in toc if h.startswith("#")][-len(sections):] == [
        "#" + whole.xpath("//article//h2[normalize-space(.) = $t]/@id", t=s.title)[0] for s in sections]


@pytest.mark.browser
def test_print_view_hides_navigation_and_makes_a_pdf(page, site_url, edition, expected, tmp_path):
    page.goto(f"{site_url}/print/")  # its first address, now a redirect
    page.wait_for_url(f"{site_url}/text/all/")
    page.emulate_media(media="print")
    # The site's navigation is not printed (header, sidebar, the footer's previous and next, the downloads); the
    # footer's version and licence are, so that a printout says which version it is and under which terms.
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer__inner", ".md-footer .ed-downloads"):
        assert page.evaluate(f"getComputedStyle(document.querySelector('{selector}')).display") == "none", selector
    for selector in (".md-footer .ed-version", ".md-footer .ed-licence"):
        assert page.locator(selector).is_visible(), selector
    assert page.locator(".md-footer .ed-version").inner_text().startswith("Version ")
    # The memoir, the main text, whole: its paragraphs and their notes (the record is not printed with it).
    notes = sum(1 for n in edition.notes if n.paragraph <= expected["paragraphs"])
    assert page.locator(".footnote li").count() == notes
    assert page.locator("[data-n]").count() == expected["paragraphs"]
    assert page.locator("[data-n]").last.get_attribute("id") == f"p{expected['paragraphs']}"
    pdf = page.pdf(path=str(tmp_path / "edition.pdf"), format="A4")
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") > 5
