"""TEI P5 of the whole edition, from the same model as the site (lxml).

The reading text is kept verbatim: names are wrapped, not changed (a garbled form is the <orig> of a
<choice> whose <reg> is the standard name), gaps become <gap reason="lost"/> and editorial notes sit
where their markers stand. The glossary becomes a <standOff> of people, organisations, places and
events (treaties among the events, works in a bibliography), with their Wikidata identifiers.
"""
from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from lxml import etree

from .markdown_text import gap_spans, notes_by_position
from .model import Edition, Entity, Paragraph

TEI = "http://www.tei-c.org/ns/1.0"
XML = "http://www.w3.org/XML/1998/namespace"
NAME_ELEMENT = {"person": "persName", "organisation": "orgName", "place": "placeName",
                "treaty": "name", "event": "name", "work": "title"}


def E(tag: str, text: str | None = None, **attrs) -> etree._Element:
    el = etree.Element(f"{{{TEI}}}{tag}", nsmap={None: TEI})
    for k, v in attrs.items():
        el.set(f"{{{XML}}}{k[4:]}" if k.startswith("xml_") else k, v)
    if text:
        el.text = text
    return el


def sub(parent, tag: str, text: str | None = None, **attrs) -> etree._Element:
    el = E(tag, text, **attrs)
    parent.append(el)
    return el


def plain(markdown_text: str) -> str:
    """Notes and entries are written in light Markdown; TEI gets their words."""
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", markdown_text)
    return " ".join(re.sub(r"[*_`]", "", text).split())


def _append_text(el, text: str) -> None:
    if not text:
        return
    if len(el):
        el[-1].tail = (el[-1].tail or "") + text
    else:
        el.text = (el.text or "") + text


def _date_attrs(e: Entity) -> dict:
    attrs = {}
    if e.start and e.end and e.start != e.end:
        attrs = {"from": e.start, "to": e.end}
    elif e.start:
        attrs = {"when": e.start}
    return attrs


def paragraph_content(el, p: Paragraph, ed: Edition, mentions, notes, entities) -> None:
    text = p.text
    events: dict[int, list] = defaultdict(list)  # position -> things that start there
    for s, e in gap_spans(text, ed.gap_marker):
        events[s].append(("gap", e))
    for m in mentions:
        events[m.start].append(("name", m))
    spans = gap_spans(text, ed.gap_marker) + [(m.start, m.end) for m in mentions]
    note_at = notes_by_position(text, notes, spans)
    cuts = sorted(set(events) | set(note_at) | {len(text)})
    i = 0
    while i <= len(text):
        for n in note_at.pop(i, []):
            sub(el, "note", plain(n.text), type=n.type, xml_id=n.id)
        if i == len(text):
            break
        if i in events:
            kind, what = events[i][0]
            if kind == "gap":
                sub(el, "gap", reason="lost")
                i = what
                continue
            entity = entities[what.entity]
            tag = NAME_ELEMENT[entity.kind]
            attrs = {"ref": f"#{entity.id}"}
            if tag == "name":
                attrs["type"] = entity.kind
            name = sub(el, tag, **attrs)
            if what.garbled:
                choice = sub(name, "choice")
                sub(choice, "orig", what.text)
                sub(choice, "reg", entity.name)
            else:
                name.text = what.text
            i = what.end
            continue
        j = next(c for c in cuts if c > i)
        _append_text(el, text[i:j])
        i = j


def standoff(ed: Edition) -> etree._Element:
    so = E("standOff")
    groups = {
        "person": sub(so, "listPerson"), "organisation": sub(so, "listOrg"), "place": sub(so, "listPlace"),
        "event": sub(so, "listEvent"), "treaty": sub(so, "listEvent", type="treaties"), "work": sub(so, "listBibl"),
    }
    for e in ed.entities:
        parent = groups[e.kind]
        if e.kind == "person":
            el = sub(parent, "person", xml_id=e.id)
            sub(el, "persName", e.name, type="standard")
        elif e.kind == "organisation":
            el = sub(parent, "org", xml_id=e.id)
            sub(el, "orgName", e.name, type="standard")
        elif e.kind == "place":
            el = sub(parent, "place", xml_id=e.id)
            sub(el, "placeName", e.name, type="standard")
        elif e.kind in ("event", "treaty"):
            el = sub(parent, "event", xml_id=e.id, type=e.kind, **_date_attrs(e))
            if e.wikidata:  # an event's identifiers come before its label
                sub(el, "idno", f"https://www.wikidata.org/entity/{e.wikidata}", type="wikidata")
            sub(el, "label", e.name)
        else:
            el = sub(parent, "bibl", xml_id=e.id)
            sub(el, "title", e.name)
        name_tag = {"person": "persName", "organisation": "orgName", "place": "placeName"}.get(e.kind)
        if name_tag:
            if e.native_name and e.native_name != e.name:
                sub(el, name_tag, e.native_name, xml_lang=e.native_lang)
            for f in e.forms:
                sub(el, name_tag, f.text, type="garbled" if f.garbled else "inText")
        if e.kind == "person" and (e.start or e.end):
            if e.start:
                sub(el, "birth", when=e.start)
            if e.end:
                sub(el, "death", when=e.end)
        if e.kind == "place" and e.coordinates:
            loc = sub(el, "location")
            sub(loc, "geo", f"{e.coordinates[0]} {e.coordinates[1]}")
        if e.wikidata and e.kind not in ("event", "treaty"):
            sub(el, "idno", f"https://www.wikidata.org/entity/{e.wikidata}", type="wikidata")
        if e.kind in ("event", "treaty"):
            sub(el, "desc", e.summary)
        elif e.kind == "work":
            sub(el, "note", e.summary)
        else:
            sub(el, "note", e.summary, type="identification")
    for key in list(groups):  # TEI does not allow an empty list
        if not len(groups[key]):
            so.remove(groups[key])
    return so


def tei_document(ed: Edition, site_url: str) -> bytes:
    entities = {e.id: e for e in ed.entities}
    root = E("TEI", xml_lang=ed.language)
    header = sub(root, "teiHeader")
    fd = sub(header, "fileDesc")
    ts = sub(fd, "titleStmt")
    sub(ts, "title", ed.title, type="main")
    if ed.subtitle:
        sub(ts, "title", ed.subtitle, type="sub")
    sub(ts, "author", f"{ed.author} ({ed.author_alt}, {ed.author_native})" if ed.author_alt else ed.author)
    for editor in ed.citation.editors:
        sub(ts, "editor", editor)
    resp = sub(ts, "respStmt")
    sub(resp, "resp", "English translation from the Chinese")
    sub(resp, "name", "unknown")
    es = sub(fd, "editionStmt")
    sub(es, "edition", f"Annotated digital edition, {ed.citation.issued}")
    ps = sub(fd, "publicationStmt")
    sub(ps, "publisher", ed.citation.publisher)
    sub(ps, "date", str(ed.citation.issued), when=str(ed.citation.issued))
    sub(ps, "idno", site_url, type="URI")
    sd = sub(fd, "sourceDesc")
    source = Path(ed.source_file)
    sub(sd, "p", f"The English translation as printed in the file {source.name} (SHA-256 {ed.source_sha256}), "
                 "an English translation, by an unknown translator, of a chapter of the Chinese translation of "
                 f"{ed.author}'s memoir. One line of the file is one paragraph.")
    enc = sub(header, "encodingDesc")
    decl = sub(enc, "editorialDecl")
    corr = sub(decl, "correction")
    sub(corr, "p", "The text is not corrected: every correction is an editorial note (type 'correction').")
    norm = sub(decl, "normalization")
    sub(norm, "p", "No normalisation in the text. Garbled names are given as printed in orig, with the standard "
                   "form of the name in reg.")
    seg = sub(decl, "segmentation")
    sub(seg, "p", "Each non-empty line of the source is a paragraph p (or, for the captions of photographs the "
                  "text no longer carries, a figure), numbered n=N in source order with xml:id pN.")
    interp = sub(decl, "interpretation")
    sub(interp, "p", "Names are linked by ref to the entities of the standOff. Where the source prints ** , words are "
                     "missing: gap reason='lost'.")
    prof = sub(header, "profileDesc")
    lu = sub(prof, "langUsage")
    sub(lu, "language", "English", ident=ed.language)
    root.append(standoff(ed))
    text = sub(root, "text")
    body = sub(text, "body")
    by_para_mentions = defaultdict(list)
    for m in ed.mentions:
        by_para_mentions[m.paragraph].append(m)
    by_para_notes = defaultdict(list)
    for n in ed.notes:
        by_para_notes[n.paragraph].append(n)
    for s in ed.sections:
        div = sub(body, "div", type="section", xml_id=f"section-{s.slug}")
        sub(div, "head", s.title, type="editorial")
        for p in ed.paragraphs[s.first - 1: s.last]:
            if p.kind == "caption":
                fig = sub(div, "figure", n=str(p.n), xml_id=f"p{p.n}")
                head = sub(fig, "head")
                paragraph_content(head, p, ed, by_para_mentions[p.n], by_para_notes[p.n], entities)
                sub(fig, "figDesc", ed.labels["photo"].rstrip(":") + " (the photograph is lost).")
            else:
                para = sub(div, "p", n=str(p.n), xml_id=f"p{p.n}")
                paragraph_content(para, p, ed, by_para_mentions[p.n], by_para_notes[p.n], entities)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=False)
