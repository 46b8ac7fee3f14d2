"""`make schemas`: JSON Schemas of every data file of an edition, generated from the models the build validates with.

The models are build_scripts/load/schema.py's; the schemas go to build_scripts/load/schemas/<file>.schema.json and
are committed, so that an editor's YAML is checked and completed as it is typed: an editor that speaks the
yaml-language-server convention (VS Code's YAML extension, Neovim, Helix, Zed, JetBrains) reads the first line

    # yaml-language-server: $schema=<path to the engine>/build_scripts/load/schemas/edition.schema.json

which `make new-edition` writes at the top of each file it creates. A schema says what a file may hold (keys,
types, patterns, required fields); what it cannot say (that a form occurs in the text, that a cited work exists)
the build checks. Run `make schemas` after changing a model; a test fails while a committed schema is stale.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from pydantic.json_schema import GenerateJsonSchema

from ..load import schema

SCHEMAS = Path(__file__).resolve().parents[1] / "load" / "schemas"
DRAFT = "https://json-schema.org/draft/2020-12/schema"

# Each data file: its schema's name, its model, and what it is (the schema's description).
FILES: dict[str, tuple[type, str]] = {
    "edition": (schema.EditionIn, "The edition file (edition.yml): the text, its language, where its data lives, "
                                  "how it is cited."),
    "texts": (schema.TextsIn, "A file of more source texts (edition.yml, text_files)."),
    "sections": (schema.SectionsIn, "The editorial sections of the text (sections.yml)."),
    "entities": (schema.EntitiesIn, "A file of glossary entries (the entities folder)."),
    "notes": (schema.NotesIn, "The editorial notes (notes.yml)."),
    "works": (schema.WorksIn, "A file of works of the bibliography (the bibliography folder)."),
    "non_sources": (schema.NonSourcesIn, "Hosts never cited or linked (bibliography.non_sources)."),
    "versions": (schema.VersionsIn, "The versions of the edition, oldest first (versions.yml)."),
    "register": (schema.RegisterIn, "The register of published anchors and pages (published.yml): written by "
                                    "`make register`, never by hand."),
    "chronology": (schema.ChronologyIn, "The chronology (chronology.yml)."),
    "journey": (schema.JourneyIn, "The journey map (journey.yml)."),
    "claims": (schema.ClaimsIn, "The main text's claims graded against the record (edition.yml, claims)."),
}


class _Schema(GenerateJsonSchema):
    """pydantic's generator, with what YAML gives for a date: 1936 is read as a number, which the loader takes."""

    def dict_schema(self, core):
        # A dict whose keys have a pattern (labels, the register's anchors): a key that does not match is refused,
        # as the model refuses it.
        out = super().dict_schema(core)
        if "patternProperties" in out and "additionalProperties" not in out:
            out["additionalProperties"] = False
        return out

    def function_before_schema(self, core):
        inner = super().function_before_schema(core)
        if core["function"].get("function") is schema._iso:
            pattern = next(m.pattern for m in schema.IsoDate.__metadata__ if getattr(m, "pattern", None))
            return {"anyOf": [{**inner, "pattern": pattern}, {"type": "integer"}]}
        return inner


def generate() -> dict[str, str]:
    """Each schema's file name and its text, as `make schemas` writes it."""
    out = {}
    for name, (model, description) in FILES.items():
        body = model.model_json_schema(schema_generator=_Schema, mode="validation")
        body = {"$schema": DRAFT, "title": f"{name}.yml" if name != "entities" else "entities/*.yml",
                "description": description, **{k: v for k, v in body.items() if k not in ("title", "description")}}
        out[f"{name}.schema.json"] = json.dumps(body, ensure_ascii=False, indent=2) + "\n"
    return out


def modeline(yaml_file: Path, name: str, schemas: Path = SCHEMAS) -> str:
    """The first line of a YAML file that tells an editor's YAML tools its schema (a path relative to the file)."""
    target = schemas / f"{name}.schema.json"
    try:
        where = os.path.relpath(target, yaml_file.resolve().parent)
    except ValueError:  # another drive (Windows): no relative path
        where = target.as_uri()
    return f"# yaml-language-server: $schema={Path(where).as_posix()}\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="only say whether the committed schemas are up to date")
    ap.add_argument("--dest", type=Path, default=SCHEMAS, help="where to write them (default: %(default)s)")
    args = ap.parse_args(argv)
    wanted = generate()
    stale = sorted(name for name, text in wanted.items()
                   if not (args.dest / name).is_file() or (args.dest / name).read_text(encoding="utf-8") != text)
    extra = sorted(p.name for p in args.dest.glob("*.schema.json") if p.name not in wanted) if args.dest.is_dir() else []
    if args.check:
        if stale or extra:
            print(f"stale schemas in {args.dest}: {', '.join(stale + extra)}. Fix: run `make schemas` and commit them",
                  file=sys.stderr)
            return 1
        print(f"{len(wanted)} schemas up to date in {args.dest}")
        return 0
    args.dest.mkdir(parents=True, exist_ok=True)
    for name in stale:
        (args.dest / name).write_text(wanted[name], encoding="utf-8")
    for name in extra:
        (args.dest / name).unlink()
    print(f"{len(wanted)} schemas in {args.dest} ({len(stale)} written, {len(extra)} removed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
