"""Search: one entry per paragraph at page#pN, notes and glossary searchable, names-aware, no network."""
import html
import json
import re
from collections import defaultdict

import pytest

from conftest import ROOT, marked
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from build_scripts.site_paths import section_path


@pytest.fixture(scope="module")
def index(built_site):
    return json.loads((built_site / "search" / "search_index.json").read_text())


def test_every_paragraph_is_an_entry_at_its_anchor(edition, expected, index):
    docs = {d["location"]: d for d in index["docs"]}
    sections = {n: slug for slug, first, last in expected["sections"] for n in range(first, last + 1)}
    lines = [line for line in (ROOT / edition.source_file).read_text(encoding="utf-8").split("\n") if line.strip()]
    for n, line in enumerate(lines, start=1):
        d = docs[f"text/{sections[n]}/#p{n}"]
        assert d["title"] == f"¶ {n}"
        assert html.unescape(d["text"]) == line.replace("**", "[…]")
    # A paragraph's entry carries the standard names of what it names, garbled forms included.
    names = {e.id: e.name for e in edition.entities}
    for n, form, entity in expected["garbled"]:
        assert names[entity] in docs[f"text/{sections[n]}/#p{n}"]["tags"], (n, form)
    for slug, first, last in expected["sections"]:  # the section heads its paragraphs in the results
        assert html.unescape(docs[f"text/{slug}/"]["title"]) == next(s.title for s in edition.sections if s.slug == slug)


def test_notes_and_glossary_are_searchable_and_controls_are_not(edition, index):
    docs = {d["location"]: d for d in index["docs"]}
    for n in edition.notes:
        assert f"text/{edition.section_of(n.paragraph).slug}/#fn:{n.id}" in docs
    for e in edition.entities:
        main = docs[f"entities/{e.id}/"]
        assert main["title"] == e.name and main["names"] == list(e.alt_names)
    # A text page is indexed by its section (its own entry), its paragraphs and its notes: nothing else.
    text_pages = [d["location"] for d in index["docs"] if d["location"].startswith("text/")]
    sections = {f"text/{s.slug}/" for s in edition.sections}
    assert [loc for loc in text_pages if loc not in sections
            and not re.fullmatch(r"text/[a-z0-9-]+/#(p\d+|fn:n\d+-\d+)", loc)] == []
    for d in index["docs"]:
        assert "Permanent link to paragraph" not in d["text"] and "Cite" not in d["title"]


def search(page, query):
    page.fill("input.md-search__input", "")
    page.type("input.md-search__input", query)
    # The results are in when the list shows this query's results: Material marks each link with the query
    # it highlights (?h=...). No fixed wait.
    page.wait_for_function("""q => {
        const meta = document.querySelector('.md-search-result__meta').textContent;
        const norm = s => s.toLowerCase().replace(/[^\\p{L}\\p{N}]+/gu, ' ').trim();
        const marks = [...document.querySelectorAll('.md-search-result__link')]
            .map(a => norm(new URL(a.href).searchParams.get('h') || ''));
        return /No matching/.test(meta) || marks.includes(norm(q));
    }""", arg=query)
    # Material renders ten pages of results at a time and more as the list scrolls: scroll until no more come.
    while True:
        shown = page.locator(".md-search-result__item").count()
        # Scrolled by the page itself: a result element may be replaced while the list renders.
        page.evaluate("() => { const items = document.querySelectorAll('.md-search-result__item');"
                      " if (items.length) items[items.length - 1].scrollIntoView(); }")
        try:
            page.wait_for_function("n => document.querySelectorAll('.md-search-result__item').length > n",
                                   arg=shown, timeout=600)
        except PlaywrightTimeout:
            break
    return [h.split("?")[0] + ("#" + h.split("#")[1] if "#" in h else "")
            for h in page.eval_on_selector_all(".md-search-result__link", "els => els.map(e => e.getAttribute('href'))")]


@pytest.fixture
def search_page(page, site_url):
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(site_url + "/")
    page.click("input.md-search__input")
    page.requests = requests
    return page


def relative(links, site_url):
    return [l.replace(site_url + "/", "") for l in links]


@pytest.mark.browser
def test_a_standard_name_finds_every_paragraph_that_garbles_it_and_its_entry_first(search_page, site_url, edition):
    entities = {e.id: e for e in edition.entities}
    garbled = defaultdict(set)
    for m in edition.mentions:
        if m.garbled:
            garbled[m.entity].add(m.paragraph)
    assert garbled
    for eid, paragraphs in garbled.items():
        links = relative(search(search_page, entities[eid].name), site_url)
        # The text's own paragraphs come first, then notes, then the glossary entry.
        assert links[0].startswith("text/") and f"entities/{eid}/" in links, (entities[eid].name, links[:3])
        for n in paragraphs:
            assert f"{section_path(edition.section_of(n))[:-3]}/#p{n}" in links, (entities[eid].name, n)


@pytest.mark.browser
def test_every_matching_paragraph_is_shown_text_first(search_page, site_url, edition):
    links = relative(search(search_page, "Spain"), site_url)
    first_entry = next(i for i, link in enumerate(links) if link.startswith("entities/"))
    shown = {int(link.split("#p")[1]) for link in links[:first_entry] if "#p" in link}
    lines = [line for line in (ROOT / edition.source_file).read_text(encoding="utf-8").split("\n") if line.strip()]
    saying_spain = {n for n, line in enumerate(lines, start=1) if "Spain" in line}
    assert saying_spain and saying_spain <= shown, (saying_spain, shown)
    assert search_page.locator(".md-search-result__more > details:not([open])").count() == 0


@pytest.mark.browser
def test_a_leader_found_where_the_text_says_the_chairman(search_page, site_url, edition):
    m = next(m for m in edition.mentions if m.text.lower() == "the chairman")
    name = next(e.name for e in edition.entities if e.id == m.entity)
    links = relative(search(search_page, name), site_url)
    chairman = {x.paragraph for x in edition.mentions if x.entity == m.entity and x.text.lower() == "the chairman"}
    for n in chairman:
        assert f"text/{edition.section_of(n).slug}/#p{n}" in links


@pytest.mark.browser
def test_an_alternative_spelling_finds_the_paragraphs(search_page, site_url, edition):
    e = next(e for e in edition.entities if e.alt_names and any(m.garbled for m in edition.mentions if m.entity == e.id))
    alt = next(a for a in e.alt_names if a.isascii() and a.split()[-1] not in e.name)
    links = relative(search(search_page, alt), site_url)
    assert f"entities/{e.id}/" in links
    n = next(m.paragraph for m in edition.mentions if m.entity == e.id)
    assert f"text/{edition.section_of(n).slug}/#p{n}" in links


@pytest.mark.browser
def test_a_result_opens_the_paragraph_highlighted_with_the_query(search_page, site_url, edition):
    m = next(m for m in edition.mentions if m.garbled)
    name = next(e.name for e in edition.entities if e.id == m.entity)
    search(search_page, name)
    search_page.locator(f".md-search-result__link[href*='#p{m.paragraph}']").first.click()
    search_page.wait_for_url(f"**#p{m.paragraph}")
    marked(search_page, f"p{m.paragraph}")
    assert "?h=" in search_page.url
    assert not [u for u in search_page.requests if not u.startswith(site_url)], "a request left the site"


@pytest.mark.browser
def test_the_query_is_highlighted_in_the_paragraph(search_page, site_url, edition):
    # a rare word, so that its paragraph is among the first results rendered
    words = [m for m in edition.mentions if not m.garbled and " " not in m.text and m.text[0].isupper()]
    m = min(words, key=lambda m: sum(x.text == m.text for x in edition.mentions))
    search(search_page, m.text)
    search_page.locator(f".md-search-result__link[href*='#p{m.paragraph}']").first.click()
    marked(search_page, f"p{m.paragraph}")
    search_page.wait_for_function(f"document.querySelector('#p{m.paragraph} mark')")
    assert m.text.lower() in search_page.locator(f"#p{m.paragraph} mark").first.inner_text().lower()


@pytest.mark.browser
def loaded_without_the_index(page, site_url) -> list[str]:
    """A text page loaded; the URLs it requested, which keep growing, and so far not the search index."""
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(site_url + "/text/carmen-at-the-bolshoi/")
    page.wait_for_load_state("load")
    assert not [u for u in requested if u.endswith("/search/search_index.json")], "the index was fetched at page load"
    return requested


def test_the_index_is_fetched_only_when_the_reader_opens_search(page, site_url):
    requested = loaded_without_the_index(page, site_url)
    page.keyboard.press("/")  # Material's shortcut: opens search and focuses the box
    page.keyboard.type("Colande")
    page.wait_for_selector(".md-search-result__item")
    assert [u for u in requested if u.endswith("/search/search_index.json")] == [site_url + "/search/search_index.json"]


@pytest.mark.browser
def test_pointing_at_the_search_box_loads_the_index_and_reading_does_not(page, site_url):
    requested = loaded_without_the_index(page, site_url)
    page.hover("#p45")
    page.mouse.wheel(0, 400)
    page.wait_for_timeout(200)
    assert not [u for u in requested if u.endswith("/search/search_index.json")], "fetched while reading"
    with page.expect_request(lambda r: r.url.endswith("/search/search_index.json")):
        page.hover("label[for='__search'], .md-search__form >> visible=true")
