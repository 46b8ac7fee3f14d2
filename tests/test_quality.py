"""Reader quality, measured and guarded: accessibility (axe-core on every page, keyboard, tooltips, a 375 px
screen), valid HTML (the Nu Html Checker), no broken link or fragment (linkinator), Lighthouse's deterministic
verdicts on a text page (its performance score is a benchmark: benchmarks/lighthouse_benchmark.py), and what is
left of Material's templates in overrides/ kept in step with the installed Material.

The tools are the npm packages pinned in package.json (`npm ci`, run by `make test`) and Java for the Nu Html
Checker (installed by `make test` when missing). The `quality` mark selects the heavy checks (`-m quality`);
`make test` runs them all.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from conftest import LIGHTHOUSE, PREFIX, ROOT, VNU, lighthouse

NODE_MODULES = ROOT / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
LINKINATOR = NODE_MODULES / ".bin" / "linkinator"

SCHEMES = ("light", "dark")
TEXT_PAGE = "/text/carmen-at-the-bolshoi/"
ENTITY_PAGE = "/entities/maxim-litvinov/"


def need(path: Path) -> Path:
    assert path.exists(), f"{path.relative_to(ROOT)} is missing: run `make test` (it runs `npm ci`)"
    return path


def site_pages(site: Path) -> list[str]:
    """Every page of the built site as a URL path: home, text, glossary, entities, contents, method, search, ..."""
    pages = []
    for index in sorted(site.rglob("index.html")):
        rel = index.parent.relative_to(site).as_posix()
        if rel.split("/")[0] in ("assets", "pagefind"):
            continue
        pages.append("/" if rel == "." else f"/{rel}/")
    return pages


# --- Material's templates: what the edition still overrides ---------------------------------------------------

# overrides/main.html extends Material's base.html and replaces or extends some of its blocks; the edition's own
# partials/copyright.html takes the place of Material's partial of that name. No other template of Material's is
# copied. A Material upgrade that renames or drops what these rely on would silently leave the edition's version
# out (Jinja ignores a block that the parent no longer has): these tests fail instead.
MATERIAL_TEMPLATES = Path(__import__("material").__file__).parent / "templates"
OVERRIDDEN = {"main.html", "partials/copyright.html"}  # every template in overrides/, each checked below


def jinja_blocks(path: Path) -> dict:
    import jinja2
    from jinja2 import nodes

    tree = jinja2.Environment().parse(path.read_text(encoding="utf-8"))
    return {b.name: b for b in tree.find_all(nodes.Block)}


def calls_super(block) -> bool:
    from jinja2 import nodes

    return any(isinstance(c.node, nodes.Name) and c.node.name == "super" for c in block.find_all(nodes.Call))


def head_tags(source: str) -> set[str]:
    """What a block of the page's head emits: its elements, named by tag and their identifying attribute."""
    tags = set()
    for tag, attrs in re.findall(r"<(meta|link|title)\b([^>]*)>", source):
        key = re.search(r'\b(charset|name|property|rel)="([^"{]*)', attrs)
        tags.add(f"{tag} {key.group(1)}={key.group(2)}" if key else tag)
    return tags


# What Material's blocks emit that main.html's copy leaves out on purpose.
DROPPED = {
    "site_meta": {"link rel=alternate": "language alternates (extra.alternate) and RSS feeds (the rss plugin): "
                                        "an edition has neither"},
}


def test_only_main_html_and_the_copyright_partial_are_overridden():
    ours = {p.relative_to(ROOT / "overrides").as_posix() for p in (ROOT / "overrides").rglob("*.html")}
    assert ours == OVERRIDDEN, f"a template override not covered by the drift tests: {ours ^ OVERRIDDEN}"
    assert (ROOT / "overrides" / "main.html").read_text().lstrip().startswith('{% extends "base.html" %}')


@pytest.mark.parametrize("block", sorted(jinja_blocks(ROOT / "overrides" / "main.html")))
def test_each_block_main_html_overrides_is_still_in_materials_base(block):
    material = jinja_blocks(MATERIAL_TEMPLATES / "base.html")
    assert block in material, (f"Material's base.html has no block {block!r} any more: main.html's version of it "
                               "is ignored; move the change to where Material now puts it")
    ours = jinja_blocks(ROOT / "overrides" / "main.html")[block]
    if calls_super(ours):
        return  # it adds to Material's block, whatever that block holds
    # A replaced block is Material's, changed: whatever Material's emits, ours emits too, or leaves out on purpose.
    source = (MATERIAL_TEMPLATES / "base.html").read_text(encoding="utf-8")
    body = re.search(r"{%%-?\s*block %s\s*-?%%}(.*?){%%-?\s*endblock" % block, source, re.S).group(1)
    mine = re.search(r"{%%-?\s*block %s\s*-?%%}(.*?){%%-?\s*endblock" % block,
                     (ROOT / "overrides" / "main.html").read_text(encoding="utf-8"), re.S).group(1)
    missing = head_tags(body) - head_tags(mine) - set(DROPPED.get(block, {}))
    assert not missing, (f"Material's block {block!r} now emits {sorted(missing)}, which main.html's copy does not: "
                         "copy it (escaped) or list it in DROPPED with the reason")


def test_materials_footer_still_includes_the_copyright_partial(built_site):
    import jinja2
    from jinja2 import nodes

    def includes(name):
        tree = jinja2.Environment().parse((MATERIAL_TEMPLATES / name).read_text(encoding="utf-8"))
        return {i.template.value for i in tree.find_all(nodes.Include) if isinstance(i.template, nodes.Const)}

    assert "partials/footer.html" in includes("base.html")
    assert "partials/copyright.html" in includes("partials/footer.html"), \
        "Material's footer no longer includes partials/copyright.html: the edition's footer (downloads, version, " \
        "licence) would be missing"
    # And it is the edition's partial that the built pages show.
    page = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'class="md-copyright__highlight ed-downloads"' in page and 'rel="license"' in page


def test_every_script_is_deferred(built_site):
    """main.html's scripts block defers Material's scripts by rewriting what Material prints: if Material prints its
    script elements differently, the rewrite silently does nothing."""
    for path in ("index.html", "text/carmen-at-the-bolshoi/index.html", "entities/maxim-litvinov/index.html"):
        page = (built_site / path).read_text(encoding="utf-8")
        scripts = re.findall(r"<script\b[^>]*\bsrc=[^>]*>", page)
        assert any("bundle." in s for s in scripts) and any("search.js" in s for s in scripts), path
        assert all(re.search(r"\sdefer\b", s) for s in scripts), [s for s in scripts if " defer" not in s]


# --- Accessibility: axe-core ------------------------------------------------------------------------------------

def axe(page, only: list[str] | None = None, skip: list[str] | None = None) -> list[str]:
    """axe-core's violations on the page as it is now, one line per failing element."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(need(AXE)))
    options = {"resultTypes": ["violations"]}
    if only:
        options["runOnly"] = {"type": "rule", "values": only}
    if skip:
        options["rules"] = {rule: {"enabled": False} for rule in skip}
    violations = page.evaluate("async (o) => (await axe.run(document, o)).violations.map(v => "
                               "v.nodes.map(n => v.id + ' ' + n.target.join(' ') + ': ' + "
                               "(n.failureSummary || '').split('\\n').slice(1, 2).join('').trim()))", options)
    return [line for group in violations for line in group]


# Rules whose outcome depends on colours: run again after switching the palette to the dark scheme.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
# Material animates colour changes; axe must see the colours the scheme ends with.
NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; animation: none !important; }"


AXE_SHARES = 4  # the pages are checked in four shares, which the test workers run side by side
# A page with margin notes shows them once edition.js has folded them (edition.css): axe checks them after that.
MARGIN_SHOWN = "() => !document.querySelector('article .ed-margin') || !!document.querySelector('article.ed-fitted')"
# Counts the pages Material has shown in this document: its first, then each one reached by instant loading.
COUNT_SHOWN = "window.edShown = 0; window.document$.subscribe(() => { window.edShown++; })"
FOLLOW = "u => { const a = document.createElement('a'); a.href = u; document.body.append(a); a.click(); a.remove(); }"


def sitemap_paths(site: Path) -> set[str]:
    """The pages Material's instant loading reaches (it loads in place only what the sitemap lists), as URL paths
    below the site's path."""
    locs = re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))
    return {"/" + urlsplit(loc).path.removeprefix(PREFIX) for loc in locs}


def visit(page, url: str, instant: bool) -> None:
    """The page at url, as a reader reaches it: by following a link from the page open (Material's instant loading
    shows it in place, as it does for every link within the site) or by a full load."""
    origin = "/".join(url.split("/", 3)[:3])
    if instant and page.url.startswith(origin + "/") and page.evaluate("typeof window.edShown === 'number'"):
        shown = page.evaluate("window.edShown")
        page.evaluate(FOLLOW, url)
        page.wait_for_function("n => window.edShown > n", arg=shown)
        assert page.url == url, f"instant loading went to {page.url}, not {url}"
    else:
        page.goto(url)
        page.evaluate(COUNT_SHOWN)
    page.wait_for_function(MARGIN_SHOWN)  # a margin is hidden from axe until the page script has folded it


@pytest.mark.quality
@pytest.mark.browser
@pytest.mark.parametrize("share", range(AXE_SHARES))
def test_axe_finds_no_violation_on_any_page(browser, built_site, site_url, share):
    """Every page in the light scheme, by every rule but the contrast of text, which is checked on one page of each
    kind, in both schemes: colours come from the theme and the edition's classes, which each kind of page uses in
    its own way, never from the data (the escaping lets no style through). The contrast rule is half of axe's
    time. The page of each kind is loaded whole; the others are reached from the page before by Material's instant
    loading, as a reader following a link within the site reaches them (half the time of loading each whole); a
    page the sitemap does not list (an old address's redirect) is loaded whole."""
    started = time.monotonic()
    context = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme="light")
    context.add_init_script(path=str(need(AXE)))  # in every page as it loads: no injection round trip per page
    page = context.new_page()
    found = []
    pages = site_pages(built_site)
    assert len(pages) > 20 and TEXT_PAGE in pages and ENTITY_PAGE in pages
    kinds = {}
    for path in pages:  # the first page of each folder stands for its kind (text/, entities/, glossary/, ...)
        kinds.setdefault(path.strip("/").split("/")[0] if path.count("/") > 2 else path, path)
    in_place = sitemap_paths(built_site)
    instant = 0
    for path in pages[share::AXE_SHARES]:
        stands_for_kind = path in kinds.values()
        in_place_here = not stands_for_kind and path in in_place
        visit(page, site_url + path, instant=in_place_here)
        instant += in_place_here
        found += [f"{path} (light) {v}" for v in axe(page, skip=None if stands_for_kind else ["color-contrast"])]
        if stands_for_kind:
            # What the palette toggle does: the dark ("slate") scheme on the same page.
            page.add_style_tag(content=NO_TRANSITIONS)
            page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
            found += [f"{path} (dark) {v}" for v in axe(page, COLOUR_RULES)]
            page.evaluate("document.body.setAttribute('data-md-color-scheme', 'default')")
    context.close()
    print(f"\naxe-core, share {share + 1} of {AXE_SHARES}: {len(pages[share::AXE_SHARES])} pages light "
          f"(of {len(pages)}; {instant} reached by instant loading), dark where a page stands for its kind: "
          f"{len(found)} violations, {time.monotonic() - started:.1f} s")
    assert not found, "\n".join(found)


@pytest.mark.quality
@pytest.mark.browser
@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_finds_no_violation_with_search_open_or_on_a_small_screen(browser, site_url, scheme):
    found = []
    for width, height in ((1280, 800), (375, 740)):
        # The search dialog with its results, and the Search page with the results of its address's query.
        context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
        page = context.new_page()
        page.goto(site_url + TEXT_PAGE)
        page.add_style_tag(content=NO_TRANSITIONS)
        page.locator(".ed-search-button").click()
        page.wait_for_selector("dialog.ed-search-dialog[open]")
        page.fill("dialog.ed-search-dialog .ed-search-input", "Litvinov")
        page.wait_for_function("() => { const b = document.querySelector('dialog.ed-search-dialog .ed-search-results');"
                               " return b.querySelector('.ed-search-result') && !b.hasAttribute('aria-busy'); }")
        found += [f"{width}px search dialog: {v}" for v in axe(page)]
        page.goto(site_url + "/search/?q=Litvinov")
        page.wait_for_function("() => { const b = document.getElementById('ed-search-page-results');"
                               " return b.querySelector('.ed-search-result') && !b.hasAttribute('aria-busy'); }")
        found += [f"{width}px search page: {v}" for v in axe(page)]
        context.close()

    context = browser.new_context(viewport={"width": 375, "height": 740}, color_scheme=scheme)
    page = context.new_page()
    for path in ("/", TEXT_PAGE, ENTITY_PAGE):
        page.goto(site_url + path)
        page.wait_for_function(MARGIN_SHOWN)
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


# A tooltip shown: Material's (a note mark's, content.footnote.tooltips) or the edition's own (a name's, a gap's:
# div.ed-tip, role=tooltip).
TOOLTIP_SHOWN = """() => [...document.querySelectorAll('.md-tooltip2--active, .ed-tip')].some(t => {
    const s = getComputedStyle(t), r = t.getBoundingClientRect();
    return !t.hidden && s.display !== 'none' && s.visibility === 'visible' && parseFloat(s.opacity) > 0
        && r.width > 0 && r.height > 0;
})"""


def wait_for_tooltip(page, shown: bool, why: str) -> None:
    """Wait (a few seconds at most: Material fades tooltips in and out) until a tooltip is shown, or none is."""
    try:
        page.wait_for_function(TOOLTIP_SHOWN if shown else f"() => !({TOOLTIP_SHOWN})()", timeout=5000)
    except PlaywrightTimeout:
        pytest.fail(why)


@pytest.mark.browser
@pytest.mark.parametrize("selector", ["sup a.footnote-ref", "a.ed-name"])
def test_tooltip_opens_on_focus_and_closes_on_escape(page, site_url, selector):
    """WCAG 1.4.13: what focus shows, Escape dismisses without moving the focus."""
    page.goto(site_url + TEXT_PAGE)
    # The page's scripts have run (they give every paragraph its Cite button when the page is shown, as they take
    # over the names' titles), as they have long before a reader's first Tab.
    page.wait_for_function("() => document.querySelector('article .ed-para .ed-cite')")
    page.locator(selector).first.focus()
    wait_for_tooltip(page, True, "focus does not open the tooltip")
    page.keyboard.press("Escape")
    wait_for_tooltip(page, False, "Escape leaves the tooltip open")
    assert page.evaluate("(s) => document.activeElement === document.querySelector(s)", selector), \
        "Escape moved the focus"
    # Moving on brings tooltips back.
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")
    wait_for_tooltip(page, True, "tooltips stay off after Escape")


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


# Material's own markup that the Nu Html Checker rejects, which the edition no longer forks Material's templates to
# change: exactly these messages on exactly these elements (the element the checker highlights), nothing broader.
AUTOCOMPLETE = ("Attribute “autocomplete” is only allowed when the input type is “color”, “date”, “datetime-local”, "
                "“email”, “hidden”, “month”, “number”, “password”, “range”, “search”, “tel”, “text”, “time”, “url”, "
                "or “week”.")
MATERIAL_INVALID = [
    # base.html: autocomplete="off" on the drawer and search toggles (checkboxes), so Firefox does not restore them.
    (AUTOCOMPLETE, r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox" id="__\1" '
                   r'autocomplete="off">'),
    # partials/nav-item.html: tabindex="{{ tabindex }}" on a section's label, empty when the section is shown open.
    ("Bad value “” for attribute “tabindex” on element “label”: The empty string is not a valid integer.",
     r'<label class="md-nav__link" for="(__nav(_\d+)+)" id="\1_label" tabindex="">'),
    # partials/toc.html: the title labels the __toc toggle, which nav-item.html writes only where the page has a toc.
    ("The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control.",
     r'<label class="md-nav__title" for="__toc">'),
]


def materials_own(message: dict) -> bool:
    extract, start = message.get("extract", ""), message.get("hiliteStart")
    if start is None:
        return False
    element = extract[start:start + message.get("hiliteLength", 0)]
    return any(message["message"] == text and re.fullmatch(markup, element) for text, markup in MATERIAL_INVALID)


@pytest.mark.quality
def test_html_is_valid(built_site, java):
    files = sorted(str(p) for p in built_site.rglob("*.html"))
    assert files
    result = subprocess.run([java, "-jar", str(need(VNU)), "--errors-only", "--format", "json", *files],
                            capture_output=True, text=True, timeout=300)
    messages = [m for m in json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
                if m.get("type") in ("error", "non-document-error")]
    material = [m for m in messages if materials_own(m)]
    errors = [f"{Path(urlsplit(m.get('url', '')).path).relative_to(built_site)}:{m.get('lastLine')}: "
              f"{m['message']}" for m in messages if m not in material]
    print(f"\nNu Html Checker: {len(files)} HTML files: {len(errors)} errors "
          f"(and {len(material)} in Material's own markup, listed in MATERIAL_INVALID)")
    assert not errors, "\n".join(errors[:50])
    # Each filter still matches something: one that no longer does (Material fixed it) is taken out.
    for text, markup in MATERIAL_INVALID:
        assert any(m["message"] == text for m in material), f"no longer reported, remove the filter: {markup}"


@pytest.mark.quality
def test_no_broken_link_or_fragment(site_url):
    origin = re.escape(site_url + "/")
    result = subprocess.run(
        [str(need(LINKINATOR)), site_url + "/", "--recurse", "--check-fragments", "--format", "json",
         "--skip", f"^(?!{origin})",  # the site's own links only: no request leaves the machine
         # A connection the test server drops on a busy machine would be reported as status 0 on every page
         # linking there: a few at once, and a connection error (never a 404) tried again.
         "--concurrency", "8", "--retry-errors", "--retry-errors-count", "3"],
        capture_output=True, text=True, timeout=300)
    report = json.loads(result.stdout)
    links = report["links"]
    assert len({link["url"] for link in links if link["state"] == "OK"}) > 50, "the crawl did not reach the site"
    broken = [f"{link['status']} {link['url']} (on {link.get('parent')})"
              f"{': ' + str(link['failureDetails'])[:200] if link.get('failureDetails') else ''}" for link in links
              if link["state"] == "BROKEN"]
    print(f"\nlinkinator: {len({link['url'] for link in links})} URLs with fragments: {len(broken)} broken")
    assert not broken and report["passed"], "\n".join(broken)


# --- Lighthouse -----------------------------------------------------------------------------------------------

@pytest.mark.quality
@pytest.mark.browser  # Lighthouse drives Debian's Chromium
@pytest.mark.parametrize("path", [TEXT_PAGE])  # a text page: the heaviest kind (benchmarks/ measures others)
def test_lighthouse(compressed_site_url, tmp_path, path):
    """Lighthouse's deterministic verdicts: accessibility, best practices and SEO, what a page downloads and from
    where. Its performance score depends on the machine's load and lives in benchmarks/lighthouse_benchmark.py."""
    need(LIGHTHOUSE)
    # The categories asserted, and the requests audit; not the performance metrics (benchmarks/).
    report = lighthouse(compressed_site_url + path, tmp_path / "lh.json", timeout=180,
                        only=["--only-categories=accessibility,best-practices,seo", "--only-audits=network-requests"])
    assert not report.get("runtimeError"), report.get("runtimeError")
    scores = {name: category["score"] for name, category in report["categories"].items()}
    failing = [f"{ref['id']}: {report['audits'][ref['id']].get('displayValue') or report['audits'][ref['id']]['score']}"
               for name, category in report["categories"].items()
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
    # Budgets of what a reader downloads (counted, not timed): the page, its styles and scripts (the search index
    # waits until search is opened).
    assert not [r["url"] for r in requests if "/pagefind/" in r["url"]], "the search index is loaded with the page"
    assert len(requests) <= 16, [r["url"] for r in requests]
    assert transferred <= 200 * 1024, f"{transferred / 1024:.0f} KB transferred"
