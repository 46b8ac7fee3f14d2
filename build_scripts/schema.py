"""Schemas of the editorial data files (pydantic): what each YAML file may say.

Two kinds of text come from editors, and each reaches the page by one route only:
- `Line`: one line of plain text (a title, a name, a label). It is escaped for every output, so quotes,
  `<`, `&` and braces come out literally; a line break is refused, since a title or label is one line.
- `Prose`: Markdown written by the editor (an entry, a note, a certainty note). It is rendered as
  Markdown by design, so it may use *emphasis* and [links](https://…); raw HTML, `javascript:` links and
  the characters the build reserves for its own marks are refused, so that nothing an editor writes can run
  as script or pose as a paragraph anchor, a gap or a name.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

# The build marks paragraphs, gaps and names in its Markdown with characters of Unicode's private use area
# (markdown_text.py); no text an editor writes may contain them.
RESERVED = re.compile("[\ue000-\uf8ff]")
RAW_HTML = re.compile(r"<(?:[A-Za-z!?/]|$)")
ATTR_LIST = re.compile(r"\{\s*[:#.]")  # Markdown attribute lists ({: #id .class }) could forge ids and classes
# Link targets in Markdown: inline [text](target) and reference definitions [label]: target.
LINK_TARGET = re.compile(r"\]\(\s*([^)\s]+)|^\s*\[[^\]]+\]:\s*(\S+)", re.M)
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def _no_reserved(v: str) -> str:
    if RESERVED.search(v):
        raise ValueError("contains a character of Unicode's private use area, which the build reserves for its own marks")
    return v


def _one_line(v: str) -> str:
    _no_reserved(v)
    if "\n" in v or "\r" in v:
        raise ValueError("is one line of plain text, but contains a line break")
    return v


def _prose(v: str) -> str:
    _no_reserved(v)
    if m := RAW_HTML.search(v):
        raise ValueError(f"contains raw HTML ('{v[m.start():m.start() + 12]}…'); prose is Markdown without HTML")
    if m := ATTR_LIST.search(v):
        raise ValueError(f"contains an attribute list ('{v[m.start():m.start() + 12]}…'), which prose may not use")
    for m in LINK_TARGET.finditer(v):
        target = m[1] or m[2]
        if SCHEME.match(target) and not target.startswith(("http://", "https://")):
            raise ValueError(f"links to '{target}', which is not a web address (https://…) or a page of the site")
    return v


Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_one_line)]
OptLine = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(_one_line)]
Prose = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_prose)]
OptProse = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(_prose)]
IsoDate = Annotated[str, StringConstraints(pattern=r"^-?\d{4}(-\d{2}(-\d{2})?)?$")]
# A language tag (BCP 47): it is written into lang and xml:lang attributes.
LangTag = Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
Url = Annotated[str, StringConstraints(pattern=r"^https?://[^\s<>\"'`]+$")]
Certainty = Literal["certain", "probable", "uncertain"]


def _iso(v):
    # YAML reads 1936-10-21 as a date and 1936 as a number; the schema keeps dates as ISO text.
    return v.isoformat() if isinstance(v, dt.date) else (str(v) if isinstance(v, int) else v)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- the edition file ---------------------------------------------------------------------------------------

class AuthorIn(Strict):
    name: Line
    alt: OptLine = ""
    native: OptLine = ""


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


class CiteStyleIn(Strict):
    label: Line  # shown to the reader: "Chicago"
    csl: Line  # the CSL style (official CSL styles repository)
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
    works: Line  # folder of YAML files, each with a list of works
    non_sources: Line  # file: hosts that are never cited or linked
    style: Line  # CSL style of the apparatus' citations and of the Bibliography page
    # Work kinds, in the order the Bibliography page lists them: kind -> heading
    kinds: Annotated[dict[Slug, Line], Field(min_length=1)]


Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


class TextIn(Strict):
    """One source text of an edition that holds several (the documents of a dossier, the chapters of a work)."""

    id: Slug
    title: Line
    author: OptLine = ""  # who wrote this text, where it is not the edition's author
    date: IsoDate | None = None
    url: Url | None = None  # where the text was published
    source: Line
    source_sha256: Sha256
    captions: list[Annotated[int, Field(ge=1)]] = []  # the edition's paragraph numbers, as everywhere

    _date = field_validator("date", mode="before")(classmethod(lambda cls, v: _iso(v)))


class EditionIn(Strict):
    title: Line
    subtitle: OptLine = ""
    author: AuthorIn
    language: LangTag  # of the text
    apparatus_language: LangTag | None = None  # of the apparatus and the interface, where it is not the text's
    original_language: LangTag | None = None  # of the text the source translates (collation notes quote it)
    source_description: OptProse = ""  # what the source is and where it comes from (TEI sourceDesc)
    # One source text (source, source_sha256, captions), or several (texts). Paragraphs are numbered on through
    # the edition in the order of its texts (¶N everywhere is the edition's number): a text added later comes
    # last, so no published number changes.
    source: OptLine = ""
    source_sha256: Sha256 | None = None
    captions: list[Annotated[int, Field(ge=1)]] = []
    texts: list[TextIn] = []
    headings: OptLine = ""  # a line of a source that starts with this is a heading of the text, not a paragraph
    gap_marker: Line
    gap_escape: OptLine = ""  # written before the gap marker, the marker is text, not a gap (the escape not shown)
    sections: Line
    entities: OptLine = ""
    notes: OptLine = ""
    pages: Line
    labels: dict[Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")], Line] = {}  # overrides of the catalogue's words (build_scripts/catalogue/<language>.yml)
    entity_kinds: Annotated[dict[Slug, EntityKindIn], Field(min_length=1)]
    note_types: Annotated[dict[Slug, NoteTypeIn], Field(min_length=1)]
    unlinked: dict[str, Line] = {}  # capitalised words left unlinked on purpose, with the reason
    citation: CitationIn
    licence: LicenceIn | None = None  # under which the edition is published (the footer, the TEI header)
    colours: ColoursIn = ColoursIn()
    bibliography: BibliographyCfgIn
    published: Line  # committed register of published anchors and page URLs
    versions: Line  # the versions of the edition, newest last
    chronology: OptLine = ""
    journey: OptLine = ""


class VersionIn(Strict):
    version: Annotated[str, StringConstraints(pattern=r"^\d+(\.\d+)*$")]
    date: IsoDate
    changes: Annotated[list[Line], Field(min_length=1)]

    _date = field_validator("date", mode="before")(classmethod(lambda cls, v: _iso(v)))


class VersionsIn(Strict):
    versions: Annotated[list[VersionIn], Field(min_length=1)]


# --- the bibliography ---------------------------------------------------------------------------------------

# CSL item types a work may have.
WorkType = Literal["book", "chapter", "article-journal", "article-magazine", "article-newspaper", "entry-encyclopedia",
                   "entry-dictionary", "report", "webpage", "manuscript", "thesis", "treaty", "legislation",
                   "interview", "document", "personal_communication", "map"]
# What a citation of a work points to; `none` for a work too short to need one (a single web page).
LocatorKind = Literal["page", "document", "section", "chapter", "paragraph", "entry", "column", "folio", "none"]


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

    _date = field_validator("issued", mode="before")(classmethod(lambda cls, v: _iso(v)))


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
    slug: Slug
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
    text: Line
    garbled: bool = False
    paragraphs: list[Annotated[int, Field(ge=1)]] = []
    case: Literal["initial", "exact"] = "initial"


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
    coordinates: Annotated[list[float], Field(min_length=2, max_length=2)] | None = None
    summary: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300),
                       AfterValidator(_one_line)]
    entry: Prose  # Markdown
    wikidata: Annotated[str, StringConstraints(pattern=r"^Q[1-9]\d*$")] | None = None
    wikidata_source: SourceLinkIn | None = None  # where the QID was seen with this entity
    certainty: Certainty = "certain"
    certainty_note: OptProse = ""  # Markdown
    sources: Annotated[list[CiteIn], Field(min_length=1)]
    related: list[Slug] = []
    # Required; empty only for an entity the text does not name (a framing event, or a party inside an alliance's name).
    forms: list[FormIn]

    _dates = field_validator("start", "end", mode="before")(classmethod(lambda cls, v: _iso(v)))

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
    anchor: Line
    occurrence: Annotated[int, Field(ge=1)] = 1
    type: Slug  # one of the edition's note types (checked against edition.yml)
    collation: Slug | None = None  # the kind, for a note type that has kinds
    chinese: OptLine = ""  # a short quotation of the text the translation was made from
    rendering: OptLine = ""  # the editor's English rendering of that quotation
    text: Prose  # Markdown
    sources: list[CiteIn] = []

    @field_validator("chinese", "rendering", mode="before")
    @classmethod
    def _fold(cls, v):
        return " ".join(v.split()) if isinstance(v, str) else v

    @model_validator(mode="after")
    def _quoted(self):
        if self.chinese and not self.rendering:
            raise ValueError("a quotation (chinese) needs its rendering in English")
        if len(self.chinese) > 80:
            raise ValueError(f"the quotation is {len(self.chinese)} characters long; quote a phrase or a sentence "
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

    _date = field_validator("date", mode="before")(classmethod(lambda cls, v: _iso(v)))


class ChronologyIn(Strict):
    chronology: list[ChronologyItemIn]


class StopIn(EvidenceIn):
    place: Slug
    label: Line
    when: OptLine = ""


class WaypointIn(Strict):
    name: Line
    coordinates: Annotated[list[float], Field(min_length=2, max_length=2)]
    label: bool = False  # named on the map (a main station), not only a bend of the line
    schematic: bool = False  # a point that only makes the line run through the right sea, on no source


class LegIn(Strict):
    """A stretch of the journey drawn as what it was (a sea passage, a railway), through the points it passed."""

    mode: Literal["sea", "rail", "road", "air"]
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
