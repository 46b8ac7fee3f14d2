"""Every bad input gets one clear answer: the file, the line or key, and the fix (or, where the input is sound
after all, a correct acceptance). Each case breaks a private copy of the edition's data in one way and reads it
with the loader (milliseconds); a few build end to end, to show that a failed build writes nothing and that
faults (two builds at once, a truncated generated file, an interrupted build) leave the site whole.

A case is (name, how to break the data, the error expected: a regular expression over "file:line: problem. Fix:
fix", or None for "accepted")."""
from __future__ import annotations

import copy
import hashlib
import os
import re
import shutil
import subprocess
import sys
import threading
import traceback
from pathlib import Path

import pytest
import yaml

from build_scripts.build import published_state, read_edition
from build_scripts.commands.build import BuildError
from build_scripts.errors import EditionError
from build_scripts.paths import build_date
from conftest import EDITION_FILE, ROOT, SITE_URL, build_site, copy_seeds

SOURCE = "000_752561919a8f83ec.txt"


@pytest.fixture
def seeds(tmp_path) -> Path:
    copy_seeds(tmp_path / "seeds")
    return tmp_path / "seeds"


def load(seeds: Path):
    """Everything checked before rendering: the data, and the register's promise (on the site's plan)."""
    ed = read_edition(seeds / "edition.yml", SITE_URL)
    published_state(ed)
    return ed


def refused(seeds: Path, expected: str) -> str:
    with pytest.raises(EditionError) as caught:
        load(seeds)
    message = str(caught.value)
    assert re.search(expected, message), message
    assert ". Fix: " in message and re.match(r"^\S[^:]*(:\d+)?( \([^)]*\))?: ", message), message
    return message


# --- how a case breaks the data --------------------------------------------------------------------------------

def yml(name: str, change):
    """Change a YAML file of the edition through its parsed data."""
    def apply(seeds: Path):
        path = seeds / name
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10 ** 6), encoding="utf-8")
    return apply


def raw(name: str, change):
    """Change a file as text (or bytes): what YAML's parser must answer for itself."""
    def apply(seeds: Path):
        path = seeds / name
        if isinstance(change, bytes):
            path.write_bytes(change)
        else:
            path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
    return apply


def source(change):
    """Change the source text and record its new SHA-256, so that the loader reads it."""
    def apply(seeds: Path):
        path = seeds / SOURCE
        data = change(path.read_bytes())
        path.write_bytes(data)
        edition = seeds / "edition.yml"
        text = edition.read_text(encoding="utf-8")
        old = re.search(r"source_sha256: (\w+)", text)[1]
        edition.write_text(text.replace(old, hashlib.sha256(data).hexdigest()), encoding="utf-8")
    return apply


def entity(i: int, **fields):
    return yml("entities/people.yml", lambda d: d["entities"][i].update(fields))


def note(i: int, **fields):
    return yml("notes.yml", lambda d: d["notes"][i].update(fields))


def work(i: int, **fields):
    return yml("bibliography/reference.yml", lambda d: d["works"][i].update(fields))


def edition(**fields):
    return yml("edition.yml", lambda d: d.update(fields))


def first_text(**fields):
    """The edition's first text (the main one) changed."""
    return yml("edition.yml", lambda d: d["texts"][0].update(fields))


def page(text: str):
    return raw("pages/method.md", lambda t: t + "\n" + text + "\n")


def first_cited(d):
    return next(n for n in d["notes"] if n.get("sources"))


def register(change):
    return yml("published.yml", change)


CASES = [
    # --- YAML and files ---
    ("nul-in-yaml", raw("sections.yml", lambda t: t.replace("title:", "title: a\x00", 1)), r"sections\.yml:\d+: contains the control character U\+0000"),
    ("bell-in-yaml", raw("notes.yml", lambda t: t.replace("text:", "text: \x07", 1)), r"notes\.yml:\d+: contains the control character U\+0007"),
    ("c1-control", raw("sections.yml", lambda t: t.replace("title:", "title: \x85", 1)), r"control character U\+0085"),
    ("invalid-utf8", raw("sections.yml", b"sections:\n  - slug: a\n    title: \xff\xfe\n"), r"sections\.yml:3: the file is not valid UTF-8"),
    ("bom-accepted", raw("sections.yml", lambda t: "\ufeff" + t), None),
    ("alias", raw("sections.yml", lambda t: t + "x: &a [1]\ny: *a\n"), r"sections\.yml:\d+: uses a YAML alias"),
    ("recursive-alias", raw("sections.yml", lambda t: t + "x: &a [*a]\n"), r"sections\.yml:\d+: uses a YAML alias"),
    ("alias-bomb", raw("sections.yml", lambda t: t + "a: &a [1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c]\n"), r"uses a YAML alias"),
    ("merge-key", raw("edition.yml", lambda t: t + "<<: {title: x}\n"), r"edition\.yml:\d+: .*merge key"),
    ("python-tag", raw("edition.yml", lambda t: t + "x: !!python/object/apply:os.system [ls]\n"), r"edition\.yml:\d+: has the tag"),
    ("duplicate-key", raw("edition.yml", lambda t: t + "title: Again\n"), r"edition\.yml:\d+: the key 'title' is given twice \(first at line \d+\)"),
    ("duplicate-nested-key", raw("sections.yml", lambda t: t.replace("    title:", "    title: X\n    title:", 1)), r"sections\.yml:\d+: the key 'title' is given twice"),
    ("deep-nesting", raw("edition.yml", lambda t: t + "deep: " + "[" * 50 + "]" * 50 + "\n"), r"nested more than 40 levels"),
    ("too-large", raw("notes.yml", lambda t: t + "# " + "x" * (17 * 1024 * 1024) + "\n"), r"notes\.yml: the file is [\d,]+ bytes, more than"),
    ("malformed", raw("sections.yml", lambda t: t + "\n  - slug: [unclosed\n"), r"sections\.yml:\d+: malformed YAML"),
    ("tab-indent", raw("sections.yml", lambda t: t.replace("  - slug", "\t- slug", 1)), r"sections\.yml:\d+: malformed YAML"),
    ("empty-sections-file", raw("sections.yml", lambda t: ""), r"sections\.yml: sections: Field required.*Fix: add the key 'sections'"),
    ("sections-a-list", raw("sections.yml", lambda t: "- a\n- b\n"), r"sections\.yml:1: .*mapping"),
    ("missing-sections-file", lambda s: (s / "sections.yml").unlink(), r"edition\.yml:\d+: sections: file seeds/sections\.yml not found"),
    ("on-is-text", edition(subtitle="on"), None),
    ("on-is-not-a-caption", edition(captions=["on"]), r"edition\.yml:\d+: captions\[0\]: .*integer"),
    ("true-is-not-a-paragraph", edition(captions=[True]), r"edition\.yml:\d+: captions\[0\]: .*integer"),
    ("marker-as-text-outside", first_text(marker_as_text=[30, 500]), r"edition\.yml:\d+: texts\[0\]\.marker_as_text\[1\]: paragraph 500 is not in text 'memoir'.*Fix: list only"),
    ("marker-as-text-no-marker", first_text(marker_as_text=[1]), r"edition\.yml:\d+: texts\[0\]\.marker_as_text\[0\]: paragraph 1 has no gap marker.*Fix: remove it"),
    ("number-is-not-a-title", yml("sections.yml", lambda d: d["sections"][0].update(title=1936)), r"sections\.yml:\d+: sections\[0\]\.title: .*string.*Fix: write it as text"),
    # --- the source text ---
    ("missing-source", lambda s: (s / SOURCE).unlink(), r"seeds/000_752561919a8f83ec\.txt: the source text is missing"),
    ("changed-source", raw(SOURCE, lambda t: t.replace("Colande", "Coulondre")), r"the source text has changed .*Fix: restore the source"),
    ("source-invalid-utf8", source(lambda b: b.replace(b"Colande", b"Col\xe9nde")), r"000_752561919a8f83ec\.txt:45: the source is not valid UTF-8"),
    ("source-control-character", source(lambda b: b.replace(b"Colande", b"Col\x0cnde")), r"000_752561919a8f83ec\.txt:45: the source holds the control character U\+000C"),
    ("source-empty", source(lambda b: b"\n\n"), r"the source text has no paragraphs"),
    ("source-outside", edition(source="../outside.txt"), r"edition\.yml:\d+: source: .*leaves the edition's folder"),
    ("source-absolute", edition(source="/etc/passwd"), r"edition\.yml:\d+: source: .*not a path relative"),
    ("source-symlink-out", lambda s: (s / "link.txt").symlink_to("/etc/hostname") or first_text(source="link.txt")(s), r"edition\.yml:\d+: texts\[0\]\.source: 'link\.txt' leads outside the edition's folder"),
    ("source-backslash", edition(source="..\\outside.txt"), r"not a path relative"),
    # --- the edition file ---
    ("no-title", yml("edition.yml", lambda d: d.pop("title")), r"edition\.yml:\d+: title: Field required"),
    ("title-two-lines", edition(title="Two\nlines"), r"title: is one line of plain text"),
    ("title-line-separator", edition(title="Two\u2028lines"), r"title: is one line of plain text"),
    ("title-private-use", edition(title="A \ue000 mark"), r"title: contains a character of Unicode's private use area"),
    ("title-bidi-override", edition(title="A \u202eevil"), r"title: contains the bidi control U\+202E"),
    ("title-bidi-isolate-accepted", edition(title="A \u2066שלום\u2069 title"), None),
    ("title-zero-width-accepted", edition(title="Zero\u200bwidth"), None),
    ("title-markup-accepted", edition(title="A <b>title</b> & {braces} {{x}}"), None),
    ("bad-language", edition(language="english"), r"language: 'english' is not in the expected form"),
    ("injected-language", edition(language="en\" onmouseover=\"x"), r"language: .*not in the expected form"),
    ("no-catalogue", edition(language="ru"), r"language: the engine has no catalogue of its words in 'ru'.*Fix: add build_scripts/load/catalogue"),
    ("apparatus-language-known", edition(apparatus_language="fr"), None),
    ("site-url-not-a-url", edition(site_url="somewhere"), r"site_url: .*not (in the expected form|a web address)"),
    ("site-url-javascript", edition(site_url="javascript:alert(1)"), r"site_url: "),
    ("licence-javascript", yml("edition.yml", lambda d: d["licence"].update(url="javascript:alert(1)")), r"licence\.url: "),
    ("licence-ip-host", yml("edition.yml", lambda d: d["licence"].update(url="http://2130706433/licence")), r"licence\.url: 'http://2130706433/licence' is a bare IP address"),
    ("colour", yml("edition.yml", lambda d: d["colours"].update(primary="chartreuse")), r"colours\.primary: .*Fix: use one of"),
    ("unknown-key", edition(titel="x"), r"edition\.yml:\d+: titel: Extra inputs.*Fix: remove 'titel' or correct its spelling"),
    ("empty-gap-marker", edition(gap_marker=""), r"gap_marker: "),
    ("unknown-label", yml("edition.yml", lambda d: d.setdefault("labels", {}).update(gapp="x")), r"labels\.gapp: 'gapp' is not a word of the catalogue"),
    ("label-attribute-blank", yml("edition.yml", lambda d: d.setdefault("labels", {}).update(note_to="{label.__class__}")), r"labels\.note_to: has the blank \{label\.__class__\}, which is not a plain name"),
    ("label-index-blank", yml("edition.yml", lambda d: d.setdefault("labels", {}).update(note_to="{0}")), r"labels\.note_to: has the blank \{0\}"),
    ("label-format-spec", yml("edition.yml", lambda d: d.setdefault("labels", {}).update(note_to="{n:>99999}")), r"labels\.note_to: has the blank \{n:>99999\}"),
    ("label-unknown-blank", yml("edition.yml", lambda d: d.setdefault("labels", {}).update(note_to="Note {number}")), r"labels\.note_to: 'Note \{number\}' has the blanks \['number'\], but this word has only \['label', 'n'\]"),
    ("label-open-brace", yml("edition.yml", lambda d: d.setdefault("labels", {}).update(gap="Missing {")), r"labels\.gap: is not a word with blanks"),
    ("label-braces-as-text", yml("edition.yml", lambda d: d.setdefault("labels", {}).update(gap="Missing {{words}}")), None),
    ("unknown-csl-style", yml("edition.yml", lambda d: d["citation"]["styles"][0].update(csl="chicago-no-such")), r"citation\.styles\[0\]\.csl: 'chicago-no-such' is not a CSL style the engine has"),
    ("csl-style-path", yml("edition.yml", lambda d: d["citation"]["styles"][0].update(csl="../../etc/passwd")), r"citation\.styles\[0\]\.csl: .*not in the expected form"),
    ("bibliography-style", yml("edition.yml", lambda d: d["bibliography"].update(style="nope-style")), r"bibliography\.style: 'nope-style' is not a CSL style"),
    ("issued-as-text", yml("edition.yml", lambda d: d["citation"].update(issued="2026")), r"citation\.issued: .*integer.*Fix: give a whole number"),
    ("bad-tei-list", yml("edition.yml", lambda d: d["entity_kinds"]["person"]["tei"].update(list="listPeople")), r"entity_kinds\.person\.tei\.list: .*Fix: use one of"),
    ("sections-path-up", edition(sections="../sections.yml"), r"sections: .*leaves the edition's folder"),
    ("pages-missing", edition(pages="no-pages"), r"pages: folder seeds/no-pages not found"),
    ("no-home-page", lambda s: (s / "pages" / "index.md").unlink(), r"pages: the pages folder has no index\.md"),
    ("works-folder-missing", yml("edition.yml", lambda d: d["bibliography"].update(works="nowhere")), r"bibliography\.works: folder seeds/nowhere not found"),
    ("no-site-url", lambda s: (yml("edition.yml", lambda d: d.pop("site_url"))(s), os.environ.pop("SITE_URL", None)), "SITE_URL_ARG"),
    # --- sections ---
    ("section-gap-before", yml("sections.yml", lambda d: d["sections"][0].update(first=2)), r"sections\[0\]\.first: .*paragraphs 1–1 belong to no section"),
    ("section-overlap", yml("sections.yml", lambda d: d["sections"][2].update(first=d["sections"][1]["first"])), r"sections\[2\]\.first: .*overlaps"),
    ("section-order", yml("sections.yml", lambda d: d["sections"].insert(1, d["sections"].pop(3))), r"sections\[[12]\]\.first: .*comes before"),
    ("section-beyond", yml("sections.yml", lambda d: d["sections"][-1].update(first=999)), r"sections\[\d+\]\.first: paragraph 999 does not exist"),
    ("section-no-title", yml("sections.yml", lambda d: d["sections"][1].pop("title")), r"sections\[1\]\.title: Field required"),
    ("section-slug-all", yml("sections.yml", lambda d: d["sections"][3].update(slug="all")), r"sections\[3\]\.slug: slug 'all' is taken by the page of the whole"),
    ("section-slug-anchor", yml("sections.yml", lambda d: d["sections"][3].update(slug="p5")), r"sections\[3\]\.slug: 'p5' looks like a paragraph's anchor"),
    ("section-slug-case", yml("sections.yml", lambda d: d["sections"][3].update(slug="Carmen")), r"sections\[3\]\.slug: 'Carmen' is not in the expected form"),
    ("section-slug-twice", yml("sections.yml", lambda d: d["sections"][3].update(slug=d["sections"][2]["slug"])), r"sections\[3\]\.slug: slug '[\w-]+' is used twice"),
    ("section-title-newline", yml("sections.yml", lambda d: d["sections"][3].update(title="Two\nlines")), r"sections\[3\]\.title: is one line of plain text"),
    # --- entities ---
    ("related-unknown", entity(0, related=["no-such-person"]), r"people\.yml:\d+: entities\[0\]\.related\[0\]: unknown entity id 'no-such-person'"),
    ("entity-twice", yml("entities/people.yml", lambda d: d["entities"][1].update(id=d["entities"][0]["id"])), r"people\.yml:\d+: entities\[1\]\.id: entity id '[a-z-]+' is defined twice"),
    ("form-two-owners", yml("entities/people.yml", lambda d: d["entities"][1]["forms"].append({"text": d["entities"][0]["forms"][0]["text"]})), r"people\.yml:\d+: the form '.+' is claimed by both"),
    ("form-never-occurs", yml("entities/people.yml", lambda d: d["entities"][0]["forms"].append({"text": "Zinoviev"})), r"people\.yml:\d+: entity '[a-z-]+': the form 'Zinoviev' never occurs"),
    ("form-decomposed-accepted", yml("entities/people.yml", lambda d: d["entities"][0]["forms"].append({"text": "Bru\u0308che"})), r"never occurs"),
    ("entity-kind", entity(2, kind="persn"), r"people\.yml:\d+: entities\[2\]\.kind: 'persn' is not a kind of entity of this edition.*Fix: use one of \['person'"),
    ("native-lang-attribute", entity(0, native_lang="zh\" onmouseover=\"alert(1)"), r"entities\[0\]\.native_lang: .*not in the expected form"),
    ("native-lang-empty", entity(0, native_lang=""), r"entities\[0\]\.native_lang: "),
    ("native-lang-markup", entity(0, native_lang="<b>"), r"entities\[0\]\.native_lang: "),
    ("entry-script", entity(0, entry="Text with <script>alert(1)</script>."), r"entities\[0\]\.entry: contains raw HTML \('<script>"),
    ("entry-html-tag", entity(0, entry="A <b>bold</b> word."), r"entities\[0\]\.entry: contains raw HTML \('<b>'\)"),
    ("entry-lang-span-accepted", entity(0, entry="The name <span lang=\"zh-Hant\">蔣廷黻</span> in characters."), None),
    ("entry-javascript", entity(0, entry="See [this](javascript:alert(1))."), r"entities\[0\]\.entry: links to 'javascript:alert\(1\)'"),
    ("entry-entity-javascript", entity(0, entry="See [this](&#106;avascript:alert(1))."), r"entities\[0\]\.entry: links to 'javascript:alert\(1\)'"),
    ("entry-named-entity-javascript", entity(0, entry="See [this](javascript&colon;alert(1))."), r"entities\[0\]\.entry: links to 'javascript:alert\(1\)'"),
    ("entry-hex-entity-javascript", entity(0, entry="See [this](java&#x73;cript:alert(1))."), r"entities\[0\]\.entry: links to 'javascript:alert\(1\)'"),
    ("entry-reference-javascript", entity(0, entry="See [this][r].\n\n[r]: javascript:alert(1)"), r"entities\[0\]\.entry: links to 'javascript:alert\(1\)'"),
    ("entry-protocol-relative", entity(0, entry="See [this](//evil.example/x)."), r"entities\[0\]\.entry: links to '//evil\.example/x'"),
    ("entry-data-url", entity(0, entry="See [this](data:text/html,x)."), r"entities\[0\]\.entry: links to 'data:text/html,x'"),
    ("entry-mailto", entity(0, entry="Write to <mailto:a@b.example>."), r"entities\[0\]\.entry: links to 'mailto:"),
    ("entry-image", entity(0, entry="A picture ![x](https://example.org/x.png)."), r"entities\[0\]\.entry: shows an image"),
    ("entry-heading", entity(0, entry="# A heading\n\nText."), r"entities\[0\]\.entry: contains a heading"),
    ("entry-comment", entity(0, entry="Text <!-- hidden --> more."), r"entities\[0\]\.entry: contains raw HTML \('<!-- hidden -->'\)"),
    ("entry-attribute-list-inert", entity(0, entry="A paragraph.\n{: onclick=\"alert(1)\" }"), None),
    ("entry-reserved", entity(0, entry="A reserved mark \ue000 here."), r"entities\[0\]\.entry: contains a character of Unicode's private use area"),
    ("summary-folded-accepted", entity(0, summary="Two\nlines? No: folded to one."), None),
    ("summary-too-long", entity(0, summary="x" * 301), r"entities\[0\]\.summary: .*at most 300"),
    ("name-line-break", entity(0, name="A name\nwith a line break"), r"entities\[0\]\.name: is one line of plain text"),
    ("coordinates-nan", yml("entities/places.yml", lambda d: d["entities"][0].update(coordinates=[float("nan"), 37.6])), r"places\.yml:\d+: entities\[0\]\.coordinates: coordinates must be numbers, not NaN"),
    ("coordinates-range", yml("entities/places.yml", lambda d: d["entities"][0].update(coordinates=[155.7, 37.6])), r"entities\[0\]\.coordinates: .*latitude lies within ±90"),
    ("coordinates-text", yml("entities/places.yml", lambda d: d["entities"][0].update(coordinates=["55", "37"])), r"entities\[0\]\.coordinates\[0\]: .*number"),
    ("coordinates-person", entity(0, coordinates=[10, 10]), r"entities\[0\]\.coordinates: an entity of kind 'person' has no place on a map"),
    ("wikidata-without-source", entity(0, wikidata="Q42", wikidata_source=None), r"entities\[0\]: a wikidata id needs wikidata_source"),
    ("certainty-without-note", entity(0, certainty="probable", certainty_note=""), r"entities\[0\]: certainty 'probable' needs certainty_note"),
    ("native-name-without-lang", entity(0, native_name="某", native_lang=None), r"entities\[0\]: native_name needs native_lang"),
    ("entity-date", entity(0, start="1936-13-01"), r"entities\[0\]\.start: '1936-13-01' has no month 13"),
    ("entity-day", entity(0, start="1937-02-30"), r"entities\[0\]\.start: '1937-02-30' is not a day of the calendar"),
    # --- notes ---
    ("anchor-not-found", note(0, anchor="words that are not there"), r"notes\.yml:\d+: notes\[0\]\.anchor: anchor 'words that are not there' occurs 0 time"),
    ("occurrence-too-high", note(0, occurrence=9), r"notes\[0\]\.anchor: anchor '.+' occurs \d time\(s\) in ¶\d+, not 9"),
    ("note-paragraph-beyond", note(0, paragraph=999), r"notes\[0\]\.paragraph: paragraph 999 does not exist"),
    ("note-needs-sources", yml("notes.yml", lambda d: next(n for n in d["notes"] if n["type"] == "context").pop("sources")), r"notes\.yml:\d+: notes\[\d+\]: a context note needs sources"),
    ("note-type", note(0, type="gossip"), r"notes\[0\]\.type: 'gossip' is not a note type of this edition.*Fix: use one of"),
    ("note-kind-missing", yml("notes.yml", lambda d: next(n for n in d["notes"] if n["type"] == "collation").pop("collation")), r"notes\[\d+\]\.collation: a collation note needs its kind"),
    ("quote-too-long", yml("notes.yml", lambda d: next(n for n in d["notes"] if n.get("original")).update(original="字" * 81)), r"notes\[\d+\]: the quotation is 81 characters long"),
    ("quote-without-rendering", yml("notes.yml", lambda d: next(n for n in d["notes"] if n.get("original")).update(rendering="")), r"notes\[\d+\]: a quotation of the original needs its rendering"),
    ("note-twice-at-one-place", yml("notes.yml", lambda d: d["notes"].insert(1, copy.deepcopy(d["notes"][0]))), r"notes\[1\]\.anchor: notes\[0\] is already anchored at the same phrase"),
    ("note-javascript", note(0, text="See [x](javascript:alert(1))."), r"notes\[0\]\.text: links to 'javascript:alert\(1\)'"),
    # --- the bibliography ---
    ("unknown-work", yml("notes.yml", lambda d: first_cited(d)["sources"][0].update(work="nobody-1999")), r"notes\[\d+\]\.sources\[0\]\.work: unknown work 'nobody-1999'.*Fix: add the work"),
    ("locator-missing", yml("notes.yml", lambda d: first_cited(d).update(sources=[{"work": "frus-1937-iii"}])), r"notes\[\d+\]\.sources\[0\]: cites 'frus-1937-iii' without saying where: the work needs a document number\. Fix: add  at: <document>"),
    ("work-twice", yml("bibliography/reference.yml", lambda d: d["works"].append(copy.deepcopy(d["works"][0]))), r"reference\.yml:\d+: works\[\d+\]\.key: work '[a-z0-9-]+' is recorded twice"),
    ("work-kind", work(0, kind="hearsay"), r"reference\.yml:\d+: works\[0\]\.kind: 'hearsay' is not a kind of work of this edition"),
    ("work-type", work(0, type="blog"), r"works\[0\]\.type: .*Fix: use one of"),
    ("work-doi", work(0, doi="doi:10.1/x"), r"works\[0\]\.doi: .*not in the expected form"),
    ("work-url-javascript", work(0, url="javascript:alert(1)"), r"works\[0\]\.url: "),
    ("work-date", work(0, issued="2024-00"), r"works\[0\]\.issued: '2024-00' has no month 00"),
    ("shadow-library", work(3, url="https://libgen.is/book/index.php?md5=0"), r"reference\.yml:\d+: works\[3\]\.url: 'https://libgen\.is/book/index\.php\?md5=0' is a shadow library"),
    ("mirror", work(3, url="https://en.m.wikiwand.com/en/Maxim_Litvinov"), r"works\[3\]\.url: .* is a scraped mirror or clone"),
    ("content-farm", work(3, url="https://eifxekqkqvx.shop/britannica/litvinov"), r"works\[3\]\.url: .* is a host of no standing"),
    ("bare-ip", work(3, url="http://156.54.191.164/litvinov.html"), r"works\[3\]\.url: .* is a bare IP address"),
    ("decimal-ip", work(3, url="http://2624372644/litvinov.html"), r"works\[3\]\.url: .* is a bare IP address"),
    ("hex-ip", work(3, url="http://0x9c36bfa4/x"), r"works\[3\]\.url: .* is a bare IP address"),
    ("ipv6", work(3, url="http://[2001:db8::1]/x"), r"works\[3\]\.url: .* is a bare IP address"),
    ("ipv6-malformed", work(3, url="http://[zz/x"), r"works\[3\]\.url: "),
    ("percent-encoded-host", work(3, url="https://libg%65n.is/x"), r"is a shadow library"),
    ("upper-case-host", work(3, url="https://LIBGEN.IS/x"), r"is a shadow library"),
    ("trailing-dot-host", work(3, url="https://libgen.is./x"), r"is a shadow library"),
    ("ideographic-dot-host", work(3, url="https://libgen。is/x"), r"is a shadow library"),
    ("backslash-host", entity(0, entry="As https:\\\\libgen.is/x says."), r"entities\[0\]\.entry: 'https:\\\\libgen\.is/x' is a shadow library"),
    ("protocol-relative-host", entity(0, summary="See //libgen.is/x for it."), r"entities\[0\]\.summary: '//libgen\.is/x' is a shadow library"),
    ("non-source-in-prose", entity(0, entry="As [a mirror](https://wikimili.com/en/X) says."), r"entities\[0\]\.entry: 'https://wikimili\.com/en/X\)?' is a scraped mirror"),
    ("non-source-in-page", page("See https://z-lib.org/book/1 for the book."), r"^seeds/pages/method\.md:\d+: 'https://z-lib\.org/book/1' is a shadow library"),
    # --- chronology and journey ---
    ("chronology-date", yml("chronology.yml", lambda d: d["chronology"][0].update(date="1936-13")), r"chronology\[0\]\.date: '1936-13' has no month 13"),
    ("chronology-no-evidence", yml("chronology.yml", lambda d: d["chronology"][0].update(paragraphs=[], sources=[])), r"chronology\[0\]: needs what it rests on"),
    ("chronology-certainty", yml("chronology.yml", lambda d: d["chronology"][0].update(certainty="uncertain", note="")), r"chronology\[0\]: certainty 'uncertain' needs a note"),
    ("chronology-entity", yml("chronology.yml", lambda d: d["chronology"][0].update(entities=["nobody"])), r"chronology\[0\]\.entities\[0\]: unknown entity id 'nobody'"),
    ("chronology-paragraph", yml("chronology.yml", lambda d: d["chronology"][0].update(paragraphs=[999])), r"chronology\[0\]\.paragraphs\[0\]: paragraph 999 does not exist"),
    ("stop-not-a-place", yml("journey.yml", lambda d: d["journey"]["stops"][0].update(place="maxim-litvinov")), r"journey\.stops\[0\]\.place: 'maxim-litvinov' is not a place of the glossary"),
    ("leg-mode", yml("journey.yml", lambda d: d["journey"]["legs"][0].update(mode="balloon")), r"journey\.legs\[0\]\.mode: .*Fix: use one of"),
    ("waypoint-range", yml("journey.yml", lambda d: d["journey"]["legs"][0]["points"][0].update(coordinates=[10, 500])), r"journey\.legs\[0\]\.points\[0\]\.coordinates: .*longitude within ±180"),
    ("journey-one-stop", yml("journey.yml", lambda d: d["journey"].update(stops=d["journey"]["stops"][:1])), r"journey\.stops: .*at least 2"),
    # --- versions ---
    ("version-order", yml("versions.yml", lambda d: d["versions"].append(copy.deepcopy(d["versions"][0]))), r"versions\[\d+\]\.version: version 1\.0 does not come after \d+\.\d+"),
    ("version-future", yml("versions.yml", lambda d: d["versions"].append({"version": "9.0", "date": "2999-01-01", "changes": ["x"]})), r"versions\[\d+\]\.date: version 9\.0 is dated 2999-01-01, after the day of this build"),
    ("version-form", yml("versions.yml", lambda d: d["versions"][0].update(version="v1")), r"versions\[0\]\.version: 'v1' is not in the expected form"),
    ("versions-empty", yml("versions.yml", lambda d: d.update(versions=[])), r"versions: .*at least 1"),
    ("version-no-changes", yml("versions.yml", lambda d: d["versions"][0].update(changes=[])), r"versions\[0\]\.changes: .*at least 1"),
    ("version-date", yml("versions.yml", lambda d: d["versions"][0].update(date="26/11/2026")), r"versions\[0\]\.date: .*not in the expected form"),
    # --- the register ---
    ("register-missing", lambda s: (s / "published.yml").unlink(), r"edition\.yml:\d+: published: the register of published links seeds/published\.yml is missing"),
    ("register-emptied", register(lambda d: d.update(anchors={}, recorded_for="2.0")), r"published\.yml:\d+: anchors: the register was recorded for version 2\.0 but lists no anchor: it has been emptied"),
    ("register-anchor-lost", register(lambda d: d["anchors"].update(p999={"page": "text/x/", "text": "0" * 16})), r"published\.yml:\d+: anchors\.p999: published anchor p999 .* would disappear"),
    ("register-text-changed", register(lambda d: d["anchors"]["p5"].update(text="0" * 16)), r"anchors\.p5: the text of published anchor p5 has changed"),
    ("register-page-lost", register(lambda d: d["pages"].append("retired/")), r"pages\[\d+\]: published page 'retired/' would disappear without a redirect"),
    ("register-redirect-target", register(lambda d: d["redirects"].update({"old/": "nowhere/"})), r"redirects\.old/: redirect target 'nowhere/' is not a page"),
    ("register-redirect-up", register(lambda d: d.update(redirects={"../../etc/": "contents/"})), r"published\.yml:\d+: redirects.*not in the expected form"),
    ("register-redirect-absolute", register(lambda d: d.update(redirects={"old/": "/etc/"})), r"published\.yml:\d+: redirects.*not in the expected form"),
    ("register-anchor-key", register(lambda d: d["anchors"].update({"x5": {"page": "", "text": "0" * 16}})), r"published\.yml:\d+: anchors\.x5"),
    ("register-not-a-mapping", raw("published.yml", lambda t: "- a\n- b\n"), r"published\.yml:1: .*mapping"),
    ("register-fingerprint", register(lambda d: d["anchors"]["p5"].update(text="xyz")), r"anchors\.p5\.text: 'xyz' is not in the expected form"),
    # --- the record and the dossier ---
    ("claim-quote", yml("record/claims.yml", lambda d: d["claims"][0].update(quote="words not in the paragraph")), r"record/claims\.yml:\d+: claims\[0\]\.quote: 'words not in the paragraph' occurs 0 time"),
    ("claim-paragraph-record", yml("record/claims.yml", lambda d: d["claims"][0].update(paragraph=100)), r"claims\[0\]\.paragraph: ¶100 is not a paragraph of the main text"),
    ("claim-record-unknown", yml("record/claims.yml", lambda d: d["claims"][0]["evidence"][0].update(record="frus-nowhere")), r"claims\[0\]\.evidence\[0\]\.record: 'frus-nowhere' is not a text of the record"),
    ("claim-line-beyond", yml("record/claims.yml", lambda d: d["claims"][0]["evidence"][0].update(line=999)), r"claims\[0\]\.evidence\[0\]\.line: text '[\w-]+' has \d+ numbered lines, not 999"),
    ("claim-verdict", yml("record/claims.yml", lambda d: d["claims"][0].update(verdict="true")), r"claims\[0\]\.verdict: .*Fix: use one of"),
    ("claim-relation", yml("record/claims.yml", lambda d: d["claims"][0]["evidence"][0].update(relation="proves")), r"claims\[0\]\.evidence\[0\]\.relation: .*Fix: use one of"),
    ("claim-silent-unsearched", yml("record/claims.yml", lambda d: d["claims"][0]["evidence"].append({"relation": "silent"})), r"claims\[0\]\.evidence\[\d+\]: a 'silent' item needs searched"),
    ("claim-record-and-work", yml("record/claims.yml", lambda d: d["claims"][0]["evidence"][0].update(work="frus-1937-iii")), r"names a record text \(record:\) or a work \(work:\), one of them"),
    ("claim-supersedes", yml("record/claims.yml", lambda d: d["claims"][0].update(supersedes=["nothing"])), r"claims\[0\]\.supersedes\[0\]: 'nothing' is not a claim of the file"),
    ("claim-twice", yml("record/claims.yml", lambda d: d["claims"].append(copy.deepcopy(d["claims"][0]))), r"claims\[\d+\]\.id: claim id '[\w-]+' is used twice"),
    ("record-part", yml("record/record.yml", lambda d: d["texts"][0].update(part="archive")), r"record/record\.yml:\d+: texts\[0\]\.part: 'archive' is not a part of this edition"),
    ("record-text-twice", yml("record/record.yml", lambda d: d["texts"][1].update(id=d["texts"][0]["id"])), r"texts\[1\]\.id: text id '[\w-]+' is used twice"),
    ("record-read-without-day", yml("record/record.yml", lambda d: d["texts"][0].pop("read_on")), r"texts\[0\]: read_from needs read_on"),
    ("translation-short", raw("record/texts/dvp20-117.en.txt", lambda t: t.rsplit("\n", 2)[0] + "\n"), r"dvp20-117\.en\.txt: the translation has \d+ lines, the text \d+"),
    ("translation-heading", raw("record/texts/dvp20-117.en.txt", lambda t: t.replace("# ", "", 1)), r"dvp20-117\.en\.txt:1: this line is not a heading"),
    # --- pages of the edition's own ---
    ("page-front-matter-not-yaml", raw("pages/method.md", lambda t: t.replace("title: Editorial method", "title: [Editorial method", 1)),
     r"^seeds/pages/method\.md:2: its front matter \(between the lines ---\) is not YAML"),
    ("page-script", page("<script>alert(1)</script>"), r"^seeds/pages/method\.md:\d+: contains raw HTML \('<script>"),
    ("page-attribute-list", page("A paragraph.\n{: onclick=\"alert(1)\" }"), r"pages/method\.md:\d+: gives a <p> the attribute onclick"),
    ("page-anchor-forged", page("A paragraph.\n{: #p5 }"), r"pages/method\.md:\d+: gives a <p> the attribute id=\"p5\""),
    ("page-image", page("![x](https://example.org/x.png)"), r"pages/method\.md:\d+: shows an image"),
    ("page-javascript", page("[x](javascript:alert(1))"), r"pages/method\.md:\d+: links to 'javascript:alert\(1\)'"),
    ("page-lang-span-accepted", page("The name <span lang=\"zh-Hant\">蔣廷黻</span>."), None),
]


def test_the_suite_has_at_least_a_hundred_cases():
    assert len(CASES) >= 100 and len({c[0] for c in CASES}) == len(CASES)


@pytest.mark.parametrize("name, breakage, expected", CASES, ids=[c[0] for c in CASES])
def test_bad_input(seeds, monkeypatch, name, breakage, expected):
    breakage(seeds)
    if expected == "SITE_URL_ARG":  # no address anywhere: neither the edition file, SITE_URL nor the build
        monkeypatch.delenv("SITE_URL", raising=False)
        with pytest.raises(EditionError) as caught:
            read_edition(seeds / "edition.yml")
        assert re.search(r"edition\.yml:\d+: site_url: the edition does not say where it is published.*Fix: add  "
                         r"site_url: ", str(caught.value)), caught.value
    elif expected is None:
        load(seeds)
    else:
        refused(seeds, expected)


def test_the_error_names_the_line_of_the_key(seeds):
    path = seeds / "sections.yml"
    yml("sections.yml", lambda d: d["sections"][3].update(first=5))(seeds)
    line = next(i for i, t in enumerate(path.read_text().splitlines(), start=1) if "first: 5" in t)
    refused(seeds, rf"^seeds/sections\.yml:{line}: sections\[3\]\.first")


def test_a_bad_source_date_epoch_is_refused(monkeypatch):
    for value, message in (("yesterday", "is not a number of seconds"), ("999999999999", "beyond the dates")):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
        with pytest.raises(EditionError, match=message):
            build_date()


# --- end to end: one error, nothing written; faults -----------------------------------------------------------

def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def built_copy(tmp_path, seeds):
    site, docs = tmp_path / "site", tmp_path / "docs"
    build_site(site, seeds / "edition.yml", docs_dir=docs)
    return site, docs


def test_a_failed_build_prints_one_error_and_changes_nothing(seeds, built_copy):
    site, docs = built_copy
    before_docs, before_site = snapshot(docs), snapshot(site)
    yml("sections.yml", lambda d: d["sections"][3].update(first=5))(seeds)
    done = subprocess.run([sys.executable, "-m", "build_scripts.commands.build", str(seeds), "--site-dir", str(site),
                           "--docs-dir", str(docs), "--site-url", SITE_URL], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 1
    assert re.fullmatch(r"error: seeds/sections\.yml:\d+: sections\[3\]\.first: .*Fix: .*\n", done.stderr), done.stderr
    assert snapshot(docs) == before_docs, "docs/ changed on a failed build"
    assert snapshot(site) == before_site, "site/ changed on a failed build"


def test_a_truncated_generated_list_is_rebuilt_not_trusted(seeds, built_copy):
    site, docs = built_copy
    (docs / ".generated.json").write_text('["index.md", "text/', encoding="utf-8")
    (docs / "stale.md").write_text("---\ntitle: Stale\n---\n# Stale\n", encoding="utf-8")
    build_site(site, seeds / "edition.yml", docs_dir=docs)
    assert not (docs / "stale.md").exists() and not (site / "stale").exists()
    assert (site / "index.html").is_file()


def test_two_builds_at_once_leave_a_whole_site(seeds, tmp_path, built_site):
    site = tmp_path / "site"
    errors = []

    def one():
        try:
            build_site(site, seeds / "edition.yml")
        except Exception:  # noqa: BLE001 - collected and asserted below, with where it happened
            errors.append(traceback.format_exc())
    threads = [threading.Thread(target=one) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, "\n".join(errors)
    assert snapshot(site) == snapshot(built_site)  # the same data built alone, on this worker
    assert not list(tmp_path.glob(".build[~-]*")), "a build left its working folder"


def test_an_interrupted_build_leaves_the_site_whole(seeds, built_copy, tmp_path):
    site, docs = built_copy
    before = snapshot(site)
    proc = subprocess.Popen([sys.executable, "-m", "build_scripts.commands.build", str(seeds), "--site-dir", str(site),
                             "--docs-dir", "", "--site-url", SITE_URL], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    # Stopped while it works in its own folder: the published site is untouched.
    for _ in range(200):
        if list(site.parent.glob(".build-*")):
            break
        threading.Event().wait(0.02)
    proc.kill()
    proc.wait()
    assert snapshot(site) == before
    build_site(site, seeds / "edition.yml")  # the next build clears what the stopped one left
    assert not [p for p in site.parent.glob(".build[~-]*") if p.is_dir()]


def test_a_paragraph_full_of_names_builds(tmp_path):
    """A 1 MB paragraph holding 60,000 names builds (it hung before: the work grew with the square of the names).
    Its time is measured by benchmarks/build_benchmark.py, not asserted here."""
    import lxml.html

    folder = tmp_path / "big"
    (folder / "pages").mkdir(parents=True)
    (folder / "bibliography").mkdir()
    (folder / "entities").mkdir()
    repeats = 30000  # 1 MB, the size the review tried
    line = "Litvinov met Bogomolov and ** then " * repeats
    text = line + "\nSecond.\n"
    (folder / "text.txt").write_text(text, encoding="utf-8")
    (folder / "pages" / "index.md").write_text("---\ntitle: Home\n---\n# Big\n", encoding="utf-8")
    (folder / "published.yml").write_text("anchors: {}\n", encoding="utf-8")
    (folder / "versions.yml").write_text("versions: [{version: '1.0', date: '2026-01-01', changes: [First.]}]\n")
    (folder / "sections.yml").write_text("sections: [{slug: one, title: One, first: 1}]\n")
    (folder / "bibliography" / "w.yml").write_text("works: [{key: w, kind: primary, type: book, title: W, locator: none}]\n")
    (folder / "entities" / "p.yml").write_text(
        "entities:\n- {id: litvinov, kind: person, name: Maxim Litvinov, summary: S, entry: E, sources: [{work: w}], "
        "forms: [{text: Litvinov}]}\n- {id: bogomolov, kind: person, name: Bogomolov, summary: S, entry: E, "
        "sources: [{work: w}], forms: [{text: Bogomolov}]}\n")
    (folder / "edition.yml").write_text(f"""title: Big
author: {{name: Nobody}}
language: en
source: text.txt
source_sha256: {hashlib.sha256(text.encode()).hexdigest()}
gap_marker: "**"
sections: sections.yml
entities: entities
pages: pages
published: published.yml
versions: versions.yml
bibliography: {{works: bibliography, style: chicago-author-date, kinds: {{primary: Primary}}}}
entity_kinds: {{person: {{label: People, page: people, tei: {{list: listPerson, item: person, name: persName}}}}}}
note_types: {{context: {{label: Context}}}}
citation: {{key: big, editors: [Nobody], publisher: Nobody, issued: 2026, medium: Text,
           styles: [{{label: APA, csl: apa, forms: {{entry: reference, cite: in-text}}}}]}}
""", encoding="utf-8")
    site = tmp_path / "site"
    build_site(site, folder / "edition.yml")
    p1 = lxml.html.fromstring((site / "text" / "one" / "index.html").read_bytes()).get_element_by_id("p1")
    assert len(p1.find_class("ed-name")) == 2 and len(p1.find_class("ed-name-again")) == 2 * repeats - 2  # each name linked once
    assert len(p1.find_class("ed-gap")) == repeats
