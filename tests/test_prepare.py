"""The build script writes everything a renderer needs as files: docs/, and mkdocs.yml with the edition's
settings in place, for a renderer that runs no MkDocs hooks (Zensical)."""
import json
import os
import subprocess
import sys

import yaml

from conftest import ROOT, SITE_URL, copy_seeds, edit_yaml


def prepare(tmp_path, edition_file):
    docs, out = tmp_path / "docs", tmp_path / "renderer.yml"
    env = dict(os.environ, EDITION=str(edition_file), DOCS_DIR=str(docs), SITE_URL=SITE_URL)
    result = subprocess.run([sys.executable, "-m", "build_scripts.prepare", "--config-out", str(out),
                             "--site-dir", "elsewhere"], cwd=ROOT, capture_output=True, text=True, env=env)
    return result, docs, out


def test_the_renderer_configuration_carries_the_edition(tmp_path):
    edition_file = copy_seeds(tmp_path / "seeds")
    edit_yaml(edition_file, lambda d: d.update(title='A <b>"bold"</b> title', colours={"primary": "teal"}))
    result, docs, out = prepare(tmp_path, edition_file)
    assert result.returncode == 0, result.stderr
    config = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert config["site_name"] == 'A <b>"bold"</b> title'  # plain text: the renderer's templates escape it
    assert config["site_dir"] == "elsewhere" and "hooks" not in config
    assert config["nav"][0] == {"Home": "index.md"}
    assert {"Opening the negotiations": "text/opening-negotiations.md"} in config["nav"][1]["The text"]
    palettes = config["theme"]["palette"]
    assert [(p["primary"], p["accent"], p["toggle"]["name"]) for p in palettes] == [
        ("teal", "indigo", "Switch to dark mode"), ("teal", "indigo", "Switch to light mode")]
    extension = next(e for e in config["markdown_extensions"] if isinstance(e, dict)
                     and "build_scripts.markdown_edition" in e)["build_scripts.markdown_edition"]
    assert extension["names"]["robert-coulondre"]["href"] == "/entities/robert-coulondre.md"
    assert config["extra"]["edition_labels"]["gap"] == "Words missing from the source"
    # The pages, and what the MkDocs hook does after Markdown, as data.
    assert (docs / "text" / "opening-negotiations.md").is_file()
    data = json.loads((docs / ".edition" / "pages.json").read_text(encoding="utf-8"))
    assert data["gathers"]["text/all.md"][0] == "text/hopes-for-the-mission.md"
    assert [e["location"] for e in data["search"]["text/hopes-for-the-mission.md"]][:3] == ["", "#p1", "#p2"]


def test_bad_data_writes_nothing(tmp_path):
    edition_file = copy_seeds(tmp_path / "seeds")
    edit_yaml(edition_file, lambda d: d.update(colours={"primary": "chartreuse"}))
    result, docs, out = prepare(tmp_path, edition_file)
    assert result.returncode == 1
    assert result.stderr.startswith("error: seeds/edition.yml:") and "colours.primary" in result.stderr
    assert not docs.exists() and not out.exists()
