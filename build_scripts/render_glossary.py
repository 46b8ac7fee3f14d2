"""The glossary: an index page per kind of entity, and a page per entity with every mention in context."""
from __future__ import annotations

import textwrap
import xml.etree.ElementTree as etree
from collections import defaultdict

from .markdown_text import escape, fill
from .model import Edition, Entity, Mention
from .render_apparatus import Apparatus
from .site_paths import entity_path, fragment, front_matter, kind_path, page_url, rel, section_path, sub, url_link


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

    def kinds(self) -> list[str]:
        return [k for k in self.ed.entity_kinds if any(e.kind == k for e in self.ed.entities)]

    def paragraph_link(self, page: str, n: int) -> str:
        return url_link(page, page_url(section_path(self.ed.section_of(n)))) + f"#p{n}"

    def kwic(self, m: Mention, width: int = 60) -> tuple[str, str, str]:
        """The mention in context: some words before, the name as printed, some words after."""
        text = self.ed.paragraphs[m.paragraph - 1].text
        left, right = text[max(0, m.start - width): m.start], text[m.end: m.end + width]
        if m.start > width:
            left = "…" + left.split(" ", 1)[-1]
        if m.end + width < len(text):
            right = right.rsplit(" ", 1)[0] + "…"
        return left, m.text, right

    def concordance(self, page: str, e: Entity) -> str:
        """Every mention of the entity in context, one line each, linked to its paragraph.

        Raw HTML (ElementTree), with links written as MkDocs writes them (directory URLs): an entity named in
        hundreds of paragraphs would otherwise cost more in Markdown's parsing than all the rest of its entry."""
        if not self.mentions_of[e.id]:
            return ""
        ul = etree.Element("ul", {"class": "ed-mentions"})
        for m in self.mentions_of[e.id]:
            left, name, right = self.kwic(m)
            li = sub(ul, "li")
            a = sub(li, "a", f"¶ {m.paragraph}", href=self.paragraph_link(page, m.paragraph))
            a.tail = " — " + left
            sub(li, "strong", name).tail = right
        return fragment(ul)

    def entity_page(self, e: Entity) -> str:
        L, page = self.labels, entity_path(e.id)
        kind = self.ed.entity_kinds[e.kind]
        out = [front_matter(e.name, description=e.summary), f"# {escape(e.name)}", ""]
        if e.native_name and e.native_name != e.name:
            p = etree.Element("p", {"class": "ed-native", "lang": e.native_lang})
            p.text = e.native_name
            out += [fragment(p), ""]
        facts = [f"[{escape(kind.label)}]({rel(page, kind_path(kind.page))})"]
        if e.dates:
            facts.append(escape(e.dates))
        out += [" · ".join(facts) + "\n{: .ed-facts }", "", f"**{escape(e.summary)}**", ""]
        if e.offices:
            out += [escape(L["entity_offices"]), ""] + [f"- {escape(o)}" for o in e.offices] + [""]
        out += [self.apparatus.prose(e.entry), ""]
        if e.certainty != "certain":
            # An admonition's body is indented; every line of a note of several paragraphs stays inside it.
            note = textwrap.indent(self.apparatus.prose(e.certainty_note), "    ", lambda line: True)
            title = L[f"certainty_{e.certainty}"].replace('"', "&quot;")
            out += [f'!!! warning "{title}"', "", note, ""]
        if e.alt_names:
            out += [escape(L["entity_also"]) + " " + ", ".join(escape(a) for a in e.alt_names), ""]
        # Lists that repeat other entries' or paragraphs' words stay out of the search index.
        no_search = " { data-search-exclude }"
        forms = [f"*{escape(f.text)}*" + (f" ({escape(L['entity_garbled'])})" if f.garbled else "") for f in e.forms]
        named = fill(L["entity_named_as"], forms=", ".join(forms)) if forms else escape(L["entity_not_named"])
        out += [f"## {escape(L['entity_in_text'])}{no_search}", "", named, "", self.concordance(page, e), ""]
        if self.related[e.id]:
            out += [f"## {escape(L['entity_related'])}{no_search}", ""]
            for r in sorted(self.related[e.id], key=lambda i: self.entities[i].name):
                out.append(f"- [{escape(self.entities[r].name)}]({rel(page, entity_path(r))}) — "
                           f"{escape(self.entities[r].summary)}")
            out.append("")
        out += [f"## {escape(L['entity_sources'])}{no_search}", ""]
        for c in e.sources:
            out.append(f"- {self.apparatus.cite_md(c)}")
        if e.wikidata:
            ws = e.wikidata_source
            where = f"[{escape(ws.title)}](<{ws.url}>)"
            qid = f"[{e.wikidata}](https://www.wikidata.org/wiki/{e.wikidata})"
            out.append(f"- {fill(L['entity_wikidata'], qid=qid)} ({fill(L['entity_wikidata_seen'], where=where)})")
        return "\n".join(out) + "\n"

    def kind_page(self, kind: str) -> str:
        """The index of one kind: every entry under the name a reader looks up, with the forms the text uses, and a
        line for each form that differs from the standard name ("Chesston, see Chilston"). A list, not a table:
        it wraps on a phone instead of scrolling sideways."""
        L, k = self.labels, self.ed.entity_kinds[kind]
        page = kind_path(k.page)
        lines: list[tuple[str, str]] = []  # (sort key, Markdown)
        for e in (e for e in self.ed.entities if e.kind == kind):
            link = f"[{escape(e.index_as)}]({rel(page, entity_path(e.id))})"
            forms = ", ".join(f"*{escape(f.text)}*" for f in e.forms)
            item = f"- **{link}**" + (f" ({escape(e.dates)})" if e.dates else "") + f". {escape(e.summary)}"
            if forms:
                item += f" {escape(L['glossary_in_text'])} {forms}."
            lines.append((_sort_key(e.index_as), item))
            for f in e.forms:
                if f.text.casefold() not in e.name.casefold() and f.text.casefold() not in e.index_as.casefold():
                    lines.append((_sort_key(f.text), f"- *{escape(f.text)}*, {escape(L['glossary_see'])} {link}"))
        out = [front_matter(k.label), f"# {escape(k.label)}", "", escape(L["glossary_kind_intro"]), ""]
        out += [md for _, md in sorted(lines)]
        return "\n".join(out) + "\n"

    def index_page(self) -> str:
        L = self.labels
        out = [front_matter(L["glossary_title"]), f"# {escape(L['glossary_title'])}", "", escape(L["glossary_intro"]), ""]
        for kind in self.kinds():
            k = self.ed.entity_kinds[kind]
            n = sum(1 for e in self.ed.entities if e.kind == kind)
            out.append(f"- [{escape(k.label)}]({rel('glossary/index.md', kind_path(k.page))}) ({n})")
        return "\n".join(out) + "\n"


def _sort_key(name: str) -> str:
    # As a reader looks a name up: without case, accents or a leading article ("the chairman" under C).
    import unicodedata
    name = name.casefold().removeprefix("the ")
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
