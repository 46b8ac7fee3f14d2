"""The built site: every paragraph once, with its id, number and verbatim text; builds reproducible."""
import filecmp

from conftest import ROOT, copy_project, mkdocs_build
from html_reading import parse, paragraphs_in, reading_text


def test_every_paragraph_appears_once_with_its_source_text_verbatim(edition, built_site):
    found = paragraphs_in(built_site)
    assert sorted(found, key=lambda k: int(k[1:])) == [f"p{p.n}" for p in edition.paragraphs]
    for p in edition.paragraphs:
        (page, el), = found[f"p{p.n}"]
        assert reading_text(el, edition.gap_marker) == p.text, f"¶{p.n} on {page}"


def test_each_paragraph_shows_its_number_and_a_named_permalink(edition, built_site):
    for pid, [(page, el)] in paragraphs_in(built_site).items():
        num = el.xpath('.//a[contains(@class, "ed-num")]')[0]
        assert num.text_content() == pid[1:] and num.get("href") == f"#{pid}"
        link = el.xpath('.//a[contains(@class, "ed-permalink")]')[0]
        assert link.get("href") == f"#{pid}" and pid[1:] in link.get("aria-label")


def test_paragraphs_sit_on_their_sections_pages_in_reading_order(edition, built_site):
    for s in edition.sections:
        doc = parse(built_site / "text" / s.slug / "index.html")
        ids = [el.get("id") for el in doc.xpath("//*[@data-n]")]
        assert ids == [f"p{n}" for n in range(s.first, s.last + 1)]
        assert doc.xpath("//h1")[0].text_content() == s.title


def test_gaps_and_captions_are_marked_as_editorial(edition, built_site):
    found = paragraphs_in(built_site)
    for p in edition.paragraphs:
        (_, el), = found[f"p{p.n}"]
        html = el.text_content()
        assert "**" not in html and not el.xpath(".//strong")
        gaps = el.xpath('.//*[contains(@class, "ed-gap")]')
        assert len(gaps) == p.text.count(edition.gap_marker)
        assert all(g.get("title") == edition.labels["gap"] for g in gaps)
        if p.kind == "caption":
            assert el.tag == "figure"
            assert el.xpath('.//*[contains(@class, "ed-photo")]')[0].text_content() == edition.labels["photo"]
            assert el.xpath(".//figcaption")
        else:
            assert el.tag == "p"


def test_contents_lists_every_section_with_its_range(edition, built_site):
    text = parse(built_site / "contents" / "index.html").text_content()
    for s in edition.sections:
        assert s.title in text
        assert (f"¶ {s.first}–{s.last}" if s.first != s.last else f"¶ {s.first}") in text


def test_previous_and_next_follow_the_reading_order(edition, built_site):
    for i, s in enumerate(edition.sections):
        doc = parse(built_site / "text" / s.slug / "index.html")
        nxt = doc.xpath('//a[contains(@class, "md-footer__link--next")]/@href')
        if i + 1 < len(edition.sections):
            assert nxt and nxt[0].rstrip("/").endswith(edition.sections[i + 1].slug)


def test_two_builds_are_byte_identical(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    for d in (a, b):
        result = mkdocs_build(ROOT, d)
        assert result.returncode == 0, result.stderr
    cmp = filecmp.dircmp(a, b)

    def diffs(c):
        out = c.diff_files + c.left_only + c.right_only
        for sub in c.subdirs.values():
            out += diffs(sub)
        return out

    assert diffs(cmp) == []
    # dircmp compares shallowly by stat; compare bytes of every file as well
    for f in a.rglob("*"):
        if f.is_file():
            assert f.read_bytes() == (b / f.relative_to(a)).read_bytes(), f


def test_a_static_host_gets_a_sitemap_and_a_404_page(built_site):
    from mkdocs.config import load_config
    site_url = load_config(str(ROOT / "mkdocs.yml")).site_url
    sitemap = (built_site / "sitemap.xml").read_text()
    pages = [p.parent.relative_to(built_site).as_posix() for p in built_site.rglob("index.html")
             if "noindex" not in p.read_text()[:600]]
    for page in pages:
        loc = site_url + ("" if page == "." else page + "/")
        assert f"<loc>{loc}</loc>" in sitemap, loc
    assert (built_site / "404.html").is_file()


def test_the_navigation_cache_changes_no_page(built_site, tmp_path, monkeypatch):
    """Every page is what Material renders with its own nav-item macro on every link (blank lines aside)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from build_scripts.template_cache import NavGroupCache

    monkeypatch.setattr(NavGroupCache, "key", lambda self, group, page: None)  # every group rendered afresh
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    proj = copy_project(tmp_path / "proj")
    build(load_config(config_file=str(proj / "mkdocs.yml"), site_dir=str(tmp_path / "uncached")))

    def lines(path):
        return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]

    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 50
    for page in pages:
        assert lines(tmp_path / "uncached" / page.relative_to(built_site)) == lines(page), page
