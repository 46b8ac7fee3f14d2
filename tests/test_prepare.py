"""The prepare stage writes everything a renderer needs as files (its folder of pages, the downloads, the anchor map,
the redirects) and returns the edition's settings; the renderer's configuration is mkdocs.yml with those settings in
place, usable by a renderer that runs no MkDocs hooks (Zensical). Bad data writes nothing."""
import json

import pytest
import yaml

from build_scripts.build import prepare
from build_scripts.commands import build as build_command
from build_scripts.errors import EditionError
from build_scripts.renderer.config import load_base, renderer_config, write_config
from conftest import BUILD_DAY, ROOT, SITE_URL, edit_yaml
from html_reading import declared_texts
from test_permanence import seeds  # noqa: F401 (a fixture)


def files(folder) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def prepared(seeds, tmp_path):  # noqa: F811
    edit_yaml(seeds / "edition.yml", lambda d: d.update(title='A <b>"bold"</b> title', colours={"primary": "teal"}))
    docs = tmp_path / "docs"
    return prepare(seeds / "edition.yml", docs, SITE_URL), docs, seeds


def test_the_renderers_folder_holds_every_page_and_file_of_the_edition(prepared):
    result, docs, seeds = prepared
    # What the edition's data says there is, read here from its files.
    sections = [s["slug"] for s in yaml.safe_load((seeds / "sections.yml").read_text())["sections"]]
    entities = [e["id"] for f in (seeds / "entities").glob("*.yml") for e in yaml.safe_load(f.read_text())["entities"]]
    own_pages = {p.name for p in (seeds / "pages").glob("*.md")}
    redirects = yaml.safe_load((seeds / "published.yml").read_text())["redirects"]
    key = yaml.safe_load((seeds / "edition.yml").read_text())["citation"]["key"]
    texts = declared_texts(seeds / "edition.yml")  # the memoir, then the record's documents (record/record.yml)
    claims = [c["id"] for c in yaml.safe_load((seeds / "record" / "claims.yml").read_text())["claims"]]
    written = files(docs)
    assert {f"text/{s}.md" for s in sections} | {"text/all.md"} <= written
    assert {f"{t['page']}.md" for t in texts if t["part"]} | {"record/index.md"} <= written
    assert {f"dossier/{c}.md" for c in claims} | {"dossier/index.md"} <= written
    assert {f"entities/{e}.md" for e in entities} <= written
    assert own_pages <= written
    assert {f"{old}index.html" for old in redirects} <= written
    assert {f"downloads/{key}.tei.xml", f"downloads/{key}-glossary.json", f"downloads/{key}-glossary.csv",
            f"downloads/{key}-claims.jsonld", "assets/anchors.json", ".generated.json"} <= written
    assert result.written == len(written - {".generated.json", ".keep"})  # every page and file once, not the folder's own two
    # Each text is offered byte for byte, one file a text, named by its id.
    assert {f"downloads/{key}-{t['id']}.txt" for t in texts} == {f for f in written if f.endswith(".txt")}
    for t in texts:
        assert (docs / "downloads" / f"{key}-{t['id']}.txt").read_bytes() == t["bytes"], t["id"]
    # The anchor map names each paragraph's page (the memoir's on its sections', each record document's on its
    # own); a name links to its entry relative to the page.
    anchors = json.loads((docs / "assets" / "anchors.json").read_text())
    assert anchors["p1"] == f"text/{sections[0]}/" and len(anchors) == len(result.edition.paragraphs)
    assert len(anchors) == sum(len(t["paragraphs"]) for t in texts)
    for t in texts[1:]:
        assert all(anchors[f"p{n}"] == f"{t['page']}/" for n, _ in t["paragraphs"]), t["id"]
    assert 'href="../../entities/robert-coulondre/"' in (docs / "text" / "carmen-at-the-bolshoi.md").read_text()


def test_the_renderer_configuration_carries_the_edition(prepared, tmp_path):
    result, docs, seeds = prepared
    site = tmp_path / "elsewhere"
    config = renderer_config(load_base(ROOT / "mkdocs.yml"), result.settings, ROOT, docs, site)
    assert config["site_name"] == 'A <b>"bold"</b> title'  # plain text: the hook or the templates escape it
    assert config["site_url"] == SITE_URL
    assert (config["docs_dir"], config["site_dir"]) == (str(docs), str(site))
    assert config["theme"]["custom_dir"] == str(ROOT / "overrides") and config["theme"]["language"] == "en"
    assert config["hooks"] == [str(ROOT / "build_scripts" / "renderer" / "mkdocs_hooks.py")]
    assert config["nav"][0] == {"Home": "index.md"}
    text = config["nav"][1]["The text"]
    assert text[0] == {"Contents": "contents.md"} and text[-1] == {"Print the whole edition": "text/all.md"}
    sections = yaml.safe_load((seeds / "sections.yml").read_text())["sections"]
    assert text[1:-1] == [{s["title"]: f"text/{s['slug']}.md"} for s in sections]
    palettes = config["theme"]["palette"]
    assert [(p["primary"], p["accent"], p["toggle"]["name"]) for p in palettes] == [
        ("teal", "indigo", "Switch to dark mode"), ("teal", "indigo", "Switch to light mode")]
    assert [p["scheme"] for p in palettes] == ["default", "slate"]  # the base's palettes, coloured
    extra = config["extra"]
    assert extra["edition_labels"]["gap"] == "Words missing from the source"
    version = yaml.safe_load((seeds / "versions.yml").read_text())["versions"][-1]["version"]
    assert extra["edition_version"] == f"Version {version}, built {BUILD_DAY}"
    assert json.loads(extra["edition_script_words"])["cite"] == "Cite"
    assert extra["edition_licence"] == {"before": "The editorial apparatus: ", "name": "CC BY 4.0",
                                        "url": "https://creativecommons.org/licenses/by/4.0/", "after": ""}
    # No Markdown extension and no plugin of the engine's: the pages are HTML already, search is the edition's own.
    assert not [e for e in config["markdown_extensions"] if "build_scripts" in str(e)]
    assert config["plugins"] == []
    # Written out, it is plain YAML a renderer without hooks reads the same.
    plain = renderer_config(load_base(ROOT / "mkdocs.yml"), result.settings, ROOT, docs, site, hooks=False)
    assert "hooks" not in plain
    written = yaml.safe_load(write_config(tmp_path / "renderer.yml", plain).read_text(encoding="utf-8"))
    assert written == plain


def test_bad_data_writes_nothing(seeds, tmp_path):  # noqa: F811
    edit_yaml(seeds / "edition.yml", lambda d: d.update(colours={"primary": "chartreuse"}))
    docs = tmp_path / "docs"
    with pytest.raises(EditionError, match=r"^seeds/edition\.yml:\d+: colours\.primary"):
        prepare(seeds / "edition.yml", docs, SITE_URL)
    assert not docs.exists()


def test_bad_data_leaves_the_renderers_folder_of_the_last_build_as_it_was(seeds, tmp_path):  # noqa: F811
    docs = tmp_path / "docs"
    prepare(seeds / "edition.yml", docs, SITE_URL)
    before = {p: p.read_bytes() for p in docs.rglob("*") if p.is_file()}
    edit_yaml(seeds / "edition.yml", lambda d: d.update(colours={"primary": "chartreuse"}))
    with pytest.raises(EditionError):
        prepare(seeds / "edition.yml", docs, SITE_URL)
    assert {p: p.read_bytes() for p in docs.rglob("*") if p.is_file()} == before


def test_the_build_command_prints_one_error_and_writes_nothing(seeds, tmp_path, capsys):  # noqa: F811
    edit_yaml(seeds / "edition.yml", lambda d: d.update(colours={"primary": "chartreuse"}))
    site, docs = tmp_path / "out" / "site", tmp_path / "out" / "docs"
    assert build_command.main([str(seeds), "--site-dir", str(site), "--docs-dir", str(docs),
                               "--site-url", SITE_URL]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: seeds/edition.yml:") and "colours.primary" in err and ". Fix: " in err
    assert err.count("\n") == 1, err
    assert not site.exists() and not docs.exists()
    assert not list((tmp_path / "out").glob(".build[~-]*")), "the build's own folder was left behind"
