"""Typed model of the edition: paragraphs, sections, entities, notes, and the links between them."""
from __future__ import annotations

import bisect

from dataclasses import dataclass, field
from typing import Literal

# The page that gathers the whole text for print lives beside the section pages (text/<slug>/), so that the
# sections' own HTML, relative links included, can be reused there as it is; no section may take its slug.
WHOLE_TEXT_SLUG = "all"

ParagraphKind = Literal["prose", "caption"]
EntityKind = Literal["person", "treaty", "organisation", "place", "event", "work"]
NoteType = Literal["context", "correction", "lacuna", "identification"]


@dataclass(frozen=True)
class Segment:
    """A run of the reading text: verbatim words, or a gap where words are missing from the source."""

    kind: Literal["text", "gap"]
    text: str  # for a gap, the source's marker exactly as printed


@dataclass(frozen=True)
class Paragraph:
    n: int  # citation number, 1..N in source order
    line: int  # line in the source file
    kind: ParagraphKind
    text: str  # the source line verbatim
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    first: int
    last: int
    summary: str = ""


@dataclass(frozen=True)
class Source:
    title: str
    url: str
    publisher: str = ""


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
    kind: EntityKind
    name: str
    summary: str
    entry: str
    forms: tuple[Form, ...]
    sources: tuple[Source, ...]
    file: str
    native_name: str = ""
    native_lang: str = ""
    alt_names: tuple[str, ...] = ()
    dates: str = ""
    start: str = ""
    end: str = ""
    offices: tuple[str, ...] = ()
    coordinates: tuple[float, float] | None = None
    wikidata: str = ""
    wikidata_source: Source | None = None
    certainty: Literal["certain", "probable", "uncertain"] = "certain"
    certainty_note: str = ""
    related: tuple[str, ...] = ()
    line: int = 0


@dataclass(frozen=True)
class Note:
    id: str  # stable: n<paragraph>-<k>, k counting notes of that paragraph in data order
    paragraph: int
    anchor: str
    occurrence: int
    type: NoteType
    text: str
    sources: tuple[Source, ...] = ()


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
class Dated:
    """A moment of the chronology: from the chronology file, or an event or treaty of the glossary."""

    date: str  # ISO, to sort
    when: str  # in words
    label: str
    paragraphs: tuple[int, ...]
    entities: tuple[str, ...]


@dataclass(frozen=True)
class Stop:
    place: str  # entity id of a place with coordinates
    label: str
    when: str
    paragraphs: tuple[int, ...]


@dataclass(frozen=True)
class Journey:
    title: str
    note: str
    stops: tuple[Stop, ...]
    intended: tuple[Stop, ...]


@dataclass(frozen=True)
class CitationInfo:
    key: str  # stem of citation keys
    editors: tuple[str, ...]
    issued: int
    medium: str
    publisher: str
    styles: dict  # label shown to the reader -> CSL style name


@dataclass(frozen=True)
class Edition:
    title: str
    subtitle: str
    author: str
    author_alt: str
    author_native: str
    language: str
    source_file: str
    source_sha256: str
    source_text: str  # the file as read, for the plain-text download
    paragraphs: tuple[Paragraph, ...]
    sections: tuple[Section, ...]
    entities: tuple[Entity, ...] = ()
    notes: tuple[Note, ...] = ()
    mentions: tuple[Mention, ...] = ()
    pages_dir: str = ""
    gap_marker: str = "**"
    labels: dict = field(default_factory=dict)
    unlinked: dict = field(default_factory=dict)  # name -> why the editor leaves it unlinked
    citation: CitationInfo | None = None
    register_file: str = ""  # the register of published anchors and pages
    chronology: tuple[Dated, ...] = ()
    journey: Journey | None = None

    def section_of(self, n: int) -> Section:
        # Sections are validated to be in reading order, so a binary search finds the one that holds n.
        i = bisect.bisect_right(self.sections, n, key=lambda s: s.first) - 1
        if i >= 0 and self.sections[i].first <= n <= self.sections[i].last:
            return self.sections[i]
        raise KeyError(n)
