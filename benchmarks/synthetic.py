"""Synthetic editions for the benchmarks: the real edition with more distinct texts of its main text's shape.

    python benchmarks/synthetic.py --times 100 --out /tmp/syn100    # an edition of the main text x100

`make_synthetic(edition_file, dest, times)` copies the edition's folder to `dest` and, for times > 1, adds `times - 1`
texts after all of the edition's own (a file `synthetic/texts.yml` appended to `text_files`, so that no paragraph of
the real edition changes its number). The engine itself reads the real edition (`load_edition`: the same parser, the
same headings, the same paragraph numbers as the build); text k is the main text (the first text that belongs to no
part) with every lower-case word of its paragraphs and headings replaced by a word of the main text's vocabulary,
drawn by a generator seeded by k, while capitalised words, the entities' forms, the notes' anchors, punctuation and
gap markers stay. So each synthetic text has the main text's paragraphs, headings, sections, mentions and notes but
its own words: neither the pages nor the search index repeat.

With N paragraphs in the real edition and P in its main text, paragraph n of the main text is paragraph
N + (k - 1)·P + (n - first + 1) of text k. Each section of the main text is repeated per text (slug `…-k`, title
`… (k+1)`); every entity form scoped to main-text paragraphs gets the same paragraphs of every text; every note on
the main text is repeated on the same paragraph of every text; the main text's captions are captions in every text, and its markers printed as text are so in every text.
Everything else (the record, claims, chronology, journey, the register of published links) is the real edition's.
With times 1 the copy is the real edition.

The engine is imported from wherever `build_scripts` is importable: the benchmarks put their snapshot of the
engine first on sys.path, so that the synthetic edition is read by the code that then builds it.
"""
from __future__ import annotations

import argparse
import hashlib
import random
import re
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SYNTHETIC = "synthetic"  # the folder of the synthetic texts inside the edition's folder

_WORD = re.compile(r"\b[a-z][a-z']*\b")


def _load_yaml(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


class _NoAliases(yaml.SafeDumper):
    """Editorial data may hold no YAML alias: a value shared by copies is written out each time."""

    def ignore_aliases(self, data):
        return True


def _dump_yaml(data, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=100_000),
                    encoding="utf-8")


def read(edition_file: Path):
    """The edition as the engine reads it (load stage only: sources, paragraphs, headings, sections, notes, forms)."""
    from build_scripts.load.edition import load_edition

    return load_edition(Path(edition_file))


def main_text(ed):
    """The edition's main text: its first text that belongs to no part."""
    return next(s for s in ed.sources if not s.part)


def _protected_spans(line: str, phrases) -> list[tuple[int, int]]:
    spans = []
    for ph in phrases:
        start = line.find(ph)
        while ph and start != -1:
            spans.append((start, start + len(ph)))
            start = line.find(ph, start + 1)
    return spans


def distinct_line(line: str, vocabulary: list[str], rng: random.Random, keep) -> str:
    """The line with every lower-case word outside the phrases in `keep` replaced by a word of the vocabulary."""
    spans = _protected_spans(line, keep)

    def swap(m):
        if any(a < m.end() and m.start() < b for a, b in spans):
            return m.group()
        return rng.choice(vocabulary)

    return _WORD.sub(swap, line)


def distinct_texts(ed, times: int) -> list[str]:
    """The main text's file content, then `times - 1` distinct texts of its shape (text k seeded by k): the lines
    the engine reads as paragraphs and headings get other words, every other line stays as it is."""
    src = main_text(ed)
    paragraphs = [p for p in ed.paragraphs if src.first <= p.n <= src.last]
    headings = [h for h in ed.headings if h.source == src.id]
    forms = sorted({f.text for e in ed.entities for f in e.forms}, key=len, reverse=True)
    anchors: dict[int, list[str]] = {}
    for note in ed.notes:
        anchors.setdefault(note.paragraph, []).append(note.anchor)
    lines = src.content.split("\n")
    vocabulary = sorted({w for p in paragraphs for w in _WORD.findall(p.text)})
    out = [src.content]
    for k in range(1, times):
        rng = random.Random(k)
        new = list(lines)
        for p in paragraphs:
            new[p.line - 1] = distinct_line(lines[p.line - 1], vocabulary, rng, forms + anchors.get(p.n, []))
        for h in headings:  # the heading mark is no lower-case word: it stays
            new[h.line - 1] = distinct_line(lines[h.line - 1], vocabulary, rng, forms)
        out.append("\n".join(new))
    return out


def make_synthetic(edition_file: Path, dest: Path, times: int) -> Path:
    """A copy of the edition's folder in `dest` with `times - 1` more distinct texts of its main text's shape.
    Returns the new edition file."""
    edition_file = Path(edition_file).resolve()
    dest = Path(dest).resolve()
    if times < 1:
        raise ValueError("times must be >= 1")
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(edition_file.parent, dest, ignore=shutil.ignore_patterns("__pycache__", ".*.tmp"))
    new_file = dest / edition_file.name
    if times == 1:
        return new_file
    ed = read(edition_file)
    src = main_text(ed)
    P = src.last - src.first + 1
    N = len(ed.paragraphs)
    data = _load_yaml(edition_file)

    def shifted(n: int, k: int) -> int:
        return N + (k - 1) * P + (n - src.first + 1)

    def in_main(n: int) -> bool:
        return src.first <= n <= src.last

    # The texts, in a file of their own after every text of the edition.
    entry = next((t for t in data.get("texts") or [] if t.get("id") == src.id), None) or {}
    extra = {k: v for k, v in entry.items()
             if k not in ("id", "title", "source", "source_sha256", "captions", "marker_as_text", "translation",
                          "translation_kind", "translation_language")}
    captions = [p.n for p in ed.paragraphs if in_main(p.n) and p.kind == "caption"]
    printed = [p.n for p in ed.paragraphs if in_main(p.n) and p.marker_is_text]  # the marker stays in every copy
    texts = []
    for k, content in enumerate(distinct_texts(ed, times)):
        if k == 0:
            continue
        raw = content.encode("utf-8")
        name = f"text-{k}.txt"
        (dest / SYNTHETIC / name).parent.mkdir(parents=True, exist_ok=True)
        (dest / SYNTHETIC / name).write_bytes(raw)
        texts.append({"id": f"{src.id or 'text'}-{k}", "title": f"{src.title} ({k + 1})", **extra, "source": name,
                      "source_sha256": hashlib.sha256(raw).hexdigest(),
                      "captions": [shifted(c, k) for c in captions],
                      "marker_as_text": [shifted(c, k) for c in printed]})
    _dump_yaml({"texts": texts}, dest / SYNTHETIC / "texts.yml")
    data["text_files"] = list(data.get("text_files") or []) + [f"{SYNTHETIC}/texts.yml"]
    _dump_yaml(data, new_file)

    # Sections: each of the main text's (those sections.yml declares) once more per text.
    sec_file = dest / data["sections"]
    sec = _load_yaml(sec_file)
    own = [s for s in sec["sections"] if in_main(s["first"])]
    sec["sections"] = sec["sections"] + [
        {**s, "slug": f"{s['slug']}-{k}", "title": f"{s['title']} ({k + 1})", "first": shifted(s["first"], k)}
        for k in range(1, times) for s in own]
    _dump_yaml(sec, sec_file)

    # Entities: a form scoped to paragraphs of the main text is scoped to the same paragraphs of every text.
    if data.get("entities"):
        for f in sorted((dest / data["entities"]).glob("*.yml")):
            doc = _load_yaml(f)
            changed = False
            for e in doc.get("entities") or []:
                for form in e.get("forms") or []:
                    mine = [n for n in form.get("paragraphs") or [] if in_main(n)]
                    if mine:
                        form["paragraphs"] = list(form["paragraphs"]) + [shifted(n, k) for k in range(1, times)
                                                                         for n in mine]
                        changed = True
            if changed:
                _dump_yaml(doc, f)

    # Notes: each note on the main text once more on the same paragraph of every text.
    if data.get("notes"):
        notes_file = dest / data["notes"]
        notes = _load_yaml(notes_file)
        mine = [n for n in notes.get("notes") or [] if in_main(n["paragraph"])]
        notes["notes"] = list(notes.get("notes") or []) + [{**n, "paragraph": shifted(n["paragraph"], k)}
                                                          for k in range(1, times) for n in mine]
        _dump_yaml(notes, notes_file)
    return new_file


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--times", type=int, default=100, help="how many texts of the main text's shape (default 100)")
    ap.add_argument("--out", type=Path, required=True, help="destination folder (replaced)")
    ap.add_argument("--edition", type=Path, default=ROOT / "seeds" / "edition.yml", help="the real edition file")
    a = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    out = make_synthetic(a.edition, a.out, a.times)
    ed = read(out)
    print(f"{out}: {len(ed.paragraphs)} paragraphs in {len(ed.sources)} texts, {len(ed.sections)} sections, "
          f"{len(ed.notes)} notes")
    print(f"build it with: {sys.executable} -m build_scripts.commands.build {out} --site-dir /tmp/site --docs-dir ''")
    return 0


if __name__ == "__main__":
    sys.exit(main())
