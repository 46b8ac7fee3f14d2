"""`make new-edition`: start a new edition from a plain text file.

    make new-edition TEXT=path/to/text.txt DEST=path/to/folder [TITLE=… TEXT_LANGUAGE=el AUTHOR=… SITE_URL=…]
    python -m build_scripts.commands.new_edition TEXT DEST [--title …] [--language el] [--author …] [--site-url …]

It writes DEST, a folder the editor owns (anywhere on disk, and best a git repository of its own):

    edition.yml        what the text is and where its data lives (the text's SHA-256 recorded)
    texts/<name>.txt   the text, byte for byte (one non-empty line is one paragraph)
    sections.yml       one section holding the whole text
    entities/          the glossary: empty (its README.md shows an entry)
    notes.yml          no notes yet
    bibliography/      the works the apparatus cites: none yet (its README.md shows one)
    published.yml      the register of published links (anchors: {})
    versions.yml       version 0.1, today
    pages/index.md     the home page
    expectations.yml   what the editor knows of the text, which the general tests check the build against

Each YAML file starts with the line that gives editors that speak the yaml-language-server convention its JSON
Schema (build_scripts/load/schemas/), so that keys are completed and mistakes shown as they are typed. The folder is
read back by the engine before it is put in place: what is written is ready for `make serve EDITION=DEST`. Without
a site address (--site-url), edition.yml holds a commented placeholder and `make build` refuses to run until it is
set (`make serve` builds for its own local address).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

from ..errors import EditionError
from ..load.catalogue import known_language
from ..load.edition import load_edition
from ..paths import build_date
from ..web import web_address
from .schemas import SCHEMAS, modeline

# A script that names one language: the text's language can be taken from it. Any other script (Latin, Cyrillic,
# Arabic, Han…) is written in many languages, and the editor must say which.
SCRIPT_LANGUAGE = {"GREEK": "el", "ARMENIAN": "hy", "GEORGIAN": "ka", "HANGUL": "ko", "THAI": "th", "LAO": "lo",
                   "KHMER": "km", "ETHIOPIC": "am", "SINHALA": "si", "TIBETAN": "bo", "MALAYALAM": "ml",
                   "TAMIL": "ta", "TELUGU": "te", "KANNADA": "kn", "GUJARATI": "gu", "GURMUKHI": "pa", "ORIYA": "or",
                   "MYANMAR": "my", "HIRAGANA": "ja", "KATAKANA": "ja"}


class NewEditionError(Exception):
    pass


def script_of(text: str) -> str:
    """The script most of the text's letters are written in (the first word of their Unicode names)."""
    counts: dict[str, int] = {}
    for ch in text:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            script = "HAN" if name.startswith("CJK") else name.split(" ")[0]
            counts[script] = counts.get(script, 0) + 1
    return max(counts, key=counts.get) if counts else ""


def slug(text: str, default: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    out = re.sub(r"[^a-z0-9]+", "-", ascii_).strip("-")[:60].strip("-")
    return out if out and not re.fullmatch(r"p\d+", out) else default


def q(value: str) -> str:
    """A YAML scalar: a JSON string is a double-quoted YAML scalar, read back exactly."""
    return json.dumps(value, ensure_ascii=False)


def hard_wrapped(text: str) -> bool:
    """Whether the text looks like paragraphs wrapped over several lines, separated by blank lines (the engine reads
    every non-empty line as a paragraph)."""
    blocks = [b for b in re.split(r"\n\s*\n", text) if b.strip()]
    return len(blocks) > 1 and sum(1 for b in blocks if len(b.strip().splitlines()) > 1) > len(blocks) / 2


def unwrap(text: str) -> str:
    """Each block of lines (up to a blank line) joined into one line: one paragraph per line."""
    blocks = [" ".join(line.strip() for line in b.strip().splitlines()) for b in re.split(r"\n\s*\n", text)]
    return "\n\n".join(b for b in blocks if b) + "\n"


def git_user() -> str:
    try:
        done = subprocess.run(["git", "config", "user.name"], capture_output=True, text=True, timeout=10)
        return done.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def edition_yml(a, text_name: str, sha256: str, language: str, apparatus: str, headings: str, year: int) -> str:
    site = (f"site_url: {q(a.site_url)}\n" if a.site_url else
            "# The build refuses to run until this is set (`make serve` builds for its own local address):\n"
            "# site_url: \"https://…/\"\n")
    apparatus_line = (f"# The language of the apparatus (glossary, notes, pages) and of the interface.\n"
                      f"apparatus_language: {apparatus}\n" if apparatus != language else "")
    return f"""# The edition file: what the text is and where its editorial data lives (paths relative to this file).
# The guide: build_scripts/MAKING-AN-EDITION.md in the engine.
title: {q(a.title)}
subtitle: ""
# Where the edition is published: citations, permanent links and TEI identifiers are built on it.
{site}author:
  name: {q(a.author)}
# The language of the text (a BCP 47 tag): every paragraph, heading and quotation of it is marked so.
language: {language}
{apparatus_line}# What the source is and where it comes from (the TEI header).
source_description: ""
# The text, kept byte for byte: the build refuses a file whose SHA-256 differs. One non-empty line is one
# paragraph, numbered in order (¶1, ¶2…); those numbers are the edition's permanent addresses.
source: texts/{text_name}
source_sha256: {sha256}
# Paragraphs that are captions (of pictures the text no longer carries), by number.
captions: []
# What the source prints where words are missing.
gap_marker: "**"
# A line that starts with this is a heading of the text, not a paragraph ("" for none).
headings: {q(headings)}
sections: sections.yml
entities: entities
notes: notes.yml
pages: pages
# The register of every published anchor and page: `make register` records them when you publish.
published: published.yml
# The versions of the edition, with what changed in each; the last is this one.
versions: versions.yml
citation:
  key: {slug(a.title, "edition")}
  editors: [{q(a.editor)}]
  publisher: {q(a.editor)}
  issued: {year}
  medium: "Annotated digital edition"
  # The Cite panel's styles (CSL, from the official CSL styles repository).
  styles:
    - label: Chicago
      csl: chicago-notes-bibliography-access-dates
      forms: {{cite: note, entry: bibliography}}
# Under which the edition is published (the footer of every page, the TEI header).
licence: {{name: CC BY 4.0, url: "https://creativecommons.org/licenses/by/4.0/", scope: "The editorial apparatus"}}
# Every work the apparatus cites is recorded once in the bibliography (the folder's *.yml files).
bibliography:
  works: bibliography
  style: chicago-author-date
  kinds:
    primary: "Primary sources"
    scholarly: "Scholarship"
    reference: "Reference works"
# The kinds of glossary entry, in the order of the glossary: the index page of each, and how TEI writes it.
entity_kinds:
  person: {{label: People, page: people, tei: {{list: listPerson, item: person, name: persName}}}}
  organisation: {{label: Organisations, page: organisations, tei: {{list: listOrg, item: org, name: orgName}}}}
  place: {{label: Places, page: places, located: true, tei: {{list: listPlace, item: place, name: placeName}}}}
  event: {{label: Events, page: events, dated: true, tei: {{list: listEvent, item: event, name: name, type: event}}}}
  work: {{label: Works, page: works, tei: {{list: listBibl, item: bibl, name: title}}}}
# The kinds of editorial note. A `sourced` type (the default) states facts and must cite the bibliography.
note_types:
  context: {{label: Context}}
  identification: {{label: Identification}}
  correction: {{label: Correction}}
  lacuna: {{label: Lacuna, sourced: false}}
# Capitalised words left unlinked on purpose, with the reason (`make report` lists every other one).
unlinked: {{}}
"""


ENTITIES_README = """# The glossary

Each `*.yml` file of this folder holds a list of entries (the file's name is yours to choose: people.yml,
places.yml…). An entry names the forms the text uses for it; every occurrence is then linked. Its facts cite works
of the bibliography (bibliography/*.yml) by key. For example, in `people.yml`:

```yaml
# yaml-language-server: $schema={schema}
entities:
- id: eleftherios-venizelos
  kind: person                 # one of edition.yml's entity_kinds
  name: Eleftherios Venizelos
  native_name: Ελευθέριος Βενιζέλος
  native_lang: el
  summary: Greek statesman, seven times prime minister of Greece.
  entry: |
    The entry, in Markdown.
  sources:
  - work: some-work-key        # a key of bibliography/*.yml
    at: "12"                   # where in it (its locator: page, section…)
  forms:
  - text: Βενιζέλος            # as the text writes it
    inflect: true              # and its case forms (Βενιζέλου, Βενιζέλο), in the text's language
```
"""

BIBLIOGRAPHY_README = """# The bibliography

Each `*.yml` file of this folder holds a list of works; the apparatus cites them by key. For example, in
`works.yml`:

```yaml
# yaml-language-server: $schema={schema}
works:
- key: some-work-key
  kind: reference              # one of edition.yml's bibliography kinds
  type: book                   # a CSL type: book, chapter, article-journal, webpage…
  author: ["Family, Given"]
  title: The Title
  publisher: The Publisher
  place: The Place
  issued: 2001
  locator: page                # what a citation of it points to: page, section, chapter, none…
```
"""


def write_folder(dest: Path, final: Path, a, text: bytes, text_name: str, language: str, apparatus: str,
                 headings: str, paragraphs: int, heading_lines: list[tuple[int, str]]) -> None:
    """Write the edition into `dest`, which is then moved to `final` (the schemas are named relative to it)."""
    today = build_date()
    sha256 = hashlib.sha256(text).hexdigest()
    (dest / "texts").mkdir(parents=True)
    (dest / "texts" / text_name).write_bytes(text)
    for folder in ("entities", "bibliography", "pages"):
        (dest / folder).mkdir()

    def yml(name: str, schema: str, body: str) -> None:
        path = dest / name
        path.write_text(modeline(final.resolve() / name, schema) + body, encoding="utf-8")

    yml("edition.yml", "edition", edition_yml(a, text_name, sha256, language, apparatus, headings, int(today[:4])))
    yml("sections.yml", "sections", "# Editorial sections, in reading order: `first` is the paragraph a section "
        "starts with; it runs to the next one.\nsections:\n"
        f"- slug: the-text\n  title: {q(a.title)}\n  first: 1\n")
    yml("notes.yml", "notes", "# Editorial notes: each is anchored on words of a paragraph (`anchor`, as the text "
        "writes them).\n# - paragraph: 1\n#   anchor: \"words of ¶1\"\n#   type: context\n#   text: The note, in "
        "Markdown.\n#   sources: [{work: some-work-key, at: \"12\"}]\nnotes: []\n")
    yml("published.yml", "register", "# The register of published anchors and pages: `make register` writes it when "
        "you publish. Never edit it by hand.\nanchors: {}\n")
    yml("versions.yml", "versions", "# The versions of the edition, oldest first; the last is this one. Add one, "
        "with what changed, for each release.\nversions:\n"
        f"- version: \"0.1\"\n  date: {today}\n  changes: [{q('Started from ' + a.text.name + '.')}]\n")
    expectations = ("# What you know of this edition by reading its text, worked out by hand: the general edition "
                    "tests check\n# the build against it. Add a row under mentions for each name you link: "
                    "[paragraph, form as the text\n# writes it, entity id].\n"
                    f"paragraphs: {paragraphs}\nsections:\n- [the-text, 1, {paragraphs}]\nmentions: []\n")
    if heading_lines:
        expectations += "headings:\n" + "".join(f"- [{n}, {q(h)}]\n" for n, h in heading_lines)
    (dest / "expectations.yml").write_text(expectations, encoding="utf-8")
    schema_of = lambda folder, name: os.path.relpath(SCHEMAS / f"{name}.schema.json", final.resolve() / folder)  # noqa: E731
    (dest / "entities" / "README.md").write_text(
        ENTITIES_README.replace("{schema}", Path(schema_of("entities", "entities")).as_posix()), encoding="utf-8")
    (dest / "bibliography" / "README.md").write_text(
        BIBLIOGRAPHY_README.replace("{schema}", Path(schema_of("bibliography", "works")).as_posix()), encoding="utf-8")
    (dest / "pages" / "index.md").write_text(
        f"---\ntitle: {q(a.title)}\n---\n# {a.title}\n\n"
        f"An annotated edition of {a.title}{', by ' + a.author if a.author != 'Anonymous' else ''}: the text, its "
        f"paragraphs numbered, with a glossary of the names it contains and editorial notes.\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    env = os.environ.get
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                 epilog="With make, give the options as TITLE=, TEXT_LANGUAGE=, APPARATUS_LANGUAGE=, "
                                        "AUTHOR=, EDITOR_NAME=, SITE_URL=.")
    ap.add_argument("text", type=Path, help="the text: a UTF-8 file, one paragraph per line")
    ap.add_argument("dest", type=Path, help="the edition's folder to create (it must not exist, or be empty)")
    ap.add_argument("--title", default=env("TITLE"), help="the edition's title (default: from the file's name)")
    ap.add_argument("--language", default=env("TEXT_LANGUAGE"),
                    help="the text's language, a BCP 47 tag: el, hy, ka, ru, de… (default: from its script, where "
                         "that names one language)")
    ap.add_argument("--apparatus-language", default=env("APPARATUS_LANGUAGE"),
                    help="the language of the glossary, notes and interface (default: the text's, where the engine "
                         "has a catalogue of its words in it; else en)")
    ap.add_argument("--author", default=env("AUTHOR") or "Anonymous", help="who wrote the text")
    ap.add_argument("--editor", default=env("EDITOR_NAME") or git_user() or "The editor",
                    help="who edits it: the citation's editor and publisher (default: git's user.name)")
    ap.add_argument("--site-url", default=env("SITE_URL"), help="where the edition will be published")
    ap.add_argument("--unwrap", action="store_true",
                    help="join the lines of each block (up to a blank line) into one paragraph line")
    a = ap.parse_args(argv)
    try:
        return create(a)
    except (NewEditionError, EditionError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1


def create(a) -> int:
    if not a.text.is_file():
        raise NewEditionError(f"{a.text}: no such file. Fix: give the path of a plain text file (TEXT=…)")
    dest = a.dest.expanduser()
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise NewEditionError(f"{dest}: already exists and is not an empty folder. Fix: give a new folder (DEST=…)")
    raw = a.text.read_bytes()
    try:
        content = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise NewEditionError(f"{a.text}:{line}: the text is not UTF-8. Fix: save it as UTF-8 and run again") from None
    content = content.removeprefix("\ufeff")
    if a.unwrap:
        content = unwrap(content)
    raw = content.encode("utf-8")
    if a.site_url and not web_address(a.site_url):
        raise NewEditionError(f"'{a.site_url}' is not a web address. Fix: give an http:// or https:// address")
    script = script_of(content)
    language = a.language or SCRIPT_LANGUAGE.get(script)
    if not language:
        raise NewEditionError(f"{a.text}: the text is written in {script.title() or 'no'} script, used by many "
                              "languages. Fix: say which with --language (TEXT_LANGUAGE= with make), a BCP 47 tag "
                              "such as en, de, ru, zh-Hant")
    if not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", language):
        raise NewEditionError(f"'{language}' is not a language tag. Fix: give a BCP 47 tag such as el, hy, ru, zh-Hant")
    apparatus = a.apparatus_language or (language if known_language(language) else "en")
    if not known_language(apparatus):
        raise NewEditionError(f"the engine has no catalogue of its words in '{apparatus}'. Fix: choose an apparatus "
                              "language it has (build_scripts/load/catalogue/: en, fr…), or add a catalogue")
    a.title = (a.title or a.text.stem.replace("_", " ").replace("-", " ").strip().capitalize() or "Untitled").strip()
    lines = [line.removesuffix("\r") for line in content.split("\n")]
    headings = "# " if any(line.startswith("# ") for line in lines) else ""
    paragraphs, heading_lines = 0, []
    for line in lines:
        if not line.strip():
            continue
        if headings and line.startswith(headings):
            heading_lines.append((paragraphs + 1, line[len(headings):].strip()))
        else:
            paragraphs += 1
    heading_lines = [(min(n, paragraphs), h) for n, h in heading_lines]
    text_name = slug(a.text.stem, "text") + ".txt"
    dest.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".new-edition-", dir=dest.parent))
    try:
        folder = work / "edition"
        folder.mkdir()
        write_folder(folder, dest, a, raw, text_name, language, apparatus, headings, paragraphs, heading_lines)
        # Read back by the engine, for the address `make serve` uses: what is put in place is ready to serve.
        ed = load_edition(folder / "edition.yml", site_url=a.site_url or "http://127.0.0.1:8000/")
        if dest.exists():
            dest.rmdir()
        os.replace(folder, dest)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{dest}: a new edition of {a.text.name} ({language}, {len(ed.paragraphs)} paragraphs"
          f"{', ' + str(len(heading_lines)) + ' headings' if heading_lines else ''}); apparatus in {apparatus}.")
    if not a.language:
        print(f"  language {language}, from the text's {script.title()} script (--language to say otherwise)")
    if hard_wrapped(content):
        print("  note: the text looks hard-wrapped: every non-empty line is a paragraph. Run again with --unwrap to "
              "make each block of lines one paragraph.")
    if not a.site_url:
        print("  edition.yml has no site_url yet: set it before you publish (`make build` refuses until then).")
    print(f"Next: make serve EDITION={dest}   (the guide: build_scripts/MAKING-AN-EDITION.md)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
