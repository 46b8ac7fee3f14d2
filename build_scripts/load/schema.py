"""Schemas of the editorial data files (pydantic): what each YAML file may say.

Two kinds of text come from editors, and each reaches the page by one route only:
- `Line`: one line of plain text (a title, a name, a label). Every output escapes it, so quotes, `<`, `&`,
  braces and Markdown's marks come out as written; a line break is refused, since a title or label is one line.
- `Prose`: Markdown written by the editor (an entry, a note). It is checked on its parsed form (build_scripts/
  prose.py): paragraphs, emphasis, lists and links to web addresses or pages of the site, nothing else.
Both refuse the characters the build reserves for its own marks (Unicode's private use area) and the bidi
controls that make text read differently from how it is stored. Paths name files inside the edition's folder;
dates are real dates; numbers and booleans are accepted only where the schema asks for them (strict mode).
"""
from __future__ import annotations

import datetime as dt
import math
import re
import string
import unicodedata
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, field_validator, model_validator

from .. import prose
from ..web import web_address

# The build marks its own data with characters of Unicode's private use area (citation tokens, CSL's formatting);
# no text an editor writes may contain them.
RESERVED = re.compile("[\ue000-\uf8ff]")
# Embeddings and overrides make text display in another order than it is stored (a "Trojan Source" attack);
# isolates (U+2066–2069) are the proper tool for mixed directions and stay allowed.
BIDI_OVERRIDE = re.compile("[\u202a-\u202e]")


def _no_reserved(v: str) -> str:
    if RESERVED.search(v):
        raise ValueError("contains a character of Unicode's private use area, which the build reserves for its own marks")
    if m := BIDI_OVERRIDE.search(v):
        raise ValueError(f"contains the bidi control U+{ord(m[0]):04X}, which makes text display in another order than "
                         "it is written; use the isolates U+2066–U+2069 to mix directions")
    return v


def _one_line(v: str) -> str:
    _no_reserved(v)
    if any(c in v for c in "\n\r\u2028\u2029\x85"):
        raise ValueError("is one line of plain text, but contains a line break")
    return v


def _prose(v: str) -> str:
    return prose.check(_no_reserved(v))


def _phrase(v: str) -> str:
    """A phrase of the source text (a form of a name, a note's anchor): compared with the text by the loader."""
    return v


def blanks(template: str) -> set[str]:
    """The names of a word's blanks ({name}); ValueError for a blank that is not a plain name (one that reads an
    attribute or an index could reach into the build) or a brace left open."""
    names = set()
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as e:
        raise ValueError(f"is not a word with blanks ({e}); write braces meant as text as {{{{ and }}}}") from None
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        if spec or conversion or not name.isidentifier():
            raise ValueError(f"has the blank {{{name}{'!' + conversion if conversion else ''}{':' + spec if spec else ''}}}"
                             ", which is not a plain name; write braces meant as text as {{ and }}")
        names.add(name)
    return names


def _mark(v: str) -> str:
    """A mark the source text uses (the gap marker, its escape, the heading mark): it acts on the text."""
    return v


def _label(v: str) -> str:
    """A word of the interface with blanks the build fills."""
    blanks(v)
    return v


def _iso(v):
    # 1936 is read as a number; the schema keeps dates as ISO text.
    return str(v) if isinstance(v, int) and not isinstance(v, bool) else v


def _real_date(v: str) -> str:
    """An ISO date, month or year that exists: 1936-10-21, 1936-10, 1936 (a minus sign before a year BCE)."""
    parts = v.lstrip("-").split("-")
    if len(parts) >= 2 and not 1 <= int(parts[1]) <= 12:
        raise ValueError(f"'{v}' has no month {parts[1]}")
    if len(parts) == 3:
        try:
            dt.date(max(int(parts[0]), 1), int(parts[1]), int(parts[2]))
        except ValueError:
            raise ValueError(f"'{v}' is not a day of the calendar") from None
    return v


def _relative_path(v: str) -> str:
    """A file or folder inside the edition's folder, named relative to it with forward slashes."""
    if v.startswith(("/", "~")) or re.match(r"^[A-Za-z]:", v) or "\\" in v:
        raise ValueError(f"'{v}' is not a path relative to the edition's folder")
    if any(part in ("..", "") for part in v.rstrip("/").split("/")) and v not in (".",):
        raise ValueError(f"'{v}' leaves the edition's folder or has an empty part")
    return v


def _not_an_anchor(v: str) -> str:
    if re.fullmatch(r"p\d+", v):
        raise ValueError(f"'{v}' looks like a paragraph's anchor, which only the text's paragraphs may carry")
    return v


def _url(v: str) -> str:
    if not web_address(v):
        raise ValueError(f"'{v}' is not a web address (http:// or https:// and a host)")
    return v


def _coordinates(v: list[float]) -> list[float]:
    lat, lon = v
    if not (math.isfinite(lat) and math.isfinite(lon)):
        raise ValueError("coordinates must be numbers, not NaN or infinity")
    if not -90 <= lat <= 90 or not -180 <= lon <= 180:
        raise ValueError(f"[{lat}, {lon}] is not [latitude, longitude]: latitude lies within ±90, longitude within ±180")
    return v


Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
# Editorial text is compared with the source (forms, anchors) and with itself: it is read in Unicode's composed
# form (NFC), so that an "é" typed as e + accent matches the "é" of the text.
NFC = BeforeValidator(lambda v: unicodedata.normalize("NFC", v) if isinstance(v, str) else v)
Line = Annotated[str, NFC, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_one_line)]
OptLine = Annotated[str, NFC, StringConstraints(strip_whitespace=True), AfterValidator(_one_line)]
Prose = Annotated[str, NFC, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_prose)]
OptProse = Annotated[str, NFC, StringConstraints(strip_whitespace=True), AfterValidator(_prose)]
IsoDate = Annotated[str, BeforeValidator(_iso), StringConstraints(pattern=r"^-?\d{4}(-\d{2}(-\d{2})?)?$"),
                    AfterValidator(_real_date)]
# A language tag (BCP 47): it is written into lang and xml:lang attributes.
LangTag = Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
Url = Annotated[str, StringConstraints(pattern=r"^https?://[^\s<>\"'`\\]+$"), AfterValidator(_url)]
RelPath = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=255),
                    AfterValidator(_relative_path)]
Phrase = Annotated[str, NFC, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_one_line),
                  AfterValidator(_phrase)]
Mark = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(_one_line), AfterValidator(_mark)]
Label = Annotated[str, NFC, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_one_line),
                  AfterValidator(_label)]
Coordinates = Annotated[list[float], Field(min_length=2, max_length=2), AfterValidator(_coordinates)]
Certainty = Literal["certain", "probable", "uncertain"]
CslName = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]  # a style of the CSL repository
# A site address as the register records it: a directory URL relative to the site's root, inside the site.
SitePath = Annotated[str, StringConstraints(pattern=r"^(?:[a-z0-9_][a-z0-9_.-]*/)*$")]


class Strict(BaseModel):
    # strict: a number is not text, a boolean is not a number ("on" read as true must not become paragraph 1)
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


# --- the edition file ---------------------------------------------------------------------------------------

class AuthorIn(Strict):
    name: Line
    alt: OptLine = ""
    native: OptLine = ""
    # The name as a library catalogue inverts it ("Tsiang, Tingfu", the family name first in either order):
    # reference managers read the page's citation_author so, and take "Tsiang Tingfu" for given name and surname.
    sort_as: OptLine = ""


class NoteTypeIn(Strict):
    label: Line
    sourced: bool = True  # a note of this type states facts, so it must cite a work
    # Kinds of a note type (collation: omission, addition, mistranslation): kind -> label
    kinds: dict[Slug, Line] = {}


class TeiKindIn(Strict):
    """How a kind of entity is written in TEI: its list in the standOff, its element, the element of its name."""

    list: Literal["listPerson", "listOrg", "listPlace", "listEvent", "listBibl"]
    item: Literal["person", "org", "place", "event", "bibl"]
    name: Literal["persName", "orgName", "placeName", "name", "title"]
    type: Slug | None = None  # @type of the list and of a name element, where several kinds share them


class EntityKindIn(Strict):
    label: Line  # its glossary index: "People"
    page: Slug  # the index page's slug (glossary/<page>/)
    tei: TeiKindIn
    dated: bool = False  # an entry with a start date joins the chronology
    located: bool = False  # an entry may have coordinates, and be a stop of the journey map
    # Where the text links a name of this kind to its entry: at its first mention in each paragraph, or only at its
    # first mention in each section (a garbled form is linked in each paragraph whatever its kind: render/text.py).
    link: Literal["paragraph", "section"] = "paragraph"


class CiteStyleIn(Strict):
    label: Line  # shown to the reader: "Chicago"
    csl: CslName  # the CSL style (official CSL styles repository)
    # The style's two forms, in the order a writer reaches for them: cite (in-text or note), entry -> label
    forms: Annotated[dict[Literal["cite", "entry"], Line], Field(min_length=1)]


class CitationIn(Strict):
    key: Slug
    editors: Annotated[list[Line], Field(min_length=1)]
    issued: int
    medium: Line
    publisher: Line
    styles: Annotated[list[CiteStyleIn], Field(min_length=1)]


class LicenceIn(Strict):
    name: Line  # "CC BY 4.0"
    url: Url  # the licence's text
    scope: OptLine = ""  # what it covers, where not the whole edition: "The editorial apparatus"


# Material's palette colours (https://squidfunk.github.io/mkdocs-material/setup/changing-the-colors/).
Colour = Literal["red", "pink", "purple", "deep purple", "indigo", "blue", "light blue", "cyan", "teal", "green",
                 "light green", "lime", "yellow", "amber", "orange", "deep orange", "brown", "grey", "blue grey",
                 "black", "white"]
Accent = Literal["red", "pink", "purple", "deep purple", "indigo", "blue", "light blue", "cyan", "teal", "green",
                 "light green", "lime", "yellow", "amber", "orange", "deep orange"]


class ColoursIn(Strict):
    primary: Colour = "indigo"  # the header and the links
    accent: Accent = "indigo"  # what the pointer is over


class BibliographyCfgIn(Strict):
    works: RelPath  # folder of YAML files, each with a list of works
    # file: hosts that are never cited or linked, added to the engine's list (build_scripts/load/defaults/)
    non_sources: RelPath | None = None
    style: CslName  # CSL style of the apparatus' citations and of the Bibliography page
    # Work kinds, in the order the Bibliography page lists them: kind -> heading
    kinds: Annotated[dict[Slug, Line], Field(min_length=1)]


Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


class TextIn(Strict):
    """One source text of an edition that holds several (the documents of a dossier, the chapters of a work)."""

    id: Slug
    title: Line
    author: OptLine = ""  # who wrote this text, where it is not the edition's author
    language: LangTag | None = None  # the text's language, where it is not the edition's
    date: IsoDate | None = None
    url: Url | None = None  # where the text was published
    source: RelPath
    source_sha256: Sha256
    captions: list[Annotated[int, Field(ge=1)]] = []  # the edition's paragraph numbers, as everywhere
    # Paragraphs where the gap marker is the source's own text (a caption's credit line), printed as written, not
    # read as missing words.
    marker_as_text: list[Annotated[int, Field(ge=1)]] = []
    part: Slug | None = None  # the part of the site it belongs to (edition.yml, parts); default: the text
    # Where it was printed (a work of the bibliography and where in it), and where and when it was read.
    printed: CiteIn | None = None
    read_from: list[Url] = []
    read_on: IsoDate | None = None
    rights: OptLine = ""  # why the edition may reproduce it whole
    unread: list[Line] = []  # what of it could not be read whole, and why (marked in the text by the gap marker)
    summary: OptLine = ""
    bears_on: list[Annotated[int, Field(ge=1)]] = []  # the paragraphs of the edition's main text it bears on
    # The edition's own translation (or a summary), line by line beside the text: one line per line of the text.
    translation: RelPath | None = None
    translation_kind: Literal["translation", "summary"] = "translation"
    translation_language: LangTag | None = None  # default: the apparatus' language

    @model_validator(mode="after")
    def _printed(self):
        if self.read_from and not self.read_on:
            raise ValueError("read_from needs read_on: the day the text was read there")
        return self


class TextsIn(Strict):
    texts: Annotated[list[TextIn], Field(min_length=1)]


class PartIn(Strict):
    """A part of the site that holds texts of its own (the documents of a record beside a memoir)."""

    label: Line  # its name in the navigation: "The record"
    path: Slug  # its folder: record/<text>/
    intro: OptProse = ""


class EditionIn(Strict):
    title: Line
    subtitle: OptLine = ""
    site_url: Url | None = None  # where the edition is published (SITE_URL overrides it for a build)
    author: AuthorIn
    language: LangTag  # of the text
    apparatus_language: LangTag | None = None  # of the apparatus and the interface, where it is not the text's
    original_language: LangTag | None = None  # of the text the source translates (collation notes quote it)
    source_description: OptProse = ""  # what the source is and where it comes from (TEI sourceDesc)
    # One source text (source, source_sha256, captions, marker_as_text), or several (texts). Paragraphs are numbered on through
    # the edition in the order of its texts (¶N everywhere is the edition's number): a text added later comes
    # last, so no published number changes.
    source: RelPath | None = None
    source_sha256: Sha256 | None = None
    captions: list[Annotated[int, Field(ge=1)]] = []
    marker_as_text: list[Annotated[int, Field(ge=1)]] = []
    texts: list[TextIn] = []
    text_files: list[RelPath] = []  # more texts, each file a list under `texts:`, numbered after those above
    parts: dict[Slug, PartIn] = {}  # parts of the site for texts other than the main one
    claims: RelPath | None = None  # the main text's claims graded against the record (the dossier)
    headings: Mark = ""  # a line of a source that starts with this is a heading of the text, not a paragraph
    gap_marker: Annotated[Mark, StringConstraints(min_length=1)]
    gap_escape: Mark = ""  # written before the gap marker, the marker is text, not a gap (the escape not shown)
    sections: RelPath
    entities: RelPath | None = None
    notes: RelPath | None = None
    pages: RelPath
    # Raw HTML in the pages of pages/ (never in the data): an edition may allow it for its own pages, and then only
    # there; the final check of the built site still refuses script, unsafe links and outside resources.
    pages_html: bool = False
    labels: dict[Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")], Label] = {}  # overrides of the catalogue's words (build_scripts/catalogue/<language>.yml)
    entity_kinds: Annotated[dict[Slug, EntityKindIn], Field(min_length=1)]
    note_types: Annotated[dict[Slug, NoteTypeIn], Field(min_length=1)]
    unlinked: dict[str, Line] = {}  # capitalised words left unlinked on purpose, with the reason
    citation: CitationIn
    licence: LicenceIn | None = None  # under which the edition is published (the footer, the TEI header)
    colours: ColoursIn = ColoursIn()
    bibliography: BibliographyCfgIn
    published: RelPath  # committed register of published anchors and page URLs
    versions: RelPath  # the versions of the edition, newest last
    chronology: RelPath | None = None
    journey: RelPath | None = None


class VersionIn(Strict):
    version: Annotated[str, StringConstraints(pattern=r"^\d+(\.\d+)*$")]
    date: IsoDate
    changes: Annotated[list[Line], Field(min_length=1)]



class VersionsIn(Strict):
    versions: Annotated[list[VersionIn], Field(min_length=1)]


# --- the bibliography ---------------------------------------------------------------------------------------

# CSL item types a work may have.
WorkType = Literal["book", "chapter", "article-journal", "article-magazine", "article-newspaper", "entry-encyclopedia",
                   "entry-dictionary", "report", "webpage", "manuscript", "thesis", "treaty", "legislation",
                   "interview", "document", "personal_communication", "map"]
@dataclass(frozen=True)
class Locator:
    """A kind of place in a work: what a citation must give (words for messages), CSL's label, TEI's unit."""

    words: str
    csl: str | None
    tei: str | None


# What a citation of a work points to; `none` for a work too short to need one (a single web page). CSL has no
# label for a document number: "number" prints "no.".
LOCATOR_KINDS = {
    "page": Locator("a page", "page", "page"),
    "document": Locator("a document number", "number", "entry"),
    "section": Locator("a section", "section", "section"),
    "chapter": Locator("a chapter", "chapter", "chapter"),
    "paragraph": Locator("a paragraph", "paragraph", "para"),
    "entry": Locator("an entry (headword)", "sub-verbo", "entry"),
    "column": Locator("a column", "column", "column"),
    "folio": Locator("a folio", "folio", "folio"),
    "none": Locator("", None, None),
}
LocatorKind = Literal[tuple(LOCATOR_KINDS)]


class WorkIn(Strict):
    key: Slug
    kind: Slug  # one of the edition's bibliography kinds (checked against edition.yml)
    type: WorkType
    author: list[Line] = []  # "Family, Given", or a name written as is (an institution, a name in characters)
    editor: list[Line] = []
    translator: list[Line] = []
    title: Line
    short: OptLine = ""  # short title, for citations
    container: OptLine = ""
    collection: OptLine = ""
    volume: OptLine = ""
    issue: OptLine = ""
    number: OptLine = ""
    edition: OptLine = ""
    publisher: OptLine = ""
    place: OptLine = ""
    issued: IsoDate | None = None
    pages: OptLine = ""
    url: Url | None = None
    doi: Annotated[str, StringConstraints(pattern=r"^10\.\d{4,9}/\S+$")] | None = None
    language: LangTag | None = None
    locator: LocatorKind
    note: OptLine = ""



class WorksIn(Strict):
    works: Annotated[list[WorkIn], Field(min_length=1)]


class CiteIn(Strict):
    """A citation of a work of the bibliography: its key, and where in it (the locator's value)."""

    work: Slug
    at: OptLine = ""  # "12–14", "56", "Early life"; the label comes from the work's locator kind
    says: OptLine = ""  # what this source supports, when an item cites several


class NonSourcesIn(Strict):
    refuse_bare_ip: bool = True
    # why a host is never a source -> hosts (a host also matches its subdomains)
    hosts: dict[Line, list[Annotated[str, StringConstraints(pattern=r"^\.?[a-z0-9.-]+$")]]]


# --- sections, entities, notes, chronology, journey --------------------------------------------------------

class SectionIn(Strict):
    slug: Annotated[Slug, AfterValidator(lambda v: _not_an_anchor(v))]
    title: Line
    first: Annotated[int, Field(ge=1)]
    summary: OptLine = ""


class SectionsIn(Strict):
    sections: Annotated[list[SectionIn], Field(min_length=1)]


class SourceLinkIn(Strict):
    """A page where an identifier was seen (not a source of facts)."""

    title: Line
    url: Url


class FormIn(Strict):
    text: Phrase
    garbled: bool = False
    paragraphs: list[Annotated[int, Field(ge=1)]] = []
    case: Literal["initial", "exact"] = "initial"
    # The form also stands for its inflected forms in the text's language (build_scripts/annotate/mentions.py):
    # written in the nominative, it matches every case of its number and gender (Богомолов: Богомолова,
    # Богомоловым, Богомолове…) and no other word (Богомоловский).
    inflect: bool = False


class EntityIn(Strict):
    id: Slug
    kind: Slug  # one of the edition's entity kinds (checked against edition.yml)
    name: Line
    short_name: OptLine = ""  # the standard name as a reader says it ("Lord Chilston"); default: name
    index_as: OptLine = ""  # how the glossary's index lists and sorts it ("Chilston, Lord"); default: name
    native_name: OptLine = ""
    native_lang: LangTag | None = None
    alt_names: list[Line] = []
    dates: OptLine = ""
    start: IsoDate | None = None
    end: IsoDate | None = None
    offices: list[Line] = []
    coordinates: Coordinates | None = None
    # One line of editorial Markdown (a title in *italics*): checked as prose, shown by its words in a tooltip.
    summary: Annotated[str, NFC, StringConstraints(strip_whitespace=True, min_length=1, max_length=300),
                       AfterValidator(_one_line), AfterValidator(_prose)]
    entry: Prose  # Markdown
    wikidata: Annotated[str, StringConstraints(pattern=r"^Q[1-9]\d*$")] | None = None
    wikidata_source: SourceLinkIn | None = None  # where the QID was seen with this entity
    certainty: Certainty = "certain"
    certainty_note: OptProse = ""  # Markdown
    sources: Annotated[list[CiteIn], Field(min_length=1)]
    related: list[Slug] = []
    # Required; empty only for an entity the text does not name (a framing event, or a party inside an alliance's name).
    forms: list[FormIn]


    @field_validator("summary", mode="before")
    @classmethod
    def _fold(cls, v):
        # A folded YAML scalar (>-) is one line; its own line breaks are only the file's layout.
        return " ".join(v.split()) if isinstance(v, str) else v

    @model_validator(mode="after")
    def _consistent(self):
        if self.native_name and not self.native_lang:
            raise ValueError("native_name needs native_lang (a language tag such as zh-Hant, ru, fr)")
        if self.certainty != "certain" and not self.certainty_note.strip():
            raise ValueError(f"certainty '{self.certainty}' needs certainty_note saying why")
        if self.wikidata and not self.wikidata_source:
            raise ValueError("a wikidata id needs wikidata_source: where the id was seen with this entity")
        return self


class EntitiesIn(Strict):
    entities: Annotated[list[EntityIn], Field(min_length=1)]


class NoteIn(Strict):
    paragraph: Annotated[int, Field(ge=1)]
    anchor: Phrase
    occurrence: Annotated[int, Field(ge=1)] = 1
    type: Slug  # one of the edition's note types (checked against edition.yml)
    collation: Slug | None = None  # the kind, for a note type that has kinds
    original: OptLine = ""  # a short quotation of the text the translation was made from (original_language)
    rendering: OptLine = ""  # the editor's rendering of that quotation, in the apparatus' language
    text: Prose  # Markdown
    sources: list[CiteIn] = []

    @field_validator("original", "rendering", mode="before")
    @classmethod
    def _fold(cls, v):
        return " ".join(v.split()) if isinstance(v, str) else v

    @model_validator(mode="after")
    def _quoted(self):
        if self.original and not self.rendering:
            raise ValueError("a quotation of the original needs its rendering: add  rendering:  in the apparatus' language")
        if len(self.original) > 80:
            raise ValueError(f"the quotation is {len(self.original)} characters long; quote a phrase or a sentence "
                             "(at most 80 characters), never a whole paragraph")
        return self


class NotesIn(Strict):
    notes: list[NoteIn]


class EvidenceIn(Strict):
    """What a dated moment or a stop rests on: the author's word (paragraphs), independent records (sources)."""

    paragraphs: list[Annotated[int, Field(ge=1)]] = []
    sources: list[CiteIn] = []
    certainty: Certainty = "certain"
    note: OptProse = ""

    @model_validator(mode="after")
    def _evidence(self):
        if not self.paragraphs and not self.sources:
            raise ValueError("needs what it rests on: 'paragraphs' (the author's statement) or 'sources' (a record)")
        if self.certainty != "certain" and not self.note:
            raise ValueError(f"certainty '{self.certainty}' needs a note saying why")
        return self


class ChronologyItemIn(EvidenceIn):
    date: IsoDate
    when: Line
    label: Line
    entities: list[Slug] = []



class ChronologyIn(Strict):
    chronology: list[ChronologyItemIn]


class StopIn(EvidenceIn):
    place: Slug
    label: Line
    when: OptLine = ""


class WaypointIn(Strict):
    name: Line
    coordinates: Coordinates
    label: bool = False  # named on the map (a main station), not only a bend of the line
    schematic: bool = False  # a point that only makes the line run through the right sea, on no source


# How a leg of a journey was travelled: each has its line on the map (views.css, .ed-map-by-<mode>) and its sentence
# in the map's legend (the catalogue's journey_mode_<mode>), which names only the modes the journey uses.
JOURNEY_MODES = ("sea", "rail", "road", "air")
JourneyMode = Literal[JOURNEY_MODES]


class LegIn(Strict):
    """A stretch of the journey drawn as what it was (a sea passage, a railway), through the points it passed."""

    mode: JourneyMode
    label: Line
    points: Annotated[list[WaypointIn], Field(min_length=2)]
    certainty: Certainty = "certain"
    note: OptProse = ""
    sources: list[CiteIn] = []


class JourneyBodyIn(Strict):
    title: Line
    note: Prose
    stops: Annotated[list[StopIn], Field(min_length=2)]
    intended: list[StopIn] = []
    legs: list[LegIn] = []


class JourneyIn(Strict):
    journey: JourneyBodyIn


# --- the dossier: claims of the main text graded against the record ----------------------------------------

# In the order the dossier shows them (render/dossier.py): its table, its legend, a claim's passages.
Relation = Literal["confirms", "dates", "qualifies", "contradicts", "omits", "silent"]
Verdict = Literal["confirmed", "qualified", "corrected", "contradicted", "unsupported", "undecided"]
ClaimKind = Literal["date", "person", "event", "role", "figure"]


class EvidenceItemIn(Strict):
    """What one passage of the record says of a claim: a paragraph of a record text (its text id and the N-th
    numbered line of it), or a work of the bibliography and where in it; or, for `silent`, what was searched."""

    relation: Relation
    record: Slug | None = None
    line: Annotated[int, Field(ge=1)] | None = None
    work: Slug | None = None
    at: OptLine = ""
    note: OptLine = ""
    searched: OptLine = ""

    @model_validator(mode="after")
    def _what(self):
        if self.relation == "silent":
            if not self.searched:
                raise ValueError("a 'silent' item needs searched: what was searched, and not found")
        elif bool(self.record) == bool(self.work):
            raise ValueError("an item of evidence names a record text (record:) or a work (work:), one of them")
        if self.line and not self.record:
            raise ValueError("line: counts the lines of a record text; give record: too")
        return self


class ClaimIn(Strict):
    id: Slug
    paragraph: Annotated[int, Field(ge=1)]
    quote: Phrase  # the exact words of the paragraph the claim is about (a W3C TextQuoteSelector)
    occurrence: Annotated[int, Field(ge=1)] = 1
    kind: ClaimKind
    claim: Line  # the claim in the editor's words
    evidence: Annotated[list[EvidenceItemIn], Field(min_length=1)]
    verdict: Verdict
    confidence: Literal["high", "medium", "low"]
    rationale: Prose
    judged_by: Line
    judged_on: IsoDate
    status: Literal["current", "superseded"] = "current"
    supersedes: list[Slug] = []


class ClaimsIn(Strict):
    claims: Annotated[list[ClaimIn], Field(min_length=1)]


# --- the register of published links ------------------------------------------------------------------------

Fingerprint = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{16}$")]


class PublishedAnchorIn(Strict):
    page: SitePath  # the page the anchor was published on ("" for the home page)
    text: Fingerprint  # the first 16 hex digits of the SHA-256 of the paragraph's text


class RegisterIn(Strict):
    anchors: dict[Annotated[str, StringConstraints(pattern=r"^p[1-9]\d*$")], PublishedAnchorIn] = {}
    pages: list[SitePath] = []
    redirects: dict[SitePath, SitePath] = {}  # a retired page -> the page that replaces it
    # The version the register was last recorded for (make register); a register emptied by mistake then says so.
    recorded_for: Annotated[str, StringConstraints(pattern=r"^\d+(\.\d+)*$")] | None = None
