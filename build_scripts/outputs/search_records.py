"""The search records: one per paragraph of the text, one per note, one per glossary entry and one per page of the
edition's own, each with its address, its language, its words and what the results list shows.

A paragraph's record carries the standard names (`names`, shown with the result) and the other spellings (`also`,
searched, not shown) of the entities it mentions, so that a historian's spelling finds the translation's garbled
one; derived from the glossary, never from a hand-kept list of synonyms. Pagefind searches a record's metadata as
well as its content, so the metadata holds nothing that should not find the record (not the section's title,
which would match every paragraph of a section named after a person). The records are plain data
(finish/search_index.py gives them to Pagefind); the page script shows them with textContent. The entities a
record is about are metadata (`entities`), not Pagefind filters: Pagefind 1.5.2 writes its filter index in another
order on every run, and the edition's builds are byte for byte the same.
"""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from .. import prose
from ..annotate.spans import paragraph_as_read
from ..load.edition import page_body
from ..model import Edition
from ..paths import section_path, entity_path, footnote_id, page_url, paragraph_id, text_path
from ..render.pages import Site
from ..render.apparatus import GAP_MARK

KINDS = ("text", "record", "note", "entry", "page")  # in the order the results list them


def search_records(ed: Edition, site: Site) -> list[dict]:
    L = ed.labels
    entities = {e.id: e for e in ed.entities}
    ids_in: dict[int, list[str]] = defaultdict(list)
    for m in ed.mentions:
        if m.entity not in ids_in[m.paragraph]:
            ids_in[m.paragraph].append(m.entity)
    records = []
    for s in ed.sections:
        url = page_url(section_path(s))
        for p in ed.paragraphs[s.first - 1: s.last]:
            text = paragraph_as_read(p, ed.gap_marker, ed.gap_escape, GAP_MARK)
            source = ed.source_of(p.n)
            named = [entities[i] for i in ids_in[p.n]]
            records.append({
                "url": f"{url}#{paragraph_id(p.n)}", "language": source.language or ed.language, "content": text,
                "meta": {"title": f"¶ {p.n}", "kind": "record" if s.part else "text",
                         "names": ", ".join(e.name for e in named),
                         "also": " · ".join(a for e in named for a in e.alt_names),
                         "entities": " ".join(ids_in[p.n])}})
            translated = ed.translations.get(p.n)
            if translated:  # the edition's translation of a record paragraph, found in its own language; Pagefind
                # keeps one record per address, so its address says which (the page ignores the query)
                records.append({"url": f"{url}?{source.translation_language or 'tr'}#{paragraph_id(p.n)}",
                                "content": translated, "language":
                                source.translation_language or ed.apparatus_language,
                                "meta": {"title": f"¶ {p.n}", "kind": "record" if s.part else "text"}})
    for note in ed.notes:
        s = ed.section_of(note.paragraph)
        title = L["note_to"].format(label=ed.note_types[note.type].label, n=note.paragraph)
        content = " ".join(x for x in (note.quote, note.rendering, prose.plain(note.text)) if x)
        records.append({"url": f"{page_url(section_path(s))}#{footnote_id(note.id)}", "language": ed.apparatus_language,
                        "content": content, "meta": {"title": title, "kind": "note"}})
    for e in ed.entities:
        content = " ".join([e.summary, prose.plain(e.entry)])
        records.append({"url": page_url(entity_path(e.id)), "language": ed.apparatus_language, "content": content,
                        "meta": {"title": e.name, "kind": "entry", "also": " · ".join([*e.alt_names, e.native_name]),
                                 "entities": e.id}})
    pages_dir = Path(ed.pages_dir)
    for name, title in sorted(ed.page_titles.items()):
        page = pages_dir / name
        body = page_body(page.read_text(encoding="utf-8"))
        records.append({"url": page_url(page.name), "language": ed.apparatus_language,
                        "content": " ".join(body.split()), "meta": {"title": title, "kind": "page"}})
    return records


