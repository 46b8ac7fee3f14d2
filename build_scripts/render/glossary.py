"""The glossary: an index page per kind of entity, and a page per entity with every mention in context."""
from __future__ import annotations

import unicodedata
from collections import defaultdict

from ..annotate.spans import paragraph_as_read
from ..model import Edition, Entity, Mention
from ..paths import GLOSSARY_PATH, entity_path, href, kind_path
from .apparatus import GAP_MARK, Apparatus
from .html import E, Page, append


def _fill(template: str, **values) -> list:
    """A catalogue word with blanks ({name}) as inline content: its words as text, each blank the content given."""
    out: list = []
    rest = template
    while rest:
        start = rest.find("{")
        end = rest.find("}", start)
        if start < 0 or end < 0 or rest[start + 1:end] not in values:
            out.append(rest)
            break
        out += [rest[:start], values[rest[start + 1:end]]]
        rest = rest[end + 1:]
    return out


class Glossary:
    def __init__(self, ed: Edition, apparatus: Apparatus):
        self.ed = ed
        self.labels = ed.labels
        self.apparatus = apparatus
        self.entities = {e.id: e for e in ed.entities}
        self.mentions_of: dict[str, list[Mention]] = defaultdict(list)
        for m in ed.mentions:
            self.mentions_of[m.entity].append(m)
        self.related: dict[str, set[str]] = defaultdict(set)
        for e in ed.entities:  # related entries link both ways
            for r in e.related:
                self.related[e.id].add(r)
                self.related[r].add(e.id)

    def _text_lang(self) -> str | None:
        """The language of the text's words (a form of a name), where it is not the page's."""
        lang = self.ed.sources[0].language or self.ed.language
        return lang if lang != self.ed.apparatus_language else None

    def kinds(self) -> list[str]:
        return [k for k in self.ed.entity_kinds if any(e.kind == k for e in self.ed.entities)]

    def kwic(self, m: Mention, width: int = 60) -> tuple[str, str, str]:
        """The mention in context: some words before, the name as printed, some words after; a gap in them shown
        as in the text."""
        p = self.ed.paragraphs[m.paragraph - 1]
        text = p.text
        left, right = text[max(0, m.start - width): m.start], text[m.end: m.end + width]
        if m.start > width:
            left = "…" + left.split(" ", 1)[-1]
        if m.end + width < len(text):
            right = right.rsplit(" ", 1)[0] + "…"
        left, right = (paragraph_as_read(p, self.ed.gap_marker, self.ed.gap_escape, GAP_MARK, t) for t in (left, right))
        return left, m.text, right

    def concordance(self, page: str, e: Entity):
        """Every mention of the entity in context, one line each, linked to its paragraph; the text's words are
        marked with the text's language."""
        if not self.mentions_of[e.id]:
            return None
        ul = E("ul", class_="ed-mentions")
        for m in self.mentions_of[e.id]:
            left, name, right = self.kwic(m)
            lang = self.ed.source_of(m.paragraph).language or self.ed.language
            quote = E("span", left, E("strong", name), right, lang=lang if lang != self.ed.apparatus_language else None)
            ul.append(E("li", E("a", f"¶ {m.paragraph}", href=self.apparatus.paragraph_href(page, m.paragraph)),
                        " — ", quote))
        return ul

    def entity_page(self, e: Entity) -> Page:
        L, page = self.labels, entity_path(e.id)
        kind = self.ed.entity_kinds[e.kind]
        out = Page(e.name, description=e.summary).heading(1, e.name)
        if e.native_name and e.native_name != e.name:
            out.add(E("p", e.native_name, class_="ed-native", lang=e.native_lang))
        facts = E("p", E("a", kind.label, href=href(page, kind_path(kind.page))), class_="ed-facts")
        if e.dates:
            append(facts, " · ", e.dates)
        out.add(facts, E("p", E("strong", e.summary)))
        if e.offices:
            out.add(E("p", L["entity_offices"]), E("ul", *[E("li", o) for o in e.offices]))
        out.add(*self.apparatus.prose(e.entry, page))
        if e.certainty != "certain":
            out.add(E("div", E("p", L[f"certainty_{e.certainty}"], class_="admonition-title"),
                      *self.apparatus.prose(e.certainty_note, page), class_="admonition warning"))
        if e.alt_names:
            out.add(E("p", L["entity_also"] + " " + ", ".join(e.alt_names)))
        out.heading(2, L["entity_in_text"])
        forms = []
        for i, f in enumerate(e.forms):
            forms += ([", "] if i else []) + [E("em", f.text, lang=self._text_lang())] + (
                [f" ({L['entity_garbled']})"] if f.garbled else [])
        named = E("p", *_fill(L["entity_named_as"], forms=forms)) if forms else E("p", L["entity_not_named"])
        out.add(named, self.concordance(page, e))
        if self.related[e.id]:
            out.heading(2, L["entity_related"])
            out.add(E("ul", *[E("li", E("a", self.entities[r].name, href=href(page, entity_path(r))), " — ",
                                self.entities[r].summary)
                              for r in sorted(self.related[e.id], key=lambda i: self.entities[i].name)]))
        out.heading(2, L["entity_sources"])
        items = [E("li", *self.apparatus.cite(c, page)) for c in e.sources]
        if e.wikidata:
            ws = e.wikidata_source
            qid = E("a", e.wikidata, href=f"https://www.wikidata.org/wiki/{e.wikidata}")
            where = E("a", ws.title, href=ws.url)
            items.append(E("li", *_fill(L["entity_wikidata"], qid=qid), " (",
                           *_fill(L["entity_wikidata_seen"], where=where), ")"))
        return out.add(E("ul", *items))

    def kind_page(self, kind: str) -> Page:
        """The index of one kind: every entry under the name a reader looks up, with the forms the text uses, and a
        line for each form that differs from the standard name ("Chesston, see Chilston"). A list, not a table:
        it wraps on a phone instead of scrolling sideways."""
        L, k = self.labels, self.ed.entity_kinds[kind]
        page = kind_path(k.page)
        lines: list[tuple[str, object]] = []  # (sort key, list item)
        articles = tuple(L["index_articles"].casefold().split())
        for e in (e for e in self.ed.entities if e.kind == kind):
            def link():
                return E("a", e.index_as, href=href(page, entity_path(e.id)))
            item = E("li", E("strong", link()))
            if e.dates:
                append(item, f" ({e.dates})")
            append(item, f". {e.summary}")
            if e.forms:
                append(item, f" {L['glossary_in_text']} ")
                for i, f in enumerate(e.forms):
                    append(item, ", " if i else "", E("em", f.text, lang=self._text_lang()))
                append(item, ".")
            lines.append((_sort_key(e.index_as, articles), item))
            for f in e.forms:
                if f.text.casefold() not in e.name.casefold() and f.text.casefold() not in e.index_as.casefold():
                    lines.append((_sort_key(f.text, articles), E("li", E("em", f.text, lang=self._text_lang()),
                                                       f", {L['glossary_see']} ", link())))
        out = Page(k.label).heading(1, k.label).add(E("p", L["glossary_kind_intro"]))
        return out.add(E("ul", *[item for _, item in sorted(lines, key=lambda x: x[0])], class_="ed-index"))

    def index_page(self) -> Page:
        L, page = self.labels, GLOSSARY_PATH
        out = Page(L["glossary_title"]).heading(1, L["glossary_title"]).add(E("p", L["glossary_intro"]))
        items = []
        for kind in self.kinds():
            k = self.ed.entity_kinds[kind]
            n = sum(1 for e in self.ed.entities if e.kind == kind)
            items.append(E("li", E("a", k.label, href=href(page, kind_path(k.page))), f" ({n})"))
        return out.add(E("ul", *items))


def _sort_key(name: str, articles: tuple[str, ...]) -> str:
    """As a reader looks a name up: without case, accents or a leading article of the index's language ("the
    chairman" under C, "l'ambassadeur" under A: the catalogue's index_articles)."""
    name = name.casefold()
    for article in articles:
        if name.startswith(article) and (article.endswith(("'", "’")) or name[len(article):].startswith(" ")):
            name = name[len(article):].lstrip()
            break
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
