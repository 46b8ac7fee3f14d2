"""Edges of the data: an edition with no entities, notes, gaps or captions; two sections with one title; the final
check of the built HTML (anchors, links, safety); the editor's commands `make register`, `make report` and
`make release`."""
import hashlib
import os
import subprocess
import textwrap
from pathlib import Path

import pytest
import yaml
from lxml import etree

from build_scripts.errors import EditionError
from build_scripts.finish.check import SiteCheck
from conftest import EDITION_FILE, PREFIX, ROOT, assert_tei_valid, build_site, copy_seeds, edit_yaml
from html_reading import declared_texts, parse

BARE_SITE_URL = "https://example.org/bare/"


# Shared with test_languages.py (a candidate for conftest.py).
def bare_edition(folder: Path, lines: list[str], sections: list[tuple[str, str, int]]) -> Path:
    """The least an edition can be: a text, its sections, an empty bibliography, a register never published, and
    where it is published. No list of non-sources: the engine ships one."""
    (folder / "pages").mkdir(parents=True)
    (folder / "bibliography").mkdir()
    text = "\n".join(lines) + "\n"
    (folder / "text.txt").write_text(text, encoding="utf-8")
    (folder / "pages" / "index.md").write_text("---\ntitle: Home\n---\n# A bare edition\n", encoding="utf-8")
    (folder / "published.yml").write_text("anchors: {}\npages: []\nredirects: {}\n", encoding="utf-8")
    (folder / "versions.yml").write_text("versions: [{version: '1.0', date: 2026-01-01, changes: [First.]}]\n",
                                         encoding="utf-8")
    (folder / "sections.yml").write_text(yaml.safe_dump({"sections": [
        {"slug": slug, "title": title, "first": first} for slug, title, first in sections]}), encoding="utf-8")
    (folder / "edition.yml").write_text(textwrap.dedent(f"""\
        title: A bare edition
        site_url: {BARE_SITE_URL}
        author: {{name: Nobody}}
        language: en
        source: text.txt
        source_sha256: {hashlib.sha256(text.encode()).hexdigest()}
        captions: []
        gap_marker: "**"
        sections: sections.yml
        pages: pages
        published: published.yml
        versions: versions.yml
        bibliography: {{works: bibliography, style: chicago-author-date, kinds: {{primary: Primary sources}}}}
        entity_kinds: {{person: {{label: People, page: people, tei: {{list: listPerson, item: person, name: persName}}}}}}
        note_types: {{context: {{label: Context}}}}
        citation: {{key: bare, editors: [Nobody], publisher: Nobody, issued: 2026, medium: Text,
                    styles: [{{label: APA, csl: apa, forms: {{entry: reference, cite: in-text}}}}]}}
        """), encoding="utf-8")
    return folder / "edition.yml"


# The pages of a bare edition of one section "one", worked out from what every edition has: the home page, the
# contents, the section, the whole text, the bibliography, downloads, versions and search.
BARE_PAGES = ["", "bibliography/", "contents/", "downloads/", "search/", "text/all/", "text/one/", "versions/"]


def test_an_edition_with_no_entities_notes_gaps_or_captions_builds_a_valid_site_and_tei(tmp_path, tei_schema):
    edition = bare_edition(tmp_path / "bare", ["First line.", "Second line.", "Third line."],
                           [("one", "One", 1), ("two", "Two", 3)])
    site = tmp_path / "site"
    build_site(site, edition)
    assert [el.get("id") for el in parse(site / "text" / "one" / "index.html").xpath("//*[@data-n]")] == ["p1", "p2"]
    assert [el.get("id") for el in parse(site / "text" / "two" / "index.html").xpath("//*[@data-n]")] == ["p3"]
    assert not (site / "glossary").exists() and not (site / "chronology").exists() and not (site / "journey").exists()
    tei = etree.parse(str(site / "downloads" / "bare.tei.xml"))
    assert_tei_valid(tei_schema, tei)
    t = "{http://www.tei-c.org/ns/1.0}"
    assert tei.find(f"{t}standOff") is None, "no empty standOff"
    assert [p.text for p in tei.iter(f"{t}p") if p.get("n")] == ["First line.", "Second line.", "Third line."]


def test_two_sections_with_the_same_title_keep_distinct_anchors(tmp_path):
    edition = bare_edition(tmp_path / "same", ["A.", "B.", "C.", "D."], [("a", "Same title", 1), ("b", "Same title", 3)])
    site = tmp_path / "site"
    build_site(site, edition)
    whole = parse(site / "text" / "all" / "index.html")
    ids = whole.xpath("//@id")
    assert len(ids) == len(set(ids)) and {"a", "b"} <= set(ids)
    assert [el.get("id") for el in whole.xpath("//*[@data-n]")] == ["p1", "p2", "p3", "p4"]


# --- the final check of the built HTML, on small sites written here ---------------------------------------------

def small_site(folder: Path, pages: dict[str, str]) -> Path:
    """A built site of a few pages: site path ("text/one/", "" for the home page) -> the HTML of its body."""
    for url, body in pages.items():
        page = folder / url / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"<!doctype html><html><head><title>t</title></head><body>{body}</body></html>",
                        encoding="utf-8")
    return folder


def site_check(folder: Path, pages: dict[str, str], text_pages=("text/one/",), **kw) -> int:
    return SiteCheck(small_site(folder, pages), set(text_pages), **kw).run()


def refused(folder: Path, pages: dict[str, str], message: str, **kw) -> str:
    with pytest.raises(EditionError, match=message) as caught:
        site_check(folder, pages, **kw)
    assert ". Fix: " in str(caught.value)
    return str(caught.value)


HOME = '<p><a href="text/one/">the text</a></p>'


def test_the_check_accepts_paragraph_anchors_on_the_text_and_lookalikes_elsewhere(tmp_path):
    assert site_check(tmp_path, {
        "": HOME,
        "text/one/": '<p id="p1">a</p><p id="p2">b</p>',
        "entities/x/": '<p>&lt;p id="p9"&gt; is text, not an element</p>'
                       '<a title="&lt;b id=&quot;p9&quot;&gt;" href="#note-p9">a tooltip</a>'
                       '<p data-id="p9" id="note-p9">the attribute id only</p><p id="p9x">not a paragraph id</p>',
    }) == 3


def test_the_check_refuses_a_paragraph_anchor_off_the_text(tmp_path):
    refused(tmp_path / "a", {"": HOME, "text/one/": '<p id="p1">a</p>', "entities/x/": '<p id="p5">¶5 in prose</p>'},
            r"^site/entities/x/index\.html: carries the paragraph anchor 'p5', which only the text's own pages may carry")
    refused(tmp_path / "b", {"": '<span\n  class="x" id="p6">on a second line</span>'},
            r"^site/index\.html: carries the paragraph anchor 'p6'")
    # A page of the text is named by its address, not by where it lies: text/two/ is not among the text's pages.
    refused(tmp_path / "c", {"text/two/": '<p id="p3">c</p>'}, r"^site/text/two/index\.html: carries the paragraph "
                                                                r"anchor 'p3'")


def test_the_check_refuses_an_id_twice(tmp_path):
    refused(tmp_path, {"text/one/": '<p id="p1">a</p><div id="p1">b</div>'},
            r"^site/text/one/index\.html: carries the id 'p1' twice")


def test_the_check_follows_every_internal_link_and_anchor(tmp_path):
    good = {"": '<a href="text/one/#p1">¶1</a> <a href="text/one/">text</a> <a href="./">home</a>'
                '<a href="files/a.txt">a file</a> <a href="#top">top</a><span id="top"></span>'
                '<a href="https://example.org/x">elsewhere</a>',
            "text/one/": '<p id="p1"><a href="../../">home</a> <a href="../one/#p1">here</a>'
                         '<a href="/moscow-1936/text/one/#p1">absolute, under the prefix</a></p>'}
    (tmp_path / "ok" / "files").mkdir(parents=True)
    (tmp_path / "ok" / "files" / "a.txt").write_text("a")
    assert site_check(tmp_path / "ok", good, prefix=PREFIX) == 2
    refused(tmp_path / "b", {"": '<a href="text/one/#p7">no such anchor</a>', "text/one/": '<p id="p1">a</p>'},
            r"^site/index\.html: links to 'text/one/#p7', which has no such anchor")
    refused(tmp_path / "c", {"": '<a href="#nowhere">no anchor here</a>'}, r"^site/index\.html: links to '/#nowhere'")
    refused(tmp_path / "d", {"": '<img src="files/missing.png" alt="">'},
            r"^site/index\.html: links to 'files/missing\.png', which is not a file of the site")
    refused(tmp_path / "e", {"text/one/": '<a href="../../../elsewhere/">out</a>'},
            r"^site/text/one/index\.html: links to '\.\./\.\./\.\./elsewhere/', outside the site")
    refused(tmp_path / "f", {"": '<a href="/other-site/">absolute</a>'},
            r"^site/index\.html: links to '/other-site/', outside the site's address", prefix=PREFIX)


def test_the_check_refuses_a_link_to_a_page_the_site_lacks(tmp_path):
    # A link to a page (a directory URL) is reported as a missing page, not as a missing file.
    refused(tmp_path / "a", {"": '<a href="text/two/">missing</a>'},
            r"^site/index\.html: links to 'text/two/', which is not a page of the site")
    refused(tmp_path / "b", {"": '<a href="text/two/#p3">missing</a>'},
            r"^site/index\.html: links to 'text/two/', which is not a page of the site")


@pytest.mark.parametrize("body, message", [
    ('<p onclick="alert(1)">x</p>', r"gives a <p> the attribute onclick=\"alert\(1\)\", which runs script"),
    ('<a href="javascript:alert(1)">x</a>', r"uses the scheme 'javascript:'"),
    ('<a href="jav&#x09;ascript:alert(1)">x</a>', r"uses the scheme 'javascript:'"),
    ('<a href=" JavaScript:alert(1)">x</a>', r"uses the scheme 'javascript:'"),
    ('<img src="data:image/png;base64,AAAA" alt="">', r"uses the scheme 'data:'"),
    ('<a href="mailto:a@example.org">x</a>', r"uses the scheme 'mailto:'"),
    ('<img src="https://example.org/x.png" alt="">', r"makes the reader's browser fetch from another host"),
    ('<link rel="stylesheet" href="https://example.org/x.css">', r"makes the reader's browser fetch from another host"),
    ('<img src="//example.org/x.png" alt="">', r"leaves the site without a scheme"),
    ('<a href="\\\\example.org/x">x</a>', r"leaves the site without a scheme"),
    ('<iframe src="x.html"></iframe>', r"holds a <iframe> element"),
    ('<object data="x.swf"></object>', r"holds a <object> element"),
    ('<script>alert(1)</script>', r"holds an inline script that neither the theme nor the engine puts there"),
    ('<script type="application/json">{not json</script>', r"holds a JSON data script that is not JSON"),
    ('<p style="background: url(https://example.org/t.png)">x</p>', r"holds a style that fetches"),
    ('<p style="width: expression(alert(1))">x</p>', r"holds a style that can run script"),
    ('<meta http-equiv="refresh" content="0; url=javascript:alert(1)">', r"uses the scheme 'javascript:'"),
])
def test_the_check_refuses_what_could_run_script_or_leave_the_site(tmp_path, body, message):
    refused(tmp_path, {"": body}, r"^site/index\.html: (<[^>]*> )?" + message)


def test_the_check_allows_mailto_links_only_where_asked_and_json_data(tmp_path):
    assert site_check(tmp_path, {"": '<a href="mailto:a@example.org">write</a>'
                                     '<script type="application/json" id="d">{"a": "</p>"}</script>'},
                      allow_mailto=True) == 1


def test_a_refusal_names_the_file_and_line_of_the_edition_that_holds_the_value(tmp_path):
    home = tmp_path / "edition"
    home.mkdir()
    (home / "notes.yml").write_text("notes:\n- paragraph: 1\n  text: see [this](javascript:steal_it())\n",
                                    encoding="utf-8")
    message = refused(tmp_path / "site", {"": '<a href="javascript:steal_it()">this</a>'},
                      r"uses the scheme 'javascript:'", home=home)
    assert message.endswith("(edition/notes.yml:3 holds it)"), message


# --- the final check on the real built site --------------------------------------------------------------------

def text_pages(expected) -> set[str]:
    """The pages that may carry paragraph anchors, worked out here from the expectations and the edition's files:
    each section's page of the memoir, the whole text (text/all/), and each record document's own page."""
    record = {t["page"] + "/" for t in declared_texts(EDITION_FILE) if t["part"]}
    assert len(record) == expected["record"]["documents"]
    return {f"text/{slug}/" for slug, _, _ in expected["sections"]} | {"text/all/"} | record


def planned_text_pages(edition, expected) -> set[str]:
    """The text pages the final check is given, as the build gives them (the site's plan): the same pages."""
    from build_scripts.paths import page_url
    from build_scripts.render.pages import site_plan

    planned = {page_url(p) for p in site_plan(edition).text_pages}
    assert planned == text_pages(expected)
    return planned


def test_the_real_site_passes_the_final_check(built_site, edition, expected):
    pages = len(list(built_site.rglob("*.html")))
    allowed = planned_text_pages(edition, expected)
    assert SiteCheck(built_site, allowed, ROOT / "seeds", prefix=PREFIX).run() == pages > 60


def test_every_page_of_the_edition_keeps_paragraph_anchors_on_the_text(built_site, expected):
    # The same promise read here without the check's code: ids once per page, pN only on the text's pages, and a
    # record document's page carries its own paragraphs' anchors and no other.
    allowed = text_pages(expected)
    own = {t["page"] + "/": [f"p{n}" for n, _ in t["paragraphs"]] for t in declared_texts(EDITION_FILE) if t["part"]}
    for page in built_site.rglob("*.html"):
        rel = page.relative_to(built_site).as_posix()
        ids = parse(page).xpath("//@id")
        assert len(ids) == len(set(ids)), rel
        anchors = [i for i in ids if i[:1] == "p" and i[1:].isdigit()]
        if rel.removesuffix("index.html") not in allowed:
            assert not anchors, rel
        elif rel.removesuffix("index.html") in own:
            assert anchors == own[rel.removesuffix("index.html")], rel


def test_the_check_finds_a_fault_in_a_page_of_the_real_site(built_site, edition, expected, tmp_path):
    # The real site, with one entry page given a paragraph's anchor and one link broken.
    site = tmp_path / "site"
    subprocess.run(["cp", "-a", str(built_site), str(site)], check=True)
    entry = sorted((site / "entities").glob("*/index.html"))[0]
    html = entry.read_text(encoding="utf-8")
    entry.write_text(html.replace("<article", '<p id="p12">¶12</p><article', 1), encoding="utf-8")
    allowed = planned_text_pages(edition, expected)
    with pytest.raises(EditionError, match=rf"^site/entities/{entry.parent.name}/index\.html: carries the paragraph "
                                           r"anchor 'p12'"):
        SiteCheck(site, allowed, prefix=PREFIX).run()
    entry.write_text(html.replace("<article", '<a href="../no-such-entry/">gone</a><article', 1), encoding="utf-8")
    with pytest.raises(EditionError, match=rf"links to 'entities/no-such-entry/', which is not a page of the site"):
        SiteCheck(site, allowed, prefix=PREFIX).run()


# --- the editor's commands ---------------------------------------------------------------------------------------

def make(target: str, edition: Path, **env) -> subprocess.CompletedProcess:
    """`make <target> EDITION=<edition>` in the engine's folder, as an editor types it."""
    return subprocess.run(["make", "-s", target, f"EDITION={edition}"], cwd=ROOT,
                          env=dict(os.environ, NO_MKDOCS_2_WARNING="1", **env), capture_output=True, text=True)


def test_make_register_records_a_new_edition_and_never_drops_an_entry(tmp_path):
    edition = bare_edition(tmp_path / "bare", ["A.", "B.", "C."], [("one", "One", 1), ("two", "Two", 2)])
    result = make("register", edition.parent)  # the edition's folder
    assert result.returncode == 0, result.stderr
    register = yaml.safe_load((tmp_path / "bare" / "published.yml").read_text())
    fp = {n: hashlib.sha256(t.encode()).hexdigest()[:16] for n, t in ((1, "A."), (2, "B."), (3, "C."))}
    assert register["anchors"] == {"p1": {"page": "text/one/", "text": fp[1]},
                                   "p2": {"page": "text/two/", "text": fp[2]},
                                   "p3": {"page": "text/two/", "text": fp[3]}}
    assert register["pages"] == sorted(BARE_PAGES + ["text/two/"])
    assert register["recorded_for"] == "1.0"
    # A breaking change is not made acceptable by recording it (the edition named by its edition.yml this time).
    edit_yaml(tmp_path / "bare" / "sections.yml", lambda d: d["sections"][1].update(slug="renamed"))
    result = make("register", edition)
    assert result.returncode != 0 and "published page 'text/two/' would disappear" in result.stderr
    assert yaml.safe_load((tmp_path / "bare" / "published.yml").read_text()) == register


def test_make_register_keeps_what_was_published_before(tmp_path):
    # A paragraph added at the end, in a new section: the old entries stay, the new ones are added.
    edition = bare_edition(tmp_path / "bare", ["A.", "B."], [("one", "One", 1)])
    assert make("register", edition).returncode == 0
    before = yaml.safe_load((tmp_path / "bare" / "published.yml").read_text())
    text = (tmp_path / "bare" / "text.txt").read_text() + "C.\n"
    (tmp_path / "bare" / "text.txt").write_text(text)
    edit_yaml(edition, lambda d: d.update(source_sha256=hashlib.sha256(text.encode()).hexdigest()))
    edit_yaml(tmp_path / "bare" / "sections.yml", lambda d: d["sections"].append({"slug": "two", "title": "Two",
                                                                                  "first": 3}))
    result = make("register", edition)
    assert result.returncode == 0, result.stderr
    after = yaml.safe_load((tmp_path / "bare" / "published.yml").read_text())
    assert {k: v for k, v in after["anchors"].items() if k in before["anchors"]} == before["anchors"]
    assert set(after["anchors"]) == {"p1", "p2", "p3"} and after["anchors"]["p3"]["page"] == "text/two/"
    assert set(after["pages"]) == set(before["pages"]) | {"text/two/"}


def test_make_report_lists_the_names_left_unlinked(tmp_path):
    result = make("report", ROOT / "seeds" / "edition.yml")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Capitalised names that link to no entry: 0\n")
    assert "Left unlinked on purpose (edition.yml 'unlinked'):" in result.stdout and "Soviet (" in result.stdout
    seeds = tmp_path / "seeds"
    copy_seeds(seeds)
    edit_yaml(seeds / "entities" / "people.yml",
              lambda d: [e.update(forms=[]) for e in d["entities"] if e["id"] == "robert-coulondre"])
    result = make("report", seeds)  # the folder, outside the engine
    assert result.returncode == 0, result.stderr
    assert "Colande: ¶45" in result.stdout and "Cowlande: ¶46" in result.stdout


# An identity for the commits and the tag, and no configuration of the machine's (a signing key, a hook).
GIT_ENV = dict(GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@e", GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@e",
               GIT_CONFIG_GLOBAL="/dev/null", GIT_CONFIG_NOSYSTEM="1")


def git(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=repo, env=dict(os.environ, **GIT_ENV), capture_output=True, text=True,
                          check=True)


def release(edition: Path) -> subprocess.CompletedProcess:
    return make("release", edition, **GIT_ENV)


def engine_tags() -> str:
    return subprocess.run(["git", "tag", "--list"], cwd=ROOT, capture_output=True, text=True, check=True).stdout


def test_make_release_checks_and_tags_the_editions_own_repository(tmp_path):
    # The edition's folder is a repository of its own, outside the engine.
    own = tmp_path / "my-edition"
    edition = bare_edition(own, ["A.", "B."], [("one", "One", 1)])
    result = release(own)  # in no repository yet: refused
    assert result.returncode != 0 and "is in no git repository" in result.stderr
    git(own, "init", "-q")
    git(own, "add", "-A")
    git(own, "commit", "-qm", "edition")
    tags_before = engine_tags()
    result = release(own)  # never registered: refused
    assert result.returncode != 0
    assert (f"published.yml: the register lacks {2 + len(BARE_PAGES)} anchors or pages of this build "
            "(p1, p2, (home page), bibliography/, contents/ …)") in result.stderr, result.stderr
    assert make("register", edition).returncode == 0
    result = release(edition)  # registered, not committed: refused
    assert result.returncode != 0 and "the edition's folder has uncommitted changes (1 files" in result.stderr
    git(own, "commit", "-qam", "register")
    (own / "pages" / "about.md").write_text("# About\n\nA page not yet committed.\n", encoding="utf-8")
    result = release(edition)  # a new file, not committed: refused too
    assert result.returncode != 0 and "uncommitted changes" in result.stderr, result.stderr
    (own / "pages" / "about.md").unlink()
    result = release(edition)
    assert result.returncode == 0, result.stderr
    assert git(own, "tag", "--list").stdout.split() == ["v1.0"]
    assert git(own, "rev-parse", "v1.0^{commit}").stdout == git(own, "rev-parse", "HEAD").stdout
    assert engine_tags() == tags_before, "the engine's repository was tagged"
    result = release(edition)  # the same version twice: refused
    assert result.returncode != 0 and "version 1.0 is already released" in result.stderr


def test_make_release_of_an_edition_in_a_folder_of_a_larger_repository(tmp_path):
    # The edition in a subfolder: the repository holding it is tagged; changes elsewhere in it do not block.
    repo = tmp_path / "repo"
    edition = bare_edition(repo / "editions" / "bare", ["A.", "B."], [("one", "One", 1)])
    (repo / "notes.txt").write_text("the editor's notes\n")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "edition")
    assert make("register", edition).returncode == 0
    git(repo, "commit", "-qam", "register")
    (repo / "notes.txt").write_text("the editor's notes, changed\n")
    result = release(edition.parent)
    assert result.returncode == 0, result.stderr
    assert git(repo, "tag", "--list").stdout.split() == ["v1.0"]
