"""A rebuild renders again only the pages that changed (renderer/reuse.py), and what it publishes is byte for byte
what a whole build of the same data publishes: after an edit of a note's words, after an edit that changes the
navigation, and after a page of the published site was changed by hand."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import build_site, copy_seeds, edit_yaml


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def same_as_whole_build(site: Path, edition: Path, tmp: Path) -> None:
    clean = tmp / f"clean-{len(list(tmp.glob('clean-*')))}" / "site"
    whole = build_site(clean, edition)
    assert whole.reused == 0
    mine, theirs = files(site), files(clean)
    assert sorted(mine) == sorted(theirs)
    differ = [name for name in mine if mine[name] != theirs[name]]
    assert differ == []


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("rebuild")
    edition = copy_seeds(tmp / "edition")
    site = tmp / "published" / "site"
    first = build_site(site, edition)
    return tmp, edition, site, first


def test_a_rebuild_renders_only_the_pages_whose_markdown_changed(rebuilt):
    tmp, edition, site, first = rebuilt
    assert first.reused == 0  # no last build: a whole render
    notes = edition.parent / "notes.yml"
    edit_yaml(notes, lambda d: d["notes"][0].update(text=d["notes"][0]["text"] + " Quintessentially rebuilt."))
    again = build_site(site, edition)
    # The note shows on two pages, its paragraph's and the whole text's; every other page is the last build's.
    shown = [p.relative_to(site).as_posix() for p in site.rglob("*.html")
             if "Quintessentially rebuilt." in p.read_text(encoding="utf-8")]
    assert "text/all/index.html" in shown and len(shown) == 2
    markdown_pages = [p for p in again.prepared.site.pages if p.endswith(".md")]
    assert again.reused == len(markdown_pages) - 2
    same_as_whole_build(site, edition, tmp)


def test_a_change_to_the_navigation_renders_every_page_again(rebuilt):
    tmp, edition, site, _ = rebuilt
    sections = edition.parent / "sections.yml"
    edit_yaml(sections, lambda d: d["sections"][0].update(title=d["sections"][0]["title"] + " (retitled)"))
    again = build_site(site, edition)
    assert again.reused == 0
    assert "(retitled)" in (site / "404.html").read_text(encoding="utf-8")  # the navigation of every page
    same_as_whole_build(site, edition, tmp)


def test_a_page_changed_in_the_published_site_is_rendered_again(rebuilt):
    tmp, edition, site, _ = rebuilt
    build_site(site, edition)  # the last build's record is of this site as it stands
    page = site / "bibliography" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</body>", "<p>changed by hand</p></body>"),
                    encoding="utf-8")
    again = build_site(site, edition)
    assert again.reused > 0
    assert "changed by hand" not in page.read_text(encoding="utf-8")
    same_as_whole_build(site, edition, tmp)
