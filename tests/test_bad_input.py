"""Bad input stops the build with one message naming file, line or key, and fix; nothing is half-written."""
import re
from pathlib import Path

import pytest
import yaml

from conftest import mkdocs_build


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def edit_yaml(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def line_of(path: Path, needle: str, nth: int = 1) -> int:
    lines = [i + 1 for i, l in enumerate(path.read_text(encoding="utf-8").splitlines()) if needle in l]
    return lines[nth - 1]


def fails_cleanly(project: Path, expected: str):
    docs, site = snapshot(project / "docs"), snapshot(project / "site")
    result = mkdocs_build(project, project / "site")
    assert result.returncode != 0
    errors = [l for l in result.stderr.splitlines() if l.startswith("ERROR")]
    assert len(errors) == 1, result.stderr
    assert re.search(expected, errors[0]), errors[0]
    assert "Fix: " in errors[0]
    assert snapshot(project / "docs") == docs, "docs/ changed on a failed build"
    assert snapshot(project / "site") == site, "site/ changed on a failed build"
    return errors[0]


def test_missing_source(project):
    (project / "seeds" / "000_752561919a8f83ec.txt").unlink()
    fails_cleanly(project, r"seeds/000_752561919a8f83ec\.txt: the source text is missing")


def test_changed_source(project):
    src = project / "seeds" / "000_752561919a8f83ec.txt"
    src.write_bytes(src.read_bytes().replace(b"Colande", b"Coulondre"))
    fails_cleanly(project, r"seeds/000_752561919a8f83ec\.txt: the source text has changed")


@pytest.mark.parametrize("change, message", [
    (lambda d: d["sections"][0].update(first=2), r"sections\.yml:\d+: sections\[0\]\.first: .*paragraphs 1–1 belong to no section"),
    (lambda d: d["sections"][2].update(first=d["sections"][1]["first"]), r"sections\.yml:\d+: sections\[2\]\.first: .*overlaps"),
    (lambda d: d["sections"].insert(1, d["sections"].pop(3)), r"sections\.yml:\d+: sections\[1\]\.first: .*comes before|sections\[2\]\.first: .*comes before"),
    (lambda d: d["sections"][-1].update(first=999), r"sections\.yml:\d+: sections\[\d+\]\.first: paragraph 999 does not exist"),
    (lambda d: d["sections"][1].pop("title"), r"sections\.yml:\d+: sections\[1\]\.title: Field required"),
    (lambda d: d["sections"][3].update(slug="all"), r"sections\.yml:\d+: sections\[3\]\.slug: slug 'all' is taken by the page of the whole text"),
])
def test_bad_sections(project, change, message):
    edit_yaml(project / "seeds" / "sections.yml", change)
    fails_cleanly(project, message)


def test_sections_error_names_the_right_line(project):
    path = project / "seeds" / "sections.yml"
    edit_yaml(path, lambda d: d["sections"][3].update(first=5))
    line = line_of(path, "first: 5")
    fails_cleanly(project, rf"seeds/sections\.yml:{line}: sections\[3\]\.first")


def test_malformed_yaml(project):
    path = project / "seeds" / "sections.yml"
    path.write_text(path.read_text() + "\n  - slug: [unclosed\n", encoding="utf-8")
    fails_cleanly(project, r"seeds/sections\.yml:\d+: malformed YAML")


def entities_file(project: Path, name: str = "people.yml") -> Path:
    return project / "seeds" / "entities" / name


def test_unknown_related_id(project):
    path = entities_file(project)
    edit_yaml(path, lambda d: d["entities"][0].update(related=["no-such-person"]))
    fails_cleanly(project, r"seeds/entities/people\.yml:\d+: entities\[0\]\.related\[0\]: unknown entity id 'no-such-person'")


def test_duplicate_entity_id(project):
    path = entities_file(project)
    edit_yaml(path, lambda d: d["entities"][1].update(id=d["entities"][0]["id"]))
    fails_cleanly(project, r"people\.yml:\d+: entities\[1\]\.id: entity id '[a-z-]+' is defined twice")


def test_form_claimed_by_two_entities_in_one_paragraph(project):
    path = entities_file(project)

    def steal(d):
        first = d["entities"][0]
        other = d["entities"][1]
        other["forms"].append({"text": first["forms"][0]["text"]})
    edit_yaml(path, steal)
    fails_cleanly(project, r"people\.yml:\d+: the form '.+' is claimed by both")


def test_form_that_never_occurs(project):
    path = entities_file(project)
    edit_yaml(path, lambda d: d["entities"][0]["forms"].append({"text": "Zinoviev"}))
    line = line_of(path, "text: Zinoviev")
    fails_cleanly(project, rf"people\.yml:{line}: entity '[a-z-]+': the form 'Zinoviev' never occurs")


def test_schema_error_names_file_line_and_key(project):
    path = entities_file(project)
    edit_yaml(path, lambda d: d["entities"][2].update(kind="persn"))
    line = line_of(path, "kind: persn")
    fails_cleanly(project, rf"people\.yml:{line}: entities\[2\]\.kind: Input should be 'person'.*Fix: use one of")


def test_note_anchor_not_in_its_paragraph(project):
    path = project / "seeds" / "notes.yml"
    edit_yaml(path, lambda d: d["notes"][0].update(anchor="words that are not there"))
    fails_cleanly(project, r"notes\.yml:\d+: notes\[0\]\.anchor: anchor 'words that are not there' occurs 0 time")


def test_note_without_sources(project):
    path = project / "seeds" / "notes.yml"

    def strip(d):
        n = next(n for n in d["notes"] if n["type"] == "context")
        n.pop("sources")
    edit_yaml(path, strip)
    fails_cleanly(project, r"notes\.yml:\d+: notes\[\d+\]: a context note needs sources")
