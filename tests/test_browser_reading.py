"""A reader in Chromium: home page, a section, a ¶ link; the paragraph lands in view and highlighted."""
import pytest

pytestmark = pytest.mark.browser


def in_view_below_header(page, pid: str) -> bool:
    return page.evaluate("""(id) => {
        const el = document.getElementById(id);
        const header = document.querySelector('.md-header').getBoundingClientRect();
        const r = el.getBoundingClientRect();
        return r.top >= header.bottom - 1 && r.top < window.innerHeight;
    }""", pid)


def highlighted(page, pid: str) -> bool:
    return page.evaluate("""(id) => {
        const el = document.getElementById(id);
        const bg = getComputedStyle(el).backgroundColor;
        return el.classList.contains('ed-target') && bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent';
    }""", pid)


def test_walk_from_home_to_a_cited_paragraph(page, site_url, edition):
    page.goto(site_url + "/")
    page.get_by_role("link", name="contents", exact=True).first.click()
    page.wait_for_url("**/contents/")
    section = edition.sections[1]
    page.locator("article").get_by_role("link", name=section.title).click()
    page.wait_for_url(f"**/text/{section.slug}/")
    n = section.first + 3
    page.locator(f"#p{n} a.ed-num").click()
    page.wait_for_function(f"document.getElementById('p{n}').classList.contains('ed-target')")
    assert page.url.endswith(f"/text/{section.slug}/#p{n}")
    assert in_view_below_header(page, f"p{n}")
    assert highlighted(page, f"p{n}")


def test_opening_a_citation_link_directly(page, site_url, edition):
    s = edition.sections[-1]
    n = s.last
    page.goto(f"{site_url}/text/{s.slug}/#p{n}")
    page.wait_for_function(f"document.getElementById('p{n}').classList.contains('ed-target')")
    assert in_view_below_header(page, f"p{n}")
    assert highlighted(page, f"p{n}")


def test_citation_link_after_instant_navigation(page, site_url, edition):
    # From another page, through Material's instant navigation, to a paragraph deep in a section.
    s = edition.sections[0]
    n = s.last - 1
    page.goto(site_url + "/contents/")
    page.evaluate(f"""() => {{
        const a = document.createElement('a');
        a.href = '../text/{s.slug}/#p{n}'; a.id = 'jump'; a.textContent = 'jump';
        document.querySelector('article').appendChild(a);
    }}""")
    page.click("#jump")
    page.wait_for_function(f"document.getElementById('p{n}') && document.getElementById('p{n}').classList.contains('ed-target')")
    page.wait_for_timeout(300)
    assert in_view_below_header(page, f"p{n}")
    assert highlighted(page, f"p{n}")


def test_permalink_is_reachable_by_keyboard(page, site_url, edition):
    s = edition.sections[0]
    page.goto(f"{site_url}/text/{s.slug}/")
    for _ in range(80):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.className")
        if "ed-permalink" in focused:
            break
    else:
        pytest.fail("no permalink reached by Tab")
    label = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert label.startswith(edition.labels["permalink"])
    opacity = page.evaluate("getComputedStyle(document.activeElement).opacity")
    assert opacity == "1"


def test_cite_panel_copies_a_citation(browser, site_url, edition):
    context = browser.new_context(viewport={"width": 1280, "height": 800},
                                  permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    s = edition.sections[0]
    n = s.first + 2
    page.goto(f"{site_url}/text/{s.slug}/")
    page.hover(f"#p{n}")
    page.click(f"#p{n} button.ed-cite")
    dialog = page.get_by_role("dialog", name=f"Cite paragraph {n}")
    assert dialog.is_visible()
    page.get_by_role("button", name="Copy Chicago (note)").click()
    page.wait_for_function("document.querySelector('.ed-copy').parentElement && [...document.querySelectorAll('.ed-copy')].some(b => b.textContent === 'Copied')")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert f"para. {n}," in copied and f"/text/{s.slug}/#p{n}" in copied and "Tsiang Tingfu" in copied
    import datetime
    today = datetime.date.today()
    assert f"accessed {today.strftime('%B')} {today.day}, {today.year}" in copied
    page.get_by_role("button", name="Copy BibTeX").click()
    page.wait_for_timeout(200)
    assert page.evaluate("navigator.clipboard.readText()").startswith(f"@incollection{{{edition.citation.key}-p{n},")
    page.keyboard.press("Escape")
    assert not dialog.is_visible()
    context.close()
