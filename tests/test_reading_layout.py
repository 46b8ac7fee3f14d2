"""The page as a reader sees it: notes beside the text on a wide screen and at the end on a narrow one, every link
working without JavaScript, and the look of a text page at four widths in both schemes kept as a visual
regression check (tests/visual/; UPDATE_VISUAL=1 rewrites the reference images after a deliberate change)."""
import os
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

VISUAL = Path(__file__).parent / "visual"
TEXT = "/text/the-journey-to-moscow/"


def open_page(browser, site_url, width, scheme="light", javascript=True, path=TEXT):
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme,
                                  java_script_enabled=javascript)
    page = context.new_page()
    page.goto(site_url + path)
    page.wait_for_load_state("load")
    return context, page


def box(page, selector):
    return page.locator(selector).first.bounding_box()


def test_notes_stand_beside_their_paragraph_on_a_wide_screen_and_at_the_end_on_a_narrow_one(browser, site_url):
    context, page = open_page(browser, site_url, 1600)
    para, note = box(page, "#p27"), box(page, "#sn-n27-1")
    assert note["x"] > para["x"] + para["width"], "the note stands to the right of its paragraph"
    assert abs(note["y"] - para["y"]) < 40, "beside the paragraph, not below it"
    assert not page.locator(".md-content__inner > .footnote").is_visible()
    # The side note carries the number its mark shows in the text.
    mark = page.locator("#p27 sup a.footnote-ref").first.inner_text()
    assert page.locator("#sn-n27-1 .ed-sidenote-num").inner_text() == mark == "1"
    page.locator("#p27 sup a.footnote-ref").first.click()
    assert "ed-target-note" in page.locator("#sn-n27-1").get_attribute("class")
    context.close()
    context, page = open_page(browser, site_url, 768)
    assert not page.locator("#sn-n27-1").is_visible() and page.locator(".footnote").is_visible()
    context.close()


@pytest.mark.parametrize("width", [375, 1600])
def test_without_javascript_every_paragraph_number_note_and_name_still_works(browser, site_url, edition, width):
    context, page = open_page(browser, site_url, width, javascript=False)
    s = edition.section_of(27)
    assert page.locator("[data-n]").count() == s.last - s.first + 1
    page.click("#p28 a.ed-num")
    assert page.url.endswith("#p28") and page.evaluate("document.querySelector(':target').id") == "p28"
    page.locator("#p27 sup a.footnote-ref").first.click()
    assert page.url.endswith("#fn:n27-1")
    assert page.locator("#fn\\:n27-1").is_visible(), "the note a mark leads to is shown"
    page.locator("#p27 a.ed-name").first.click()
    page.wait_for_url("**/entities/shanghai/")
    assert page.locator("h1").inner_text() == "Shanghai"
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 768, 1280, 1600])
def test_a_text_page_looks_as_it_did(browser, site_url, width, scheme):
    from PIL import Image, ImageChops

    context, page = open_page(browser, site_url, width, scheme)
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; animation: none !important; }")
    shot = VISUAL / f"text-{width}-{scheme}.png"
    actual = Path(os.environ.get("TMPDIR", "/tmp")) / f"actual-{width}-{scheme}-{os.getpid()}.png"
    page.screenshot(path=str(actual))  # the first screen: the page's head and the first paragraphs
    context.close()
    if os.environ.get("UPDATE_VISUAL") == "1" or not shot.exists():
        assert os.environ.get("UPDATE_VISUAL") == "1", f"no reference image {shot.name}: run with UPDATE_VISUAL=1"
        shot.write_bytes(actual.read_bytes())
        return
    a, b = Image.open(shot).convert("RGB"), Image.open(actual).convert("RGB")
    assert a.size == b.size, (a.size, b.size)
    diff = ImageChops.difference(a, b).convert("L").point(lambda v: 255 if v > 24 else 0)
    changed = sum(diff.histogram()[255:]) / (a.size[0] * a.size[1])
    assert changed < 0.01, f"{changed:.2%} of the page changed against {shot.name} (see {actual})"
