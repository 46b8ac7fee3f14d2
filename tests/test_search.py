"""Search, as a reader uses it, in Chromium on the built site served under its path.

Search is Pagefind: the finishing stage writes the index into site/pagefind/ from the search records
(build_scripts/outputs/search_records.py); overrides/assets/search.js is the interface: a dialog opened by the
header's button (.ed-search-button) or the "/" key, and a Search page (search/) that runs ?q=. What a reader needs:
every paragraph (the memoir's and the record's), note, entry and page is in the index and leads somewhere; a
standard name finds the paragraphs where the translation garbles it; the memoir's paragraphs come first (then the
record, notes, glossary and pages) and are never crowded out; a result lands on its paragraph, marked and in view,
at 1280 px and at 375 px by touch, with and without Material's instant loading; nothing of the index is fetched
while one only reads; a query is shown as the text it is; without JavaScript the Search page says why it cannot
search. No fixed pause: every wait is for a condition.

Expected values come from seeds/expectations.yml (garbled forms, "the chairman", sections, the record's numbering)
and from the source texts read here; the queries are the glossary's standard names and spellings.
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml
from lxml import html as lxml_html

from conftest import ROOT, marked, recording_page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

KINDS = ("text", "record", "note", "entry", "page")  # the order in which the results list them
SEEDS = ROOT / "seeds"


# --- What the expectations say, worked out without the engine -------------------------------------------------

def section_of(expected, n: int) -> str:
    return next(slug for slug, first, last in expected["sections"] if first <= n <= last)


def paragraph_url(expected, n: int) -> str:
    return f"text/{section_of(expected, n)}/#p{n}"


def lines_of(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]


def memoir_lines() -> list[str]:
    """The memoir's paragraphs as its source file has them (the edition file's first text): its non-empty lines."""
    edition_yml = yaml.safe_load((SEEDS / "edition.yml").read_text(encoding="utf-8"))
    return lines_of(SEEDS / edition_yml["texts"][0]["source"])


def record_paragraphs(expected) -> dict[str, tuple[str, str]]:
    """The record's paragraphs, {address: (text, language)}: each document of record.yml in its order, its lines
    that are not headings ("# "), numbered on from the memoir's."""
    record_yml = SEEDS / "record" / "record.yml"
    documents = yaml.safe_load(record_yml.read_text(encoding="utf-8"))["texts"]
    assert len(documents) == expected["record"]["documents"]
    out, n = {}, expected["record"]["first"]
    for doc in documents:
        for line in lines_of(record_yml.parent / doc["source"]):
            if not line.startswith("# "):
                out[f"record/{doc['id']}/#p{n}"] = (line, doc["language"])
                n += 1
    return out


def kind_of(rel: str) -> str:
    """A result's kind from its address: a paragraph of the memoir (text/<section>/#pN) or of the record
    (record/<document>/#pN), a note (#fn:...), a glossary entry, a page about the edition."""
    if re.fullmatch(r"text/[a-z0-9-]+/#p\d+", rel):
        return "text"
    if re.fullmatch(r"record/[a-z0-9-]+/#p\d+", rel):
        return "record"
    if re.fullmatch(r"(text|record)/[a-z0-9-]+/#fn:[\w-]+", rel):
        return "note"
    if re.fullmatch(r"entities/[a-z0-9-]+/", rel):
        return "entry"
    return "page"


# --- Driving the interface -------------------------------------------------------------------------------------

DIALOG = "dialog.ed-search-dialog"


def open_dialog(page, how: str = "button", tap: bool = False) -> None:
    if how == "key":
        page.keyboard.press("/")
    else:
        button = page.locator(".ed-search-button")
        button.wait_for(state="visible")
        button.tap() if tap else button.click()
    page.wait_for_selector(f"{DIALOG}[open]")
    page.wait_for_function("() => document.activeElement && document.activeElement.matches('.ed-search-input')")


def wait_for_results(page, box: str, query: str | None = None) -> None:
    """Wait until `box` shows the outcome of a search (a status line) and is no longer busy; with `query`, until the
    status names that query (typing runs a search for each pause, the query's beginning included)."""
    page.wait_for_function("""([box, q]) => {
        const b = document.querySelector(box);
        const status = b && b.querySelector('.ed-search-status');
        return status && !b.hasAttribute('aria-busy') && (q === null || status.textContent.includes(q));
    }""", arg=[box, query.strip() if query is not None else None])


def search(page, query: str, typed: bool = True) -> None:
    """A query in the open dialog, typed key by key as a reader types (or pasted at once), and its results waited
    for."""
    box = f"{DIALOG} .ed-search-results"
    page.evaluate("box => document.querySelector(box).replaceChildren()", box)  # no earlier result is mistaken
    page.fill(f"{DIALOG} .ed-search-input", "")
    if typed:
        page.type(f"{DIALOG} .ed-search-input", query)
        wait_for_results(page, box, query)
    else:  # one input event, one search: the first status shown is this query's
        page.fill(f"{DIALOG} .ed-search-input", query)
        wait_for_results(page, box)


def shown(page, site_url: str, box: str = f"{DIALOG} .ed-search-results") -> list[dict]:
    """The results as the reader sees them, in order: the group (its heading) each is under, the address relative to
    the site, the title and the page it is on."""
    rows = page.evaluate("""box => [...document.querySelectorAll(box + ' .ed-search-group')].flatMap((g, i) =>
        [...g.querySelectorAll('.ed-search-result a.ed-search-link')].map(a => ({
            group: i, heading: g.querySelector('.ed-search-kind').textContent, href: a.href,
            title: (a.querySelector('.ed-search-title') || {}).textContent,
            where: (a.querySelector('.ed-search-where') || {}).textContent || ''})))""", box)
    for row in rows:
        assert row["href"].startswith(site_url + "/"), f"a result leads out of the site: {row['href']}"
        row["rel"] = row["href"][len(site_url) + 1:]
        row["kind"] = kind_of(row["rel"])
    return rows


def rels(rows, kind: str | None = None) -> list[str]:
    return [r["rel"] for r in rows if kind is None or r["kind"] == kind]


IN_VIEW = """(id) => {
    const el = document.getElementById(id);
    const header = document.querySelector('.md-header').getBoundingClientRect();
    const r = el.getBoundingClientRect();
    return r.top >= header.bottom - 1 && r.top < window.innerHeight && r.height > 0;
}"""


def in_view_below_header(page, pid: str) -> bool:
    return page.evaluate(IN_VIEW, pid)


def wait_in_view(page, pid: str) -> None:
    """The paragraph comes into view below the header (the page may still be scrolling to it)."""
    try:
        page.wait_for_function(f"id => ({IN_VIEW})(id)", arg=pid, timeout=5000)
    except PlaywrightTimeout:
        pass
    assert in_view_below_header(page, pid), f"¶ {pid} is not in view below the header"


@pytest.fixture(scope="module")
def search_tab(browser):
    """One reader's tab for the dialog's queries of this module, so that Pagefind loads once, not for each test."""
    pg = recording_page(browser)
    yield pg
    pg.context.close()


@pytest.fixture
def searching(search_tab, site_url):
    """A reader on the home page with the search dialog open (the module's one tab: search() clears the dialog's
    input and results before each query); a test that ends with an error logged fails."""
    pg = search_tab
    pg.errors.clear()
    if pg.url != site_url + "/" or not pg.locator(f"{DIALOG}[open]").count():
        pg.goto(site_url + "/")
        open_dialog(pg)
    yield pg
    assert not pg.errors, f"the page logged errors: {pg.errors}"


# --- The index holds what a reader looks for ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def records(browser, site_url):
    """Every record of the built index, as Pagefind itself gives it to the page (a search with no term)."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url + "/")
    data = page.evaluate("""async () => {
        const pf = await import(edition.root() + 'pagefind/pagefind.js');
        await pf.options({ baseUrl: edition.root() });
        // As the page's search does: the other languages' indexes (a Russian document's) merged into the page's.
        for (const lang of edition.words().search_languages || [])
            await pf.mergeIndex(edition.root() + 'pagefind/', { language: lang });
        const all = await pf.search(null);
        return Promise.all(all.results.map(r => r.data()));
    }""")
    context.close()
    for r in data:
        assert r["url"].startswith(site_url + "/"), r["url"]
        r["rel"] = r["url"][len(site_url) + 1:]
    return data


@pytest.mark.browser
@pytest.mark.xdist_group("search-records")  # one worker reads the index's records, once
def test_every_paragraph_of_the_memoir_is_a_record_at_its_anchor_with_its_text(records, expected):
    lines = memoir_lines()
    assert len(lines) == expected["paragraphs"]
    text = {r["rel"]: r for r in records if r["meta"].get("kind") == "text"}
    assert sorted(text) == sorted(paragraph_url(expected, n) for n in range(1, len(lines) + 1))
    for n, line in enumerate(lines, start=1):
        r = text[paragraph_url(expected, n)]
        assert r["meta"]["title"] == f"¶ {n}"
        # The paragraph's words as printed (a gap in the source, **, shows as […], except where the marker is the
        # source's own text); no control's label.
        assert r["content"] == (line if n in expected["marker_as_text"] else line.replace("**", "[…]")), n


@pytest.mark.browser
@pytest.mark.xdist_group("search-records")  # one worker reads the index's records, once
def test_every_paragraph_of_the_record_is_found_by_the_sites_search(records, expected):
    """The search the site's pages run (Pagefind's index for the page's language, English) holds every paragraph of
    the record at its anchor, a Soviet document's in Russian too: a reader who searches for its words finds it."""
    # A paragraph's own record; its translation's (the edition's English of a Russian document) is found at the
    # paragraph with the translation's language as the address's query.
    record = {r["rel"]: r for r in records if r["meta"].get("kind") == "record" and "?" not in r["rel"]}
    translated = {r["rel"].replace("?en#", "#") for r in records if r["meta"].get("kind") == "record" and "?" in r["rel"]}
    # A paragraph that is only a gap (**) has no word to find it by: Pagefind keeps no record of it.
    paragraphs = {url: p for url, p in record_paragraphs(expected).items() if re.search(r"\w", p[0].replace("**", ""))}
    missing = {url: lang for url, (line, lang) in paragraphs.items() if url not in record}
    assert not missing, f"{len(missing)} paragraphs of the record are not in the index the site searches: {missing}"
    assert sorted(record) == sorted(paragraphs)
    assert translated and translated <= set(paragraphs), translated - set(paragraphs)
    for url, (line, language) in paragraphs.items():
        assert record[url]["meta"]["title"] == f"¶ {url.rsplit('#p', 1)[1]}"
        assert record[url]["content"] == line.replace("**", "[…]"), url


@pytest.mark.browser
@pytest.mark.xdist_group("search-records")  # one worker reads the index's records, once
def test_notes_entries_and_pages_are_records_that_lead_somewhere(records, edition, expected, built_site):
    by_url = {r["rel"]: r for r in records}
    assert len(by_url) == len(records), "two records share an address"
    for note in edition.notes:
        r = by_url[f"text/{section_of(expected, note.paragraph)}/#fn:{note.id}"]
        assert r["meta"]["kind"] == "note" and str(note.paragraph) in r["meta"]["title"]
    for e in edition.entities:
        r = by_url[f"entities/{e.id}/"]
        assert r["meta"]["kind"] == "entry" and r["meta"]["title"] == e.name
        assert all(a in r["meta"]["also"] for a in e.alt_names), e.id
    pages = sorted(p.stem for p in Path(edition.pages_dir).glob("*.md"))
    assert sorted(r["rel"].strip("/") for r in records if r["meta"]["kind"] == "page") == \
        sorted(p if p != "index" else "" for p in pages)
    assert {r["meta"]["kind"] for r in records} == set(KINDS)
    count = {k: sum(r["meta"]["kind"] == k for r in records) for k in KINDS}
    assert (count["note"], count["entry"]) == (len(edition.notes), len(edition.entities)), count
    # Every address is a page of the built site, and its fragment an element of that page: a result never leads
    # to nothing.
    ids: dict[str, set[str]] = {}
    for r in records:
        path, _, fragment = r["rel"].partition("#")
        file = built_site / path.partition("?")[0] / "index.html"
        assert file.is_file(), r["rel"]
        if fragment:
            if path not in ids:
                ids[path] = set(lxml_html.parse(str(file)).getroot().xpath("//@id"))
            assert fragment in ids[path], r["rel"]


# --- Finding ---------------------------------------------------------------------------------------------------

@pytest.mark.browser
def test_a_standard_name_finds_the_paragraphs_that_garble_it(searching, site_url, edition, expected):
    names = {e.id: e.name for e in edition.entities}
    lines = memoir_lines()
    for n, form, entity in expected["garbled"]:
        assert form in lines[n - 1] and names[entity] not in lines[n - 1], (n, form)  # only the name finds it
        search(searching, names[entity])
        rows = shown(searching, site_url)
        assert paragraph_url(expected, n) in rels(rows, "text"), (names[entity], n, rels(rows)[:10])
        assert f"entities/{entity}/" in rels(rows, "entry"), names[entity]
        # Shown as the reader expects it: the paragraph's number and the section it is in.
        row = next(r for r in rows if r["rel"] == paragraph_url(expected, n))
        title = next(s.title for s in edition.sections if s.slug == section_of(expected, n))
        assert row["title"] == f"¶ {n}" and row["where"] == title, row


@pytest.mark.browser
def test_the_chairman_is_found_by_the_leaders_name(searching, site_url, edition, expected):
    chairman = expected["the_chairman"]
    name = next(e.name for e in edition.entities if e.id == chairman["entity"])
    search(searching, name)
    found = rels(shown(searching, site_url), "text")
    for n in chairman["paragraphs"]:
        assert paragraph_url(expected, n) in found, (name, n, found)


@pytest.mark.browser
def test_another_spelling_of_a_name_finds_its_entry_and_its_paragraphs(searching, site_url, edition, expected):
    entities = {e.id: e for e in edition.entities}
    tried = 0
    for n, form, entity in expected["garbled"]:
        e = entities[entity]
        # A spelling a historian might type that shares no word with the standard name (Wade-Giles, a transcription).
        others = [a for a in e.alt_names if a.isascii() and not set(a.lower().split()) & set(e.name.lower().split())]
        if not others:
            continue
        tried += 1
        search(searching, others[0])
        rows = shown(searching, site_url)
        assert f"entities/{entity}/" in rels(rows, "entry"), (others[0], rels(rows))
        assert paragraph_url(expected, n) in rels(rows, "text"), (others[0], n, rels(rows))
    assert tried, "no garbled name has another spelling to try"


@pytest.mark.browser
def test_the_text_comes_first_then_the_record_notes_glossary_and_pages(searching, site_url, edition, expected):
    # "Litvinov": in the memoir, in the record, in notes, in the glossary and on the pages about the edition.
    search(searching, "Litvinov")
    rows = shown(searching, site_url)
    kinds = [r["kind"] for r in rows]
    assert set(kinds) == set(KINDS), f"the query should reach every kind of record: {set(kinds)}"
    assert kinds == sorted(kinds, key=KINDS.index), kinds
    # One group per kind, each under its heading, in that order.
    groups = {}
    for r in rows:
        groups.setdefault(r["group"], set()).add(r["kind"])
    assert all(len(k) == 1 for k in groups.values()), groups
    headings = [h.strip() for h in searching.locator(f"{DIALOG} .ed-search-kind").all_text_contents()]
    assert headings == [edition.labels[f"search_kind_{k}"] for k in KINDS], headings


@pytest.mark.browser
@pytest.mark.parametrize("word", ["Litvinov", "Spain", "Moscow", "Japan", "Soviet"])
def test_every_paragraph_of_the_memoir_saying_a_word_is_shown_with_the_word_marked(searching, site_url, expected,
                                                                                   word):
    """However many notes, entries and documents also say it: the text's paragraphs are never crowded out."""
    saying = {n for n, line in enumerate(memoir_lines(), start=1) if re.search(rf"\b{word}\b", line)}
    assert len(saying) >= 5
    search(searching, word)
    rows = shown(searching, site_url)
    lost = sorted(n for n in saying if paragraph_url(expected, n) not in rels(rows, "text"))
    assert not lost, (f"{len(lost)} of the {len(saying)} paragraphs of the memoir that say {word!r} are not shown "
                      f"(¶ {lost}), among {len(rows)} results ({len(rels(rows, 'entry'))} glossary entries)")
    # The excerpt of a paragraph that says it shows the word marked (with the punctuation that follows it, as
    # Pagefind marks a word).
    n = min(saying)
    link = f"{DIALOG} a.ed-search-link[href$='{paragraph_url(expected, n)}']"
    marks = searching.locator(f"{link} .ed-search-excerpt mark")
    assert word.lower() in [re.sub(r"\W", "", m.lower()) for m in marks.all_text_contents()]


# --- Landing on the paragraph ------------------------------------------------------------------------------------

def without_instant_loading(page, site_url):
    """Material's instant loading switched off, as on a site without the feature: every page is served with
    navigation.instant taken out of Material's configuration."""
    def strip(route):
        response = route.fetch()
        body = response.text()
        assert '"navigation.instant", ' in body, "Material's configuration changed: cannot switch instant loading off"
        route.fulfill(response=response, body=body.replace('"navigation.instant", ', ""))
    page.route(lambda url: url.startswith(site_url + "/") and url.endswith("/"), strip)


@pytest.mark.browser
@pytest.mark.parametrize("device", ["desktop", "phone"])
@pytest.mark.parametrize("mode", ["instant", "plain"])
def test_a_result_lands_on_its_paragraph(browser, site_url, edition, expected, device, mode):
    """Search from the home page, pick a garbled name's paragraph: it is shown marked and in view, the dialog gone.
    At 1280 px with a mouse, at 375 px with a finger; with instant loading (as deployed) or without it."""
    n, form, entity = next(g for g in expected["garbled"] if g[1] == "Colande")
    name = next(e.name for e in edition.entities if e.id == entity)
    phone = device == "phone"
    context = browser.new_context(viewport={"width": 375, "height": 740} if phone else {"width": 1280, "height": 800},
                                  has_touch=phone, is_mobile=phone)
    try:
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        if mode == "plain":
            without_instant_loading(page, site_url)
        page.goto(site_url + "/")
        page.evaluate("window.__ed_marker = 1")  # gone after a full page load, kept by instant loading
        open_dialog(page, tap=phone)
        search(page, name)
        link = page.locator(f"{DIALOG} a.ed-search-link[href$='{paragraph_url(expected, n)}']")
        link.tap() if phone else link.click()
        page.wait_for_url(f"**/{paragraph_url(expected, n)}")
        marked(page, f"p{n}")
        assert page.evaluate("window.__ed_marker === 1") == (mode == "instant"), "instant loading not as intended"
        wait_in_view(page, f"p{n}")
        assert not page.locator(f"{DIALOG}[open]").count(), "the dialog still covers the paragraph"
        assert form in page.locator(f"#p{n}").inner_text()
        assert not errors, f"the page logged errors: {errors}"
    finally:
        context.close()


@pytest.mark.browser
def test_a_result_on_the_page_being_read_lands_there(page, site_url, edition, expected):
    n, form, entity = next(g for g in expected["garbled"] if g[1] == "Chesston")
    name = next(e.name for e in edition.entities if e.id == entity)
    page.goto(f"{site_url}/text/{section_of(expected, n)}/")
    open_dialog(page, how="key")
    search(page, name)
    page.locator(f"{DIALOG} a.ed-search-link[href$='{paragraph_url(expected, n)}']").click()
    marked(page, f"p{n}")
    page.wait_for_function("() => !document.querySelector('dialog.ed-search-dialog[open]')")
    assert page.url.endswith(paragraph_url(expected, n))
    wait_in_view(page, f"p{n}")


@pytest.mark.browser
def test_the_search_page_runs_the_query_in_its_address(page, site_url, edition, expected):
    n, form, entity = next(g for g in expected["garbled"] if g[1] == "Bao")
    name = next(e.name for e in edition.entities if e.id == entity)
    page.goto(f"{site_url}/search/?q={quote(name)}")
    wait_for_results(page, "#ed-search-page-results", name)
    assert page.input_value("#ed-search-page-input") == name
    rows = shown(page, site_url, "#ed-search-page-results")
    assert paragraph_url(expected, n) in rels(rows, "text")
    page.locator(f"#ed-search-page-results a.ed-search-link[href$='{paragraph_url(expected, n)}']").click()
    marked(page, f"p{n}")
    # Its own form searches again, in the page.
    page.go_back()
    page.wait_for_url("**/search/?q=*")
    page.fill("#ed-search-page-input", "Litvinov")
    page.press("#ed-search-page-input", "Enter")
    wait_for_results(page, "#ed-search-page-results", "Litvinov")
    assert "entities/maxim-litvinov/" in rels(shown(page, site_url, "#ed-search-page-results"), "entry")


# --- Nothing fetched while reading -------------------------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize("how", ["button", "key"])
def test_the_index_is_fetched_only_once_search_is_opened(page, site_url, expected, how):
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    slug = expected["sections"][4][0]
    page.goto(f"{site_url}/text/{slug}/")
    page.wait_for_load_state("networkidle")
    # Reading: scrolling, pointing at a name, following a paragraph's number.
    page.mouse.wheel(0, 1500)
    page.locator("article a.ed-name").first.hover()
    first = expected["sections"][4][1]
    page.locator(f"#p{first} a.ed-num").click()
    marked(page, f"p{first}")
    page.wait_for_load_state("networkidle")
    assert not [u for u in requested if "/pagefind/" in u], "the search index was fetched while reading"
    with page.expect_request(lambda r: r.url == site_url + "/pagefind/pagefind.js"):
        open_dialog(page, how)
    search(page, "Litvinov")
    fetched = [u for u in requested if "/pagefind/" in u]
    assert fetched and all(u.startswith(site_url + "/pagefind/") for u in fetched), fetched
    assert not [u for u in requested if not u.startswith(site_url + "/")], "a request left the site"


# --- Queries are text ----------------------------------------------------------------------------------------

HOSTILE = ['<img src=x onerror=alert(1)>', '"><svg onload=alert(2)>', "</p><script>alert(3)</script>",
           "Litvinov <b onmouseover=alert(4)>"]


def assert_inert(page, box: str, query: str, alerts: list) -> None:
    wait_for_results(page, box)
    status = page.locator(f"{box} .ed-search-status").inner_text()
    assert query.strip() in status, f"the query is not shown as typed: {status!r}"
    assert page.evaluate("box => document.querySelector(box).querySelectorAll('img, svg, script, b').length",
                         box) == 0, page.inner_html(box)
    assert not page.locator("img[src=x]").count() and not alerts


@pytest.mark.browser
@pytest.mark.parametrize("query", HOSTILE)
def test_a_hostile_query_is_shown_as_text(searching, site_url, query):
    alerts = []

    def alert(d):
        alerts.append(d.message)
        d.dismiss()

    searching.on("dialog", alert)
    try:
        search(searching, query, typed=False)
        assert_inert(searching, f"{DIALOG} .ed-search-results", query, alerts)
        # The same query in the Search page's address.
        searching.goto(f"{site_url}/search/?q={quote(query)}")
        assert_inert(searching, "#ed-search-page-results", query, alerts)
        assert searching.input_value("#ed-search-page-input") == query
    finally:
        searching.remove_listener("dialog", alert)  # the tab serves the module's next tests


# --- Without JavaScript ------------------------------------------------------------------------------------------

@pytest.mark.browser
def test_without_javascript_the_search_page_says_search_needs_it(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{site_url}/search/?q=Litvinov")
        note = page.locator(".ed-search-noscript")
        assert note.is_visible(), "nothing tells the reader why the Search page cannot search"
        assert "JavaScript" in note.inner_text()
        assert page.locator("#ed-search-page-results").inner_text().strip() == ""
        assert not page.locator(".ed-search-button").count(), "a search button that could not work"
    finally:
        context.close()
