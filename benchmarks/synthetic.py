"""Synthetic projects for the benchmarks: an edition of N distinct texts of the real one's shape, and a plain
Material site of the same texts.

    python benchmarks/synthetic.py --times 100 --out /tmp/syn100           # annotated edition, 100x
    python benchmarks/synthetic.py --times 100 --out /tmp/plain100 --plain # plain Material site, 100x

`make_synthetic` copies the project (mkdocs.yml, build_scripts/, overrides/ with its assets, the edition
data) and writes an edition of `times` texts (`texts:` in the edition file): text 0 is the real text, text
k a distinct text of the same shape (`distinct_texts`: every lower-case word replaced by a word of the real
text's vocabulary, seeded by k, while names, entity forms, note anchors, punctuation and gap markers stay),
so that each text has the real one's paragraphs, sections, mentions and notes but its own words: the search
index and the pages do not repeat. Paragraph n of text k is paragraph n + P*k (P = 72). Other files the
edition names (chronology, journey, ...) are copied unchanged and keep referring to text 0. The data is
changed, not the code: the synthetic project is built by exactly the same hook as the real one.

`make_plain` writes a Material site with no hook, no custom extension and no annotations: one Markdown
page per section of each of the same texts, holding the paragraphs as plain Markdown, to measure what the edition machinery costs.
"""
from __future__ import annotations

import argparse
import copy
import hashlib
import html
import random
import re
import shutil
import sys
from pathlib import Path

import yaml

PROJECT_DIRS = ("build_scripts", "overrides")


# -- reading the real project -------------------------------------------------------------------

def _load_yaml(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _dump_yaml(data, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100_000), encoding="utf-8")


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml even if it uses !ENV / !!python/name tags (values we never need)."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def edition_path(project: Path) -> Path:
    """The edition file mkdocs.yml names (`extra.edition`, which EDITION overrides), relative to the project."""
    from mkdocs.config import load_config

    name = load_config(str(project / "mkdocs.yml")).extra.get("edition")
    if not name:
        raise SystemExit(f"{project / 'mkdocs.yml'}: extra.edition is not set")
    return Path(name)


def source_lines(project: Path) -> tuple[list[str], str, dict]:
    """(lines of the source text, newline style, edition dict) of the real project."""
    ed_rel = edition_path(project)
    ed = _load_yaml(project / ed_rel)
    files = [ed["source"]] if ed.get("source") else [t["source"] for t in ed["texts"]]
    raws = [(project / ed_rel).parent.joinpath(f).read_bytes().decode("utf-8") for f in files]
    nl = "\r\n" if "\r\n" in raws[0] else "\n"
    return [line for raw in raws for line in raw.split(nl)], nl, ed


def paragraph_texts(project: Path) -> list[str]:
    """The paragraphs as the edition parses them: one non-empty line is one paragraph."""
    lines, _, _ = source_lines(project)
    return [ln for ln in lines if ln.strip()]


def paragraph_count(project: Path) -> int:
    return len(paragraph_texts(project))


def _copy_project_code(src: Path, dest: Path) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(src / "mkdocs.yml", dest / "mkdocs.yml")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".*.tmp")
    for d in PROJECT_DIRS:
        if (src / d).is_dir():
            shutil.copytree(src / d, dest / d, ignore=ignore, dirs_exist_ok=True)
    (dest / "docs").mkdir(exist_ok=True)


# -- distinct texts ---------------------------------------------------------------------------------

_WORD = re.compile(r"\b[a-z][a-z']*\b")


def _protected_spans(line: str, phrases: list[str]) -> list[tuple[int, int]]:
    spans = []
    for ph in phrases:
        start = line.find(ph)
        while ph and start != -1:
            spans.append((start, start + len(ph)))
            start = line.find(ph, start + 1)
    return spans


def distinct_line(line: str, vocabulary: list[str], rng: random.Random, keep: list[str]) -> str:
    """The line with every lower-case word outside the phrases in `keep` replaced by a word of the text's
    vocabulary: the same length, names, punctuation, gap markers and note anchors, other words."""
    spans = _protected_spans(line, keep)

    def swap(m):
        if any(a < m.end() and m.start() < b for a, b in spans):
            return m.group()
        return rng.choice(vocabulary)

    return _WORD.sub(swap, line)


def distinct_texts(src_project: Path, times: int) -> list[list[str]]:
    """`times` texts of the real text's shape: text 0 is the real one, text k a distinct text (seeded by k) in
    which the lower-case words are others of the text's vocabulary, while capitalised words (the names), entity
    forms and note anchors stay, so that every text has the real one's mentions and notes."""
    lines, _, ed = source_lines(src_project)
    base = (src_project / edition_path(src_project)).parent
    keep = []
    if ed.get("notes"):
        keep += [n["anchor"] for n in _load_yaml(base / ed["notes"]).get("notes") or []]
    if ed.get("entities"):
        for f in sorted((base / ed["entities"]).glob("*.yml")):
            for e in _load_yaml(f).get("entities") or []:
                keep += [f["text"] for f in e.get("forms") or []]
    vocabulary = sorted({w for ln in lines for w in _WORD.findall(ln)})
    texts = [lines]
    for k in range(1, times):
        rng = random.Random(k)
        texts.append([distinct_line(ln, vocabulary, rng, keep) for ln in lines])
    return texts


# -- the synthetic edition -------------------------------------------------------------------------

def make_synthetic(src_project: Path, dest: Path, times: int) -> Path:
    """A complete project in dest whose edition holds `times` distinct texts of the real one's shape (the
    real edition itself when times is 1). Returns dest."""
    src_project, dest = Path(src_project).resolve(), Path(dest).resolve()
    if times < 1:
        raise ValueError("times must be >= 1")
    _copy_project_code(src_project, dest)
    ed_rel = edition_path(src_project)
    src_ed_file = src_project / ed_rel
    src_base = src_ed_file.parent
    dst_ed_file = dest / ed_rel  # same relative path: mkdocs.yml's extra.edition points at the new file
    dst_base = dst_ed_file.parent
    dst_base.mkdir(parents=True, exist_ok=True)

    ed = _load_yaml(src_ed_file)
    # Every file or folder the edition names (pages, registers, chronology, ... and those added later)
    # is first copied as it is; the ones that number paragraphs are then rewritten below. Files copied
    # unchanged keep referring to text 0, whose paragraph numbers, text and slugs are the real ones.
    def named(d):  # every string of the edition file, nested ones too (bibliography: works, non_sources)
        for v in d.values():
            yield from named(v) if isinstance(v, dict) else [v]

    for value in named(ed):
        if isinstance(value, str) and value and len(value) < 200 and not Path(value).is_absolute():
            src_item = (src_base / value).resolve()
            if src_item == src_base or src_base not in src_item.parents or not src_item.exists():
                continue
            if src_item.is_dir():
                shutil.copytree(src_item, dst_base / value, dirs_exist_ok=True)
            else:
                (dst_base / value).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src_item, dst_base / value)
    if times == 1:
        shutil.copy2(src_ed_file, dst_ed_file)
        return dest
    (dst_base / ed["source"]).unlink(missing_ok=True)  # replaced by the texts
    _, nl, _ = source_lines(src_project)
    texts = distinct_texts(src_project, times)
    P = sum(1 for ln in texts[0] if ln.strip())

    new_ed = copy.deepcopy(ed)  # unlinked, labels, titles and any other key are kept
    for key in ("source", "source_sha256", "captions"):
        new_ed.pop(key, None)
    new_ed["texts"] = []
    for k, lines in enumerate(texts):
        data = nl.join(lines).encode("utf-8")
        name = f"texts/text-{k}.txt"
        (dst_base / name).parent.mkdir(parents=True, exist_ok=True)
        (dst_base / name).write_bytes(data)
        new_ed["texts"].append({"id": f"text-{k}", "title": f"{ed.get('title', 'Text')} ({k + 1})", "source": name,
                                "source_sha256": hashlib.sha256(data).hexdigest(),
                                "captions": [n + P * k for n in ed.get("captions") or []]})
    # The register lists the real edition's pages; the synthetic one is a new edition, never published.
    _dump_yaml({"anchors": {}}, dst_base / ed["published"])

    # Sections: every section once per text, slug and title marked for texts k >= 1.
    if ed.get("sections"):
        sec = _load_yaml(src_base / ed["sections"])
        out = []
        for k in range(times):
            for s in sec["sections"]:
                s2 = dict(s)
                s2["first"] = s["first"] + P * k
                if k:
                    s2["slug"] = f"{s['slug']}-{k}"
                    s2["title"] = f"{s['title']} ({k + 1})"
                out.append(s2)
        _dump_yaml({**sec, "sections": out}, dst_base / ed["sections"])

    # Entities: same entities, same ids; every paragraph scope extended to all texts.
    if ed.get("entities"):
        src_ent, dst_ent = src_base / ed["entities"], dst_base / ed["entities"]
        dst_ent.mkdir(parents=True, exist_ok=True)
        for f in sorted(src_ent.glob("*.yml")):
            doc = _load_yaml(f)
            for e in doc.get("entities") or []:
                for form in e.get("forms") or []:
                    if form.get("paragraphs"):
                        form["paragraphs"] = [n + P * k for k in range(times) for n in form["paragraphs"]]
            _dump_yaml(doc, dst_ent / f.name)

    # Notes: each note once per text, on the shifted paragraph (its anchor is kept in every text).
    if ed.get("notes"):
        notes = _load_yaml(src_base / ed["notes"])
        out = []
        for k in range(times):
            for n in notes.get("notes") or []:
                n2 = dict(n)
                n2["paragraph"] = n["paragraph"] + P * k
                out.append(n2)
        _dump_yaml({**notes, "notes": out}, dst_base / ed["notes"])

    _dump_yaml(new_ed, dst_ed_file)
    return dest


# -- the plain Material site ------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]#])")


def _plain_escape(text: str) -> str:
    """Escape what Markdown would interpret (so the gap marker `**` stays visible as printed)."""
    text = html.escape(text, quote=False)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    # A line that starts with "1. ", "- ", "+ " would become a list.
    return re.sub(r"^(\d+)\.(\s)", r"\1\\.\2", re.sub(r"^([-+])(\s)", r"\\\1\2", text))


def make_plain(src_project: Path, dest: Path, times: int) -> Path:
    """A plain Material site of the same text (same sections, repeated `times` times). Returns dest."""
    src_project, dest = Path(src_project).resolve(), Path(dest).resolve()
    ed_rel = edition_path(src_project)
    src_base = (src_project / ed_rel).parent
    ed = _load_yaml(src_project / ed_rel)
    texts = [[ln for ln in lines if ln.strip()] for lines in distinct_texts(src_project, times)]
    P = len(texts[0])
    sections = _load_yaml(src_base / ed["sections"])["sections"] if ed.get("sections") else [
        {"slug": "text", "title": "The text", "first": 1}]
    firsts = [s["first"] for s in sections]
    lasts = [f - 1 for f in firsts[1:]] + [P]

    docs = dest / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    (docs / "text").mkdir(parents=True)
    nav_text = []
    for k in range(times):
        for s, first, last in zip(sections, firsts, lasts):
            slug = s["slug"] + (f"-{k}" if k else "")
            title = s["title"] + (f" ({k + 1})" if k else "")
            body = [f"# {_plain_escape(title)}", ""]
            for n in range(first, last + 1):
                body += [_plain_escape(texts[k][n - 1]), ""]
            (docs / "text" / f"{slug}.md").write_text("\n".join(body), encoding="utf-8")
            nav_text.append({title: f"text/{slug}.md"})
    (docs / "index.md").write_text(
        f"# {_plain_escape(ed.get('title', 'Text'))}\n\nThe text, {P * times} paragraphs "
        f"in {len(nav_text)} pages, as plain Markdown.\n", encoding="utf-8")
    cfg = {
        "site_name": f"Plain: {ed.get('title', 'Text')}",
        "use_directory_urls": True,
        "docs_dir": "docs",
        "site_dir": "site",
        "theme": {"name": "material", "language": ed.get("language", "en"), "font": False},
        "plugins": ["search"],
        "nav": [{"Home": "index.md"}, {"The text": nav_text}],
    }
    _dump_yaml(cfg, dest / "mkdocs.yml")
    return dest


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--times", type=int, default=100, help="how many copies of the text (default 100)")
    ap.add_argument("--out", type=Path, required=True, help="destination folder (created)")
    ap.add_argument("--plain", action="store_true", help="a plain Material site instead of the edition")
    ap.add_argument("--src", type=Path, default=Path(__file__).resolve().parent.parent,
                    help="the real project (default: this repository)")
    a = ap.parse_args(argv)
    make = make_plain if a.plain else make_synthetic
    out = make(a.src, a.out, a.times)
    kind = "plain site" if a.plain else "edition"
    print(f"{kind}: {paragraph_count(a.src) * a.times} paragraphs ({a.times}x) in {out}")
    print(f"build it with: cd {out} && NO_MKDOCS_2_WARNING=1 {sys.executable} -m mkdocs build --strict -q -d site")
    return 0


if __name__ == "__main__":
    sys.exit(main())
