"""Load and validate the editorial data (YAML under seeds/) into the typed model."""
from __future__ import annotations

from typing import TypeVar

from pydantic import BaseModel, ValidationError

from . import schema
from .model import WHOLE_TEXT_SLUG, Dated, Entity, Form, Journey, Note, Paragraph, Section, Source, Stop
from .yaml_lines import YamlDoc

M = TypeVar("M", bound=BaseModel)


def _fix_for(err: dict) -> str:
    kind, ctx = err["type"], err.get("ctx") or {}
    if kind == "missing":
        return f"add the key '{err['loc'][-1]}'"
    if kind == "extra_forbidden":
        return f"remove '{err['loc'][-1]}' or correct its spelling"
    if kind == "literal_error":
        return f"use one of {ctx.get('expected')}"
    if kind == "string_pattern_mismatch":
        return f"write a value matching {ctx.get('pattern')}"
    if kind in ("int_parsing", "int_type"):
        return "give a whole number"
    if kind == "value_error":
        return "correct the entry as the message says"
    return "correct the value as the message says"


def validated(doc: YamlDoc, model: type[M]) -> M:
    """Validate a whole file; the first error is reported with its file, line and key."""
    try:
        return model.model_validate(doc.data if doc.data is not None else {})
    except ValidationError as e:
        err = e.errors(include_url=False)[0]
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        msg = err["msg"].removeprefix("Value error, ")
        raise doc.error(loc, msg, _fix_for(err)) from None


def _sources(items: list[schema.SourceIn]) -> tuple[Source, ...]:
    return tuple(Source(title=s.title, url=s.url, publisher=s.publisher) for s in items)


def load_sections(doc: YamlDoc, paragraphs: tuple[Paragraph, ...]) -> tuple[Section, ...]:
    data = validated(doc, schema.SectionsIn)
    n = len(paragraphs)
    seen: dict[str, int] = {}
    for i, s in enumerate(data.sections):
        loc = ("sections", i)
        if s.slug in seen:
            raise doc.error(loc + ("slug",), f"slug '{s.slug}' is used twice (also sections[{seen[s.slug]}])",
                            "give each section its own slug")
        seen[s.slug] = i
        if s.slug == WHOLE_TEXT_SLUG:
            raise doc.error(loc + ("slug",), f"slug '{s.slug}' is taken by the page of the whole text (text/{s.slug}/)",
                            "give the section another slug")
        if s.first > n:
            raise doc.error(loc + ("first",), f"paragraph {s.first} does not exist (the text has {n})",
                            f"give a first paragraph between 1 and {n}")
        if i == 0 and s.first != 1:
            raise doc.error(loc + ("first",), f"the first section starts at paragraph {s.first}, "
                            f"so paragraphs 1–{s.first - 1} belong to no section", "start the first section at paragraph 1")
        if i and s.first <= data.sections[i - 1].first:
            prev = data.sections[i - 1].first
            what = "overlaps" if s.first == prev else "comes before"
            raise doc.error(loc + ("first",), f"section starts at ¶{s.first}, which {what} the previous section's start (¶{prev})",
                            "list sections in reading order, each starting after the previous one")
    firsts = [s.first for s in data.sections]
    lasts = [f - 1 for f in firsts[1:]] + [n]
    return tuple(Section(slug=s.slug, title=s.title, first=s.first, last=last, summary=s.summary)
                 for s, last in zip(data.sections, lasts))


def load_entities(docs: list[YamlDoc], paragraph_count: int) -> tuple[Entity, ...]:
    entities: list[Entity] = []
    where: dict[str, str] = {}
    for doc in docs:
        data = validated(doc, schema.EntitiesIn)
        for i, e in enumerate(data.entities):
            if e.id in where:
                raise doc.error(("entities", i, "id"), f"entity id '{e.id}' is defined twice (also in {where[e.id]})",
                                "give each entity its own id, or merge the two entries")
            where[e.id] = doc.label
            entities.append(Entity(
                id=e.id, kind=e.kind, name=e.name, summary=e.summary, entry=e.entry, file=doc.label,
                forms=tuple(Form(text=f.text, garbled=f.garbled, paragraphs=tuple(f.paragraphs), case=f.case,
                                 line=doc.line(("entities", i, "forms", j)) or 0) for j, f in enumerate(e.forms)),
                line=doc.line(("entities", i)) or 0,
                sources=_sources(e.sources), native_name=e.native_name, native_lang=e.native_lang,
                alt_names=tuple(e.alt_names), dates=e.dates, start=e.start or "", end=e.end or "",
                offices=tuple(e.offices), coordinates=tuple(e.coordinates) if e.coordinates else None,
                wikidata=e.wikidata or "",
                wikidata_source=_sources([e.wikidata_source])[0] if e.wikidata_source else None, certainty=e.certainty, certainty_note=e.certainty_note,
                related=tuple(e.related)))
    for doc in docs:
        for i, e in enumerate(doc.data["entities"]):
            for j, rel in enumerate(e.get("related") or []):
                if rel not in where:
                    raise doc.error(("entities", i, "related", j), f"unknown entity id '{rel}'",
                                    "use the id of an entity defined under seeds/entities/, or remove it")
            for j, f in enumerate(e.get("forms") or []):
                _check_refs(doc, ("entities", i, "forms", j), f.get("paragraphs") or [], [], paragraph_count, set())
    return tuple(entities)


def load_notes(doc: YamlDoc, paragraphs: tuple[Paragraph, ...]) -> tuple[Note, ...]:
    data = validated(doc, schema.NotesIn)
    notes: list[Note] = []
    per_paragraph: dict[int, int] = {}
    seen: dict[tuple[int, str, int], int] = {}
    for i, n in enumerate(data.notes):
        loc = ("notes", i)
        if n.paragraph > len(paragraphs):
            raise doc.error(loc + ("paragraph",), f"paragraph {n.paragraph} does not exist (the text has {len(paragraphs)})",
                            "give the number of the paragraph the note belongs to")
        text = paragraphs[n.paragraph - 1].text
        found = text.count(n.anchor)
        if found < n.occurrence:
            raise doc.error(loc + ("anchor",),
                            f"anchor '{n.anchor}' occurs {found} time(s) in ¶{n.paragraph}, not {n.occurrence}",
                            f"copy the anchor phrase verbatim from ¶{n.paragraph}, or correct 'paragraph'/'occurrence'")
        key = (n.paragraph, n.anchor, n.occurrence)
        if key in seen:
            raise doc.error(loc + ("anchor",), f"notes[{seen[key]}] is already anchored at the same phrase",
                            "merge the two notes, or anchor one at another phrase")
        seen[key] = i
        k = per_paragraph[n.paragraph] = per_paragraph.get(n.paragraph, 0) + 1
        notes.append(Note(id=f"n{n.paragraph}-{k}", paragraph=n.paragraph, anchor=n.anchor, occurrence=n.occurrence,
                          type=n.type, text=n.text, sources=_sources(n.sources)))
    return tuple(notes)


def _check_refs(doc: YamlDoc, loc: tuple, paragraphs: list[int], entities: list[str], n: int, known: set[str]) -> None:
    for k, p in enumerate(paragraphs):
        if p > n:
            raise doc.error(loc + ("paragraphs", k), f"paragraph {p} does not exist (the text has {n})",
                            "give the numbers of the paragraphs that tell of it")
    for k, e in enumerate(entities):
        if e not in known:
            raise doc.error(loc + ("entities", k), f"unknown entity id '{e}'", "use the id of a glossary entity")


def load_chronology(doc: YamlDoc, paragraphs: tuple[Paragraph, ...], entities: tuple[Entity, ...]) -> tuple[Dated, ...]:
    """The dated moments of the file, and every event or treaty of the glossary that has a start date."""
    data = validated(doc, schema.ChronologyIn)
    known = {e.id for e in entities}
    items = []
    for i, c in enumerate(data.chronology):
        _check_refs(doc, ("chronology", i), c.paragraphs, c.entities, len(paragraphs), known)
        items.append(Dated(date=c.date, when=c.when, label=c.label, paragraphs=tuple(c.paragraphs),
                           entities=tuple(c.entities)))
    listed = {e for c in data.chronology for e in c.entities}
    for e in entities:
        if e.kind in ("event", "treaty") and e.start and e.id not in listed:
            items.append(Dated(date=e.start, when=e.dates or e.start, label=e.name, paragraphs=(), entities=(e.id,)))
    return tuple(sorted(items, key=lambda d: (sort_key(d.date), d.label)))


def sort_key(iso: str) -> str:
    # A month or a year alone sorts at its middle: "1936-11" (mid-November) after the 7th, before the 25th.
    parts = iso.split("-")
    return "-".join(parts + ["06", "15"][len(parts) - 1:])


def load_journey(doc: YamlDoc, paragraphs: tuple[Paragraph, ...], entities: tuple[Entity, ...]) -> Journey:
    data = validated(doc, schema.JourneyIn)
    places = {e.id: e for e in entities if e.kind == "place"}

    def stop(s, loc) -> Stop:
        if s.place not in places:
            raise doc.error(loc + ("place",), f"'{s.place}' is not a place of the glossary", "use the id of a place entity")
        if places[s.place].coordinates is None:
            raise doc.error(loc + ("place",), f"place '{s.place}' has no coordinates",
                            f"give 'coordinates: [lat, lon]' to '{s.place}' in {places[s.place].file}")
        _check_refs(doc, loc, s.paragraphs, [], len(paragraphs), set())
        return Stop(place=s.place, label=s.label, when=s.when, paragraphs=tuple(s.paragraphs))

    j = data.journey
    return Journey(title=j.title, note=j.note,
                   stops=tuple(stop(s, ("journey", "stops", i)) for i, s in enumerate(j.stops)),
                   intended=tuple(stop(s, ("journey", "intended", i)) for i, s in enumerate(j.intended)))
