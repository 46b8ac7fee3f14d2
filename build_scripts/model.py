"""Typed model of the edition: paragraphs, sections, entities, notes, and the links between them."""
from __future__ import annotations

import bisect

from dataclasses import dataclass, field
from typing import Literal

# The page that gathers the whole text for print lives beside the section pages (text/<slug>/), so that the
# sections' own HTML, relative links included, can be reused there as it is; no section may take its slug.
WHOLE_TEXT_SLUG = "all"

ParagraphKind = Literal["prose", "caption"]
Certainty = Literal["certain", "probable", "uncertain"]


@dataclass(frozen=True)
class Paragraph:
    n: int  # citation number, 1..N in source order, on through the edition's texts
    line: int  # line in the source file
    kind: ParagraphKind
    text: str  # the source line verbatim
    source: str = ""  # the id of the text it belongs to ("" in an edition of one text)


@dataclass(frozen=True)
class Heading:
    """A heading line of a source (not numbered, not cited), standing before paragraph `before`."""

    before: int
    text: str
    line: int
    source: str = ""


@dataclass(frozen=True)
class SourceText:
    """One source text of the edition: its file, kept byte for byte, and the paragraphs it holds."""

    id: str  # "" in an edition of one text
    title: str
    file: str  # as named in messages and downloads
    sha256: str
    content: str  # the file as read
    first: int
    last: int
    author: str = ""
    date: str = ""
    url: str = ""


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    first: int
    last: int
    summary: str = ""


@dataclass(frozen=True)
class Link:
    """A page where something was seen (an identifier), not a source of facts."""

    title: str
    url: str


@dataclass(frozen=True)
class Cite:
    """A citation of a work of the bibliography, with its locator's value (page, document number, ...)."""

    work: str
    at: str = ""
    says: str = ""


@dataclass(frozen=True)
class Work:
    """A work of the bibliography, with what CSL needs to render it."""

    key: str
    kind: str  # primary, scholarly, reference (the edition's bibliography kinds)
    type: str  # CSL item type
    title: str
    locator: str  # what a citation must point to: page, document, section, ..., or none
    author: tuple[str, ...] = ()
    editor: tuple[str, ...] = ()
    translator: tuple[str, ...] = ()
    short: str = ""
    container: str = ""
    collection: str = ""
    volume: str = ""
    issue: str = ""
    number: str = ""
    edition: str = ""
    publisher: str = ""
    place: str = ""
    issued: str = ""
    pages: str = ""
    url: str = ""
    doi: str = ""
    language: str = ""
    note: str = ""
    file: str = ""
    line: int = 0


@dataclass(frozen=True)
class EntityKind:
    label: str
    page: str
    tei: dict  # list, item, name, type
    dated: bool
    located: bool


@dataclass(frozen=True)
class Version:
    version: str
    date: str
    changes: tuple[str, ...]


@dataclass(frozen=True)
class NoteType:
    label: str
    sourced: bool
    kinds: dict  # kind -> label; empty when the type has no kinds


@dataclass(frozen=True)
class Form:
    text: str
    garbled: bool = False
    paragraphs: tuple[int, ...] = ()  # empty: anywhere
    case: Literal["initial", "exact"] = "initial"
    line: int = 0  # where the form is given in its entity file, for error messages


@dataclass(frozen=True)
class Entity:
    id: str
    kind: str
    name: str
    summary: str
    entry: str
    forms: tuple[Form, ...]
    sources: tuple[Cite, ...]
    file: str
    short_name: str = ""
    index_as: str = ""
    native_name: str = ""
    native_lang: str = ""
    alt_names: tuple[str, ...] = ()
    dates: str = ""
    start: str = ""
    end: str = ""
    offices: tuple[str, ...] = ()
    coordinates: tuple[float, float] | None = None
    wikidata: str = ""
    wikidata_source: Link | None = None
    certainty: Certainty = "certain"
    certainty_note: str = ""
    related: tuple[str, ...] = ()
    line: int = 0


@dataclass(frozen=True)
class Note:
    id: str  # stable: n<paragraph>-<k>, k counting notes of that paragraph in data order
    paragraph: int
    anchor: str
    occurrence: int
    type: str
    text: str
    sources: tuple[Cite, ...] = ()
    kind: str = ""  # for a note type with kinds (collation: omission, addition, mistranslation)
    chinese: str = ""  # a short quotation of the text the translation was made from
    rendering: str = ""  # its English rendering


@dataclass(frozen=True)
class Mention:
    """A surface form of an entity found in a paragraph: characters [start, end) of its text."""

    entity: str
    paragraph: int
    start: int
    end: int
    text: str
    garbled: bool


@dataclass(frozen=True)
class Evidence:
    """What a moment or a stop rests on: the author's statement in the text, and independent records."""

    paragraphs: tuple[int, ...] = ()  # where the author tells of it
    sources: tuple[Cite, ...] = ()  # independent records
    certainty: Certainty = "certain"
    note: str = ""


@dataclass(frozen=True)
class Dated:
    """A moment of the chronology: from the chronology file, or an event or treaty of the glossary."""

    date: str  # ISO, to sort
    when: str  # in words
    label: str
    entities: tuple[str, ...]
    evidence: Evidence


@dataclass(frozen=True)
class Stop:
    place: str  # entity id of a place with coordinates
    label: str
    when: str
    evidence: Evidence


@dataclass(frozen=True)
class Waypoint:
    name: str
    coordinates: tuple[float, float]
    label: bool = False
    schematic: bool = False


@dataclass(frozen=True)
class Leg:
    mode: str  # sea, rail, road, air
    label: str
    points: tuple[Waypoint, ...]
    evidence: Evidence


@dataclass(frozen=True)
class Journey:
    title: str
    note: str
    stops: tuple[Stop, ...]
    intended: tuple[Stop, ...]
    legs: tuple[Leg, ...] = ()


@dataclass(frozen=True)
class CitationInfo:
    key: str  # stem of citation keys
    editors: tuple[str, ...]
    issued: int
    medium: str
    publisher: str
    styles: tuple  # {label, csl, forms: {cite|entry: label}} for each style of the Cite panel


@dataclass(frozen=True)
class Licence:
    name: str
    url: str
    scope: str = ""  # what it covers, where not the whole edition


@dataclass(frozen=True)
class BibliographyInfo:
    style: str  # CSL style of the apparatus' citations and of the Bibliography page
    kinds: dict  # work kind -> heading, in the order of the Bibliography page


@dataclass(frozen=True)
class Edition:
    title: str
    subtitle: str
    author: str
    author_alt: str
    author_native: str
    language: str
    sources: tuple[SourceText, ...]
    paragraphs: tuple[Paragraph, ...]
    sections: tuple[Section, ...]
    entities: tuple[Entity, ...] = ()
    notes: tuple[Note, ...] = ()
    mentions: tuple[Mention, ...] = ()
    pages_dir: str = ""
    gap_marker: str = "**"
    gap_escape: str = ""
    headings: tuple[Heading, ...] = ()
    original_language: str = ""  # of the text the source translates
    apparatus_language: str = ""  # of the apparatus and the interface
    source_description: str = ""
    labels: dict = field(default_factory=dict)
    note_types: dict = field(default_factory=dict)  # type -> NoteType, in the order of the edition file
    entity_kinds: dict = field(default_factory=dict)  # kind -> EntityKind, in the order of the edition file
    works: tuple[Work, ...] = ()
    versions: tuple[Version, ...] = ()  # oldest first; the last is this one
    bibliography: BibliographyInfo | None = None
    unlinked: dict = field(default_factory=dict)  # name -> why the editor leaves it unlinked
    citation: CitationInfo | None = None
    register_file: str = ""  # the register of published anchors and pages
    register_label: str = ""  # its name in messages
    chronology: tuple[Dated, ...] = ()
    journey: Journey | None = None
    licence: Licence | None = None
    colours: tuple[str, str] = ("indigo", "indigo")  # Material's primary and accent colour names

    @property
    def source_file(self) -> str:  # the first (in an edition of one text, the only) source
        return self.sources[0].file

    @property
    def source_sha256(self) -> str:
        return self.sources[0].sha256

    @property
    def source_text(self) -> str:
        return self.sources[0].content

    def source_of(self, n: int) -> SourceText:
        return next(s for s in self.sources if s.first <= n <= s.last)

    def section_of(self, n: int) -> Section:
        # Sections are validated to be in reading order, so a binary search finds the one that holds n.
        i = bisect.bisect_right(self.sections, n, key=lambda s: s.first) - 1
        if i >= 0 and self.sections[i].first <= n <= self.sections[i].last:
            return self.sections[i]
        raise KeyError(n)
