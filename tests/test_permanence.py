"""Links never break: the register refuses a breaking change, accepts a redirect, and old `page#pN` links land on
the paragraph's new page in a real browser, served as deployed."""
import pytest
import yaml

from build_scripts.edition import load_edition
from build_scripts.errors import EditionError
from build_scripts.permanence import check, current_state, load_register
from build_scripts.render_pages import render_site
from conftest import SITE_URL, copy_seeds, edit_yaml, marked, mkdocs_build, serve


@pytest.fixture
def seeds(tmp_path):
    copy_seeds(tmp_path / "seeds")
    return tmp_path / "seeds"


def checked(seeds):
    """What a build does before writing anything: load, render, and check the register."""
    ed = load_edition(seeds / "edition.yml")
    site = render_site(ed, SITE_URL)
    register, doc = load_register(seeds / "published.yml", ed.register_label)
    return check(register, doc, current_state(ed, site.page_for_paragraph, list(site.pages)))


def rename_section(seeds, index, new_slug):
    old = yaml.safe_load((seeds / "sections.yml").read_text())["sections"][index]["slug"]
    edit_yaml(seeds / "sections.yml", lambda d: d["sections"][index].update(slug=new_slug))
    return old


def test_renaming_a_section_without_redirect_is_refused(seeds):
    old = rename_section(seeds, 2, "renamed-journey")
    with pytest.raises(EditionError, match=rf"seeds/published\.yml:\d+: pages\[\d+\]: published page 'text/{old}/' would "
                                           r"disappear without a redirect\. Fix: restore it, or add under 'redirects:'"):
        checked(seeds)


def test_removing_an_entity_page_without_redirect_is_refused(seeds):
    path = seeds / "entities" / "works.yml"  # Carmen: no other entry relates to it by id
    edit_yaml(path, lambda d: d["entities"][0].update(id="carmen-renamed", related=[]))
    for other in (seeds / "entities").glob("*.yml"):
        edit_yaml(other, lambda d: [e.update(related=[r for r in e.get("related", []) if r != "carmen"]) for e in d["entities"]])
    with pytest.raises(EditionError, match=r"published\.yml:\d+: pages\[\d+\]: published page 'entities/carmen/' would disappear"):
        checked(seeds)


def test_a_changed_paragraph_text_is_refused(seeds):
    # A register whose fingerprint of ¶3 differs: the build refuses to publish other words under the same anchor.
    edit_yaml(seeds / "published.yml", lambda d: d["anchors"]["p3"].update(text="0000000000000000"))
    with pytest.raises(EditionError, match=r"published\.yml:\d+: anchors\.p3: the text of published anchor p3 has changed"):
        checked(seeds)


def test_a_redirect_target_must_exist(seeds):
    edit_yaml(seeds / "published.yml", lambda d: d["redirects"].update({"text/gone/": "text/nowhere/"}))
    with pytest.raises(EditionError, match=r"published\.yml:\d+: redirects\.text/gone/: redirect target 'text/nowhere/' is not a page"):
        checked(seeds)


@pytest.fixture
def renamed_with_redirect(seeds, tmp_path):
    old = rename_section(seeds, 2, "renamed-journey")
    edit_yaml(seeds / "published.yml", lambda d: d["redirects"].update({f"text/{old}/": "text/renamed-journey/"}))
    result = mkdocs_build(tmp_path / "site", seeds / "edition.yml")
    assert result.returncode == 0, result.stderr
    return tmp_path / "site", old


def test_a_redirect_is_accepted_and_written(renamed_with_redirect):
    site, old = renamed_with_redirect
    page = site / old.join(["text/", "/index.html"])
    assert page.is_file()
    html = page.read_text()
    assert 'href="../../text/renamed-journey/"' in html and '"fallback": "text/renamed-journey/"' in html


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
    result = mkdocs_build(tmp_path / "site", seeds / "edition.yml")
    assert result.returncode == 0, result.stderr
    base, server = serve(tmp_path / "site")
    try:
        n = s3.first
        page.goto(f"{base}/text/{s3.slug}/#p{n}")
        page.wait_for_url(f"**/text/{edition.sections[1].slug}/#p{n}")
        marked(page, f"p{n}")
    finally:
        server.shutdown()
