"""Assemble the whole edition from its edition file: source text, sections, entities, notes, mentions."""
from __future__ import annotations

from pathlib import Path

from . import schema
from .editorial import load_chronology, load_entities, load_journey, load_notes, load_sections, validated
from .errors import EditionError
from .mentions import find_mentions
from .model import CitationInfo, Edition
from .source_text import parse_source
from .yaml_lines import YamlDoc


def _label(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


def load_edition(edition_file: Path, root: Path | None = None) -> Edition:
    """Read and check everything; raise EditionError naming file, line and fix on the first problem."""
    root = root or edition_file.parent.parent
    doc = YamlDoc(edition_file, _label(edition_file, root))
    cfg = validated(doc, schema.EditionIn)
    base = edition_file.parent

    def rel(name: str) -> Path:
        return base / name

    source = rel(cfg.source)
    captions = set(cfg.captions)
    source_text, paragraphs = parse_source(source, _label(source, root), captions, cfg.gap_marker, cfg.source_sha256)
    for i, c in enumerate(cfg.captions):
        if c > len(paragraphs):
            raise doc.error(("captions", i), f"paragraph {c} does not exist (the text has {len(paragraphs)})",
                            "list only the numbers of paragraphs that are captions")
    sections = load_sections(YamlDoc(rel(cfg.sections), _label(rel(cfg.sections), root)), paragraphs)

    entities = ()
    if cfg.entities:
        folder = rel(cfg.entities)
        if not folder.is_dir():
            raise doc.error(("entities",), f"folder {_label(folder, root)} not found", "create it or correct 'entities'")
        files = sorted(folder.glob("*.yml"))
        entities = load_entities([YamlDoc(f, _label(f, root)) for f in files], len(paragraphs))
    notes = ()
    if cfg.notes:
        notes = load_notes(YamlDoc(rel(cfg.notes), _label(rel(cfg.notes), root)), paragraphs)
    mentions = find_mentions(paragraphs, entities)
    chronology = load_chronology(YamlDoc(rel(cfg.chronology), _label(rel(cfg.chronology), root)), paragraphs,
                                 entities) if cfg.chronology else ()
    journey = load_journey(YamlDoc(rel(cfg.journey), _label(rel(cfg.journey), root)), paragraphs,
                           entities) if cfg.journey else None
    pages = rel(cfg.pages)
    if not pages.is_dir():
        raise doc.error(("pages",), f"folder {_label(pages, root)} not found", "create it or correct 'pages'")
    return Edition(
        title=cfg.title, subtitle=cfg.subtitle, author=cfg.author.name, author_alt=cfg.author.alt,
        author_native=cfg.author.native, language=cfg.language, source_file=_label(source, root),
        source_sha256=cfg.source_sha256, source_text=source_text,
        paragraphs=paragraphs, sections=sections, entities=entities, notes=notes, mentions=mentions,
        pages_dir=str(pages), gap_marker=cfg.gap_marker, labels=cfg.labels.model_dump(), unlinked=dict(cfg.unlinked),
        citation=CitationInfo(key=cfg.citation.key, editors=tuple(cfg.citation.editors), issued=cfg.citation.issued,
                              medium=cfg.citation.medium, publisher=cfg.citation.publisher, styles=dict(cfg.citation.styles)),
        register_file=str(rel(cfg.published)), chronology=chronology, journey=journey,
    )


__all__ = ["load_edition", "EditionError"]
