"""Escaping you can prove: the hostile edition generated from the schema (tests/hostile_edition.py) — every text
field of every data file, the source text and the pages, each given every payload — is refused clearly where the
rules say so, and otherwise builds into a site where every string comes out literally, no script of the data runs
and no link or resource leaves the rules, in every output and every view a reader opens."""
from __future__ import annotations

import json
import re
import typing
from pathlib import Path

import lxml.html
import pytest
import yaml
from lxml import etree

from build_scripts.finish.check import known_scripts, skeleton
from build_scripts.load import schema
from conftest import _free_port, assert_tei_valid, build_site, serve
from hostile_edition import FILES, PAYLOADS, file_keys, generate, one_line, text_fields

# The payloads the generator must hold: remove one from the generator and this test fails.
EXPECTED = {"html", "close-title", "attribute-break", "js-link", "js-link-entity", "js-link-colon", "js-autolink",
            "js-reference", "attr-list", "image", "braces", "private-use", "bidi-override", "bidi-isolate",
            "zero-width", "entities", "markdown", "non-source", "line-break"}
# Payloads that must never be accepted anywhere in the data (the schema or the loader refuses them).
NEVER = {"private-use", "bidi-override", "non-source"}
HOST = "127.0.0.1"
# Text that is a key of a mapping, not a value: the reason a host is never a source, shown in build errors only.
KEYS_ONLY = {("NonSourcesIn", "hosts")}


@pytest.fixture(scope="module", params=[0, 1], ids=["forward", "reversed"])
def hostile(request, tmp_path_factory):
    """The generated edition (payloads in order, then reversed: each at the start and at the end of its field),
    and its built site, served."""
    folder = tmp_path_factory.mktemp("hostile") / "edition"
    site_url = f"http://{HOST}:{_free_port()}/h/"
    generated = generate(folder, site_url, order=request.param)
    site = folder.parent / "site"
    build_site(site, generated.edition, site_url)
    return generated, site, site_url


def test_the_generator_holds_every_payload():
    assert set(PAYLOADS) == EXPECTED


def test_every_data_file_of_the_schema_is_generated():
    """A new kind of data file (a path key of the edition file) must be known to the generator."""
    keys = set(file_keys()) - {("source",), ("pages",), ("texts",)}
    keys = {k for k in keys if k[0] != "texts"}
    assert keys == set(FILES), "a data file the hostile edition does not cover"


def test_every_text_field_of_every_model_is_reached(hostile):
    """Every text field of every model reachable from the files gets payloads (the generator adds a field the base
    edition leaves out); a field the base edition cannot reach is named here."""
    generated, _, _ = hostile
    reached = {(f.model.__name__, f.loc[len(f.item)] if len(f.loc) > len(f.item) else f.loc[-1])
               for f in generated.fields}
    missing = []
    for model in _models(schema.EditionIn) | set(FILES.values()):
        for name, info in model.model_fields.items():
            if (model.__name__, name) in KEYS_ONLY:
                continue
            if _has_text(info) and (model.__name__, name) not in reached:
                missing.append(f"{model.__name__}.{name}")
    assert not missing, f"text fields the hostile base edition never holds: {missing} (add them to tests/fixtures/hostile)"


def _models(model, seen=None) -> set:
    seen = set() if seen is None else seen
    if model in seen:
        return seen
    seen.add(model)
    for info in model.model_fields.values():
        for tp in _types(info.annotation):
            if isinstance(tp, type) and issubclass(tp, schema.BaseModel):
                _models(tp, seen)
    return seen


def _types(tp):
    yield tp
    for arg in typing.get_args(tp):
        yield from _types(arg)


def _has_text(info) -> bool:
    from hostile_edition import text_kind
    return bool(text_kind(info.annotation, info.metadata)) or any(
        typing.get_origin(t) is typing.Annotated and text_kind(t) for t in _types(info.annotation))


def test_every_payload_is_accepted_somewhere_or_refused_with_a_reason(hostile):
    generated, _, _ = hostile
    accepted = {n for f in generated.fields for n in f.accepted} | set(generated.text_payloads)
    refused = {n for _, n, _ in generated.refused}
    assert set(PAYLOADS) <= accepted | refused
    for field, name, message in generated.refused:
        assert message.strip(), (field, name)
    in_data = {n for f in generated.fields for n in f.accepted}
    assert not in_data & NEVER, f"accepted in the data: {in_data & NEVER}"
    assert in_data >= EXPECTED - NEVER - {"line-break"}, "a payload the data should hold somewhere"


def test_every_refusal_of_the_loader_names_file_line_and_fix(hostile):
    generated, _, _ = hostile
    for field, name, message in generated.refused:
        if "Fix:" in message:
            assert re.match(r"^[^:]+\.(yml|md|txt):\d+: .+\. Fix: .+", message), message


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_no_built_page_carries_script_an_unsafe_link_or_an_outside_resource(hostile):
    """Checked here independently of the build's own final check (finish/check.py)."""
    _, site, _ = hostile
    known = known_scripts()
    for page in pages(site):
        doc = lxml.html.fromstring(page.read_bytes())
        for el in doc.iter():
            if not isinstance(el.tag, str):
                continue
            for name, value in el.attrib.items():
                assert not name.lower().startswith("on"), (page, el.tag, name, value)
                if name in ("href", "src", "action", "{http://www.w3.org/1999/xlink}href"):
                    v = re.sub(r"[\x00-\x20]", "", value).lower()
                    assert not re.match(r"^(javascript|data|vbscript|file):", v), (page, value)
                    assert not v.startswith("//"), (page, value)
                    if name == "src" or el.tag == "link" and "stylesheet" in (el.get("rel") or ""):
                        assert not re.match(r"^https?:", v), (page, value)
            if el.tag == "script" and el.get("src") is None and el.get("type") != "application/json":
                assert skeleton(el.text or "") in known, (page, (el.text or "")[:80])
            assert el.tag not in ("iframe", "object", "embed", "base"), page


def visible_text(site: Path) -> str:
    out = []
    for page in pages(site):
        doc = lxml.html.fromstring(page.read_bytes())
        for bad in doc.xpath("//script|//style"):
            bad.drop_tree()
        out.append(" ".join(doc.text_content().split()))
    return "\n".join(out)


def everything_written(site: Path) -> str:
    """Every text a reader or a tool gets: the pages' text and attribute values (titles, tooltips, metadata, the
    Cite panel's data), the TEI's text, the glossary's JSON."""
    out = [visible_text(site)]
    for page in pages(site):
        for el in lxml.html.fromstring(page.read_bytes()).iter():
            if isinstance(el.tag, str):
                out += [" ".join(v.split()) for v in el.attrib.values()]
    for tei in (site / "downloads").glob("*.tei.xml"):
        out.append(" ".join(etree.parse(str(tei)).getroot().xpath("string()").split()))
    for data in (site / "downloads").glob("*.json"):
        out.append(" ".join(json.dumps(json.loads(data.read_text(encoding="utf-8")), ensure_ascii=False).split()))
    return "\n".join(out)


def test_every_payload_a_line_holds_comes_out_as_written(hostile):
    generated, site, _ = hostile
    written_out = everything_written(site)
    missing = []
    for f in generated.fields:
        if f.kind != "line" or f.file.endswith("non_sources.yml"):
            continue
        for name in f.accepted:
            written = " ".join(one_line(PAYLOADS[name]).split())
            if written not in written_out:
                missing.append(f"{f.file}:{'.'.join(map(str, f.loc))}: {name}")
    assert not missing, missing


def test_the_source_text_comes_out_byte_for_byte_and_as_written(hostile):
    generated, site, _ = hostile
    text = visible_text(site)
    for name in generated.text_payloads:
        assert " ".join(one_line(PAYLOADS[name]).replace("**", "[…]").split()) in text, name
    downloads = list((site / "downloads").glob("*.txt"))
    edition = yaml.safe_load(generated.edition.read_text(encoding="utf-8"))
    named = [t["source"] for t in edition["texts"]] + [
        t["source"] for f in edition.get("text_files", [])
        for t in yaml.safe_load((generated.folder / f).read_text(encoding="utf-8"))["texts"]]
    sources = {(generated.folder / name).read_bytes() for name in named}
    assert downloads and {d.read_bytes() for d in downloads} == sources


def test_the_tei_is_valid_and_the_search_records_are_data(hostile, tei_schema):
    _, site, _ = hostile
    tei = etree.parse(str(next((site / "downloads").glob("*.tei.xml"))))
    assert_tei_valid(tei_schema, tei)
    glossary = json.loads(next((site / "downloads").glob("*-glossary.json")).read_text(encoding="utf-8"))
    assert glossary and all(isinstance(r["name"], str) for r in glossary)
    csv = next((site / "downloads").glob("*-glossary.csv")).read_text(encoding="utf-8")
    assert not re.search(r"^[=+\-@]", csv, re.M), "a CSV cell a spreadsheet would read as a formula"
    assert (site / "pagefind" / "pagefind-entry.json").is_file()


@pytest.mark.browser
def test_a_reader_opens_every_view_and_nothing_of_the_data_runs_or_loads(browser, hostile):
    generated, site, site_url = hostile
    base, server = serve(site, prefix="/h/", port=int(site_url.split(":")[2].split("/")[0]))
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    fired, outside, errors = [], [], []
    page.on("dialog", lambda d: (fired.append(d.message), d.dismiss()))
    page.on("request", lambda r: outside.append(r.url) if HOST not in r.url.split("/")[2] and
            not r.url.startswith(("data:", "blob:")) else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        for path in pages(site):
            if path.name != "index.html":
                continue
            rel = path.parent.relative_to(site).as_posix()
            page.goto(f"{base}/{'' if rel == '.' else rel + '/'}")
            page.wait_for_load_state("load")
            for el in page.locator("[data-ed-tip]").all()[:6]:  # tooltips, shown as text
                el.hover()
                tip = page.locator(".ed-tip")
                assert tip.count() == 1 and tip.locator("*").count() == 0
        page.goto(f"{base}/text/first/")
        page.locator("#p1").hover()
        page.click("#p1 button.ed-cite")
        dialog = page.locator("dialog.ed-cite-dialog")
        assert dialog.locator("img, script, svg, b").count() == 0
        page.keyboard.press("Escape")
        # The Search page: the first query from its address, the others typed into it (Pagefind loads once).
        queries = ("html", "alert", "javascript", "image", "onerror", "Hostile", "bold")
        page.goto(f"{base}/search/?q={queries[0]}")
        shown = None
        for query in queries:
            if shown:
                page.fill("#ed-search-page-input", query)
            page.wait_for_function("""old => { const b = document.getElementById('ed-search-page-results');
                const s = b.querySelector('.ed-search-status'); return s && s !== old && !b.hasAttribute('aria-busy'); }""",
                                   arg=shown)
            shown = page.evaluate_handle("document.querySelector('#ed-search-page-results .ed-search-status')")
            results = page.locator("#ed-search-page-results")
            assert results.locator("img, script, svg, b, iframe").count() == 0, query
        page.goto(f"{base}/text/first/")
        page.click(".ed-search-button")
        page.keyboard.type("html")
        page.wait_for_selector("dialog.ed-search-dialog .ed-search-status")
        assert page.locator("dialog.ed-search-dialog img").count() == 0
    finally:
        context.close()
        server.shutdown()
    assert not fired, f"a script of the data ran: {fired}"
    assert not outside, f"a request left the site: {outside}"
    assert not errors, errors
