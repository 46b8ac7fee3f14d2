"""Schemas of the editorial data files (pydantic): what each YAML file may say."""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
IsoDate = Annotated[str, StringConstraints(pattern=r"^-?\d{4}(-\d{2}(-\d{2})?)?$")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AuthorIn(Strict):
    name: Text
    alt: str = ""
    native: str = ""


class LabelsIn(Strict):
    gap: Text  # tooltip of a gap mark
    photo: Text  # label before a caption whose photograph is lost
    paragraph: Text  # accessible name prefix: "Paragraph"
    permalink: Text  # accessible name prefix of the permalink
    note_types: dict[Literal["context", "correction", "lacuna", "identification"], Text]


class CitationIn(Strict):
    key: Slug
    editors: Annotated[list[Text], Field(min_length=1)]
    issued: int
    medium: Text
    publisher: Text
    styles: Annotated[dict[Text, Text], Field(min_length=1)]


class EditionIn(Strict):
    title: Text
    subtitle: str = ""
    author: AuthorIn
    language: Text
    source: Text
    source_sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    captions: list[Annotated[int, Field(ge=1)]]
    gap_marker: Text
    sections: Text
    entities: str = ""
    notes: str = ""
    pages: Text
    labels: LabelsIn
    unlinked: dict[str, Text] = {}  # capitalised words left unlinked on purpose, with the reason
    citation: CitationIn
    published: Text  # committed register of published anchors and page URLs
    chronology: str = ""
    journey: str = ""


class SectionIn(Strict):
    slug: Slug
    title: Text
    first: Annotated[int, Field(ge=1)]
    summary: str = ""


class SectionsIn(Strict):
    sections: Annotated[list[SectionIn], Field(min_length=1)]


class SourceIn(Strict):
    title: Text
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]
    publisher: str = ""


class FormIn(Strict):
    text: Text
    garbled: bool = False
    paragraphs: list[Annotated[int, Field(ge=1)]] = []
    case: Literal["initial", "exact"] = "initial"


class EntityIn(Strict):
    id: Slug
    kind: Literal["person", "treaty", "organisation", "place", "event", "work"]
    name: Text
    native_name: str = ""
    native_lang: str = ""
    alt_names: list[Text] = []
    dates: str = ""
    start: IsoDate | None = None
    end: IsoDate | None = None
    offices: list[Text] = []
    coordinates: Annotated[list[float], Field(min_length=2, max_length=2)] | None = None
    summary: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
    entry: Text
    wikidata: Annotated[str, StringConstraints(pattern=r"^Q[1-9]\d*$")] | None = None
    wikidata_source: SourceIn | None = None  # where the QID was seen paired with this entity
    certainty: Literal["certain", "probable", "uncertain"] = "certain"
    certainty_note: str = ""
    sources: Annotated[list[SourceIn], Field(min_length=1)]
    related: list[Slug] = []
    # Required; empty only for an entity the text names inside another's form (e.g. a party inside an alliance's name).
    forms: list[FormIn]

    @field_validator("start", "end", mode="before")
    @classmethod
    def _date_to_text(cls, v):
        # YAML reads 1936-10-21 as a date; the schema keeps dates as ISO text.
        return v.isoformat() if isinstance(v, dt.date) else (str(v) if isinstance(v, int) else v)

    @model_validator(mode="after")
    def _consistent(self):
        if self.native_name and not self.native_lang:
            raise ValueError("native_name needs native_lang (a language code such as zh, ru, fr)")
        if self.certainty != "certain" and not self.certainty_note.strip():
            raise ValueError(f"certainty '{self.certainty}' needs certainty_note saying why")
        if self.wikidata and not self.wikidata_source:
            raise ValueError("a wikidata id needs wikidata_source: where the id was seen paired with this entity")
        if self.coordinates is not None and self.kind != "place":
            raise ValueError("only a place has coordinates")
        return self


class EntitiesIn(Strict):
    entities: Annotated[list[EntityIn], Field(min_length=1)]


class NoteIn(Strict):
    paragraph: Annotated[int, Field(ge=1)]
    anchor: Text
    occurrence: Annotated[int, Field(ge=1)] = 1
    type: Literal["context", "correction", "lacuna", "identification"]
    text: Text
    sources: list[SourceIn] = []

    @model_validator(mode="after")
    def _sourced(self):
        if self.type != "lacuna" and not self.sources:
            raise ValueError(f"a {self.type} note needs sources: what the fact was checked against")
        return self


class NotesIn(Strict):
    notes: list[NoteIn]


class ChronologyItemIn(Strict):
    date: IsoDate
    when: Text
    label: Text
    paragraphs: list[Annotated[int, Field(ge=1)]] = []
    entities: list[Slug] = []

    @field_validator("date", mode="before")
    @classmethod
    def _date_to_text(cls, v):
        return v.isoformat() if isinstance(v, dt.date) else (str(v) if isinstance(v, int) else v)


class ChronologyIn(Strict):
    chronology: list[ChronologyItemIn]


class StopIn(Strict):
    place: Slug
    label: Text
    when: str = ""
    paragraphs: list[Annotated[int, Field(ge=1)]] = []


class JourneyBodyIn(Strict):
    title: Text
    note: Text
    stops: Annotated[list[StopIn], Field(min_length=2)]
    intended: list[StopIn] = []


class JourneyIn(Strict):
    journey: JourneyBodyIn
