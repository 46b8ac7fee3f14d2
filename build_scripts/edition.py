"""Assemble the whole edition from its edition file: source text, sections, bibliography, entities, notes."""
from __future__ import annotations

from pathlib import Path

from . import schema
from .catalogue import catalogue
from .editorial import Citations, load_chronology, load_entities, load_journey, load_notes, load_sections, load_works
from .errors import EditionError
from .mentions import find_mentions
from .model import BibliographyInfo, CitationInfo, Edition, EntityKind, Licence, NoteType, SourceText, Version
from .non_sources import load_non_sources
from .source_text import parse_source
from .validation import validated
from .yaml_lines import YamlDoc


def _label(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


def load_sources(cfg: schema.EditionIn, doc: YamlDoc, path, label):
    """Every source text, its paragraphs numbered on from the previous text's, and its headings."""
    texts = cfg.texts or [schema.TextIn(id="text", title=cfg.title, source=cfg.source, source_sha256=cfg.source_sha256,
                                        captions=cfg.captions)]
    single = not cfg.texts
    sources, paragraphs, headings = [], [], []
    seen: dict[str, int] = {}
    for i, t in enumerate(texts):
        loc = ("captions",) if single else ("texts", i)
        if t.id in seen:
            raise doc.error(loc + ("id",), f"text id '{t.id}' is used twice (also texts[{seen[t.id]}])",
                            "give each text its own id")
        seen[t.id] = i
        ident = "" if single else t.id
        file = path(t.source)
        content, mine, heads = parse_source(file, label(file), set(t.captions), t.source_sha256,
                                            first=len(paragraphs) + 1, source=ident, heading_mark=cfg.headings)
        for j, c in enumerate(t.captions):
            if not mine[0].n <= c <= mine[-1].n:
                raise doc.error(loc + (j,) if single else loc + ("captions", j),
                                f"paragraph {c} is not in {'the text' if single else 'text ' + repr(t.id)} "
                                f"(¶{mine[0].n}–¶{mine[-1].n})", "list only the numbers of paragraphs that are captions")
        sources.append(SourceText(id=ident, title=t.title, file=label(file), sha256=t.source_sha256, content=content,
                                  first=mine[0].n, last=mine[-1].n, author=t.author, date=t.date or "", url=t.url or ""))
        paragraphs += mine
        headings += heads
    return tuple(sources), tuple(paragraphs), tuple(headings)


def load_edition(edition_file: Path, root: Path | None = None) -> Edition:
    """Read and check everything; raise EditionError naming file, line and fix on the first problem."""
    root = root or edition_file.parent.parent
    doc = YamlDoc(edition_file, _label(edition_file, root))
    cfg = validated(doc, schema.EditionIn)
    base = edition_file.parent

    def path(name: str) -> Path:
        return base / name

    def yaml_doc(name: str) -> YamlDoc:
        return YamlDoc(path(name), _label(path(name), root))

    def folder(key: str, name: str) -> list[Path]:
        where = path(name)
        if not where.is_dir():
            raise doc.error((key,) if "." not in key else tuple(key.split(".")), f"folder {_label(where, root)} not found",
                            f"create it or correct '{key}'")
        return sorted(where.glob("*.yml"))

    # Every web address of the editorial data is checked as each file is read, before anything is rendered.
    non_sources = load_non_sources(yaml_doc(cfg.bibliography.non_sources))

    def checked(d: YamlDoc) -> YamlDoc:
        non_sources.check_doc(d)
        return d

    checked(doc)
    sources, paragraphs, headings = load_sources(cfg, doc, path, lambda p: _label(p, root))
    sections = load_sections(checked(yaml_doc(cfg.sections)), paragraphs, sources)
    works = load_works([checked(YamlDoc(f, _label(f, root))) for f in folder("bibliography.works", cfg.bibliography.works)],
                       dict(cfg.bibliography.kinds))
    citations = Citations(works)
    note_types = {k: NoteType(label=t.label, sourced=t.sourced, kinds=dict(t.kinds)) for k, t in cfg.note_types.items()}
    kinds = {k: EntityKind(label=t.label, page=t.page, tei=t.tei.model_dump(), dated=t.dated, located=t.located)
             for k, t in cfg.entity_kinds.items()}
    labels = catalogue(cfg.apparatus_language or cfg.language)
    for key in cfg.labels:
        if key not in labels:
            raise doc.error(("labels", key), f"'{key}' is not a word of the catalogue",
                            "use a key of build_scripts/catalogue/en.yml, or remove it")
    labels.update(cfg.labels)

    entities = ()
    if cfg.entities:
        files = folder("entities", cfg.entities)
        entities = load_entities([checked(YamlDoc(f, _label(f, root))) for f in files], len(paragraphs), citations, kinds)
    notes = ()
    if cfg.notes:
        notes = load_notes(checked(yaml_doc(cfg.notes)), paragraphs, note_types, citations)
    mentions = find_mentions(paragraphs, entities)
    chronology = load_chronology(checked(yaml_doc(cfg.chronology)), paragraphs, entities,
                                 citations, kinds) if cfg.chronology else ()
    journey = load_journey(checked(yaml_doc(cfg.journey)), paragraphs, entities, citations,
                           kinds) if cfg.journey else None
    pages = path(cfg.pages)
    if not pages.is_dir():
        raise doc.error(("pages",), f"folder {_label(pages, root)} not found", "create it or correct 'pages'")
    for page in sorted(pages.glob("*.md")):
        non_sources.check_text(page, _label(page, root))
    versions_doc = checked(yaml_doc(cfg.versions))
    versions = validated(versions_doc, schema.VersionsIn).versions
    for i, v in enumerate(versions[1:], start=1):
        if [int(x) for x in v.version.split(".")] <= [int(x) for x in versions[i - 1].version.split(".")]:
            raise versions_doc.error(("versions", i, "version"), f"version {v.version} does not come after "
                                     f"{versions[i - 1].version}", "list versions oldest first, each number higher")
    register = path(cfg.published)
    if not register.is_file():
        raise doc.error(("published",), f"the register of published links {_label(register, root)} is missing",
                        "restore it from git; for an edition never published, create it with the line  anchors: {}  and run `make register` when you publish")
    return Edition(
        title=cfg.title, subtitle=cfg.subtitle, author=cfg.author.name, author_alt=cfg.author.alt,
        author_native=cfg.author.native, language=cfg.language, sources=sources, headings=headings,
        gap_escape=cfg.gap_escape, paragraphs=paragraphs, sections=sections, entities=entities, notes=notes, mentions=mentions,
        pages_dir=str(pages), gap_marker=cfg.gap_marker, labels=labels, unlinked=dict(cfg.unlinked),
        citation=CitationInfo(key=cfg.citation.key, editors=tuple(cfg.citation.editors), issued=cfg.citation.issued,
                              medium=cfg.citation.medium, publisher=cfg.citation.publisher,
                              styles=tuple(s.model_dump() for s in cfg.citation.styles)),
        register_file=str(register), register_label=_label(register, root), chronology=chronology, journey=journey,
        note_types=note_types, entity_kinds=kinds, works=works,
        versions=tuple(Version(v.version, v.date, tuple(v.changes)) for v in versions), original_language=cfg.original_language or "",
        apparatus_language=cfg.apparatus_language or cfg.language,
        source_description=cfg.source_description,
        bibliography=BibliographyInfo(style=cfg.bibliography.style, kinds=dict(cfg.bibliography.kinds)),
        licence=Licence(cfg.licence.name, cfg.licence.url, cfg.licence.scope) if cfg.licence else None,
        colours=(cfg.colours.primary, cfg.colours.accent),
    )


__all__ = ["load_edition", "EditionError"]
