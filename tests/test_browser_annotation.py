"""A reader in Chromium meets the apparatus: a garbled name explains itself on keyboard focus."""
import pytest

pytestmark = pytest.mark.browser


# The text of the tooltip that describes the focused element, if it is shown; '' otherwise.
VISIBLE_TOOLTIP_TEXT = """() => {
    const id = document.activeElement.getAttribute('aria-describedby');
    const tip = id && document.getElementById(id);
    if (!tip) return '';
    const r = tip.getBoundingClientRect(), style = getComputedStyle(tip);
    return (r.width > 0 && r.height > 0 && style.visibility !== 'hidden' && style.opacity !== '0') ? tip.textContent : '';
}"""


def test_focusing_a_garbled_name_shows_its_identification(page, site_url, edition):
    entities = {e.id: e for e in edition.entities}
    m = next(m for m in edition.mentions if m.garbled)
    section = edition.section_of(m.paragraph)
    page.goto(f"{site_url}/text/{section.slug}/")
    link = page.locator(f"#p{m.paragraph} a.ed-garbled", has_text=m.text).first
    # The page's script has taken the name's title for its own tooltip before the reader reaches it.
    page.locator(f"#p{m.paragraph} a.ed-garbled[data-ed-tip]", has_text=m.text).first.wait_for()
    link.focus()
    # Wait until a tooltip describing the name is shown (no fixed pause), then read what it says.
    page.wait_for_function(f"({VISIBLE_TOOLTIP_TEXT})() !== ''")
    assert entities[m.entity].summary in page.evaluate(VISIBLE_TOOLTIP_TEXT)


def test_following_a_name_opens_its_entry(page, site_url, edition):
    entities = {e.id: e for e in edition.entities}
    m = next(m for m in edition.mentions if m.garbled)
    page.goto(f"{site_url}/text/{edition.section_of(m.paragraph).slug}/")
    page.locator(f"#p{m.paragraph} a.ed-garbled", has_text=m.text).first.click()
    page.wait_for_url(f"**/entities/{m.entity}/")
    # With instant loading the address changes before the page does: wait for the entry to be shown.
    page.wait_for_function("name => document.querySelector('article h1').textContent === name",
                           arg=entities[m.entity].name)
