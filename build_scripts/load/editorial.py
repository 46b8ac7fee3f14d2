"""Load and validate the editorial data (YAML under seeds/) into the typed model."""
from __future__ import annotations

from . import schema
from ..model import (Cite, Claim, ClaimEvidence, Dated, Entity, EntityKind, Evidence, Form, Journey, Leg, Note, NoteType,
                     Paragraph, Section, SourceText, Stop, Waypoint, Work)
from ..paths import WHOLE_TEXT_SLUG, note_id
from .validation import validated
from .yaml_doc import YamlDoc

from .schema import LOCATOR_KINDS


class Citations:
    """The works of the bibliography, against which every citation of the apparatus is checked."""

    def __init__(self, works: tuple[Work, ...]):
        self.works = {w.key: w for w in works}

    def check(self, doc: YamlDoc, loc: tuple, items: list[schema.CiteIn]) -> tuple[Cite, ...]:
        out = []
        for i, c in enumerate(items):
            work = self.works.get(c.work)
            if work is None:
                raise doc.error(loc + (i, "work"), f"unknown work '{c.work}'",
                                "add the work to the bibliography (seeds/bibliography/), or correct the key")
            if work.locator != "none" and not c.at:
                raise doc.error(loc + (i,), f"cites '{c.work}' without saying where: the work needs "
                                f"{LOCATOR_KINDS[work.locator].words}", f"add  at: <{work.locator}>  to the citation")
            out.append(c)
        return tuple(out)


def load_works(docs: list[YamlDoc], kinds: dict[str, str]) -> tuple[Work, ...]:
    works: list[Work] = []
    where: dict[str, str] = {}
    for doc in docs:
        data = validated(doc, schema.WorksIn)
        for i, w in enumerate(data.works):
            loc = ("works", i)
            if w.key in where:
                raise doc.error(loc + ("key",), f"work '{w.key}' is recorded twice (also in {where[w.key]})",
                                "record each work once, and cite it by its key")
            if w.kind not in kinds:
                raise doc.error(loc + ("kind",), f"'{w.kind}' is not a kind of work of this edition",
                                f"use one of {sorted(kinds)} (edition.yml, bibliography.kinds)")
            where[w.key] = f"{doc.label}:{doc.line(loc)}"
            works.append(Work.model_construct(**dict(w), file=doc.label, line=doc.line(loc) or 0))
    return tuple(works)


def load_sections(doc: YamlDoc, paragraphs: tuple[Paragraph, ...], sources: tuple[SourceText, ...],
                  parts: dict[str, str]) -> tuple[Section, ...]:
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
    # A section ends where the next begins, or where its text ends; a text that no section divides from its first
    # paragraph is a section of its own, named after the text (a document of a record).
    out: list[Section] = []
    for t in sources:
        own = [s for s in data.sections if t.first <= s.first <= t.last]
        if not own or own[0].first != t.first:
            out.append(Section(slug=t.id or "text", title=t.title, first=t.first,
                               last=(own[0].first - 1) if own else t.last, summary=t.summary,
                               part=parts.get(t.part, "")))
            if out[-1].slug in seen:
                raise doc.error(("sections", seen[out[-1].slug], "slug"), f"slug '{out[-1].slug}' is also the id of "
                                f"text '{t.id}', which is a section of its own", "give the section another slug")
        for k, s in enumerate(own):
            last = own[k + 1].first - 1 if k + 1 < len(own) else t.last
            out.append(Section(slug=s.slug, title=s.title, first=s.first, last=last, summary=s.summary,
                               part=parts.get(t.part, "")))
    return tuple(out)


def load_entities(docs: list[YamlDoc], paragraph_count: int, citations: Citations,
                  kinds: dict[str, EntityKind]) -> tuple[Entity, ...]:
    entities: list[Entity] = []
    where: dict[str, str] = {}
    for doc in docs:
        data = validated(doc, schema.EntitiesIn)
        for i, e in enumerate(data.entities):
            loc = ("entities", i)
            if e.kind not in kinds:
                raise doc.error(loc + ("kind",), f"'{e.kind}' is not a kind of entity of this edition",
                                f"use one of {list(kinds)} (edition.yml, entity_kinds)")
            if e.coordinates is not None and not kinds[e.kind].located:
                raise doc.error(loc + ("coordinates",), f"an entity of kind '{e.kind}' has no place on a map",
                                "remove the coordinates, or mark the kind  located: true  in edition.yml")
            if e.id in where:
                raise doc.error(loc + ("id",), f"entity id '{e.id}' is defined twice (also in {where[e.id]})",
                                "give each entity its own id, or merge the two entries")
            where[e.id] = doc.label
            for j, f in enumerate(e.forms):
                _check_paragraphs(doc, loc + ("forms", j), f.paragraphs, paragraph_count)
            entities.append(Entity.model_construct(**{
                **dict(e), "short_name": e.short_name or e.name, "index_as": e.index_as or e.name,
                "file": doc.label, "line": doc.line(loc) or 0,
                "sources": list(citations.check(doc, loc + ("sources",), e.sources)),
                "forms": [Form.model_construct(**dict(f), line=doc.line(loc + ("forms", j)) or 0)
                          for j, f in enumerate(e.forms)]}))
    for doc in docs:
        for i, e in enumerate(doc.data["entities"]):
            for j, rel in enumerate(e.get("related") or []):
                if rel not in where:
                    raise doc.error(("entities", i, "related", j), f"unknown entity id '{rel}'",
                                    "use the id of an entity defined under seeds/entities/, or remove it")
    return tuple(entities)


def load_notes(doc: YamlDoc, paragraphs: tuple[Paragraph, ...], note_types: dict[str, NoteType],
               citations: Citations) -> tuple[Note, ...]:
    data = validated(doc, schema.NotesIn)
    notes: list[Note] = []
    per_paragraph: dict[int, int] = {}
    seen: dict[tuple[int, str, int], int] = {}
    for i, n in enumerate(data.notes):
        loc = ("notes", i)
        kind = note_types.get(n.type)
        if kind is None:
            raise doc.error(loc + ("type",), f"'{n.type}' is not a note type of this edition",
                            f"use one of {list(note_types)} (edition.yml, note_types)")
        if kind.kinds and n.collation not in kind.kinds:
            raise doc.error(loc + ("collation",), f"a {n.type} note needs its kind",
                            f"add  collation: <one of {list(kind.kinds)}>")
        if not kind.kinds and n.collation:
            raise doc.error(loc + ("collation",), f"a {n.type} note has no kinds", "remove 'collation'")
        if kind.sourced and not n.sources:
            raise doc.error(loc, f"a {n.type} note needs sources: what the fact was checked against",
                            "add  sources:  with the key of a work of the bibliography and where in it (at:)")
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
        notes.append(Note(id=note_id(n.paragraph, k), paragraph=n.paragraph, anchor=n.anchor, occurrence=n.occurrence,
                          type=n.type, text=n.text, sources=citations.check(doc, loc + ("sources",), n.sources),
                          kind=n.collation or "", quote=n.original, rendering=n.rendering))
    return tuple(notes)


def _check_paragraphs(doc: YamlDoc, loc: tuple, paragraphs: list[int], n: int) -> None:
    for k, p in enumerate(paragraphs):
        if p > n:
            raise doc.error(loc + ("paragraphs", k), f"paragraph {p} does not exist (the text has {n})",
                            "give the numbers of the paragraphs that tell of it")


def _check_entities(doc: YamlDoc, loc: tuple, entities: list[str], known: set[str]) -> None:
    for k, e in enumerate(entities):
        if e not in known:
            raise doc.error(loc + ("entities", k), f"unknown entity id '{e}'", "use the id of a glossary entity")


def _evidence(doc: YamlDoc, loc: tuple, item: schema.EvidenceIn, n: int, citations: Citations) -> Evidence:
    _check_paragraphs(doc, loc, item.paragraphs, n)
    return Evidence(paragraphs=tuple(item.paragraphs), sources=citations.check(doc, loc + ("sources",), item.sources),
                    certainty=item.certainty, note=item.note)


def load_chronology(doc: YamlDoc, paragraphs: tuple[Paragraph, ...], entities: tuple[Entity, ...],
                    citations: Citations, kinds: dict[str, EntityKind]) -> tuple[Dated, ...]:
    """The dated moments of the file, and every entry of a dated kind (events, treaties) with a start date."""
    data = validated(doc, schema.ChronologyIn)
    known = {e.id for e in entities}
    items = []
    for i, c in enumerate(data.chronology):
        loc = ("chronology", i)
        _check_entities(doc, loc, c.entities, known)
        items.append(Dated(date=c.date, when=c.when, label=c.label, entities=tuple(c.entities),
                           evidence=_evidence(doc, loc, c, len(paragraphs), citations)))
    # An entry of a dated kind joins by its own date, unless a moment of the file already gives that day for it.
    listed = {(e, c.date) for c in data.chronology for e in c.entities}
    for e in entities:
        if kinds[e.kind].dated and e.start and (e.id, e.start) not in listed:
            # A glossary entry rests on its own sources; the text's paragraphs are those that mention it.
            items.append(Dated(date=e.start, when=e.dates or e.start, label=e.name, entities=(e.id,),
                               evidence=Evidence(sources=e.sources, certainty=e.certainty, note=e.certainty_note)))
    return tuple(sorted(items, key=lambda d: (sort_key(d.date), d.label)))


def sort_key(iso: str) -> str:
    # A month or a year alone sorts at its middle: "1936-11" (mid-November) after the 7th, before the 25th.
    parts = iso.split("-")
    return "-".join(parts + ["06", "15"][len(parts) - 1:])


def load_journey(doc: YamlDoc, paragraphs: tuple[Paragraph, ...], entities: tuple[Entity, ...],
                 citations: Citations, kinds: dict[str, EntityKind]) -> Journey:
    data = validated(doc, schema.JourneyIn)
    places = {e.id: e for e in entities if kinds[e.kind].located}

    def stop(s, loc) -> Stop:
        if s.place not in places:
            raise doc.error(loc + ("place",), f"'{s.place}' is not a place of the glossary",
                            "use the id of an entity of a located kind (edition.yml, entity_kinds)")
        if places[s.place].coordinates is None:
            raise doc.error(loc + ("place",), f"place '{s.place}' has no coordinates",
                            f"give 'coordinates: [lat, lon]' to '{s.place}' in {places[s.place].file}")
        return Stop(place=s.place, label=s.label, when=s.when,
                    evidence=_evidence(doc, loc, s, len(paragraphs), citations))

    def leg(g, loc) -> Leg:
        return Leg(mode=g.mode, label=g.label, evidence=Evidence(
                       sources=citations.check(doc, loc + ("sources",), g.sources), certainty=g.certainty, note=g.note),
                   points=tuple(Waypoint(w.name, tuple(w.coordinates), w.label, w.schematic) for w in g.points))

    j = data.journey
    return Journey(title=j.title, note=j.note,
                   stops=tuple(stop(s, ("journey", "stops", i)) for i, s in enumerate(j.stops)),
                   intended=tuple(stop(s, ("journey", "intended", i)) for i, s in enumerate(j.intended)),
                   legs=tuple(leg(g, ("journey", "legs", i)) for i, g in enumerate(j.legs)))


def load_claims(doc: YamlDoc, paragraphs: tuple[Paragraph, ...], sources: tuple[SourceText, ...],
                citations: Citations) -> tuple[Claim, ...]:
    """The main text's claims, each checked against the text (its quotation) and the record (every passage it
    cites exists)."""
    data = validated(doc, schema.ClaimsIn)
    main = sources[0]
    texts = {t.id: t for t in sources[1:]}
    seen: dict[str, int] = {}
    out = []
    for i, c in enumerate(data.claims):
        loc = ("claims", i)
        if c.id in seen:
            raise doc.error(loc + ("id",), f"claim id '{c.id}' is used twice (also claims[{seen[c.id]}])",
                            "give each claim its own id")
        seen[c.id] = i
        if not main.first <= c.paragraph <= main.last:
            raise doc.error(loc + ("paragraph",), f"¶{c.paragraph} is not a paragraph of the main text "
                            f"(¶{main.first}–¶{main.last})", "give the number of the paragraph the claim is about")
        text = paragraphs[c.paragraph - 1].text
        if text.count(c.quote) < c.occurrence:
            raise doc.error(loc + ("quote",), f"'{c.quote}' occurs {text.count(c.quote)} time(s) in ¶{c.paragraph}, "
                            f"not {c.occurrence}", f"copy the words verbatim from ¶{c.paragraph}")
        evidence = []
        for j, e in enumerate(c.evidence):
            eloc = loc + ("evidence", j)
            n = None
            if e.record:
                if e.record not in texts:
                    raise doc.error(eloc + ("record",), f"'{e.record}' is not a text of the record",
                                    "use the id of a text of the edition other than the main one")
                t = texts[e.record]
                if e.line:
                    n = t.first + e.line - 1
                    if n > t.last:
                        raise doc.error(eloc + ("line",), f"text '{t.id}' has {t.last - t.first + 1} numbered "
                                        f"lines, not {e.line}", "count the text's lines without its headings")
            if e.work:
                citations.check(doc, loc + ("evidence",), [schema.CiteIn(work=e.work, at=e.at)])
            evidence.append(ClaimEvidence(relation=e.relation, paragraph=n, text=e.record or "", work=e.work or "",
                                          at=e.at, note=e.note, searched=e.searched))
        out.append(Claim(id=c.id, paragraph=c.paragraph, quote=c.quote, occurrence=c.occurrence, kind=c.kind,
                         claim=c.claim, evidence=tuple(evidence), verdict=c.verdict, confidence=c.confidence,
                         rationale=c.rationale, judged_by=c.judged_by, judged_on=c.judged_on, status=c.status,
                         supersedes=tuple(c.supersedes)))
    for i, c in enumerate(data.claims):
        for j, old in enumerate(c.supersedes):
            if old not in seen:
                raise doc.error(("claims", i, "supersedes", j), f"'{old}' is not a claim of the file",
                                "name the id of the claim this one replaces")
            if data.claims[seen[old]].status != "superseded":
                raise doc.error(("claims", seen[old], "status"), f"claim '{old}' is superseded by '{c.id}' but is "
                                "marked current", "mark it  status: superseded")
    return tuple(out)
