"""The page as a reader sees it: notes beside the text on a wide screen and at the end on a narrow one, every link
working without JavaScript, and the look of a text page at four widths in both schemes kept as a visual
regression check (tests/visual/; UPDATE_VISUAL=1 rewrites the reference images after a deliberate change).

The browser of this module sees no font of the system it runs on: fontconfig is pointed at tests/visual/fonts/
only (Liberation Sans for the interface, DejaVu Serif for the text, the faces this machine's Debian packages give
the site's font stacks), with its rendering settings fixed, so that the pictures are the same on any machine with
this Chromium. A character none of them has (the Chinese of the notes) is drawn as the fonts' missing-glyph box."""
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import CHROMIUM

pytestmark = pytest.mark.browser

VISUAL = Path(__file__).parent / "visual"
FONTS = VISUAL / "fonts"
PINNED_FAMILIES = {"Liberation Sans", "DejaVu Serif"}
N = 27  # the paragraph these tests read: that of expected["chicago_note_27"], the first of its section

FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <dir>{fonts}</dir>
  <cachedir>{cache}</cachedir>
  <alias binding="same"><family>sans-serif</family><prefer><family>Liberation Sans</family></prefer></alias>
  <alias binding="same"><family>Arial</family><prefer><family>Liberation Sans</family></prefer></alias>
  <alias binding="same"><family>Helvetica</family><prefer><family>Liberation Sans</family></prefer></alias>
  <alias binding="same"><family>serif</family><prefer><family>DejaVu Serif</family></prefer></alias>
  <match target="pattern">
    <edit name="antialias" mode="assign"><bool>true</bool></edit>
    <edit name="hinting" mode="assign"><bool>true</bool></edit>
    <edit name="hintstyle" mode="assign"><const>hintslight</const></edit>
    <edit name="autohint" mode="assign"><bool>false</bool></edit>
    <edit name="rgba" mode="assign"><const>none</const></edit>
    <edit name="lcdfilter" mode="assign"><const>lcddefault</const></edit>
    <edit name="embeddedbitmap" mode="assign"><bool>false</bool></edit>
  </match>
</fontconfig>
"""


@pytest.fixture(scope="module")
def pinned_browser(browser, tmp_path_factory):
    """Chromium, launched as conftest's `browser` (and by its Playwright: one per process), whose only fonts are
    those of tests/visual/fonts."""
    folder = tmp_path_factory.mktemp("fontconfig")
    conf = folder / "fonts.conf"
    conf.write_text(FONTS_CONF.format(fonts=FONTS.resolve(), cache=folder / "cache"), encoding="utf-8")
    b = browser.browser_type.launch(executable_path=CHROMIUM, env={**os.environ, "FONTCONFIG_FILE": str(conf)}, args=[
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"])
    yield b
    b.close()


@pytest.fixture(scope="module")
def text_path(expected):
    slug = next(slug for slug, first, last in expected["sections"] if first <= N <= last)
    return f"/text/{slug}/"


def open_page(browser, site_url, path, width, scheme="light", javascript=True):
    """A page at a width and in a scheme, shown whole (the edition's script done, the fonts loaded); every error
    it logs is kept in page.errors, which close() checks."""
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme,
                                  java_script_enabled=javascript)
    page = context.new_page()
    page.errors = []
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("response", lambda r: page.errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.goto(site_url + path)
    page.wait_for_load_state("load")
    if javascript:
        page.wait_for_function("() => document.fonts.status === 'loaded' && document.querySelectorAll("
                               "'article .ed-para .ed-cite').length === document.querySelectorAll('article .ed-para').length")
    return context, page


def close(context, page):
    errors = page.errors
    context.close()
    assert not errors, f"the page logged errors: {errors}"


def box(page, selector):
    return page.locator(selector).first.bounding_box()


def test_notes_stand_beside_their_paragraph_on_a_wide_screen_and_at_the_end_on_a_narrow_one(
        pinned_browser, site_url, text_path):
    context, page = open_page(pinned_browser, site_url, text_path, 1600)
    mark = page.locator(f"#p{N} sup a.footnote-ref").first
    note = mark.evaluate("a => decodeURIComponent(a.hash)").removeprefix("#fn:")
    side = page.locator(f'[id="sn-{note}"]')
    para, beside = box(page, f"#p{N}"), side.bounding_box()
    assert beside["x"] > para["x"] + para["width"], "the note stands to the right of its paragraph"
    assert abs(beside["y"] - para["y"]) < 40, "beside the paragraph, not below it"
    # The list of notes at the end is there, hidden on a wide screen.
    assert page.locator(".md-content__inner > .footnote").count() == 1
    assert not page.locator(".md-content__inner > .footnote").is_visible()
    # The side note carries the number its mark shows in the text: the first mark of the page.
    assert side.locator(".ed-sidenote-num").inner_text() == mark.inner_text() == "1"
    mark.click()
    expect(side).to_have_class(re.compile(r"(^|\s)ed-target-note(\s|$)"))
    close(context, page)
    context, page = open_page(pinned_browser, site_url, text_path, 768)
    assert not page.locator(f'[id="sn-{note}"]').is_visible() and page.locator(".footnote").is_visible()
    close(context, page)


@pytest.mark.parametrize("width", [375, 1600])
def test_without_javascript_every_paragraph_number_note_and_name_still_works(pinned_browser, site_url, edition,
                                                                             text_path, width):
    context, page = open_page(pinned_browser, site_url, text_path, width, javascript=False)
    s = edition.section_of(N)
    assert page.locator("[data-n]").count() == s.last - s.first + 1
    page.click(f"#p{N + 1} a.ed-num")
    assert page.url.endswith(f"#p{N + 1}") and page.evaluate("document.querySelector(':target').id") == f"p{N + 1}"
    mark = page.locator(f"#p{N} sup a.footnote-ref").first
    note = mark.evaluate("a => decodeURIComponent(a.hash)").removeprefix("#fn:")
    assert note in {n.id for n in edition.notes if n.paragraph == N}
    mark.click()
    assert page.url.endswith(f"#fn:{note}")
    assert page.locator(f'[id="fn:{note}"]').is_visible(), "the note a mark leads to is shown"
    named = min((m for m in edition.mentions if m.paragraph == N), key=lambda m: m.start)
    page.locator(f"#p{N} a.ed-name").first.click()
    page.wait_for_url(f"**/entities/{named.entity}/")
    assert page.locator("h1").inner_text() == next(e.name for e in edition.entities if e.id == named.entity)
    close(context, page)


def test_the_visual_check_sees_only_the_pinned_fonts(pinned_browser, site_url, text_path):
    """Every piece of text of the page, at the widest width (notes beside the text), is drawn from
    tests/visual/fonts: the pictures below do not depend on the fonts of the machine."""
    context, page = open_page(pinned_browser, site_url, text_path, 1600)
    cdp = context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    used = set()
    for node in cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": "body *"})["nodeIds"]:
        used |= {f["familyName"] for f in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]}
    assert used == PINNED_FAMILIES, used
    close(context, page)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 768, 1280, 1600])
def test_a_text_page_looks_as_it_did(pinned_browser, site_url, text_path, width, scheme):
    from PIL import Image, ImageChops

    context, page = open_page(pinned_browser, site_url, text_path, width, scheme)
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; animation: none !important; }")
    shot = VISUAL / f"text-{width}-{scheme}.png"
    actual = Path(os.environ.get("TMPDIR", "/tmp")) / f"actual-{width}-{scheme}-{os.getpid()}.png"
    page.screenshot(path=str(actual))  # the first screen: the page's head and the first paragraphs
    close(context, page)
    if os.environ.get("UPDATE_VISUAL") == "1" or not shot.exists():
        assert os.environ.get("UPDATE_VISUAL") == "1", f"no reference image {shot.name}: run with UPDATE_VISUAL=1"
        shot.write_bytes(actual.read_bytes())
        return
    a, b = Image.open(shot).convert("RGB"), Image.open(actual).convert("RGB")
    assert a.size == b.size, (a.size, b.size)
    diff = ImageChops.difference(a, b).convert("L").point(lambda v: 255 if v > 24 else 0)
    changed = sum(diff.histogram()[255:]) / (a.size[0] * a.size[1])
    assert changed < 0.01, f"{changed:.2%} of the page changed against {shot.name} (see {actual})"
