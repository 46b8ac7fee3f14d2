"""Links never break: the register refuses a breaking change, accepts a redirect, and old
`page#pN` links land on the paragraph's new page in a real browser."""
import pytest
import yaml

from conftest import mkdocs_build
from test_bad_input import edit_yaml, fails_cleanly


def rename_section(project, index, new_slug):
    old = yaml.safe_load((project / "seeds" / "sections.yml").read_text())["sections"][index]["slug"]
    edit_yaml(project / "seeds" / "sections.yml", lambda d: d["sections"][index].update(slug=new_slug))
    return old


def test_renaming_a_section_without_redirect_is_refused(project):
    old = rename_section(project, 2, "renamed-journey")
    fails_cleanly(project, rf"seeds/published\.yml:\d+: pages\[\d+\]: published page 'text/{old}/' would disappear without a redirect")


def test_removing_an_entity_page_without_redirect_is_refused(project):
    folder = project / "seeds" / "entities"
    files = sorted(folder.glob("*.yml"))
    data = {f: yaml.safe_load(f.read_text()) for f in files}
    referenced = {r for d in data.values() for e in d["entities"] for r in e.get("related") or []}
    path, i, old = next((f, i, e["id"]) for f, d in data.items() for i, e in enumerate(d["entities"]) if e["id"] not in referenced)
    edit_yaml(path, lambda d: d["entities"][i].update(id=old + "-renamed"))
    fails_cleanly(project, rf"published\.yml:\d+: pages\[\d+\]: published page 'entities/{old}/' would disappear")


def test_a_redirect_target_must_exist(project):
    edit_yaml(project / "seeds" / "published.yml", lambda d: d["redirects"].update({"text/gone/": "text/nowhere/"}))
    fails_cleanly(project, r"published\.yml:\d+: redirects\.text/gone/: redirect target 'text/nowhere/' is not a page")


@pytest.fixture
def renamed_with_redirect(project):
    old = rename_section(project, 2, "renamed-journey")
    edit_yaml(project / "seeds" / "published.yml",
              lambda d: d["redirects"].update({f"text/{old}/": "text/renamed-journey/"}))
    result = mkdocs_build(project, project / "site")
    assert result.returncode == 0, result.stderr
    return project, old


def test_a_redirect_is_accepted_and_written(renamed_with_redirect):
    project, old = renamed_with_redirect
    page = project / "site" / "text" / old / "index.html"
    assert page.is_file()
    assert "../../text/renamed-journey/" in page.read_text()


@pytest.fixture
def served(request):
    from conftest import _QuietHandler
    import socket
    import threading
    from functools import partial
    from http.server import ThreadingHTTPServer

    def serve(folder):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        server = ThreadingHTTPServer(("127.0.0.1", port), partial(_QuietHandler, directory=str(folder)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        request.addfinalizer(server.shutdown)
        return f"http://127.0.0.1:{port}"
    return serve


@pytest.mark.browser
def test_old_address_of_a_renamed_page_lands_on_the_paragraph(renamed_with_redirect, served, page, edition):
    project, old = renamed_with_redirect
    base = served(project / "site")
    n = edition.sections[2].first + 1
    page.goto(f"{base}/text/{old}/#p{n}")
    page.wait_for_url(f"**/text/renamed-journey/#p{n}")
    page.wait_for_function(f"document.getElementById('p{n}').classList.contains('ed-target')")


@pytest.mark.browser
def test_a_paragraph_moved_to_another_page_is_found_from_its_old_page(project, served, page, edition):
    # Move the first paragraph of section 3 back into section 2: the old link text/<s3>/#pN must still land.
    s3 = edition.sections[2]
    edit_yaml(project / "seeds" / "sections.yml", lambda d: d["sections"][2].update(first=s3.first + 1))
    result = mkdocs_build(project, project / "site")
    assert result.returncode == 0, result.stderr
    base = served(project / "site")
    n = s3.first
    page.goto(f"{base}/text/{s3.slug}/#p{n}")
    page.wait_for_url(f"**/text/{edition.sections[1].slug}/#p{n}")
    page.wait_for_function(f"document.getElementById('p{n}').classList.contains('ed-target')")
