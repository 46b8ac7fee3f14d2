"""The typed model of an edition: what the pipeline passes from loading to rendering.

What an editor writes is declared once, in the schema (load/schema.py), and the model takes those types as they
are: a work of the bibliography *is* its schema model, with the file and line it was read from; so is an entity, a
kind of entity, a note type, the citation settings. What the build works out (numbered paragraphs, sections with
their last paragraph, mentions, notes with their ids, the chronology and the journey with their evidence) is
declared here.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Literal

from .load import schema

ParagraphKind = Literal["prose", "caption"]
Certainty = schema.Certainty

# Declared by the schema and taken as they are.
Cite = schema.CiteIn
Link = schema.SourceLinkIn
EntityKind = schema.EntityKindIn
TeiKind = schema.TeiKindIn
NoteType = schema.NoteTypeIn
CitationInfo = schema.CitationIn
CiteStyle = schema.CiteStyleIn
Licence = schema.LicenceIn
Version = schema.VersionIn
BibliographyInfo = schema.BibliographyCfgIn


class Work(schema.WorkIn):
    """A work of the bibliography, as its file gives it, and where."""

    file: str = ""
    line: int = 0


class Form(schema.FormIn):
    """A form of an entity's name in the text, and the line of its entity file that gives it."""

    line: int = 0


class Entity(schema.EntityIn):
    """An entry of the glossary; `short_name` and `index_as` filled in (the name, where the file gives none)."""

    forms: list[Form]
    file: str = ""
    line: int = 0


@dataclass(frozen=True)
class Paragraph:
    n: int  # citation number, 1..N in source order, on through the edition's texts
    line: int  # line in the source file
    kind: ParagraphKind
    text: str  # the source line verbatim
    source: str = ""  # the id of the text it belongs to ("" in an edition of one text)
    marker_is_text: bool = False  # its gap markers are the source's own text, not missing words


@dataclass(frozen=True)
class Heading:
    """A heading line of a source (not numbered, not cited): standing before paragraph `before`, or, for the lines
    that close a text (a signature), after its last paragraph (`after`)."""

    before: int
    text: str
    line: int
    source: str = ""
    after: bool = False

    @property
    def key(self) -> tuple[int, bool]:
        """Where it stands: (paragraph, after it)."""
        return self.before, self.after


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
    language: str = ""  # the text's language (the edition's, where the text gives none)
    part: str = ""  # the part of the site it belongs to ("" for the main text's)
    printed: Cite | None = None  # where it was printed
    read_from: tuple[str, ...] = ()
    read_on: str = ""
    rights: str = ""
    unread: tuple[str, ...] = ()
    summary: str = ""
    bears_on: tuple[int, ...] = ()
    translation_kind: str = ""  # "translation" or "summary", where the edition gives one beside the text
    translation_language: str = ""


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    first: int
    last: int
    summary: str = ""
    part: str = ""  # the folder of its pages: "" for the main text (text/), a part's path otherwise (record/)


@dataclass(frozen=True)
class Note:
    id: str  # stable: paths.note_id(paragraph, k), k counting notes of that paragraph in data order
    paragraph: int
    anchor: str
    occurrence: int
    type: str
    text: str
    sources: tuple[Cite, ...] = ()
    kind: str = ""  # for a note type with kinds (collation: omission, addition, mistranslation)
    quote: str = ""  # a short quotation of the text the source translates
    rendering: str = ""  # its rendering in the apparatus' language


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
    mode: str  # one of JOURNEY_MODES
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
class ClaimEvidence:
    """One passage of the record and what it says of a claim."""

    relation: str
    paragraph: int | None = None  # the edition's number of the record paragraph
    text: str = ""  # the record text it belongs to
    work: str = ""  # or a work of the bibliography, and where in it
    at: str = ""
    note: str = ""
    searched: str = ""  # for `silent`: what was searched


@dataclass(frozen=True)
class Claim:
    """A claim of the main text, graded against the record."""

    id: str
    paragraph: int
    quote: str
    occurrence: int
    kind: str
    claim: str
    evidence: tuple[ClaimEvidence, ...]
    verdict: str
    confidence: str
    rationale: str
    judged_by: str
    judged_on: str
    status: str = "current"
    supersedes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Edition:
    title: str
    subtitle: str
    author: schema.AuthorIn
    language: str
    sources: tuple[SourceText, ...]
    paragraphs: tuple[Paragraph, ...]
    sections: tuple[Section, ...]
    citation: CitationInfo
    bibliography: BibliographyInfo
    versions: tuple[Version, ...]  # oldest first; the last is this one
    entities: tuple[Entity, ...] = ()
    notes: tuple[Note, ...] = ()
    mentions: tuple[Mention, ...] = ()
    home: str = ""  # the folder of the edition's data (its edition file's folder)
    pages_dir: str = ""
    page_titles: dict[str, str] = field(default_factory=dict)  # each page of the edition's own (file name) -> title
    gap_marker: str = "**"
    gap_escape: str = ""
    headings: tuple[Heading, ...] = ()
    original_language: str = ""  # of the text the source translates
    apparatus_language: str = ""  # of the apparatus and the interface
    source_description: str = ""
    labels: dict = field(default_factory=dict)
    note_types: dict[str, NoteType] = field(default_factory=dict)  # in the order of the edition file
    entity_kinds: dict[str, EntityKind] = field(default_factory=dict)  # in the order of the edition file
    works: tuple[Work, ...] = ()
    unlinked: dict = field(default_factory=dict)  # name -> why the editor leaves it unlinked
    register_file: str = ""  # the register of published anchors and pages
    register_label: str = ""  # its name in messages
    chronology: tuple[Dated, ...] = ()
    journey: Journey | None = None
    licence: Licence | None = None
    colours: tuple[str, str] = ("indigo", "indigo")  # Material's primary and accent colour names
    site_url: str = ""  # where the edition is published (edition.yml or SITE_URL)
    parts: dict = field(default_factory=dict)  # part -> schema.PartIn, for texts outside the main one
    translations: dict[int, str] = field(default_factory=dict)  # paragraph -> the edition's translation
    heading_translations: dict[tuple[int, bool, int], str] = field(default_factory=dict)  # (n, after, k) -> text
    claims: tuple[Claim, ...] = ()

    @property
    def main(self) -> SourceText:
        """The main text (the first): the one the record is set beside."""
        return self.sources[0]

    def source_of(self, n: int) -> SourceText:
        return next(s for s in self.sources if s.first <= n <= s.last)

    def section_of(self, n: int) -> Section:
        # Sections are validated to be in reading order, so a binary search finds the one that holds n.
        i = bisect.bisect_right(self.sections, n, key=lambda s: s.first) - 1
        if i >= 0 and self.sections[i].first <= n <= self.sections[i].last:
            return self.sections[i]
        raise KeyError(n)

    @property
    def author_name(self) -> str:
        return self.author.name
