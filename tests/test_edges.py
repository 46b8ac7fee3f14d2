"""Edges of the data: an edition with no entities, notes, gaps or captions; two sections with one title; the
anchor check; the editor's commands `make register` and `make report`."""
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml
from lxml import etree
from mkdocs.exceptions import PluginError

from build_scripts.mkdocs_hooks import check_anchors
from conftest import ROOT, assert_tei_valid, copy_seeds, edit_yaml, mkdocs_build
from html_reading import parse


def bare_edition(folder: Path, lines: list[str], sections: list[tuple[str, str, int]]) -> Path:
    """The least an edition can be: a text, its sections, an empty bibliography, a register never published."""
    import hashlib
    (folder / "pages").mkdir(parents=True)
    (folder / "bibliography").mkdir()
    text = "\n".join(lines) + "\n"
    (folder / "text.txt").write_text(text, encoding="utf-8")
    (folder / "pages" / "index.md").write_text("---\ntitle: Home\n---\n# A bare edition\n", encoding="utf-8")
    (folder / "published.yml").write_text("anchors: {}\npages: []\nredirects: {}\n", encoding="utf-8")
    (folder / "non_sources.yml").write_text("hosts: {}\n", encoding="utf-8")
    (folder / "versions.yml").write_text("versions: [{version: '1.0', date: 2026-01-01, changes: [First.]}]\n",
                                         encoding="utf-8")
    (folder / "sections.yml").write_text(yaml.safe_dump({"sections": [
        {"slug": slug, "title": title, "first": first} for slug, title, first in sections]}), encoding="utf-8")
    (folder / "edition.yml").write_text(textwrap.dedent(f"""\
        title: A bare edition
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
        bibliography: {{works: bibliography, non_sources: non_sources.yml, style: chicago-author-date,
                        kinds: {{primary: Primary sources}}}}
        entity_kinds: {{person: {{label: People, page: people, tei: {{list: listPerson, item: person, name: persName}}}}}}
        note_types: {{context: {{label: Context}}}}
        citation: {{key: bare, editors: [Nobody], publisher: Nobody, issued: 2026, medium: Text,
                    styles: [{{label: APA, csl: apa, forms: {{entry: reference, cite: in-text}}}}]}}
        """), encoding="utf-8")
    return folder / "edition.yml"


@pytest.mark.xdist_group("tei_schema")  # one worker compiles the schema, once
def test_an_edition_with_no_entities_notes_gaps_or_captions_builds_a_valid_site_and_tei(tmp_path, tei_schema):
    edition = bare_edition(tmp_path / "bare", ["First line.", "Second line.", "Third line."],
                           [("one", "One", 1), ("two", "Two", 3)])
    site = tmp_path / "site"
    result = mkdocs_build(site, edition)
    assert result.returncode == 0, result.stderr
    assert [el.get("id") for el in parse(site / "text" / "one" / "index.html").xpath("//*[@data-n]")] == ["p1", "p2"]
    assert not (site / "glossary").exists() and not (site / "chronology").exists()
    tei = etree.parse(str(site / "downloads" / "bare.tei.xml"))
    assert_tei_valid(tei_schema, tei)
    t = "{http://www.tei-c.org/ns/1.0}"
    assert tei.find(f"{t}standOff") is None, "no empty standOff"
    assert [p.text for p in tei.iter(f"{t}p") if p.get("n")] == ["First line.", "Second line.", "Third line."]


def test_two_sections_with_the_same_title_keep_distinct_anchors(tmp_path):
    edition = bare_edition(tmp_path / "same", ["A.", "B.", "C.", "D."], [("a", "Same title", 1), ("b", "Same title", 3)])
    site = tmp_path / "site"
    result = mkdocs_build(site, edition)
    assert result.returncode == 0, result.stderr
    whole = parse(site / "text" / "all" / "index.html")
    ids = whole.xpath("//@id")
    assert len(ids) == len(set(ids)) and {"a", "b"} <= set(ids)


def test_the_anchor_check_refuses_a_paragraph_anchor_off_the_text_and_an_id_twice():
    text_pages = {"text/one.md"}
    check_anchors("text/one.md", '<p id="p1">a</p><p id="p2">b</p>', text_pages)
    check_anchors("entities/x.md", '<p>&lt;p id="p9"&gt; is text, not an element</p>', text_pages)
    check_anchors("entities/x.md", '<a title="&lt;b id=&quot;p9&quot;&gt;" href="#x">a tooltip</a>', text_pages)
    check_anchors("entities/x.md", '<p data-id="p9" id="note-p9">the attribute id only</p>', text_pages)
    with pytest.raises(PluginError, match=r"docs/entities/x\.md: carries the paragraph anchor 'p5'"):
        check_anchors("entities/x.md", '<p id="p5">¶5 in prose</p>', text_pages)
    with pytest.raises(PluginError, match=r"docs/entities/x\.md: carries the paragraph anchor 'p6'"):
        check_anchors("entities/x.md", '<span\n  class="x" id="p6">on a second line</span>', text_pages)
    with pytest.raises(PluginError, match=r"docs/text/one\.md: the id 'p1' occurs twice"):
        check_anchors("text/one.md", '<p id="p1">a</p><div id="p1">b</div>', text_pages)


def test_every_page_of_the_edition_keeps_paragraph_anchors_on_the_text(built_site):
    for page in built_site.rglob("*.html"):
        rel = page.relative_to(built_site).as_posix()
        ids = parse(page).xpath("//@id")
        assert len(ids) == len(set(ids)), rel
        if not rel.startswith("text/"):
            assert not [i for i in ids if i[:1] == "p" and i[1:].isdigit()], rel


def make(target: str, edition: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, EDITION=str(edition), NO_MKDOCS_2_WARNING="1")
    return subprocess.run(["make", "-s", target], cwd=ROOT, env=env, capture_output=True, text=True)


def test_make_register_records_a_new_edition_and_never_drops_an_entry(tmp_path):
    edition = bare_edition(tmp_path / "bare", ["A.", "B.", "C."], [("one", "One", 1), ("two", "Two", 2)])
    result = make("register", edition)
    assert result.returncode == 0, result.stderr
    register = yaml.safe_load((tmp_path / "bare" / "published.yml").read_text())
    assert register["anchors"] == {"p1": {"page": "text/one/", "text": register["anchors"]["p1"]["text"]},
                                   "p2": {"page": "text/two/", "text": register["anchors"]["p2"]["text"]},
                                   "p3": {"page": "text/two/", "text": register["anchors"]["p3"]["text"]}}
    assert "text/one/" in register["pages"] and "" in register["pages"]
    # A breaking change is not made acceptable by recording it.
    edit_yaml(tmp_path / "bare" / "sections.yml", lambda d: d["sections"][1].update(slug="renamed"))
    result = make("register", edition)
    assert result.returncode != 0 and "published page 'text/two/' would disappear" in result.stderr
    assert yaml.safe_load((tmp_path / "bare" / "published.yml").read_text()) == register


def test_make_report_lists_the_names_left_unlinked(tmp_path):
    result = make("report", ROOT / "seeds" / "edition.yml")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Capitalised names that link to no entry: 0\n")
    assert "Left unlinked on purpose (edition.yml 'unlinked'):" in result.stdout and "Soviet (" in result.stdout
    seeds = tmp_path / "seeds"
    copy_seeds(seeds)
    edit_yaml(seeds / "entities" / "people.yml",
              lambda d: [e.update(forms=[]) for e in d["entities"] if e["id"] == "robert-coulondre"])
    result = make("report", seeds / "edition.yml")
    assert "Colande: ¶45" in result.stdout and "Cowlande: ¶46" in result.stdout


def test_make_release_checks_the_register_and_the_version_then_tags(tmp_path):
    repo = tmp_path / "repo"
    edition = bare_edition(repo / "bare", ["A.", "B."], [("one", "One", 1)])
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@e", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@e")

    def run(*cmd):
        return subprocess.run(cmd, cwd=repo, env=env, capture_output=True, text=True)

    def release():
        return subprocess.run([sys.executable, "-m", "build_scripts.release", "--repo", str(repo)], cwd=ROOT,
                              env=dict(env, EDITION=str(edition)), capture_output=True, text=True)
    run("git", "init", "-q")
    run("git", "add", "-A")
    run("git", "commit", "-qm", "edition")
    result = release()  # never registered: refused
    assert result.returncode == 1 and "the register lacks 9 anchors or pages of this build (p1, p2, (home page)" in result.stderr
    assert make("register", edition).returncode == 0
    result = release()  # registered, not committed: refused
    assert result.returncode == 1 and "uncommitted changes" in result.stderr
    run("git", "commit", "-qam", "register")
    result = release()
    assert result.returncode == 0, result.stderr
    assert run("git", "tag", "--list").stdout.split() == ["v1.0"]
    result = release()  # the same version twice: refused
    assert result.returncode == 1 and "version 1.0 is already released" in result.stderr
