"""Bad input gets one clear error naming the file, the line or key, and the fix.

Most cases check the error of the loading and checking code directly, on a private copy of the data
(milliseconds each); two end-to-end builds check that MkDocs prints that one error and that a failed build
leaves docs/ and site/ as they were."""
import re
from pathlib import Path

import pytest

from build_scripts.edition import load_edition
from build_scripts.errors import EditionError
from conftest import copy_seeds, edit_yaml, line_of, mkdocs_build


@pytest.fixture
def seeds(tmp_path) -> Path:
    copy_seeds(tmp_path / "seeds")
    return tmp_path / "seeds"


def refused(seeds: Path, expected: str) -> str:
    """The edition is refused with one error matching `expected`, which names the fix."""
    with pytest.raises(EditionError) as caught:
        load_edition(seeds / "edition.yml", seeds.parent)
    message = str(caught.value)
    assert re.search(expected, message), message
    assert ". Fix: " in message, message
    return message


# --- the source text ------------------------------------------------------------------------------------------

def test_missing_source(seeds):
    (seeds / "000_752561919a8f83ec.txt").unlink()
    refused(seeds, r"^seeds/000_752561919a8f83ec\.txt: the source text is missing")


def test_changed_source(seeds):
    src = seeds / "000_752561919a8f83ec.txt"
    src.write_bytes(src.read_bytes().replace(b"Colande", b"Coulondre"))
    refused(seeds, r"^seeds/000_752561919a8f83ec\.txt: the source text has changed .*Fix: restore the source")


# --- sections ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("change, message", [
    (lambda d: d["sections"][0].update(first=2), r"sections\[0\]\.first: .*paragraphs 1–1 belong to no section"),
    (lambda d: d["sections"][2].update(first=d["sections"][1]["first"]), r"sections\[2\]\.first: .*overlaps"),
    (lambda d: d["sections"].insert(1, d["sections"].pop(3)), r"sections\[[12]\]\.first: .*comes before"),
    (lambda d: d["sections"][-1].update(first=999), r"sections\[7\]\.first: paragraph 999 does not exist"),
    (lambda d: d["sections"][1].pop("title"), r"sections\[1\]\.title: Field required"),
    (lambda d: d["sections"][3].update(slug="all"), r"sections\[3\]\.slug: slug 'all' is taken by the page of the whole"),
    (lambda d: d["sections"][3].update(title="Two\nlines"), r"sections\[3\]\.title: is one line of plain text"),
])
def test_bad_sections(seeds, change, message):
    edit_yaml(seeds / "sections.yml", change)
    refused(seeds, r"^seeds/sections\.yml:\d+: " + message)


def test_the_error_names_the_line_of_the_key(seeds):
    path = seeds / "sections.yml"
    edit_yaml(path, lambda d: d["sections"][3].update(first=5))
    refused(seeds, rf"^seeds/sections\.yml:{line_of(path, 'first: 5')}: sections\[3\]\.first")


def test_malformed_yaml(seeds):
    path = seeds / "sections.yml"
    path.write_text(path.read_text() + "\n  - slug: [unclosed\n", encoding="utf-8")
    refused(seeds, r"^seeds/sections\.yml:\d+: malformed YAML")


# --- entities ------------------------------------------------------------------------------------------------

def people(seeds: Path) -> Path:
    return seeds / "entities" / "people.yml"


def test_unknown_related_id(seeds):
    edit_yaml(people(seeds), lambda d: d["entities"][0].update(related=["no-such-person"]))
    refused(seeds, r"^seeds/entities/people\.yml:\d+: entities\[0\]\.related\[0\]: unknown entity id 'no-such-person'")


def test_duplicate_entity_id(seeds):
    edit_yaml(people(seeds), lambda d: d["entities"][1].update(id=d["entities"][0]["id"]))
    refused(seeds, r"people\.yml:\d+: entities\[1\]\.id: entity id '[a-z-]+' is defined twice")


def test_form_claimed_by_two_entities_in_one_paragraph(seeds):
    edit_yaml(people(seeds), lambda d: d["entities"][1]["forms"].append({"text": d["entities"][0]["forms"][0]["text"]}))
    refused(seeds, r"people\.yml:\d+: the form '.+' is claimed by both")


def test_form_that_never_occurs(seeds):
    edit_yaml(people(seeds), lambda d: d["entities"][0]["forms"].append({"text": "Zinoviev"}))
    refused(seeds, rf"people\.yml:{line_of(people(seeds), 'text: Zinoviev')}: entity '[a-z-]+': the form 'Zinoviev' never occurs")


def test_unknown_kind_names_the_kinds_of_the_edition(seeds):
    edit_yaml(people(seeds), lambda d: d["entities"][2].update(kind="persn"))
    refused(seeds, rf"people\.yml:{line_of(people(seeds), 'kind: persn')}: entities\[2\]\.kind: 'persn' is not a kind of "
                   r"entity of this edition.*Fix: use one of \['person'")


@pytest.mark.parametrize("value", ["zh\" onmouseover=\"alert(1)", "", "zh Hant", "<b>"])
def test_a_language_tag_is_checked_before_it_reaches_an_attribute(seeds, value):
    edit_yaml(people(seeds), lambda d: d["entities"][0].update(native_lang=value))
    refused(seeds, r"people\.yml:\d+: entities\[0\]\.native_lang: String should match pattern")


@pytest.mark.parametrize("field, value, message", [
    ("entry", "Text with <script>alert(1)</script>.", r"contains raw HTML \('<script>"),
    ("entry", "See [this](javascript:alert(1)).", r"links to 'javascript:alert\(1"),
    ("entry", "A paragraph.\n{: #p5 }", r"contains an attribute list"),
    ("entry", "A reserved mark \ue000 here.", r"private use area"),
    ("summary", "Two\nlines? No: folded to one.", None),
    ("name", "A name\nwith a line break", r"is one line of plain text"),
])
def test_editorial_text_is_checked(seeds, field, value, message):
    edit_yaml(people(seeds), lambda d: d["entities"][0].update({field: value}))
    if message is None:
        load_edition(seeds / "edition.yml", seeds.parent)  # a folded summary is one line: accepted
    else:
        refused(seeds, rf"people\.yml:\d+: entities\[0\]\.{field}: .*{message}")


# --- notes ---------------------------------------------------------------------------------------------------

def test_note_anchor_not_in_its_paragraph(seeds):
    edit_yaml(seeds / "notes.yml", lambda d: d["notes"][0].update(anchor="words that are not there"))
    refused(seeds, r"notes\.yml:\d+: notes\[0\]\.anchor: anchor 'words that are not there' occurs 0 time")


def test_a_note_of_fact_needs_sources(seeds):
    def strip(d):
        next(n for n in d["notes"] if n["type"] == "context").pop("sources")
    edit_yaml(seeds / "notes.yml", strip)
    refused(seeds, r"notes\.yml:\d+: notes\[\d+\]: a context note needs sources")


def test_unknown_note_type(seeds):
    edit_yaml(seeds / "notes.yml", lambda d: d["notes"][0].update(type="gossip"))
    refused(seeds, r"notes\.yml:\d+: notes\[0\]\.type: 'gossip' is not a note type of this edition.*Fix: use one of "
                   r"\['context', 'correction', 'identification', 'lacuna', 'collation'\]")


def test_a_collation_note_says_what_the_english_does(seeds):
    def strip(d):
        next(n for n in d["notes"] if n["type"] == "collation").pop("collation")
    edit_yaml(seeds / "notes.yml", strip)
    refused(seeds, r"notes\.yml:\d+: notes\[\d+\]\.collation: a collation note needs its kind.*Fix: add  collation: "
                   r"<one of \['omission', 'addition', 'mistranslation'\]>")


def test_a_quotation_is_a_phrase_not_a_paragraph(seeds):
    edit_yaml(seeds / "notes.yml", lambda d: next(n for n in d["notes"] if n.get("chinese")).update(chinese="字" * 81))
    refused(seeds, r"notes\.yml:\d+: notes\[\d+\]: the quotation is 81 characters long")


# --- the bibliography ------------------------------------------------------------------------------------------

def cited_note(d):
    return next(n for n in d["notes"] if n.get("sources"))


def test_an_unknown_work_is_refused(seeds):
    edit_yaml(seeds / "notes.yml", lambda d: cited_note(d)["sources"][0].update(work="nobody-1999"))
    refused(seeds, r"notes\.yml:\d+: notes\[\d+\]\.sources\[0\]\.work: unknown work 'nobody-1999'.*Fix: add the work")


def test_a_work_with_pages_needs_a_locator(seeds):
    def cite_without_locator(d):
        note = cited_note(d)
        note["sources"] = [{"work": "frus-1937-iii"}]
    edit_yaml(seeds / "notes.yml", cite_without_locator)
    refused(seeds, r"notes\.yml:\d+: notes\[\d+\]\.sources\[0\]: cites 'frus-1937-iii' without saying where: the work "
                   r"needs a document number\. Fix: add  at: <document>")


def test_a_work_is_recorded_once(seeds):
    path = seeds / "bibliography" / "reference.yml"
    edit_yaml(path, lambda d: d["works"].append(dict(d["works"][0])))
    refused(seeds, r"reference\.yml:\d+: works\[\d+\]\.key: work '[a-z0-9-]+' is recorded twice")


def test_a_work_of_an_unknown_kind(seeds):
    edit_yaml(seeds / "bibliography" / "reference.yml", lambda d: d["works"][0].update(kind="hearsay"))
    refused(seeds, r"reference\.yml:\d+: works\[0\]\.kind: 'hearsay' is not a kind of work of this edition")


@pytest.mark.parametrize("url, why", [
    ("https://libgen.is/book/index.php?md5=0", "a shadow library"),
    ("https://en.m.wikiwand.com/en/Maxim_Litvinov", "a scraped mirror or clone"),
    ("https://eifxekqkqvx.shop/britannica/litvinov", "a host of no standing"),
    ("http://156.54.191.164/litvinov.html", "a bare IP address"),
])
def test_a_non_source_is_refused_with_its_file_and_line(seeds, url, why):
    path = seeds / "bibliography" / "reference.yml"
    edit_yaml(path, lambda d: d["works"][3].update(url=url))
    line = line_of(path, url)
    refused(seeds, rf"^seeds/bibliography/reference\.yml:{line}: works\[3\]\.url: '{re.escape(url)}' is {why}.*never a source")


def test_a_non_source_in_prose_or_in_a_page_is_refused(seeds):
    edit_yaml(people(seeds), lambda d: d["entities"][0].update(entry="As [a mirror](https://wikimili.com/en/X) says."))
    refused(seeds, r"people\.yml:\d+: entities\[0\]\.entry: 'https://wikimili\.com/en/X\)?' is a scraped mirror")


def test_a_non_source_in_a_page_names_its_line(seeds):
    page = seeds / "pages" / "method.md"
    page.write_text(page.read_text() + "\nSee https://z-lib.org/book/1 for the book.\n", encoding="utf-8")
    refused(seeds, rf"^seeds/pages/method\.md:{line_of(page, 'z-lib.org')}: 'https://z-lib\.org/book/1' is a shadow library")


# --- the edition file and the register ---------------------------------------------------------------------------

def test_a_missing_register_is_an_error_not_a_silent_switch_off(seeds):
    (seeds / "published.yml").unlink()
    refused(seeds, r"^seeds/edition\.yml:\d+: published: the register of published links seeds/published\.yml is missing")


def test_an_unknown_word_of_the_catalogue(seeds):
    edit_yaml(seeds / "edition.yml", lambda d: d.setdefault("labels", {}).update(gapp="Missing words"))
    refused(seeds, r"edition\.yml:\d+: labels\.gapp: 'gapp' is not a word of the catalogue")


@pytest.mark.parametrize("change, message", [
    (lambda d: d["colours"].update(primary="chartreuse"), r"colours\.primary: .*'brown'"),
    (lambda d: d["licence"].update(url="javascript:alert(1)"), r"licence\.url: "),
])
def test_bad_identity(seeds, change, message):
    edit_yaml(seeds / "edition.yml", change)
    refused(seeds, r"^seeds/edition\.yml:\d+: " + message)


# --- end to end: one error from MkDocs, nothing written -----------------------------------------------------------

def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def built_copy(tmp_path, seeds):
    site, docs = tmp_path / "site", tmp_path / "docs"
    result = mkdocs_build(site, seeds / "edition.yml", docs)
    assert result.returncode == 0, result.stderr
    return site, docs


@pytest.mark.parametrize("breakage", ["data", "non-source"])
def test_a_failed_build_prints_one_error_and_changes_nothing(seeds, built_copy, breakage):
    site, docs = built_copy
    if breakage == "data":
        edit_yaml(seeds / "sections.yml", lambda d: d["sections"][3].update(first=5))
        expected = r"seeds/sections\.yml:\d+: sections\[3\]\.first: .*Fix: "
    else:
        edit_yaml(people(seeds), lambda d: d["entities"][0]["sources"].append({"work": "nobody"}))
        expected = r"people\.yml:\d+: entities\[0\]\.sources\[\d+\]\.work: unknown work 'nobody'.*Fix: "
    before_docs, before_site = snapshot(docs), snapshot(site)
    result = mkdocs_build(site, seeds / "edition.yml", docs)
    assert result.returncode != 0
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert len(errors) == 1 and re.search(expected, errors[0]), result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(docs) == before_docs, "docs/ changed on a failed build"
    assert snapshot(site) == before_site, "site/ changed on a failed build"
