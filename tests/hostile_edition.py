"""A hostile edition generated from the schema: every text field of every data file, found by walking the schema's
models (a new field is covered without anyone listing it), gets every payload; the source text and the pages get
them too. What the loader refuses is recorded with its message; what it accepts must come out literally and never
run. tests/test_hostile.py builds the result and reads it in Chromium.
"""
from __future__ import annotations

import copy
import hashlib
import re
import shutil
import typing
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import AfterValidator, BaseModel, ValidationError

from build_scripts.build import read_edition
from build_scripts.errors import EditionError
from build_scripts.load import schema
from build_scripts.load.edition import DEFAULTS
from build_scripts.load.urls import load_non_sources
from build_scripts.load.yaml_doc import YamlDoc
from build_scripts.prose import page_problem

BASE = Path(__file__).parent / "fixtures" / "hostile"

# Each payload: a name, and its text. Script payloads call alert() with their name, so a dialog says what ran.
PAYLOADS = {
    "html": "<img src=x onerror=alert('html')><script>alert('html')</script><b>html-bold</b>",
    "close-title": "</title><script>alert('close-title')</script></textarea></style>",
    "attribute-break": "\"><svg onload=alert('attribute-break')>' onmouseover='alert(1)",
    "js-link": "[js-link](javascript:alert('js-link'))",
    "js-link-entity": "[js-entity](&#106;avascript:alert('js-entity')) [js-entity2](java&#115;cript:alert(2))",
    "js-link-colon": "[js-colon](javascript&colon;alert('js-colon')) [js-case](JaVaScRiPt:alert(3))",
    "js-autolink": "<javascript:alert('js-autolink')> [data](data:text/html,<script>alert(4)</script>)",
    "js-reference": "[js-ref][r]\n\n[r]: javascript:alert('js-reference')",
    "attr-list": "attr-list {: onclick=\"alert('attr-list')\" } {onerror=alert('attr2')} {#p1 .x}",
    "image": "![image](https://evil.example/x.png) ![image2](x\" onerror=\"alert('image'))",
    "braces": "{{ config.site_name }} {% raw %} {0.__class__} {name} {{7*7}} ${x}",
    "private-use": "private \ue000\ue003nobrien\ue004X\ue005 \ue044",
    "bidi-override": "bidi \u202eevil\u202c",
    "bidi-isolate": "isolate \u2066\u05e9\u05dc\u05d5\u05dd\u2069 ok",
    "zero-width": "zero\u200bwidth\u200djoiner\u200cnon",
    "entities": "amp &amp; lt &lt;b&gt; 3 < 4 & 5 > 2 \"dq\" 'sq' `tick`",
    "markdown": "*em-md* **strong-md** `code-md` [md-link](https://example.org/md) # not-a-heading | cell |",
    "non-source": "see https:\\\\libgen.is/x //z-lib.org/y http://2130706433/ https://LIBGEN.IS./z",
    "line-break": "line one\u2028line two",
}


def _validators(meta) -> set:
    return {m.func for m in meta if isinstance(m, AfterValidator)}


def text_kind(tp, meta=()) -> str | None:
    """'line' or 'prose' for a type of editorial text (the schema's Line/OptLine/Prose/OptProse), else None."""
    found = _validators(meta)
    if typing.get_origin(tp) is typing.Annotated:
        found |= _validators(tp.__metadata__)
    if schema._mark in found:  # a mark of the source text acts on the text: the source text's own payloads test it
        return None
    if schema._prose in found:
        return "prose"
    if schema._one_line in found:
        return "line"
    return None


def _unwrap(tp):
    args = [a for a in typing.get_args(tp) if a is not type(None)]
    if typing.get_origin(tp) in (typing.Union, getattr(__import__("types"), "UnionType", None)) and len(args) == 1:
        return args[0]
    return tp


def text_fields(data, model: type[BaseModel], loc=()):
    """Every place of editorial text in data, as (loc, kind, added, item model, item loc): a text field the data
    leaves out is added. The item is the innermost model that holds the place, whose rules (a quotation's length, a
    native name's language) the generator asks before it writes a payload there."""
    if not isinstance(data, dict):
        return
    for name, info in model.model_fields.items():
        kind = text_kind(info.annotation, info.metadata)
        if kind:
            added = name not in data
            data.setdefault(name, "")
            yield loc + (name,), kind, added, model, loc
            continue
        if name not in data or data[name] is None:
            continue
        yield from _inner(data[name], _unwrap(info.annotation), loc + (name,), model, loc)


def _inner(value, tp, loc, model, item_loc):
    tp = _unwrap(tp)
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        kind = text_kind(tp)
        if kind:
            yield loc, kind, False, model, item_loc
            return
        tp = typing.get_args(tp)[0]
        origin = typing.get_origin(tp)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        yield from text_fields(value, tp, loc)
    elif origin is list and isinstance(value, list):
        (item,) = typing.get_args(tp)
        for i, v in enumerate(value):
            yield from _inner(v, item, loc + (i,), model, item_loc)
    elif origin is dict and isinstance(value, dict):
        _, item = typing.get_args(tp)
        for k, v in value.items():
            yield from _inner(v, item, loc + (k,), model, item_loc)


# The data files of an edition, by the key of the edition file that names them: the model of each file.
FILES = {("sections",): schema.SectionsIn, ("entities",): schema.EntitiesIn, ("notes",): schema.NotesIn,
         ("chronology",): schema.ChronologyIn, ("journey",): schema.JourneyIn, ("versions",): schema.VersionsIn,
         ("published",): schema.RegisterIn, ("bibliography", "works"): schema.WorksIn,
         ("bibliography", "non_sources"): schema.NonSourcesIn, ("text_files",): schema.TextsIn,
         ("claims",): schema.ClaimsIn}


def file_keys(model: type[BaseModel] = schema.EditionIn, loc=()):
    """Every key of the edition file that names a data file or folder (a RelPath)."""
    for name, info in model.model_fields.items():
        tp = _unwrap(info.annotation)
        metas = list(info.metadata) + (list(tp.__metadata__) if typing.get_origin(tp) is typing.Annotated else [])
        if typing.get_origin(tp) is list:  # a list of paths (text_files)
            (item,) = typing.get_args(tp)
            if typing.get_origin(item) is typing.Annotated:
                metas += list(item.__metadata__)
        if schema._relative_path in _validators(metas):
            yield loc + (name,)
        elif isinstance(tp, type) and issubclass(tp, BaseModel):
            yield from file_keys(tp, loc + (name,))


def _get(data, loc):
    for k in loc:
        data = data[k]
    return data


def _set(data, loc, value):
    for k in loc[:-1]:
        data = data[k]
    data[loc[-1]] = value


@dataclass
class Field:
    file: str  # relative to the edition's folder
    loc: tuple
    kind: str
    base: str
    added: bool = False  # absent from the base edition: the generator added it
    model: type[BaseModel] | None = None  # the item that holds it, and where
    item: tuple = ()
    phrase: bool = False  # a phrase of the source text (a form, an anchor): it holds one payload, as the text does
    accepted: list[str] = field(default_factory=list)  # payload names the field holds in the built edition


@dataclass
class Hostile:
    folder: Path
    fields: list[Field]
    refused: list[tuple[str, str, str]]  # (field, payload or "*", the loader's message)
    text_payloads: list[str]  # payloads in the source text

    @property
    def edition(self) -> Path:
        return self.folder / "edition.yml"


def one_line(payload: str) -> str:
    """A payload as one line of text: its newlines as spaces (a Unicode line separator stays, to be refused)."""
    return " ".join(payload.split("\n"))


def _value(base: str, names: list[str], kind: str, order: int, phrase: bool = False) -> str:
    if phrase:
        return one_line(PAYLOADS[names[0]]) if names else base
    texts = [PAYLOADS[n] if kind == "prose" else one_line(PAYLOADS[n]) for n in names]
    if order:
        texts.reverse()
    joined = ("\n\n" if kind == "prose" else " ").join(texts)
    return f"{base}\n\n{joined}" if kind == "prose" and base else (f"{base} {joined}".strip())


def _is_phrase(model: type[BaseModel], name) -> bool:
    info = model.model_fields.get(name) if isinstance(name, str) else None
    return bool(info) and schema._phrase in _validators(info.metadata)


def _oracle(doc, f: "Field", names: list[str], non_sources) -> str | None:
    """What the schema (the item's own model, with its rules across fields) and the list of non-sources say of the
    field holding these payloads; None if they accept it."""
    value = _value(f.base, names, f.kind, 0, f.phrase)
    item = copy.deepcopy(_get(doc, f.item)) if f.item else copy.deepcopy(doc)
    _set(item, f.loc[len(f.item):], value)
    try:
        f.model.model_validate(item)
    except ValidationError as e:
        return e.errors()[0]["msg"]
    problem = []
    try:
        non_sources.check_string(value, lambda why, url: problem.append(f"'{url}' is {why}") or ValueError())
    except ValueError:
        pass
    return problem[0] if problem else None


def generate(dest: Path, site_url: str, order: int = 0) -> Hostile:
    """Write the hostile edition into dest: each field with every payload its type accepts, then every payload the
    loader accepts across files; `order` 1 writes them in reverse (a payload at the start and at the end)."""
    shutil.copytree(BASE, dest)
    edition = yaml.safe_load((dest / "edition.yml").read_text(encoding="utf-8"))
    docs: dict[str, object] = {"edition.yml": edition}
    models: dict[str, type[BaseModel]] = {"edition.yml": schema.EditionIn}
    for key, model in FILES.items():
        try:
            names = _get(edition, key)
        except KeyError:
            continue
        for name in (names if isinstance(names, list) else [names]):
            where = dest / name
            for path in (sorted(where.glob("*.yml")) if where.is_dir() else [where]):
                rel = path.relative_to(dest).as_posix()
                docs[rel] = yaml.safe_load(path.read_text(encoding="utf-8"))
                models[rel] = model
    fields: list[Field] = []
    refused: list[tuple[str, str, str]] = []
    non_sources = load_non_sources([YamlDoc(DEFAULTS / "non_sources.yml", "defaults")])
    for rel, data in docs.items():
        for loc, kind, added, model, item in list(text_fields(data, models[rel])):
            f = Field(rel, loc, kind, _get(data, loc) or "", added, model, item,
                      phrase=_is_phrase(model, loc[len(item)]))
            for name in PAYLOADS:
                problem = _oracle(docs[rel], f, [name], non_sources)
                if problem:
                    refused.append((f"{rel}:{_key(loc)}", name, problem))
                else:
                    f.accepted.append(name)
            if f.phrase:  # a phrase of the text holds one payload: the one its paragraph of the text holds
                for name in f.accepted[1:]:
                    refused.append((f"{rel}:{_key(loc)}", name, "a phrase of the text holds one payload"))
                f.accepted = f.accepted[(len(fields) % max(len(f.accepted), 1)):][:1]
            else:  # all together within the item's rules (a length limit): as many as fit
                kept: list[str] = []
                for name in f.accepted:
                    if not _oracle(docs[rel], f, kept + [name], non_sources):
                        kept.append(name)
                    else:
                        refused.append((f"{rel}:{_key(loc)}", name, "does not fit with the others (a length limit)"))
                f.accepted = kept
            fields.append(f)
    # The source text: a paragraph per payload (one line each), its SHA-256 recorded.
    text_payloads = list(PAYLOADS)
    # The payloads are the last lines of the edition file's last text (a text of a part has a translation to match).
    last = edition["texts"][-1] if edition.get("texts") else edition
    source = dest / last["source"]
    text = source.read_text(encoding="utf-8").rstrip("\n") + "\n" + "\n".join(
        one_line(PAYLOADS[n]) for n in text_payloads) + "\n"
    source.write_text(text, encoding="utf-8")
    last["source_sha256"] = hashlib.sha256(text.encode("utf-8")).hexdigest()
    # The pages: a paragraph per payload; the loader refuses what a page may not hold, reported as a refusal.
    page = dest / edition["pages"] / "index.md"
    page_base = page.read_text(encoding="utf-8")
    page_accepted = []
    for name in PAYLOADS:  # what a page of the edition's own may hold: the same oracle as the loader's
        problem = page_problem(page_base + "\n" + PAYLOADS[name] + "\n")
        found: list[str] = []
        try:
            non_sources.check_string(PAYLOADS[name], lambda why, url: found.append(f"'{url}' is {why}") or ValueError())
        except ValueError:
            pass
        if problem or found:
            refused.append((f"{edition['pages']}/index.md", name, problem or found[0]))
        else:
            page_accepted.append(name)

    def write():
        for f in fields:
            _set(docs[f.file], f.loc, _value(f.base, f.accepted, f.kind, order, f.phrase))
        for rel, data in docs.items():
            (dest / rel).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10 ** 6),
                                    encoding="utf-8")
        page.write_text(page_base + "\n" + "\n\n".join(PAYLOADS[n] for n in page_accepted) + "\n", encoding="utf-8")

    for _ in range(len(fields) + len(PAYLOADS) + 5):
        write()
        try:
            read_edition(dest / "edition.yml", site_url)
            break
        except EditionError as e:
            message = str(e)
            culprit = _culprit(e, fields, docs)
            if culprit is not None and culprit.added and _named(e) and _key(culprit.loc) != _named(e):
                # An error of the item (a field that needs another): the fields the generator added to it go.
                for f in [f for f in fields if f.added and f.file == culprit.file
                          and _key(f.loc).startswith(_named(e))]:
                    refused.append((f"{f.file}:{_key(f.loc)}", "*", message))
                    _delete(docs[f.file], f.loc)
                    fields.remove(f)
            elif culprit is not None and culprit.accepted:
                # The payload the message quotes (a non-source's address, a form that never occurs), else all.
                quoted = [n for n in culprit.accepted if any(len(w) > 5 and w in message for w in PAYLOADS[n].split())]
                names = quoted[:1] or list(culprit.accepted)
                for name in names:
                    refused.append((f"{culprit.file}:{'.'.join(map(str, culprit.loc))}", name, message))
                    culprit.accepted.remove(name)
            else:
                raise
    return Hostile(dest, fields, refused, text_payloads)


def _key(loc) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if i else str(p)) for i, p in enumerate(loc))


def _named(e: EditionError) -> str:
    m = re.match(r"^([\w\[\].-]+): ", e.problem)
    return m[1] if m else ""


def _delete(data, loc) -> None:
    for k in loc[:-1]:
        data = data[k]
    del data[loc[-1]]


def _culprit(e: EditionError, fields: list[Field], docs) -> Field | None:
    """The field an error names by its key path (exactly, else the first field inside the item it names)."""
    named = _named(e)
    mine = [f for f in fields if e.file.endswith(f.file)]
    if not named:  # an error that quotes the value (a form that never occurs): the field that holds it
        quoted = [f for f in mine if f.accepted and _get(docs[f.file], f.loc) and str(_get(docs[f.file], f.loc)) in e.problem]
        return quoted[0] if quoted else None
    exact = [f for f in mine if _key(f.loc) == named]
    inside = [f for f in mine if _key(f.loc).startswith((named + ".", named + "["))]
    added = [f for f in inside if f.added]
    holding = [f for f in inside if f.accepted]  # an error of the item: one of its fields with payloads, in turn
    return (exact or added or holding or [None])[0]
