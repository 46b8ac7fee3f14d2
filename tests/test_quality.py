"""Reader quality, measured and guarded: accessibility (axe-core, keyboard, a 375 px screen), valid HTML
(the Nu Html Checker), no broken link or fragment (linkinator), and Lighthouse on a text and an entity page.

The tools are the npm packages pinned in package.json (`npm ci`, run by `make test`) and Java for the Nu Html
Checker (installed by `make test` when missing).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import ROOT

NODE_MODULES = ROOT / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
LINKINATOR = NODE_MODULES / ".bin" / "linkinator"
LIGHTHOUSE = NODE_MODULES / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"

SCHEMES = ("light", "dark")
TEXT_PAGE = "/text/carmen-at-the-bolshoi/"
ENTITY_PAGE = "/entities/maxim-litvinov/"


def need(path: Path) -> Path:
    assert path.exists(), f"{path.relative_to(ROOT)} is missing: run `make test` (it runs `npm ci`)"
    return path


def site_pages(site: Path) -> list[str]:
    """Every page of the built site as a URL path: home, text, glossary, entities, contents, method, ..."""
    pages = []
    for index in sorted(site.rglob("index.html")):
        rel = index.parent.relative_to(site).as_posix()
        if rel.split("/")[0] in ("search", "assets"):
            continue
        pages.append("/" if rel == "." else f"/{rel}/")
    return pages


# --- Material's templates, overridden minimally ---------------------------------------------------------------

# Each override in overrides/ is Material's own template with these substitutions and nothing else, so that a
# Material upgrade which changes the original fails here instead of silently keeping an old copy.
MATERIAL_OVERRIDES = {
    "base.html": [
        ('type="checkbox" id="__drawer" autocomplete="off">', 'type="checkbox" id="__drawer">'),
        ('type="checkbox" id="__search" autocomplete="off">', 'type="checkbox" id="__search">'),
        ('content="{{ page.meta.description }}"', 'content="{{ page.meta.description | e }}"'),
        ('content="{{ config.site_description }}"', 'content="{{ config.site_description | e }}"'),
        ('content="{{ page.meta.author }}"', 'content="{{ page.meta.author | e }}"'),
        ('content="{{ config.site_author }}"', 'content="{{ config.site_author | e }}"'),
    ],
    "partials/search.html": [
        ('data-md-component="search" role="dialog">',
         'data-md-component="search" role="dialog" aria-label="{{ lang.t(\'search\') }}">'),
    ],
    "partials/nav-item.html": [
        ('id="{{ path }}_label" tabindex="{{ tabindex }}">',
         'id="{{ path }}_label"{% if tabindex %} tabindex="{{ tabindex }}"{% endif %}>'),
        # Render a section's links in groups, each once per build and relative position (template_cache.py).
        ('            {% for item in nav_item.children %}\n'
         '              {% if not index or item != index %}\n'
         '                {{ render(item, path ~ "_" ~ loop.index, level + 1, nav_item) }}\n'
         '              {% endif %}\n'
         '            {% endfor %}\n',
         # (a renderer without the hook, Zensical, has no edition_nav_group: each link is rendered in place)
         '            {% for group in nav_item.children | batch(50) %}\n'
         '              {% set offset = loop.index0 * 50 %}\n'
         '              {% if edition_nav_group is defined %}\n'
         '              {% call edition_nav_group(group, page) %}\n'
         '                {% for item in group %}\n'
         '                  {% if not index or item != index %}\n'
         '                    {{ render(item, path ~ "_" ~ (offset + loop.index), level + 1, nav_item) }}\n'
         '                  {% endif %}\n'
         '                {% endfor %}\n'
         '              {% endcall %}\n'
         '              {% else %}{#- a renderer without the MkDocs hook (Zensical): each link rendered in place -#}\n'
         '                {% for item in group %}\n'
         '                  {% if not index or item != index %}\n'
         '                    {{ render(item, path ~ "_" ~ (offset + loop.index), level + 1, nav_item) }}\n'
         '                  {% endif %}\n'
         '                {% endfor %}\n'
         '              {% endif %}\n'
         '            {% endfor %}\n'),
    ],
    "partials/toc.html": [
        ('<label class="md-nav__title" for="__toc">',
         '<label class="md-nav__title"{% if page in nav.pages %} for="__toc"{% endif %}>'),
    ],
}


@pytest.mark.parametrize("name", sorted(MATERIAL_OVERRIDES))
def test_material_override_is_the_original_plus_the_fixes(name):
    import material

    original = (Path(material.__file__).parent / "templates" / name).read_text()
    ours = (ROOT / "overrides" / name).read_text()
    header, _, body = ours.partition("-#}\n")
    assert header.startswith("{#- mkdocs-material "), f"overrides/{name}: the header comment names Material's version"
    original = original.split("-#}\n", 1)[1]  # Material's "automatically generated - do not edit" comment
    for old, new in MATERIAL_OVERRIDES[name]:
        assert old in original, f"Material's {name} changed ({old!r} is gone): copy it again and reapply the fixes"
        original = original.replace(old, new)
    assert body == original, f"overrides/{name} differs from Material's {name} beyond the listed fixes"


# --- Accessibility: axe-core ------------------------------------------------------------------------------------

def axe(page, only: list[str] | None = None) -> list[str]:
    """axe-core's violations on the page as it is now, one line per failing element."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(need(AXE)))
    options = {"resultTypes": ["violations"]}
    if only:
        options["runOnly"] = {"type": "rule", "values": only}
    violations = page.evaluate("async (o) => (await axe.run(document, o)).violations.map(v => "
                               "v.nodes.map(n => v.id + ' ' + n.target.join(' ') + ': ' + "
                               "(n.failureSummary || '').split('\\n').slice(1, 2).join('').trim()))", options)
    return [line for group in violations for line in group]


# Rules whose outcome depends on colours: run again after switching the palette to the dark scheme.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
# Material animates colour changes; axe must see the colours the scheme ends with.
NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; animation: none !important; }"


AXE_SHARES = 4  # the pages are checked in four shares, which the test workers run side by side


@pytest.mark.quality
@pytest.mark.browser
@pytest.mark.parametrize("share", range(AXE_SHARES))
def test_axe_finds_no_violation_on_any_page(browser, built_site, site_url, share):
    """Every page in the light scheme; in the dark scheme, the colour rules on one page of each kind (the schemes
    differ only in colours, which each kind of page uses in its own way)."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme="light")
    page = context.new_page()
    found = []
    pages = site_pages(built_site)
    assert len(pages) > 20 and TEXT_PAGE in pages and ENTITY_PAGE in pages
    kinds = {}
    for path in pages:  # the first page of each folder stands for its kind (text/, entities/, glossary/, ...)
        kinds.setdefault(path.strip("/").split("/")[0] if path.count("/") > 2 else path, path)
    for path in pages[share::AXE_SHARES]:
        page.goto(site_url + path)
        found += [f"{path} (light) {v}" for v in axe(page)]
        if path in kinds.values():
            # What the palette toggle does: the dark ("slate") scheme on the same page.
            page.add_style_tag(content=NO_TRANSITIONS)
            page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
            found += [f"{path} (dark) {v}" for v in axe(page, COLOUR_RULES)]
    context.close()
    print(f"\naxe-core, share {share + 1} of {AXE_SHARES}: {len(pages[share::AXE_SHARES])} pages light "
          f"(of {len(pages)}), dark where a page stands for its kind: {len(found)} violations")
    assert not found, "\n".join(found)


@pytest.mark.quality
@pytest.mark.browser
@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_finds_no_violation_with_search_open_or_on_a_small_screen(browser, site_url, scheme):
    found = []
    context = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme=scheme)
    page = context.new_page()
    page.goto(site_url + TEXT_PAGE)
    page.click("input.md-search__input")
    page.keyboard.type("Litvinov")
    page.wait_for_selector(".md-search-result__item")
    page.wait_for_timeout(300)
    found += [f"search: {v}" for v in axe(page)]
    context.close()

    context = browser.new_context(viewport={"width": 375, "height": 740}, color_scheme=scheme)
    page = context.new_page()
    for path in ("/", TEXT_PAGE, ENTITY_PAGE):
        page.goto(site_url + path)
        found += [f"375px {path}: {v}" for v in axe(page)]
    context.close()
    assert not found, "\n".join(found)


@pytest.mark.quality
@pytest.mark.browser
@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_finds_no_violation_with_the_cite_dialog_open(browser, site_url, scheme):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme=scheme)
    page = context.new_page()
    page.goto(site_url + TEXT_PAGE)
    para = page.locator(".ed-para").nth(2)
    para.hover()
    para.locator("button.ed-cite").click()
    page.wait_for_selector("dialog.ed-cite-dialog[open]")
    found = axe(page)
    context.close()
    assert not found, "\n".join(found)


# --- Keyboard -------------------------------------------------------------------------------------------------

FOCUS_TARGETS = {
    "name": "a.ed-name",
    "note marker": "sup a.footnote-ref",
    "permalink": "a.ed-permalink",
    "cite control": "button.ed-cite",
}


@pytest.mark.browser
def test_keyboard_skip_link_and_visible_focus(page, site_url):
    page.goto(site_url + TEXT_PAGE)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('a.md-skip')"), "the first Tab stop is the skip link"
    target = page.evaluate("new URL(document.activeElement.href).hash")
    assert target and page.evaluate("(id) => !!document.getElementById(id)", target[1:]), "the skip link leads nowhere"
    reached = {}
    for _ in range(200):
        page.keyboard.press("Tab")
        style = page.evaluate("""(targets) => {
            const el = document.activeElement;
            const kind = Object.keys(targets).find(k => el.matches(targets[k]));
            if (!kind) return null;
            const s = getComputedStyle(el);
            return [kind, s.outlineStyle, parseFloat(s.outlineWidth), s.outlineColor, s.opacity];
        }""", FOCUS_TARGETS)
        if style and style[0] not in reached:
            reached[style[0]] = style
        if len(reached) == len(FOCUS_TARGETS):
            break
    assert set(reached) == set(FOCUS_TARGETS), f"not reached by Tab: {set(FOCUS_TARGETS) - set(reached)}"
    for kind, outline_style, width, colour, opacity in reached.values():
        assert outline_style not in ("none", "hidden") and width >= 1, f"{kind}: no visible focus outline"
        assert colour not in ("transparent", "rgba(0, 0, 0, 0)") and opacity == "1", f"{kind}: focus not visible"


def active_tooltip_visible(page) -> bool:
    return page.evaluate("""() => [...document.querySelectorAll('.md-tooltip2--active')].some(t => {
        const s = getComputedStyle(t);
        return s.visibility === 'visible' && parseFloat(s.opacity) > 0;
    })""")


@pytest.mark.browser
@pytest.mark.parametrize("selector", ["sup a.footnote-ref", "a.ed-name"])
def test_tooltip_opens_on_focus_and_closes_on_escape(page, site_url, selector):
    page.goto(site_url + TEXT_PAGE)
    page.locator(selector).first.focus()
    page.wait_for_function("document.querySelector('.md-tooltip2--active')")
    page.wait_for_timeout(300)
    assert active_tooltip_visible(page)
    page.keyboard.press("Escape")
    page.wait_for_timeout(300)
    assert not active_tooltip_visible(page), "Escape leaves the tooltip open"
    assert page.evaluate("(s) => document.activeElement === document.querySelector(s)", selector), \
        "Escape moved the focus"
    # Moving on brings tooltips back.
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")
    page.wait_for_timeout(300)
    assert active_tooltip_visible(page)


# --- A small screen -------------------------------------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize("scheme", SCHEMES)
def test_readable_at_375px(browser, site_url, scheme):
    context = browser.new_context(viewport={"width": 375, "height": 740}, color_scheme=scheme)
    page = context.new_page()
    for path in ("/", TEXT_PAGE, ENTITY_PAGE, "/glossary/people/", "/how-to-cite/", "/contents/"):
        page.goto(site_url + path)
        widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert widths[0] <= widths[1], f"{path} ({scheme}) scrolls sideways at 375 px: {widths}"
    page.goto(site_url + TEXT_PAGE)
    hidden = page.evaluate("""() => [...document.querySelectorAll('.ed-para .ed-num')].filter(n => {
        const r = n.getBoundingClientRect(), s = getComputedStyle(n);
        return r.width === 0 || r.left < 0 || r.right > document.documentElement.clientWidth
            || s.visibility !== 'visible' || parseFloat(s.opacity) < 1;
    }).map(n => n.textContent)""")
    context.close()
    assert not hidden, f"¶ numbers cut off or hidden at 375 px ({scheme}): {hidden}"


# --- Valid HTML and links -------------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def java():
    path = shutil.which("java")
    assert path, "Java is missing (the Nu Html Checker needs it): run `make test`, which installs it"
    return path


@pytest.mark.quality
def test_html_is_valid(built_site, java):
    files = sorted(str(p) for p in built_site.rglob("*.html"))
    assert files
    result = subprocess.run([java, "-jar", str(need(VNU)), "--errors-only", "--format", "json", *files],
                            capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [f"{Path(urlsplit(m.get('url', '')).path).relative_to(built_site)}:{m.get('lastLine')}: "
              f"{m['message']}" for m in messages if m.get("type") in ("error", "non-document-error")]
    print(f"\nNu Html Checker: {len(files)} HTML files: {len(errors)} errors")
    assert not errors, "\n".join(errors[:50])


@pytest.mark.quality
def test_no_broken_link_or_fragment(site_url):
    origin = re.escape(site_url + "/")
    result = subprocess.run(
        [str(need(LINKINATOR)), site_url + "/", "--recurse", "--check-fragments", "--format", "json",
         "--skip", f"^(?!{origin})"],  # the site's own links only: no request leaves the machine
        capture_output=True, text=True, timeout=300)
    report = json.loads(result.stdout)
    links = report["links"]
    assert len({link["url"] for link in links if link["state"] == "OK"}) > 50, "the crawl did not reach the site"
    broken = [f"{link['status']} {link['url']} (on {link.get('parent')})" for link in links
              if link["state"] == "BROKEN"]
    print(f"\nlinkinator: {len({link['url'] for link in links})} URLs with fragments: {len(broken)} broken")
    assert not broken and report["passed"], "\n".join(broken)


# --- Lighthouse -----------------------------------------------------------------------------------------------

def lighthouse(url: str, out: Path) -> dict:
    env = dict(os.environ, CHROME_PATH=CHROMIUM)
    subprocess.run(
        [str(need(LIGHTHOUSE)), url, "--output=json", f"--output-path={out}", "--quiet",
         "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking"],
        check=True, env=env, timeout=180, capture_output=True)
    return json.loads(out.read_text())


@pytest.mark.quality
@pytest.mark.parametrize("path", [TEXT_PAGE])  # a text page: the heaviest kind (benchmarks/ measures others)
def test_lighthouse(compressed_site_url, tmp_path, path):
    """Lighthouse's deterministic verdicts: accessibility, best practices and SEO, what a page downloads and from
    where. Its performance score depends on the machine's load and lives in benchmarks/lighthouse_benchmark.py."""
    report = lighthouse(compressed_site_url + path, tmp_path / "lh.json")
    assert not report.get("runtimeError"), report.get("runtimeError")
    scores = {name: category["score"] for name, category in report["categories"].items()}
    failing = [f"{ref['id']}: {report['audits'][ref['id']].get('displayValue') or report['audits'][ref['id']]['score']}"
               for name, category in report["categories"].items() if name != "performance"
               for ref in category["auditRefs"]
               if ref["weight"] and (report["audits"][ref["id"]]["score"] or 0) < 1
               and report["audits"][ref["id"]]["scoreDisplayMode"] in ("binary", "numeric", "metricSavings")]
    requests = report["audits"]["network-requests"]["details"]["items"]
    transferred = sum(r.get("transferSize", 0) for r in requests)
    print(f"\nLighthouse {path}: accessibility {scores['accessibility']:.2f}, best practices "
          f"{scores['best-practices']:.2f}, SEO {scores['seo']:.2f}; {len(requests)} requests, "
          f"{transferred / 1024:.1f} KB transferred")
    assert scores["accessibility"] == 1 and scores["best-practices"] == 1 and scores["seo"] == 1, (scores, failing)
    origin = urlsplit(compressed_site_url).netloc
    outside = [r["url"] for r in requests if not r["url"].startswith("data:") and urlsplit(r["url"]).netloc != origin]
    assert not outside, f"requests leave the site: {outside}"
    # Budgets of what a reader downloads (counted, not timed): the page, its styles, scripts and search index.
    assert len(requests) <= 16, [r["url"] for r in requests]
    assert transferred <= 200 * 1024, f"{transferred / 1024:.0f} KB transferred"
