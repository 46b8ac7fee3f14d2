"""Reading on every device (issue 19), as the reader's review of 3 December 2026 found it wanting, in Chromium on the
built site served under its path.

- A search result lands on its paragraph on a phone (375 px, by tapping) and a tablet (800 px, with a mouse), from
  the top of a page or from further down, with Material's instant loading and without it.
- No blank between consecutive paragraphs is larger than the paragraph spacing plus one line, at 1280 and 1600 px
  and in print: the margin notes float beside the text and never stretch a paragraph; every paragraph keeps one
  measure; a long note in a crowded margin folds and opens.
- The edition is citable as a whole: the site serves CITATION.cff, which "How to cite" links; its version is the
  last of versions.yml, as on the site and in the TEI header; the home page cites the edition and names its editors.
- The journey map shows the whole journey where it can be read whole, and on a phone pans, says so and opens on the
  first stop; no label overlaps another or leaves the drawing.
- Names are linked as the editorial method says (people in each paragraph, the rest once per section, a garbled
  form in each paragraph), and a name's tooltip is text.

Facts of this text come from seeds/expectations.yml (`expected`), seeds/versions.yml and seeds/edition.yml, read here,
never from the engine.
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.request import urlopen

import pytest
import yaml
from lxml import etree
from lxml import html as lxml_html

from conftest import ROOT, marked

SEEDS = ROOT / "seeds"


def seeds(name: str) -> dict:
    return yaml.safe_load((SEEDS / name).read_text(encoding="utf-8"))


def section_of(expected, n: int) -> str:
    return next(slug for slug, first, last in expected["sections"] if first <= n <= last)


def new_page(browser, width: int, height: int = 800, touch: bool = False, **options):
    """A page in a context of its own that records what the page logs as an error."""
    context = browser.new_context(viewport={"width": width, "height": height}, has_touch=touch, is_mobile=touch,
                                  **options)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("response", lambda r: page.errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    return context, page


def done(context, page) -> None:
    errors = page.errors
    context.close()
    assert not errors, f"the page logged errors: {errors}"


# --- 1. A search result lands on its paragraph -------------------------------------------------------------------

def without_instant_loading(page, site_url: str) -> None:
    """Material's instant loading switched off, as on a site built without it: every page is served with
    navigation.instant taken out of Material's configuration."""
    def strip(route):
        response = route.fetch()
        body = response.text()
        assert '"navigation.instant"' in body, "Material's configuration changed: cannot switch instant loading off"
        route.fulfill(response=response, body=re.sub(r'"navigation\.instant",\s*', "", body))
    page.route(lambda url: url.startswith(site_url + "/") and url.endswith("/"), strip)


# The paragraph is where a reader looks: below the sticky header, in the upper part of the screen, and it stays
# there (a late scroll would take it away again), for ten frames running.
LANDED = """async (id) => {
    const el = document.getElementById(id);
    const seen = () => {
        const header = document.querySelector('.md-header').getBoundingClientRect();
        const r = el.getBoundingClientRect();
        return r.top >= header.bottom - 1 && r.top <= header.bottom + window.innerHeight / 3 && r.height > 0;
    };
    let steady = 0;
    for (let frame = 0; frame < 600 && steady < 10; frame++) {
        await new Promise(requestAnimationFrame);
        steady = seen() ? steady + 1 : 0;
    }
    const r = el.getBoundingClientRect();
    return {steady: steady >= 10, top: Math.round(r.top), scrollY: Math.round(scrollY), height: innerHeight};
}"""


@pytest.mark.browser
@pytest.mark.parametrize("device", ["phone-375-tap", "tablet-800-click"])
@pytest.mark.parametrize("mode", ["instant", "plain"])
@pytest.mark.parametrize("start", ["top", "scrolled"])
def test_a_search_result_lands_on_its_paragraph(browser, site_url, expected, device, mode, start):
    phone = device.startswith("phone")
    context, page = new_page(browser, 375 if phone else 800, 740 if phone else 900, touch=phone)
    if mode == "plain":
        without_instant_loading(page, site_url)
    for query, n in expected["reading_devices"]["search_landing"]:
        page.goto(site_url + "/")
        page.evaluate("window.__ed_same_document = 1")  # gone after a full load, kept by instant loading
        if start == "scrolled":
            page.evaluate("window.scrollTo(0, 600)")
            page.wait_for_function("scrollY > 0")
        button = page.locator(".ed-search-button")
        button.tap() if phone else button.click()
        page.wait_for_selector("dialog.ed-search-dialog[open]")
        page.locator("dialog.ed-search-dialog .ed-search-input").fill(query)
        target = f"text/{section_of(expected, n)}/#p{n}"
        link = page.locator(f"dialog.ed-search-dialog a.ed-search-link[href$='{target}']")
        link.wait_for()
        link.tap() if phone else link.click()
        page.wait_for_url(f"**/{target}")
        marked(page, f"p{n}")
        assert page.evaluate("window.__ed_same_document === 1") == (mode == "instant"), "instant loading as intended"
        landed = page.evaluate(LANDED, f"p{n}")
        assert landed["steady"], f"{device}, {mode}, from the {start}: ¶{n} ({query}) did not land in view: {landed}"
        assert not page.locator("dialog.ed-search-dialog[open]").count(), "the dialog still covers the paragraph"
    done(context, page)


# --- 2. No paragraph torn from the next ----------------------------------------------------------------------------

# The reading column's largest blank between two consecutive paragraphs of a section, and what it may be: the
# paragraph spacing plus one line. Ink is each paragraph's line boxes, the text of whatever the column shows between
# them (a verdict, a translation) and any ruled box there (a verdict's rule, a caption's frame); the margin floated
# beside the column is not in it.
GAPS = """() => {
    const visible = (el) => el.checkVisibility();
    const floated = (el) => { const m = el.closest('.ed-margin'); return m && getComputedStyle(m).float !== 'none'; };
    const lineBoxes = (el) => {
        if (el.matches('figure')) { const r = el.getBoundingClientRect(); return [r.top, r.bottom]; }
        const lh = parseFloat(getComputedStyle(el).lineHeight);
        const range = document.createRange();
        range.selectNodeContents(el);
        const tools = el.querySelector(':scope > .ed-tools');
        if (tools) range.setStartAfter(tools);
        const rs = [...range.getClientRects()].filter(r => r.width > 0 && r.height > 0);
        const top = Math.min(...rs.map(r => r.top)), bottom = Math.max(...rs.map(r => r.bottom));
        const first = rs.find(r => r.top === top), last = rs.find(r => r.bottom === bottom);
        return [top - Math.max(0, lh - first.height) / 2, bottom + Math.max(0, lh - last.height) / 2];
    };
    const article = document.querySelector('article');
    const paras = [...article.querySelectorAll('.ed-para')];
    // What the column may show between two paragraphs, read once: each text's line boxes and each verdict's or
    // figure's box, outside the floated margin.
    const marks = [];
    const texts = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
    for (let t = texts.nextNode(); t; t = texts.nextNode()) {
        const el = t.parentElement;
        if (!t.data.trim() || floated(el) || !visible(el)) continue;
        const range = document.createRange();
        range.selectNodeContents(t);
        for (const r of range.getClientRects()) marks.push([el, r]);
    }
    article.querySelectorAll('.ed-claim, figure').forEach(el => {
        if (!floated(el) && visible(el)) marks.push([el, el.getBoundingClientRect()]);
    });
    const out = [];
    for (let i = 0; i + 1 < paras.length; i++) {
        const a = paras[i], b = paras[i + 1];
        const between = document.createRange();
        between.setStartAfter(a);
        between.setEndBefore(b);
        if (between.cloneContents().querySelector('h1, h2, h3, .ed-print-cite, .footnote')) continue;  // a section ends
        const ink = [lineBoxes(a), lineBoxes(b)];
        const column = a.getBoundingClientRect(), top = ink[0][0], bottom = ink[1][1];
        const inColumn = (r) => r.height > 0 && r.right > column.left && r.left < column.right
            && r.bottom > top && r.top < bottom;
        for (const [el, r] of marks) if (!a.contains(el) && !b.contains(el) && inColumn(r)) ink.push([r.top, r.bottom]);
        ink.sort((x, y) => x[0] - y[0]);
        let reach = ink[0][1], gap = 0;
        for (const [t, btm] of ink.slice(1)) { gap = Math.max(gap, t - reach); reach = Math.max(reach, btm); }
        out.push([+a.dataset.n, Math.round(gap)]);
    }
    const plain = document.createElement('p');  // a paragraph of the text without notes: its spacing and line
    plain.className = 'ed-para ed-text';
    plain.textContent = 'x';
    article.prepend(plain);
    const s = getComputedStyle(plain);
    const allowed = parseFloat(s.marginBottom) + parseFloat(s.lineHeight);
    plain.remove();
    return {allowed, gaps: out};
}"""


# What a section's page shows once its page script has fitted the margins, measured in one pass for the tests below:
# the blanks between paragraphs (GAPS), the width of each paragraph and any margin reaching into them, how far below
# its paragraph each margin begins and how many notes are tucked away, and what moved as the page loaded.
MEASURE = """() => {
    const paras = [...document.querySelectorAll('article .ed-para:not(figure)')];
    const widths = new Set(paras.map(p => Math.round(p.getBoundingClientRect().width)));
    const intrusions = [...document.querySelectorAll('article .ed-unit > aside.ed-margin')].filter(m =>
        getComputedStyle(m).float !== 'none').flatMap(m => paras.filter(p => {
            const a = m.getBoundingClientRect(), b = p.getBoundingClientRect();
            return a.left < b.right && a.top < b.bottom && b.top < a.bottom;
        }).map(p => p.dataset.n));
    const far = [...document.querySelectorAll('article .ed-unit')].flatMap(u => {
        const m = u.querySelector(':scope > aside.ed-margin'), p = u.querySelector(':scope > .ed-para');
        if (!m || !p) return [];
        const lines = (m.getBoundingClientRect().top - p.getBoundingClientRect().top)
            / parseFloat(getComputedStyle(p).lineHeight);
        return lines > 2 ? [p.id + ': ' + lines.toFixed(1) + ' lines below'] : [];
    });
    const margin = document.querySelector('article aside.ed-margin');
    return {gaps: (%s)(), widths: [...widths], intrusions, far,
            margins: document.querySelectorAll('article aside.ed-margin .ed-sidenote').length,
            tucked: document.querySelectorAll('article .ed-margin .ed-sidenote.ed-tucked').length,
            margin_shown: margin ? margin.checkVisibility({visibilityProperty: true}) : null, shifts: window.edShifts};
}""" % GAPS.strip()

# Every layout shift a page makes without input from the reader, from its first paint on.
SHIFTS = ("window.edShifts = []; new PerformanceObserver(l => l.getEntries().forEach(e => { if (!e.hadRecentInput) "
          "window.edShifts.push([Math.round(e.value * 1e4) / 1e4, e.sources.map(s => s.node && s.node.className)"
          ".join(' | ')]); })).observe({type: 'layout-shift', buffered: true});")

_shown: dict[str, dict[str, dict]] = {}


def text_pages_seen(browser, site_url: str, expected, how: str) -> dict[str, dict]:
    """Each section of the memoir and the whole text on one page, loaded once per test worker on a screen of this
    width ("1280") or in print ("print", 800 px), as the reader sees them once the page script has fitted the
    margins: path -> MEASURE. The tests that read it run on one worker (xdist_group), which loads the pages once."""
    if how not in _shown:
        context, page = new_page(browser, 800 if how == "print" else int(how), 900)
        if how == "print":
            page.emulate_media(media="print")
        context.add_init_script(SHIFTS)
        seen = {}
        for path in [f"/text/{slug}/" for slug, _, _ in expected["sections"]] + ["/text/all/"]:
            page.goto(site_url + path)
            page.wait_for_selector("article.md-content__inner.ed-fitted", state="attached")
            page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
            seen[path] = page.evaluate(MEASURE)
        done(context, page)
        _shown[how] = seen
    return _shown[how]


def seen_at(how: str):
    """A parameter of a test that reads text_pages_seen, on the worker that measured the pages at that width."""
    return pytest.param(how, marks=pytest.mark.xdist_group(f"text-pages-{how}"), id=str(how))


def sections_of(seen: dict[str, dict]) -> dict[str, dict]:
    return {path.split("/")[2]: found for path, found in seen.items() if path != "/text/all/"}


@pytest.mark.browser
@pytest.mark.parametrize("how", [seen_at("1280"), seen_at("1600"), seen_at("print")])
def test_no_blank_between_paragraphs_larger_than_a_line(browser, site_url, expected, how):
    """Every section of the memoir, and the whole text on one page; the review's torn section among them."""
    torn = []
    pairs = 0
    for path, seen in text_pages_seen(browser, site_url, expected, how).items():
        found = seen["gaps"]
        assert found["allowed"] > 20, found  # a spacing and a line were measured
        pairs += len(found["gaps"])
        torn += [f"{path} after ¶{n}: {gap} px" for n, gap in found["gaps"] if gap > found["allowed"] + 1]
    paragraphs = expected["paragraphs"]
    assert pairs >= paragraphs, f"only {pairs} pairs of consecutive paragraphs measured"
    assert not torn, f"{how}: blanks larger than the paragraph spacing plus a line ({found['allowed']:.0f} px):\n" \
        + "\n".join(torn)


@pytest.mark.browser
@pytest.mark.parametrize("width", [seen_at("1280"), seen_at("1600")])
def test_every_paragraph_keeps_one_measure_beside_the_margin(browser, site_url, expected, width):
    """The margin never reaches into the text column, so no paragraph's lines are shortened beside a note."""
    for slug, found in sections_of(text_pages_seen(browser, site_url, expected, width)).items():
        assert found["margins"], f"{slug}: no note beside the text at {width} px"
        assert len(found["widths"]) == 1, f"{slug}: the measure changes from paragraph to paragraph: {found['widths']}"
        assert not found["intrusions"], f"{slug}: the margin reaches into ¶{found['intrusions']}"


@pytest.mark.browser
def test_a_long_note_in_a_crowded_margin_folds_and_opens(browser, site_url, expected):
    """Section 1's notes are longer than its text: a note folded to its first lines opens from its mark."""
    slug = expected["sections"][0][0]
    context, page = new_page(browser, 1280, 900)
    page.goto(f"{site_url}/text/{slug}/")
    page.wait_for_selector("article .ed-sidenote.ed-folded")
    note = page.locator("article .ed-sidenote.ed-folded").first
    note_id = note.get_attribute("id")
    folded = note.evaluate("n => [n.getBoundingClientRect().height, n.scrollHeight]")
    assert folded[0] < folded[1], "a folded note shows all of itself"
    button = page.locator(f"#{note_id} + button.ed-fold-toggle")
    assert button.get_attribute("aria-expanded") == "false" and button.is_visible()
    mark = page.locator(f"article a.footnote-ref[href$='#fn:{note_id.removeprefix('sn-')}']")
    mark.click()
    # The note, whole (the page may have been shown again by instant loading: the note is looked up anew).
    page.wait_for_function("""id => { const n = document.getElementById(id);
        return n && n.classList.contains('ed-open') && n.getBoundingClientRect().height >= n.scrollHeight - 1; }""",
                           arg=note_id)
    assert page.locator(f"#{note_id}").is_visible()
    done(context, page)


@pytest.mark.browser
@pytest.mark.parametrize("width", [seen_at("1280"), seen_at("1600")])
def test_every_margin_stands_beside_its_paragraph(browser, site_url, expected, width):
    """A crowded margin is folded, and if need be its last items tucked behind a button, so that each paragraph's
    notes begin beside it (within two of its lines), not pages below; a tucked note opens from its mark, and the
    button shows every item of its margin."""
    sections = sections_of(text_pages_seen(browser, site_url, expected, width))
    far = [f"{slug} {line}" for slug, found in sections.items() for line in found["far"]]
    assert not far, far
    assert sum(found["tucked"] for found in sections.values()), \
        "no margin of the text is crowded enough to tuck a note: this test checks nothing"
    context, page = new_page(browser, int(width), 900)
    # The first section's first tucked note, opened from its mark in the text.
    page.goto(f"{site_url}/text/{expected['sections'][0][0]}/")
    page.wait_for_selector("article.md-content__inner.ed-fitted", state="attached")
    note_id = page.evaluate("document.querySelector('article .ed-sidenote.ed-tucked').id")
    assert not page.locator(f"#{note_id}").is_visible()
    page.locator(f"article a.footnote-ref[href$='#fn:{note_id.removeprefix('sn-')}']").click()
    page.wait_for_function("id => { const n = document.getElementById(id); return n && n.classList.contains('ed-open')"
                           " && !n.classList.contains('ed-tucked'); }", arg=note_id)
    assert page.locator(f"#{note_id}").is_visible()
    assert "#fn:" not in page.url, "the mark led to the list at the end, not to its note in the margin"
    # And a margin's button: every item of that margin shown.
    button = page.locator("article .ed-rest-toggle:not([hidden])").first.element_handle()
    margin = button.evaluate_handle("b => b.closest('aside')")
    button.click()
    page.wait_for_function("m => !m.querySelector('.ed-tucked')", arg=margin)
    # The button is gone; the keyboard's focus is on the first item it showed, in that margin.
    page.wait_for_function("m => m.contains(document.activeElement) && document.activeElement.matches("
                           "'.ed-sidenote, .ed-claim')", arg=margin)
    assert all(page.locator(f"#{i}").is_visible() for i in margin.evaluate(
        "m => [...m.querySelectorAll('.ed-sidenote')].map(n => n.id)"))
    done(context, page)


@pytest.mark.browser
@pytest.mark.parametrize("width", [seen_at("375"), seen_at("1280"), seen_at("1600")])
def test_nothing_on_a_text_page_moves_as_it_loads(browser, site_url, expected, width):
    """The reading-view switch is in the page from the build, and a crowded margin is shown once it is folded: the
    text and its notes do not jump as the page's scripts run (what Lighthouse counts as layout shift)."""
    sections = sections_of(text_pages_seen(browser, site_url, expected, width))
    hidden = [slug for slug, found in sections.items() if found["margin_shown"] is False]
    assert not hidden and any(found["margin_shown"] for found in sections.values()), f"margins not shown: {hidden}"
    moved = {slug: found["shifts"] for slug, found in sections.items() if found["shifts"]}
    assert not moved, moved


@pytest.mark.browser
def test_a_crowded_margin_still_shows_if_the_page_script_never_comes(browser, site_url, expected):
    """The margin waits for the script that folds it; without that script (blocked, failed) it shows whole."""
    context, page = new_page(browser, 1280, 800)
    page.route("**/assets/edition.js", lambda route: route.abort())
    page.goto(f"{site_url}/text/{expected['sections'][0][0]}/")
    margin = page.locator("article aside.ed-margin").first
    page.wait_for_function("m => getComputedStyle(m).visibility === 'visible'", arg=margin.element_handle(),
                           timeout=10_000)
    assert not page.locator("article .ed-folded").count()
    context.close()


# --- 3. The edition citable as a whole ----------------------------------------------------------------------------

def fetch_text(url: str) -> str:
    with urlopen(url) as r:
        assert r.status == 200, url
        return r.read().decode("utf-8")


def test_the_site_serves_a_citation_file_that_agrees_with_the_versions(site_url):
    from cffconvert import Citation

    served = fetch_text(site_url + "/CITATION.cff")
    Citation(served).validate()  # CFF 1.2.0's schema
    cff = yaml.safe_load(served)
    versions = seeds("versions.yml")["versions"]
    edition = seeds("edition.yml")
    assert cff["version"] == str(versions[-1]["version"]), "CITATION.cff names another version than versions.yml"
    assert str(cff["date-released"]) == str(versions[-1]["date"])
    assert [a["name"] for a in cff["authors"]] == edition["citation"]["editors"]
    assert cff["title"] == edition["title"] and cff["url"] == site_url + "/"
    # The repository's own record (GitHub's "Cite this repository") is the same, at the published address.
    kept = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert kept["url"] == edition["site_url"]
    assert {k: v for k, v in kept.items() if k != "url"} == {k: v for k, v in cff.items() if k != "url"}, \
        "the repository's CITATION.cff is not the one the site serves: rebuild and copy it"


@pytest.mark.browser
def test_how_to_cite_links_the_citation_file_and_cites_the_edition_by_version(browser, site_url):
    version = str(seeds("versions.yml")["versions"][-1]["version"])
    editors = seeds("edition.yml")["citation"]["editors"]
    context, page = new_page(browser, 1280, 900)
    page.goto(site_url + "/")
    # The home page: the edition's editors and version, and its citation.
    editors_line = page.locator("article .ed-edition-editors").inner_text()
    assert all(e in editors_line for e in editors) and version in editors_line, editors_line
    home_cite = page.locator("article .ed-edition-cite-entry").first.inner_text()
    assert f"Version {version}" in home_cite and all(e in home_cite for e in editors), home_cite
    assert page.locator(".ed-version").inner_text().startswith(f"Version {version}"), "the footer's version"
    # How to cite, reached by clicking: every style's citation of the edition names the version; the file is linked.
    page.locator(".md-sidebar--primary").get_by_role("link", name="How to cite", exact=True).click()
    page.wait_for_url("**/how-to-cite/")
    page.locator("article .ed-edition-bibtex").wait_for()  # instant loading changes the address before the article
    entries = page.locator("article .ed-edition-cite-entry").all_inner_texts()
    assert len(entries) == len(seeds("edition.yml")["citation"]["styles"]), entries
    assert all(version in e for e in entries), entries
    assert f"version = {{{version}}}" in page.locator("article .ed-edition-bibtex").inner_text()
    link = page.locator("article .ed-edition-cite-file a")
    with page.expect_response(lambda r: r.url.endswith("/CITATION.cff")) as response:
        page.evaluate("href => fetch(href)", link.evaluate("a => a.href"))
    assert response.value.status == 200
    assert yaml.safe_load(response.value.text())["version"] == version
    done(context, page)


def test_the_tei_header_names_the_version(built_site):
    version = seeds("versions.yml")["versions"][-1]
    edition = seeds("edition.yml")
    tei = etree.parse(str(next((built_site / "downloads").glob("*.tei.xml"))))
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    (ed,) = tei.xpath("//t:teiHeader//t:editionStmt/t:edition", namespaces=ns)
    assert ed.get("n") == str(version["version"]) and str(version["version"]) in "".join(ed.itertext())
    assert ed.xpath("t:date/@when", namespaces=ns) == [str(version["date"])]
    # The translation is not credited to the edition: its makers are named for what they did.
    resp = tei.xpath("//t:titleStmt/t:respStmt", namespaces=ns)
    assert resp and all(edition["citation"]["medium"] not in "".join(r.itertext()) for r in resp)


# --- 4. The journey map -------------------------------------------------------------------------------------------

MAP = """() => {
    const svg = document.querySelector('svg.ed-map'), frame = svg.closest('.ed-map-frame');
    const box = (el) => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
    const labels = [...svg.querySelectorAll('text')].map(t => ({text: t.textContent, box: box(t)}));
    const overlaps = [];
    labels.forEach((a, i) => labels.slice(i + 1).forEach(b => {
        if (a.box[0] < b.box[2] && b.box[0] < a.box[2] && a.box[1] < b.box[3] && b.box[1] < a.box[3])
            overlaps.push([a.text, b.text]);
    }));
    const s = box(svg);
    const outside = labels.filter(l => l.box[0] < s[0] - .5 || l.box[2] > s[2] + .5 || l.box[1] < s[1] - .5
        || l.box[3] > s[3] + .5).map(l => l.text);
    const f = box(frame);
    const shown = labels.filter(l => l.box[0] >= f[0] - .5 && l.box[2] <= f[2] + .5).map(l => l.text);
    const hint = document.querySelector('.ed-map-pan');
    return {overlaps, outside, shown, all: labels.map(l => l.text), pans: frame.scrollWidth > frame.clientWidth + 1,
            hint: !!hint && hint.checkVisibility() && hint.getBoundingClientRect().bottom <= f[1] + 1,
            fontPx: Math.min(...labels.map(l => l.box[3] - l.box[1]))};
}"""


@pytest.mark.browser
@pytest.mark.parametrize("width", [375, 768, 1280, 1600])
def test_the_journey_map_shows_the_whole_journey_or_pans_clearly(browser, site_url, expected, width):
    facts = expected["reading_devices"]["journey"]
    context, page = new_page(browser, width, 900, touch=width < 768)
    page.goto(site_url + "/")
    page.locator(".md-nav__link", has_text="Journey map").first.evaluate("a => a.click()")  # through the drawer too
    page.wait_for_url("**/journey/")
    page.wait_for_selector("svg.ed-map text")
    found = page.evaluate(MAP)
    assert not found["overlaps"], f"labels overlap at {width} px: {found['overlaps']}"
    assert not found["outside"], f"labels cut off by the drawing's edge at {width} px: {found['outside']}"
    assert any(t.startswith(facts["apart"]) for t in found["all"]), found["all"]
    assert found["fontPx"] >= 10, f"names too small to read at {width} px: {found['fontPx']:.1f} px"
    if not found["pans"]:
        assert set(found["shown"]) == set(found["all"]), f"the map is cut at {width} px: {set(found['all']) - set(found['shown'])}"
    else:
        assert width < 768, f"the map pans at {width} px, where it fits"
        assert found["hint"], "the map is wider than the screen and nothing above it says so"
        assert facts["first_stop"] in found["shown"], f"the map does not open on the journey's start: {found['shown']}"
        # Every name comes into view by panning the frame, half a frame at a time from one end to the other.
        seen = set(found["shown"])
        frame = page.locator(".ed-map-frame")
        width, whole = frame.evaluate("f => [f.clientWidth, f.scrollWidth]")
        for left in range(0, whole, width // 2):
            frame.evaluate("(f, x) => { f.scrollLeft = x; }", left)
            page.wait_for_function("x => Math.abs(document.querySelector('.ed-map-frame').scrollLeft - x) <= 1"
                                   " || document.querySelector('.ed-map-frame').scrollLeft > x",
                                   arg=min(left, whole - width))
            seen |= set(page.evaluate(MAP)["shown"])
        assert seen == set(found["all"]), f"out of reach even by panning: {set(found['all']) - seen}"
    done(context, page)


# --- The linking policy, and tooltips as text ---------------------------------------------------------------------

def entity_kinds() -> dict[str, str]:
    out = {}
    for f in sorted((SEEDS / "entities").glob("*.yml")):
        for e in yaml.safe_load(f.read_text(encoding="utf-8"))["entities"]:
            out[e["id"]] = e["kind"]
    return out


def test_names_are_linked_as_the_method_says(built_site, expected):
    """People at their first mention in each paragraph; every other kind once per section; a garbled form at its
    first occurrence in each paragraph, with its identification."""
    kinds = entity_kinds()
    policy = {k: v.get("link", "paragraph") for k, v in seeds("edition.yml")["entity_kinds"].items()}
    method = (SEEDS / "pages" / "method.md").read_text(encoding="utf-8")
    assert "## Which names are linked" in method, "the method does not state the linking policy"
    garbled = {(n, form) for n, form, _ in expected["garbled"]}
    underlined = words = 0
    for slug, first, last in expected["sections"]:
        doc = lxml_html.parse(str(built_site / "text" / slug / "index.html")).getroot()
        in_section: dict[str, int] = {}
        for p in doc.xpath("//article//*[contains(@class, 'ed-para')]"):
            n = int(p.get("data-n"))
            in_paragraph: dict[str, int] = {}
            for a in p.xpath(".//a[contains(@class, 'ed-name')]"):
                entity = a.get("href").rstrip("/").rsplit("/", 1)[-1]
                if (n, a.text_content()) in garbled:
                    continue
                in_paragraph[entity] = in_paragraph.get(entity, 0) + 1
                in_section[entity] = in_section.get(entity, 0) + 1
                assert "*" not in a.get("title"), f"¶{n} {a.text_content()}: Markdown in the tooltip"
            assert all(c == 1 for c in in_paragraph.values()), f"¶{n}: a name linked twice: {in_paragraph}"
            for form in (f for m, f in garbled if m == n):
                links = [a for a in p.xpath(".//a[contains(@class, 'ed-name')]") if a.text_content() == form]
                assert links and "garbles" in links[0].get("title"), f"¶{n}: “{form}” is not linked and identified"
            text = " ".join(x.text_content() for x in p.xpath(".//*[contains(@class, 'ed-text')] | self::p"))
            words += len(text.split())
            underlined += sum(len(a.text_content().split()) for a in p.xpath(".//a[contains(@class, 'ed-name')]"))
        once = {e: c for e, c in in_section.items() if policy[kinds[e]] == "section" and c > 1}
        assert not once, f"{slug}: linked more than once in the section: {once}"
    n, form = expected["reading_devices"]["second_mention"]
    assert (n, form) in garbled
    # The review counted 9–14% of the words underlined; a reader's page is mostly text.
    assert underlined / words < .08, f"{underlined} of {words} words are linked names"


# --- Accessibility of what changed ---------------------------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize("width", [375, 1280])
def test_axe_finds_nothing_on_the_changed_pages(browser, site_url, expected, width):
    from test_quality import axe

    context, page = new_page(browser, width, 900, touch=width < 768)
    found = []
    for path in ("/", "/how-to-cite/", "/journey/", f"/text/{expected['sections'][0][0]}/"):
        page.goto(site_url + path)
        page.wait_for_load_state("load")
        if path.startswith("/text/") and width >= 1280:
            page.wait_for_selector("article .ed-fold-toggle:not([hidden])")
        found += [f"{width}px {path}: {v}" for v in axe(page)]
    done(context, page)
    assert not found, "\n".join(found)
