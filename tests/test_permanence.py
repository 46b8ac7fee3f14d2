"""Links never break: the register refuses a breaking change, accepts a redirect, and old `page#pN` links land on
the paragraph's new page in a real browser, served as deployed."""
import json
from pathlib import Path

import pytest
import yaml

from build_scripts.build import published_state, read_edition
from build_scripts.errors import EditionError
from conftest import SITE_URL, build_site, copy_seeds, edit_yaml, marked, serve
from html_reading import parse


# Shared with test_edges.py and test_prepare.py (a candidate for conftest.py; test_bad_input.py has its own copy).
@pytest.fixture
def seeds(tmp_path) -> Path:
    """A private copy of the project's edition (seeds/), which a test may break."""
    copy_seeds(tmp_path / "seeds")
    return tmp_path / "seeds"


def checked(seeds):
    """What a build does before rendering anything: load, annotate, and check the register against the site's
    plan (its page paths, not its pages)."""
    return published_state(read_edition(seeds / "edition.yml", SITE_URL))


def rename_section(seeds, index, new_slug):
    old = yaml.safe_load((seeds / "sections.yml").read_text())["sections"][index]["slug"]
    edit_yaml(seeds / "sections.yml", lambda d: d["sections"][index].update(slug=new_slug))
    return old


def test_the_unchanged_edition_keeps_every_promise_of_its_register(seeds):
    register, now, redirects, _ = checked(seeds)
    data = yaml.safe_load((seeds / "published.yml").read_text(encoding="utf-8"))  # read here, not by the loader
    assert set(data["anchors"]) <= set(now.anchors)
    assert {k: v["page"] for k, v in data["anchors"].items()} == {k: now.anchors[k][0] for k in data["anchors"]}
    assert set(data["pages"]) - set(data["redirects"]) <= set(now.pages)
    assert redirects == data["redirects"]


def test_renaming_a_section_without_redirect_is_refused(seeds):
    old = rename_section(seeds, 2, "renamed-journey")
    with pytest.raises(EditionError, match=rf"^seeds/published\.yml:\d+: pages\[\d+\]: published page 'text/{old}/' "
                                           r"would disappear without a redirect\. Fix: restore it, or add under "
                                           r"'redirects:'"):
        checked(seeds)


def test_removing_an_entity_page_without_redirect_is_refused(seeds):
    path = seeds / "entities" / "works.yml"  # Carmen: no other entry relates to it by id
    edit_yaml(path, lambda d: d["entities"][0].update(id="carmen-renamed", related=[]))
    for other in (seeds / "entities").glob("*.yml"):
        edit_yaml(other, lambda d: [e.update(related=[r for r in e.get("related", []) if r != "carmen"])
                                    for e in d["entities"]])
    with pytest.raises(EditionError, match=r"^seeds/published\.yml:\d+: pages\[\d+\]: published page 'entities/carmen/' "
                                           r"would disappear"):
        checked(seeds)


def test_a_changed_paragraph_text_is_refused(seeds):
    # A register whose fingerprint of ¶3 differs: the build refuses to publish other words under the same anchor.
    edit_yaml(seeds / "published.yml", lambda d: d["anchors"]["p3"].update(text="0000000000000000"))
    with pytest.raises(EditionError, match=r"^seeds/published\.yml:\d+: anchors\.p3: the text of published anchor p3 "
                                           r"has changed"):
        checked(seeds)


def test_a_removed_paragraph_is_refused(seeds):
    # A register that holds an anchor the text no longer has (as after a source shortened by one line).
    edit_yaml(seeds / "published.yml", lambda d: d["anchors"].update(
        {"p999": {"page": "text/hopes-for-the-mission/", "text": "0000000000000000"}}))
    with pytest.raises(EditionError, match=r"^seeds/published\.yml:\d+: anchors\.p999: published anchor p999 "
                                           r"\(on text/hopes-for-the-mission/\) would disappear"):
        checked(seeds)


def test_a_redirect_target_must_exist(seeds):
    edit_yaml(seeds / "published.yml", lambda d: d["redirects"].update({"text/gone/": "text/nowhere/"}))
    with pytest.raises(EditionError, match=r"^seeds/published\.yml:\d+: redirects\.text/gone/: redirect target "
                                           r"'text/nowhere/' is not a page"):
        checked(seeds)


def test_an_emptied_register_is_refused(seeds):
    # The register of a published edition (`make register` records the version), emptied by a bad merge: the
    # check is never silently switched off.
    edit_yaml(seeds / "published.yml", lambda d: d.update(anchors={}, pages=[], recorded_for="1.0"))
    with pytest.raises(EditionError, match=r"^seeds/published\.yml:\d+: anchors: the register was recorded for "
                                           r"version 1\.0 but lists no anchor"):
        checked(seeds)


@pytest.fixture
def renamed_with_redirect(seeds, tmp_path):
    old = rename_section(seeds, 2, "renamed-journey")
    edit_yaml(seeds / "published.yml", lambda d: d["redirects"].update({f"text/{old}/": "text/renamed-journey/"}))
    build_site(tmp_path / "site", seeds / "edition.yml")
    return tmp_path / "site", old


def test_a_redirect_is_accepted_and_written(renamed_with_redirect, edition):
    site, old = renamed_with_redirect
    page = site / "text" / old / "index.html"
    doc = parse(page)
    # Without script: a refresh to the new page, relative to the old one; with script, the data the redirect reads.
    assert doc.xpath("//link[@rel='canonical']/@href") == ["../../text/renamed-journey/"]
    assert doc.xpath("//noscript/meta[@http-equiv='refresh']/@content") == ["0; url=../../text/renamed-journey/"]
    assert doc.xpath("//meta[@name='robots']/@content") == ["noindex"]
    # It names an icon of the site's own, so that no browser asks for /favicon.ico, which lies outside the site
    # when it is served under a path (a 404 on the way through).
    icons = doc.xpath("//link[contains(concat(' ', @rel, ' '), ' icon ')]/@href")
    assert icons and (page.parent / icons[0]).resolve().is_file(), icons
    data = json.loads(doc.xpath("//script[@id='ed-redirect']")[0].text)
    assert data == {"root": "../../", "fallback": "text/renamed-journey/", "map": "assets/anchors.json"}
    # The map names the new page of every paragraph of the renamed section.
    anchors = json.loads((site / "assets" / "anchors.json").read_text(encoding="utf-8"))
    s = edition.sections[2]
    assert {n: anchors[f"p{n}"] for n in range(s.first, s.last + 1)} == \
        {n: "text/renamed-journey/" for n in range(s.first, s.last + 1)}
    assert (site / "text" / "renamed-journey" / "index.html").is_file()


@pytest.mark.browser
def test_old_address_of_a_renamed_page_lands_on_the_paragraph(renamed_with_redirect, page, edition):
    site, old = renamed_with_redirect
    base, server = serve(site)
    try:
        n = edition.sections[2].first + 1
        page.goto(f"{base}/text/{old}/#p{n}")
        page.wait_for_url(f"**/text/renamed-journey/#p{n}")
        marked(page, f"p{n}")
    finally:
        server.shutdown()


@pytest.mark.browser
def test_a_paragraph_moved_to_another_page_is_found_from_its_old_page(seeds, tmp_path, page, edition):
    # Move the first paragraph of section 3 back into section 2: the old link text/<s3>/#pN must still land.
    s3 = edition.sections[2]
    edit_yaml(seeds / "sections.yml", lambda d: d["sections"][2].update(first=s3.first + 1))
    build_site(tmp_path / "site", seeds / "edition.yml")
    base, server = serve(tmp_path / "site")
    try:
        n = s3.first
        page.goto(f"{base}/text/{s3.slug}/#p{n}")
        page.wait_for_url(f"**/text/{edition.sections[1].slug}/#p{n}")
        marked(page, f"p{n}")
    finally:
        server.shutdown()
