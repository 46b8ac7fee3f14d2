"""An editor's own edition, started with `make new-edition` and kept outside this repository: a Greek text (a script
the engine had not seen) with an English apparatus, built and checked by the general edition tests as the examples
are; every part marked in its language in HTML and TEI; and the walk of the guide (build_scripts/MAKING-AN-EDITION.md)
from a text file to a released version in the edition's own git repository. Also the JSON Schemas of the data files.

What the Greek edition holds is worked out by hand from its text, below (GREEK_TEXT, EXPECTED).
"""
from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from lxml import etree

import test_editions
from build_scripts.build import read_edition
from build_scripts.commands import new_edition, register, release, schemas
from build_scripts.commands.build import main as build_main
from build_scripts.errors import EditionError
from conftest import BUILD_DAY, ROOT, SITE_URL, built_once
from html_reading import parse

# A short text written for this test (so free of rights): one heading, four paragraphs, one per line.
GREEK_TEXT = """# Ο Βενιζέλος και η Κρήτη
Ο Ελευθέριος Βενιζέλος γεννήθηκε το 1864 στις Μουρνιές, κοντά στα Χανιά της Κρήτης.
Σπούδασε νομικά στην Αθήνα και επέστρεψε στην Κρήτη ως δικηγόρος.
Το 1910 ο Βενιζέλος έγινε πρωθυπουργός της Ελλάδας.
Η πολιτική του Βενιζέλου άλλαξε τη χώρα· τον Βενιζέλο τον θυμούνται ακόμη στα Χανιά.
"""
ENTITY = "eleftherios-venizelos"
# Read off the text by hand: the full name in ¶1, then the surname in the nominative (¶3), the genitive and the
# accusative (¶4), which the form `Βενιζέλος, inflect: true` must find; the heading is not a paragraph.
EXPECTED = {
    "paragraphs": 4,
    "sections": [["the-text", 1, 4]],
    "mentions": [[1, "Ελευθέριος Βενιζέλος", ENTITY], [3, "Βενιζέλος", ENTITY], [4, "Βενιζέλου", ENTITY],
                 [4, "Βενιζέλο", ENTITY]],
    "headings": [[1, "Ο Βενιζέλος και η Κρήτη"]],
}
WORKS = """works:
- key: britannica-venizelos
  kind: reference
  type: entry-encyclopedia
  title: Eleutherios Venizelos
  container: Encyclopaedia Britannica
  publisher: Encyclopaedia Britannica, Inc.
  url: https://www.britannica.com/biography/Eleutherios-Venizelos
  language: en
  locator: none
"""
ENTITIES = """entities:
- id: eleftherios-venizelos
  kind: person
  name: Eleftherios Venizelos
  native_name: Ελευθέριος Βενιζέλος
  native_lang: el
  dates: 1864–1936
  summary: Greek statesman from Crete, prime minister of Greece from 1910.
  entry: |
    Eleftherios Venizelos was born in 1864 near Chania in Crete, studied law in Athens and became prime minister
    of Greece in 1910.
  sources:
  - work: britannica-venizelos
  forms:
  - text: Ελευθέριος Βενιζέλος
  - text: Βενιζέλος
    inflect: true
"""
NOTES = """notes:
- paragraph: 3
  anchor: πρωθυπουργός της Ελλάδας
  type: context
  text: Venizelos first became prime minister of Greece in October 1910.
  sources:
  - work: britannica-venizelos
"""
NOTE_TEXT = "Venizelos first became prime minister of Greece in October 1910."


def start(tmp: Path, *options: str, text: str = GREEK_TEXT, name: str = "venizelos") -> Path:
    """`make new-edition` on a text file: the edition's folder."""
    source = tmp / f"{name}.txt"
    source.write_text(text, encoding="utf-8")
    dest = tmp / name
    assert new_edition.main([str(source), str(dest), "--title", "Venizelos and Crete", "--editor", "A. Tester",
                             *options]) == 0
    return dest


def add_entry_and_note(dest: Path) -> None:
    """What the guide has the editor do next: a work, an entry, a note, and what they expect of them."""
    (dest / "bibliography" / "works.yml").write_text(WORKS, encoding="utf-8")
    (dest / "entities" / "people.yml").write_text(ENTITIES, encoding="utf-8")
    notes = dest / "notes.yml"
    notes.write_text(notes.read_text(encoding="utf-8").replace("notes: []\n", NOTES), encoding="utf-8")
    expectations = yaml.safe_load((dest / "expectations.yml").read_text(encoding="utf-8"))
    expectations["mentions"] = EXPECTED["mentions"]
    (dest / "expectations.yml").write_text(yaml.safe_dump(expectations, allow_unicode=True), encoding="utf-8")


@pytest.fixture(scope="module")
def greek(tmp_path_factory) -> Path:
    """The Greek edition, outside this repository, with one entry and one note: its edition file."""
    dest = start(tmp_path_factory.mktemp("editor"))
    assert not dest.resolve().is_relative_to(ROOT)
    add_entry_and_note(dest)
    return dest / "edition.yml"


# --- the general edition tests, on the new edition -----------------------------------------------------------

@pytest.fixture(scope="module")
def built(greek, tmp_path_factory):
    """As tests/test_editions.py's fixture of the same name: (edition, site, expectations, edition file)."""
    ed = read_edition(greek, SITE_URL)
    site = built_once(tmp_path_factory, greek)
    expected = yaml.safe_load((greek.parent / "expectations.yml").read_text(encoding="utf-8"))
    return ed, site, expected, greek


# Collected here, they run on this module's `built`: the Greek edition.
from test_editions import (test_a_reader_opens_each_text_page_and_cites_a_paragraph,  # noqa: E402,F401
                           test_each_source_text_is_downloadable_byte_for_byte,
                           test_every_paragraph_is_on_its_page_verbatim_once,
                           test_sections_hold_the_paragraphs_the_editor_gave_them,
                           test_the_headings_of_a_source_stand_before_their_paragraph_and_are_not_numbered,
                           test_the_names_the_editor_expects_are_linked_where_they_stand,
                           test_the_tei_is_valid_and_holds_every_paragraph)


def test_the_expectations_are_those_worked_out_by_hand(built):
    _, _, expected, _ = built
    assert {k: expected.get(k) for k in EXPECTED} == EXPECTED


def test_the_engines_list_of_non_sources_guards_the_new_edition(greek, tmp_path):
    test_editions.test_the_engines_list_of_non_sources_guards_every_edition(greek, tmp_path)


# --- every part in its language --------------------------------------------------------------------------------

GREEK = re.compile("[\u0370-\u03ff\u1f00-\u1fff]")
ENGLISH = re.compile("[A-Za-z]{3,}")  # a word of the apparatus (a Greek text has no Latin words)
READABLE = ("title", "aria-label", "alt", "placeholder")  # attributes a reader reads or hears


def _lang(el, attribute: str):
    while el is not None:
        if el.get(attribute):
            return el.get(attribute)
        el = el.getparent()
    return None


def misplaced(root, attribute: str, skip=("script", "style")) -> list[str]:
    """Text of the text (Greek) not marked el, and words of the apparatus (English) marked el: every text node, and
    every attribute a reader reads, by the language of the element it belongs to."""
    out = []
    for el in root.iter():
        if not isinstance(el.tag, str) or etree.QName(el).localname in skip:
            continue
        name = etree.QName(el).localname
        for text, owner in ((el.text, el), (el.tail, el.getparent())):
            if not text or owner is None or etree.QName(owner).localname in skip:
                continue
            lang = _lang(owner, attribute)
            if GREEK.search(text) and lang != "el":
                out.append(f"Greek in <{etree.QName(owner).localname}> marked {lang!r}: {text.strip()[:50]!r}")
            if ENGLISH.search(text) and lang == "el":
                out.append(f"English in <{etree.QName(owner).localname}> marked 'el': {text.strip()[:50]!r}")
        for a in READABLE:
            value = el.get(a)
            if value and ENGLISH.search(value) and _lang(el, attribute) == "el":
                out.append(f"English {a} of <{name}> marked 'el': {value[:50]!r}")
            if value and GREEK.search(value) and _lang(el, attribute) != "el":
                out.append(f"Greek {a} of <{name}> marked {_lang(el, attribute)!r}: {value[:50]!r}")
    return out


def test_every_page_is_english_and_every_word_of_the_text_is_marked_greek(built):
    ed, site, _, _ = built
    assert (ed.language, ed.apparatus_language) == ("el", "en")
    problems = []
    pages = sorted(p for p in site.rglob("*.html") if "pagefind" not in p.parts)
    assert len(pages) >= 8
    for page in pages:
        root = parse(page)
        assert root.get("lang") == "en", page
        problems += [f"{page.relative_to(site)}: {p}" for p in misplaced(root, "lang")]
    assert not problems, "\n".join(problems)


def test_every_part_of_the_tei_is_marked_in_its_language(built):
    ed, site, _, _ = built
    tei = etree.parse(str(site / "downloads" / f"{ed.citation.key}.tei.xml")).getroot()
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    assert tei.get(xml_lang) == "el"
    # A web address or an identifier is in no language.
    problems = misplaced(tei, xml_lang, skip=("idno", "ptr"))
    assert not problems, "\n".join(problems)


def test_inflected_forms_are_linked_in_the_built_text(built):
    ed, site, _, _ = built
    page = parse(site / "text" / "the-text" / "index.html")
    linked = [(a.xpath("ancestor::*[@data-n]")[0].get("data-n"), a.text_content())
              for a in page.xpath("//*[contains(@class, 'ed-name')]")]
    assert linked == [("1", "Ελευθέριος Βενιζέλος"), ("3", "Βενιζέλος"), ("4", "Βενιζέλου"), ("4", "Βενιζέλο")]


# --- the command ---------------------------------------------------------------------------------------------

def test_the_new_folder_holds_what_the_guide_says(tmp_path):
    dest = start(tmp_path)
    names = sorted(str(p.relative_to(dest)) for p in dest.rglob("*"))
    assert names == ["bibliography", "bibliography/README.md", "edition.yml", "entities", "entities/README.md",
                     "expectations.yml", "notes.yml", "pages", "pages/index.md", "published.yml", "sections.yml",
                     "texts", "texts/venizelos.txt", "versions.yml"]
    assert (dest / "texts" / "venizelos.txt").read_text(encoding="utf-8") == GREEK_TEXT
    data = yaml.safe_load((dest / "edition.yml").read_text(encoding="utf-8"))
    assert data["source_sha256"] == hashlib.sha256(GREEK_TEXT.encode()).hexdigest()
    assert (data["language"], data["apparatus_language"], data["title"]) == ("el", "en", "Venizelos and Crete")
    assert "site_url" not in data
    assert yaml.safe_load((dest / "published.yml").read_text(encoding="utf-8")) == {"anchors": {}}
    assert yaml.safe_load((dest / "notes.yml").read_text(encoding="utf-8")) == {"notes": []}
    assert yaml.safe_load((dest / "sections.yml").read_text(encoding="utf-8")) == {
        "sections": [{"slug": "the-text", "title": "Venizelos and Crete", "first": 1}]}
    assert yaml.load((dest / "versions.yml").read_text(encoding="utf-8"), Loader=_Yaml12)["versions"] == [
        {"version": "0.1", "date": BUILD_DAY, "changes": ["Started from venizelos.txt."]}]
    assert {k: v for k, v in yaml.safe_load((dest / "expectations.yml").read_text(encoding="utf-8")).items()} == {
        **EXPECTED, "mentions": []}
    # Ready to serve: the engine reads it for the address `make serve` uses.
    ed = read_edition(dest / "edition.yml", "http://127.0.0.1:8000/")
    assert [p.text for p in ed.paragraphs] == GREEK_TEXT.splitlines()[1:]
    assert (ed.entities, ed.notes) == ((), ())


def test_the_build_refuses_the_placeholder_site_address_until_it_is_set(tmp_path, capsys):
    dest = start(tmp_path)
    # The guide's publishing step is `make build`: with no site address it stops, and says what to do.
    assert build_main([str(dest), "--site-dir", str(tmp_path / "site"), "--docs-dir", ""]) == 1
    assert re.search(r"venizelos/edition\.yml:\d+: site_url: the edition does not say where it is published.*"
                     r"Fix: add  site_url: https://…/  to the edition file", capsys.readouterr().err)
    assert not (tmp_path / "site").exists()
    text = (dest / "edition.yml").read_text(encoding="utf-8")
    (dest / "edition.yml").write_text(text.replace('# site_url: "https://…/"', 'site_url: "https://example.org/v/"'),
                                      encoding="utf-8")
    assert build_main([str(dest), "--site-dir", str(tmp_path / "site"), "--docs-dir", ""]) == 0
    assert "https://example.org/v/" in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


def test_a_site_address_given_to_the_command_is_the_editions(tmp_path):
    dest = start(tmp_path, "--site-url", "https://example.org/venizelos/")
    assert yaml.safe_load((dest / "edition.yml").read_text(encoding="utf-8"))["site_url"] == \
        "https://example.org/venizelos/"
    assert read_edition(dest / "edition.yml").site_url == "https://example.org/venizelos/"


@pytest.mark.parametrize("text, options, message", [
    ("A text in English.\n", [], r"the text is written in Latin script, used by many languages\. Fix: say which with "
                                 r"--language"),
    ("Ein Text.\n", ["--language", "de", "--apparatus-language", "el"],
     r"the engine has no catalogue of its words in 'el'\. Fix: choose an apparatus language it has"),
    ("Ein Text.\n", ["--language", "de_DE"], r"'de_DE' is not a language tag"),
    ("Ein Text.\n", ["--language", "de", "--site-url", "ftp://example.org/"], r"'ftp://example.org/' is not a web "
                                                                              r"address"),
])
def test_bad_options_are_refused_with_the_fix(tmp_path, capsys, text, options, message):
    source = tmp_path / "t.txt"
    source.write_text(text, encoding="utf-8")
    assert new_edition.main([str(source), str(tmp_path / "ed"), *options]) == 1
    assert re.search(message, capsys.readouterr().err)
    assert not (tmp_path / "ed").exists()


def test_a_text_that_is_not_utf8_or_a_folder_in_use_is_refused(tmp_path, capsys):
    source = tmp_path / "t.txt"
    source.write_bytes("Ο Βενιζέλος.\nΗ Κρήτη.\n".encode("iso-8859-7"))
    assert new_edition.main([str(source), str(tmp_path / "ed")]) == 1
    assert re.search(r"t\.txt:1: the text is not UTF-8\. Fix: save it as UTF-8", capsys.readouterr().err)
    dest = start(tmp_path)
    before = (dest / "edition.yml").read_bytes()
    (tmp_path / "again.txt").write_text(GREEK_TEXT, encoding="utf-8")
    assert new_edition.main([str(tmp_path / "again.txt"), str(dest)]) == 1
    assert "already exists and is not an empty folder" in capsys.readouterr().err
    assert (dest / "edition.yml").read_bytes() == before


def test_a_hard_wrapped_text_is_unwrapped_on_request(tmp_path, capsys):
    wrapped = "Ο Ελευθέριος Βενιζέλος γεννήθηκε\nστις Μουρνιές.\n\nΣπούδασε νομικά\nστην Αθήνα.\n"
    dest = start(tmp_path, text=wrapped, name="wrapped")
    assert "looks hard-wrapped" in capsys.readouterr().out
    assert len(read_edition(dest / "edition.yml", SITE_URL).paragraphs) == 4
    (tmp_path / "again").mkdir()
    dest = start(tmp_path / "again", "--unwrap", text=wrapped, name="wrapped")
    assert [p.text for p in read_edition(dest / "edition.yml", SITE_URL).paragraphs] == [
        "Ο Ελευθέριος Βενιζέλος γεννήθηκε στις Μουρνιές.", "Σπούδασε νομικά στην Αθήνα."]


# --- the guide's walk: from a text file to a released version --------------------------------------------------

def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=A. Tester", "-c", "user.email=tester@example.org", *args],
                          cwd=repo, capture_output=True, text=True, check=True).stdout


def test_an_edition_started_with_the_command_is_built_registered_and_released(tmp_path, capsys):
    dest = start(tmp_path, "--site-url", "https://example.org/venizelos/")
    git(dest, "init", "-q")
    git(dest, "add", ".")
    git(dest, "commit", "-q", "-m", "Started from venizelos.txt")
    add_entry_and_note(dest)
    # Build, as it will be published.
    assert build_main([str(dest), "--site-dir", str(tmp_path / "site"), "--docs-dir", ""]) == 0
    page = (tmp_path / "site" / "text" / "the-text" / "index.html").read_text(encoding="utf-8")
    assert NOTE_TEXT in page and "https://example.org/venizelos/text/the-text/" in page
    assert (tmp_path / "site" / "entities" / ENTITY / "index.html").is_file()
    # A release before the links are registered and committed is refused, with the fix.
    capsys.readouterr()
    assert release.main([str(dest)]) == 1
    err = capsys.readouterr().err
    assert "venizelos/published.yml: the register lacks" in err and "Fix: run `make register`" in err
    assert "uncommitted changes" in err
    assert register.main([str(dest)]) == 0
    recorded = yaml.safe_load((dest / "published.yml").read_text(encoding="utf-8"))
    assert sorted(recorded["anchors"]) == ["p1", "p2", "p3", "p4"] and recorded["recorded_for"] == "0.1"
    assert "entities/eleftherios-venizelos/" in recorded["pages"]
    assert release.main([str(dest)]) == 1
    assert "the edition's folder has uncommitted changes" in capsys.readouterr().err
    git(dest, "add", ".")
    git(dest, "commit", "-q", "-m", "An entry, a note; the register for 0.1")
    assert release.main([str(dest)]) == 0
    assert "tagged v0.1" in capsys.readouterr().out
    # The tag is the edition's repository's, on its commit; the engine's repository is untouched.
    assert git(dest, "rev-list", "-n", "1", "v0.1") == git(dest, "rev-parse", "HEAD")
    assert "v0.1" not in git(ROOT, "tag", "--list", "v0.1")
    # The same version is not released twice.
    assert release.main([str(dest)]) == 1
    assert "version 0.1 is already released" in capsys.readouterr().err


# --- JSON Schemas --------------------------------------------------------------------------------------------

def test_the_committed_schemas_are_those_of_the_models():
    wanted = schemas.generate()
    committed = {p.name: p.read_text(encoding="utf-8") for p in schemas.SCHEMAS.glob("*.schema.json")}
    assert sorted(committed) == sorted(wanted), "run `make schemas` and commit build_scripts/load/schemas/"
    for name, text in wanted.items():
        assert committed[name] == text, f"{name} is stale: run `make schemas` and commit it"
    assert schemas.main(["--check"]) == 0


class _Yaml12(yaml.SafeLoader):
    """YAML as an editor's YAML tools read it (1.2: a date is text)."""


_Yaml12.yaml_implicit_resolvers = {k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
                                   for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def validator(name: str):
    from jsonschema import Draft7Validator

    return Draft7Validator(json.loads((schemas.SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8")))


def data_files(edition_file: Path) -> list[tuple[Path, str]]:
    """Every data file of an edition and the schema that describes it, as its edition file names them."""
    folder = edition_file.parent
    cfg = yaml.safe_load(edition_file.read_text(encoding="utf-8"))
    out = [(edition_file, "edition")]
    for key, name in (("sections", "sections"), ("notes", "notes"), ("versions", "versions"),
                      ("published", "register"), ("chronology", "chronology"), ("journey", "journey"),
                      ("claims", "claims")):
        if cfg.get(key):
            out.append((folder / cfg[key], name))
    out += [(folder / f, "texts") for f in cfg.get("text_files", [])]
    if cfg.get("entities"):
        out += [(f, "entities") for f in sorted((folder / cfg["entities"]).glob("*.yml"))]
    out += [(f, "works") for f in sorted((folder / cfg["bibliography"]["works"]).glob("*.yml"))]
    if cfg["bibliography"].get("non_sources"):
        out.append((folder / cfg["bibliography"]["non_sources"], "non_sources"))
    return out


@pytest.mark.parametrize("edition_file", test_editions.EDITIONS, ids=test_editions.name)
def test_every_data_file_of_every_edition_is_valid_against_its_schema(edition_file):
    files = data_files(edition_file)
    assert len(files) >= 7
    for path, name in files:
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in
                  validator(name).iter_errors(yaml.load(path.read_text(encoding="utf-8"), Loader=_Yaml12))]
        assert not errors, (path, errors[:5])


def test_the_new_editions_files_name_their_schemas_and_are_valid_against_them(greek):
    for path, name in data_files(greek):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        if path.name in ("works.yml", "people.yml"):
            continue  # written by the editor (the test), not by the command
        m = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert m, (path, first)
        assert (path.parent / m[1]).resolve() == schemas.SCHEMAS / f"{name}.schema.json", path
        assert not list(validator(name).iter_errors(yaml.load(path.read_text(encoding="utf-8"), Loader=_Yaml12)))


@pytest.mark.parametrize("name, data, where", [
    ("entities", {"entities": [{"id": "x", "kind": "person", "name": "X", "summary": "s", "entry": "e",
                                "sources": [{"work": "w"}], "forms": [{"text": "X", "inflect": "yes"}]}]},
     "entities/0/forms/0/inflect"),
    ("entities", {"entities": [{"id": "x", "kind": "person", "name": "X", "summary": "s", "entry": "e",
                                "sources": [{"work": "w"}], "forms": [{"text": "X", "inflects": True}]}]},
     "entities/0/forms/0"),
    ("versions", {"versions": [{"version": "1.0", "date": "2026-13-40x", "changes": ["c"]}]}, "versions/0/date"),
    ("edition", {"title": "T"}, ""),
    ("register", {"anchors": {"p0": {"page": "", "text": "0" * 16}}}, "anchors"),
])
def test_a_schema_refuses_what_the_build_refuses(name, data, where):
    errors = list(validator(name).iter_errors(data))
    assert errors and any("/".join(map(str, e.absolute_path)) == where for e in errors), \
        [("/".join(map(str, e.absolute_path)), e.message) for e in errors]
    model = schemas.FILES[name][0]
    with pytest.raises(Exception):
        model.model_validate(data)


def test_a_bad_entity_file_of_the_new_edition_is_refused_with_file_and_line(greek, tmp_path):
    dest = tmp_path / "copy"
    shutil.copytree(greek.parent, dest)
    people = dest / "entities" / "people.yml"
    people.write_text(people.read_text(encoding="utf-8").replace("    inflect: true", "    inflect: yes please"),
                      encoding="utf-8")
    with pytest.raises(EditionError, match=r"^copy/entities/people\.yml:17: entities\[0\]\.forms\[1\]\.inflect: Input "
                                           r"should be a valid boolean\. Fix: write true or false"):
        read_edition(dest / "edition.yml", SITE_URL)
