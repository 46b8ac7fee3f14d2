"""TEI P5 of the whole edition, from the same model as the site (lxml).

The reading text is kept verbatim: names are wrapped, not changed (a garbled form is the <orig> of a
<choice> whose <reg> is the standard name), gaps become <gap reason="lost"/> and editorial notes sit
where their markers stand, typed as on the site; a collation note carries its quotation of the text the
translation was made from as a <quote> in that language, with the editor's rendering as a <gloss>, and every
note's sources as <bibl> pointers into the bibliography. The glossary becomes a <standOff> of people,
organisations, places and events, written as each kind's TEI mapping in the edition file says, and the
bibliography a <listBibl> of structured <bibl>s.
"""
from __future__ import annotations

from collections import defaultdict

from lxml import etree

from .. import prose
from ..annotate.spans import marker_spans, notes_by_position
from ..load.catalogue import language_name
from ..load.schema import LOCATOR_KINDS
from ..model import Cite, Edition, Entity, Paragraph, Work
from ..paths import bib_id, paragraph_id
from .claims import EDITORS_ID, tei_annotations

TEI = "http://www.tei-c.org/ns/1.0"
XML = "http://www.w3.org/XML/1998/namespace"


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
    return prose.plain(markdown_text)


def _append_text(el, text: str) -> None:
    if not text:
        return
    last = _last_child(el)
    if last is not None:
        last.tail = (last.tail or "") + text
    else:
        el.text = (el.text or "") + text


def _last_child(el):
    # lxml counts an element's children to answer len() or [-1]; its last child is found in constant time.
    for child in el.iterchildren(reversed=True):
        return child
    return None


def _date_attrs(e: Entity) -> dict:
    if e.start and e.end and e.start != e.end:
        return {"from": e.start, "to": e.end}
    return {"when": e.start} if e.start else {}


def bibl_pointers(parent, cites: tuple[Cite, ...], works: dict[str, Work]) -> None:
    for c in cites:
        bibl = sub(parent, "bibl")
        sub(bibl, "ptr", target=f"#{bib_id(c.work)}")
        unit = LOCATOR_KINDS[works[c.work].locator].tei
        if c.at and unit:
            sub(bibl, "citedRange", c.at, unit=unit)


def note_element(parent, n, ed: Edition, works: dict[str, Work]) -> None:
    attrs = {"type": n.type, "xml_id": n.id}
    if n.kind:
        attrs["subtype"] = n.kind
    if ed.apparatus_language != ed.language:
        attrs["xml_lang"] = ed.apparatus_language  # a note is the apparatus, in its language, inside the text
    note = sub(parent, "note", **attrs)
    if n.quote:
        sub(note, "quote", n.quote, **({"xml_lang": ed.original_language} if ed.original_language else {}))
        sub(note, "gloss", n.rendering).tail = " "
    _append_text(note, plain(n.text))
    if n.sources:
        bibl_pointers(note, n.sources, works)


def paragraph_content(el, p: Paragraph, ed: Edition, mentions, notes, entities, works) -> None:
    text = p.text
    events: dict[int, list] = defaultdict(list)  # position -> things that start there
    gaps, escaped = marker_spans(p, ed.gap_marker, ed.gap_escape)
    for s, e in gaps:
        events[s].append(("gap", e))
    for s, e in escaped:
        events[s].append(("escaped", e))
    for m in mentions:
        events[m.start].append(("name", m))
    spans = gaps + escaped + [(m.start, m.end) for m in mentions]
    note_at = notes_by_position(text, notes, spans)
    cuts = sorted(set(events) | set(note_at) | {len(text)})
    i = k = 0  # k: the first cut after i; both only move forward, so the walk is linear
    while i <= len(text):
        for n in note_at.pop(i, []):
            note_element(el, n, ed, works)
        if i == len(text):
            break
        if i in events:
            kind, what = events[i][0]
            if kind == "gap":
                sub(el, "gap", reason="lost")
                i = what
                continue
            if kind == "escaped":  # the marker written as text
                _append_text(el, ed.gap_marker)
                i = what
                continue
            entity = entities[what.entity]
            tei = ed.entity_kinds[entity.kind].tei
            attrs = {"ref": f"#{entity.id}"}
            if tei.type:
                attrs["type"] = tei.type
            name = sub(el, tei.name, **attrs)
            if what.garbled:
                choice = sub(name, "choice")
                sub(choice, "orig", what.text)
                sub(choice, "reg", entity.name)
            else:
                name.text = what.text
            i = what.end
            continue
        while cuts[k] <= i:
            k += 1
        j = cuts[k]
        _append_text(el, text[i:j])
        i = j


def entity_element(parent, e: Entity, tei, works: dict[str, Work], text_lang: dict | None = None) -> None:
    """One entry of the standOff, as TEI writes its kind of element; a form the text uses is in the text's language
    (`text_lang`, where the standOff is in another)."""
    text_lang = text_lang or {}
    item, name = tei.item, tei.name
    attrs = {"xml_id": e.id}
    if item == "event":
        attrs.update(_date_attrs(e))
        if tei.type:
            attrs["type"] = tei.type
    el = sub(parent, item, **attrs)
    if item == "event":
        if e.wikidata:  # an event's identifiers come before its label
            sub(el, "idno", f"https://www.wikidata.org/entity/{e.wikidata}", type="wikidata")
        sub(el, "label", e.name)
        sub(el, "desc", e.summary)
        bibl_pointers(el, e.sources, works)
        return
    if item == "bibl":
        sub(el, "title", e.name)
        sub(el, "note", e.summary)
        return
    sub(el, name, e.name, type="standard")
    if e.native_name and e.native_name != e.name:
        sub(el, name, e.native_name, xml_lang=e.native_lang)
    for f in e.forms:
        sub(el, name, f.text, type="garbled" if f.garbled else "inText", **text_lang)
    if item == "person":
        if e.start:
            sub(el, "birth", when=e.start)
        if e.end:
            sub(el, "death", when=e.end)
    if item == "place" and e.coordinates:
        sub(sub(el, "location"), "geo", f"{e.coordinates[0]} {e.coordinates[1]}")
    if e.wikidata:
        sub(el, "idno", f"https://www.wikidata.org/entity/{e.wikidata}", type="wikidata")
    note = sub(el, "note", e.summary, type="identification")
    bibl_pointers(note, e.sources, works)


def work_element(parent, w: Work) -> None:
    bibl = sub(parent, "bibl", xml_id=bib_id(w.key), type=w.kind)
    for role in ("author", "editor"):
        for name in getattr(w, role):
            sub(bibl, role, name)
    for name in w.translator:
        sub(bibl, "editor", name, role="translator")
    sub(bibl, "title", w.title, level="a" if w.container else "m")
    if w.container:
        sub(bibl, "title", w.container, level="j" if w.type.startswith("article") else "m")
    if w.collection:
        sub(bibl, "title", w.collection, level="s")
    for field, unit in (("volume", "volume"), ("issue", "issue"), ("pages", "page")):
        if getattr(w, field):
            sub(bibl, "biblScope", getattr(w, field), unit=unit)
    if w.place:
        sub(bibl, "pubPlace", w.place)
    if w.publisher:
        sub(bibl, "publisher", w.publisher)
    if w.issued:
        sub(bibl, "date", w.issued, when=w.issued)
    if w.url:
        sub(bibl, "idno", w.url, type="URI")
    if w.doi:
        sub(bibl, "idno", w.doi, type="DOI")
    if w.note:
        sub(bibl, "note", w.note)


def standoff(ed: Edition) -> etree._Element | None:
    """The glossary and the bibliography; None when there is neither (TEI allows no empty standOff)."""
    works = {w.key: w for w in ed.works}
    # The glossary and the bibliography are the apparatus, in its language.
    so = E("standOff", **({"xml_lang": ed.apparatus_language} if ed.apparatus_language != ed.language else {}))
    lists: dict[tuple[str, str | None], etree._Element] = {}
    for e in ed.entities:
        tei = ed.entity_kinds[e.kind].tei
        key = (tei.list, tei.type if tei.list == "listEvent" else None)
        if key not in lists:
            lists[key] = sub(so, tei.list, **({"type": key[1]} if key[1] else {}))
        entity_element(lists[key], e, tei, works,
                       {"xml_lang": ed.language} if ed.apparatus_language != ed.language else {})
    if ed.works:
        listbibl = sub(so, "listBibl", type="bibliography")
        for w in ed.works:
            work_element(listbibl, w)
    claims = tei_annotations(ed, E, sub)
    if claims is not None:
        so.append(claims)
    return so if len(so) else None


def tei_document(ed: Edition) -> bytes:
    L = ed.labels
    entities = {e.id: e for e in ed.entities}
    works = {w.key: w for w in ed.works}
    root = E("TEI", xml_lang=ed.language)
    # The header, the editorial heads and the standOff are the apparatus, in its language where it is not the text's.
    apparatus = {"xml_lang": ed.apparatus_language} if ed.apparatus_language != ed.language else {}
    header = sub(root, "teiHeader", **apparatus)
    fd = sub(header, "fileDesc")
    ts = sub(fd, "titleStmt")
    sub(ts, "title", ed.title, type="main")
    if ed.subtitle:
        sub(ts, "title", ed.subtitle, type="sub")
    a = ed.author
    sub(ts, "author", f"{a.name} ({', '.join(x for x in (a.alt, a.native) if x)})" if a.alt or a.native else a.name)
    for i, editor in enumerate(ed.citation.editors):
        sub(ts, "editor", editor, **({"xml_id": EDITORS_ID} if i == 0 else {}))
    # What the edition's makers did; the translation's maker is unknown and named by the source's description
    # (sourceDesc), never credited to the edition.
    resp = sub(ts, "respStmt")
    sub(resp, "resp", L["tei_resp"])
    for editor in ed.citation.editors:
        sub(resp, "name", editor)
    es = sub(fd, "editionStmt")
    version = ed.versions[-1]
    edition = sub(es, "edition", L["tei_edition"].format(year=ed.citation.issued, version=version.version) + ", ",
                  n=version.version)
    sub(edition, "date", str(version.date), when=str(version.date))
    ps = sub(fd, "publicationStmt")
    sub(ps, "publisher", ed.citation.publisher)
    sub(ps, "date", str(ed.citation.issued), when=str(ed.citation.issued))
    sub(ps, "idno", ed.site_url, type="URI")
    if ed.licence:
        lic = sub(sub(ps, "availability"), "licence", ed.licence.name, target=ed.licence.url)
        if ed.licence.scope:
            lic.text = f"{ed.licence.scope}: {ed.licence.name}"
    sd = sub(fd, "sourceDesc")
    for t in ed.sources:
        p = sub(sd, "p", L["tei_source"].format(file=t.file.rsplit("/", 1)[-1], sha256=t.sha256))
        if t.id:
            p.text = f"{t.title}: {p.text}"
    if ed.source_description:
        sub(sd, "p", plain(ed.source_description))
    enc = sub(header, "encodingDesc")
    decl = sub(enc, "editorialDecl")
    sub(sub(decl, "correction"), "p", L["tei_correction"])
    sub(sub(decl, "normalization"), "p", L["tei_normalization"])
    sub(sub(decl, "segmentation"), "p", L["tei_segmentation"])
    interpretation = L["tei_interpretation"].format(marker=ed.gap_marker)
    if printed := [f"¶{p.n}" for p in ed.paragraphs if p.marker_is_text]:
        interpretation += " " + L["tei_marker_as_text"].format(paragraphs=", ".join(printed), marker=ed.gap_marker)
    sub(sub(decl, "interpretation"), "p", interpretation)
    prof = sub(header, "profileDesc")
    lu = sub(prof, "langUsage")
    sub(lu, "language", language_name(ed.language), ident=ed.language)
    if ed.apparatus_language != ed.language:
        sub(lu, "language", language_name(ed.apparatus_language), ident=ed.apparatus_language)
    if ed.original_language:
        sub(lu, "language", L["tei_original_language"], ident=ed.original_language)
    so = standoff(ed)
    if so is not None:
        root.append(so)
    text = sub(root, "text")
    body = sub(text, "body")
    by_para_mentions = defaultdict(list)
    for m in ed.mentions:
        by_para_mentions[m.paragraph].append(m)
    by_para_notes = defaultdict(list)
    for n in ed.notes:
        by_para_notes[n.paragraph].append(n)
    headings = defaultdict(list)
    for h in ed.headings:
        headings[h.key].append(h)
    parents = {}
    for t in ed.sources:  # in an edition of several texts, each text is a div of its own around its sections
        if t.id:
            parents[t.id] = sub(body, "div", type="text", xml_id=f"text-{t.id}")
            sub(parents[t.id], "head", t.title, type="source")
    for s in ed.sections:
        parent = parents.get(ed.source_of(s.first).id, body)
        div = sub(parent, "div", type="section", xml_id=f"section-{s.slug}")
        sub(div, "head", s.title, type="editorial", **apparatus)
        for p in ed.paragraphs[s.first - 1: s.last]:
            for h in headings[(p.n, False)]:
                sub(div, "ab", h.text, type="heading")
            if p.kind == "caption":
                fig = sub(div, "figure", n=str(p.n), xml_id=paragraph_id(p.n))
                head = sub(fig, "head")
                paragraph_content(head, p, ed, by_para_mentions[p.n], by_para_notes[p.n], entities, works)
                sub(fig, "figDesc", L["tei_figure"])
            else:
                para = sub(div, "p", n=str(p.n), xml_id=paragraph_id(p.n))
                paragraph_content(para, p, ed, by_para_mentions[p.n], by_para_notes[p.n], entities, works)
            for h in headings[(p.n, True)]:  # the lines that close a text (a signature)
                sub(div, "ab", h.text, type="closing")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=False)
