"""A reader in Chromium, on the site served as deployed (under the path of site_url, where Material's instant
loading handles in-site links): walking from page to page by clicking keeps every page whole (Cite buttons,
tooltips, reading view, map), with and without instant loading, and no page logs an error."""
import datetime

import pytest
from playwright.sync_api import Error as PlaywrightError, expect

from conftest import EDITION_FILE, SITE_URL, marked
from html_reading import declared_texts

pytestmark = pytest.mark.browser

# The day a reader copies a citation in test_cite_panel_copies_a_citation: the browser's clock is set to it, so
# that the test does not depend on the day it runs, and it is not the build's day (the access date is the reader's).
READER_DAY = datetime.datetime(1999, 12, 31, 12, 0, tzinfo=datetime.timezone.utc)

IN_VIEW_BELOW_HEADER = """(id) => {
    const el = document.getElementById(id);
    const header = document.querySelector('.md-header').getBoundingClientRect();
    const r = el.getBoundingClientRect();
    return r.top >= header.bottom - 1 && r.top < window.innerHeight;
}"""

HIGHLIGHTED = """(id) => {
    const el = document.getElementById(id);
    const bg = getComputedStyle(el).backgroundColor;
    return el.classList.contains('ed-target') && bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent';
}"""


def shown_as_cited(page, pid: str) -> None:
    """The cited paragraph ends up in view below the sticky header and highlighted (its background fades in, so
    this waits for it rather than reading the first frame)."""
    try:
        page.wait_for_function(f"id => ({IN_VIEW_BELOW_HEADER})(id) && ({HIGHLIGHTED})(id)", arg=pid, timeout=5000)
    except PlaywrightError:
        pass
    assert page.evaluate(IN_VIEW_BELOW_HEADER, pid), f"{pid} is not in view below the header"
    assert page.evaluate(HIGHLIGHTED, pid), f"{pid} is not highlighted"


def whole(page) -> None:
    """The page the reader now sees is complete: every paragraph has its Cite button, a page with garbled names
    its reading-view switch, a page with notes its margin."""
    page.wait_for_load_state("load")
    paragraphs = page.locator("article .ed-para").count()
    if paragraphs:
        page.wait_for_function("() => document.querySelectorAll('article .ed-para .ed-cite').length"
                               " === document.querySelectorAll('article .ed-para').length")
        assert page.locator("article .ed-view-switch").count() == (1 if page.locator(".ed-garbled").count() else 0)
    if page.locator("article aside.ed-margin").count():  # the margin is shown once this page's script folded it
        page.wait_for_selector("article.md-content__inner.ed-fitted", state="attached")
        assert page.locator("article aside.ed-margin").first.is_visible()


def instant(page) -> bool:
    """Whether the last navigation was an instant one (the document was not reloaded)."""
    return page.evaluate("window.__ed_marker === 1")


def mark_document(page) -> None:
    page.evaluate("window.__ed_marker = 1")


@pytest.fixture(params=["instant", "plain"])
def reader(request, page):
    """A reader's browser page (conftest's `page`: any error it logs fails the test), with Material's instant
    loading working (as deployed) or switched off (as when JavaScript is slow to arrive or a link is opened in a
    new tab)."""
    if request.param == "plain":
        # Without instant loading: every link is an ordinary page load.
        page.add_init_script("document.addEventListener('click', e => e.stopPropagation(), true)")
    page.mode = request.param
    return page


def test_walk_by_clicking_through_the_edition(reader, site_url, edition):
    page = reader
    page.goto(site_url + "/")
    mark_document(page)
    page.locator("nav.md-nav--primary").get_by_role("link", name="Contents", exact=True).click()
    page.wait_for_url("**/contents/")
    whole(page)
    s = edition.sections[1]
    page.locator("article").get_by_role("link", name=s.title).click()
    page.wait_for_url(f"**/text/{s.slug}/")
    whole(page)
    if page.mode == "instant":
        assert instant(page), "Material's instant loading handled the link"
    n = s.first + 3
    # The paragraph number: lands on the paragraph, in view and highlighted; the page stays whole.
    page.locator(f"#p{n} a.ed-num").click()
    marked(page, f"p{n}")
    assert page.url.endswith(f"/text/{s.slug}/#p{n}")
    shown_as_cited(page, f"p{n}")
    whole(page)
    # A note's mark: on this wide screen it leads to the note beside the paragraph.
    note = page.locator("article sup a.footnote-ref").first
    note.click()
    page.wait_for_function("document.querySelector('.ed-sidenote.ed-target-note')")
    whole(page)
    # Next, then Previous.
    page.locator("a.md-footer__link--next").click()
    page.wait_for_url(f"**/text/{edition.sections[2].slug}/")
    whole(page)
    page.locator("a.md-footer__link--prev").click()
    page.wait_for_url(f"**/text/{s.slug}/")
    whole(page)
    # A name, to its entry; the entry's "In the text" back to a paragraph.
    page.locator("article a.ed-name").first.click()
    page.wait_for_url("**/entities/*/")
    whole(page)
    page.locator("article ul.ed-mentions a").first.click()
    page.wait_for_url("**/text/*/#p*")
    pid = page.url.split("#")[1]
    marked(page, pid)
    shown_as_cited(page, pid)
    whole(page)
    # The sidebar to the map, the chronology and the bibliography.
    for name, path in (("Journey map", "journey"), ("Chronology", "chronology"), ("Bibliography", "bibliography"),
                       ("Journey map", "journey")):
        page.locator("nav.md-nav--primary").get_by_role("link", name=name, exact=True).click()
        page.wait_for_url(f"**/{path}/")
        page.wait_for_function("name => document.querySelector('article h1').textContent === name", arg=name)
        whole(page)
    # The map, whole: a mark for every stop, those the edition holds and those it keeps apart (not reached).
    expect(page.locator("svg.ed-map")).to_be_visible()
    assert page.locator("svg.ed-map a.ed-map-stop circle, svg.ed-map a.ed-map-apart circle").count() == \
        len(edition.journey.stops) + len(edition.journey.intended)
    if page.mode == "instant":
        assert instant(page), "the whole walk was made by instant loading, as on the published site"


def test_opening_a_citation_link_directly(page, site_url, expected):
    # The memoir's last paragraph on its section's page, and the record's last on its document's own page.
    slug, _, last = expected["sections"][-1]
    record = declared_texts(EDITION_FILE)[-1]
    n_record = record["paragraphs"][-1][0]
    assert n_record == expected["record"]["last"]
    for path, n in ((f"text/{slug}/", last), (f"{record['page']}/", n_record)):
        page.goto(f"{site_url}/{path}#p{n}")
        marked(page, f"p{n}")
        shown_as_cited(page, f"p{n}")
        whole(page)


def test_permalink_is_reachable_by_keyboard(page, site_url, edition):
    s = edition.sections[0]
    page.goto(f"{site_url}/text/{s.slug}/")
    for _ in range(80):
        page.keyboard.press("Tab")
        if "ed-permalink" in page.evaluate("document.activeElement.className"):
            break
    else:
        pytest.fail("no permalink reached by Tab")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')").startswith("Permanent link to paragraph")
    assert page.evaluate("getComputedStyle(document.activeElement).opacity") == "1"


def test_cite_panel_copies_a_citation(browser, site_url, edition, expected):
    n = 27  # the paragraph of expected["chicago_note_27"]
    context = browser.new_context(viewport={"width": 1280, "height": 800}, timezone_id="UTC",
                                  permissions=["clipboard-read", "clipboard-write"])
    try:
        context.clock.set_fixed_time(READER_DAY)
        page = context.new_page()
        errors = []  # as conftest's `page`: an error the page logs fails the test
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        s = edition.section_of(n)
        page.goto(f"{site_url}/text/{s.slug}/")
        page.hover(f"#p{n}")
        page.click(f"#p{n} button.ed-cite")
        dialog = page.get_by_role("dialog", name=f"Cite paragraph {n}")
        expect(dialog).to_be_visible()
        page.get_by_role("button", name="Copy Chicago (note)").click()
        page.wait_for_function("[...document.querySelectorAll('.ed-copy')].some(b => b.textContent === 'Copied')")
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == expected["chicago_note_27"].replace("DATE", "December 31, 1999").replace("URL", SITE_URL)
        assert dialog.locator("p.ed-cite-text i").first.inner_text() == edition.title, "the book's title in italics"
        page.get_by_role("button", name="Copy BibTeX").click()
        page.wait_for_function("navigator.clipboard.readText().then(t => t.startsWith('@'))")
        bib = page.evaluate("navigator.clipboard.readText()")
        assert bib.startswith(f"@incollection{{{edition.citation.key}-p{n},") and "urldate = {1999-12-31}" in bib
        page.keyboard.press("Escape")
        expect(dialog).to_be_hidden()
        assert not errors, f"the page logged errors: {errors}"
    finally:
        context.close()
