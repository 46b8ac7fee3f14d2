"""Search entries for Material's search: one per paragraph, one per editorial note, one per section.

Material's own indexer splits pages only at headings, so text pages are left out of it (front matter
`search: exclude`) and indexed here instead, paragraph by paragraph, each entry pointing at `page#pN`.
Each paragraph entry carries the standard names (as tags, shown with the result) and the alternative
spellings (field `names`, searched only) of the entities it mentions, so that a historian's spelling finds the translation's garbled one. Derived from the glossary
data, never from a hand-kept synonym list.
"""
from __future__ import annotations

import html
from collections import defaultdict

from .model import Edition

GAP_MARK = "[…]"


def as_searched(text: str, marker: str, escape: str) -> str:
    """The paragraph as the result shows it: each gap as the editorial mark, an escaped marker as the marker."""
    return marker.join(part.replace(marker, GAP_MARK) for part in (text.split(escape + marker) if escape else [text]))


def _html(text: str) -> str:
    # Material prints an entry's title and text as HTML (its indexer escapes what it collects); tags as text.
    return html.escape(text, quote=False)


# For a name the text mentions, the text's own paragraphs come first, then the notes, then the glossary.
PARAGRAPH_BOOST, NOTE_BOOST, ENTRY_BOOST = 8, 3, 1


def entity_search_fields(ed: Edition, entity_page) -> dict[str, dict]:
    """Fields to add to the main search entry of each entity page (which Material indexes itself)."""
    return {entity_page(e.id): {"names": list(e.alt_names), "boost": ENTRY_BOOST} for e in ed.entities}


def search_entries(ed: Edition, page_for_paragraph: dict[int, str]) -> dict[str, list[dict]]:
    """Entries by source page path; `location` is relative to the page's URL (a fragment)."""
    entities = {e.id: e for e in ed.entities}
    names_in: dict[int, list[str]] = defaultdict(list)  # standard names: shown with the result
    spellings_in: dict[int, list[str]] = defaultdict(list)  # other spellings: searched, not shown
    for m in ed.mentions:
        e = entities[m.entity]
        if e.name not in names_in[m.paragraph]:
            names_in[m.paragraph].append(e.name)
        for alt in e.alt_names:
            if alt not in spellings_in[m.paragraph]:
                spellings_in[m.paragraph].append(alt)
    by_page: dict[str, list[dict]] = defaultdict(list)
    for s in ed.sections:
        page = page_for_paragraph[s.first]
        by_page[page].append({"location": "", "title": _html(s.title), "text": _html(s.summary)})
        for p in ed.paragraphs[s.first - 1: s.last]:
            # Shown under its section's entry (Material groups a page's entries); the section's title is
            # not repeated here, where it would match every paragraph of a section named after a person.
            entry = {"location": f"#p{p.n}", "title": f"¶ {p.n}", "boost": PARAGRAPH_BOOST,
                     "text": _html(as_searched(p.text, ed.gap_marker, ed.gap_escape))}
            if names_in[p.n]:
                entry["tags"] = names_in[p.n]
            if spellings_in[p.n]:
                entry["names"] = spellings_in[p.n]
            by_page[page].append(entry)
    for note in ed.notes:
        page = page_for_paragraph[note.paragraph]
        title = ed.labels["note_to"].format(label=ed.note_types[note.type].label, n=note.paragraph)
        by_page[page].append({"location": f"#fn:{note.id}", "title": _html(title), "boost": NOTE_BOOST,
                              "text": _html(" ".join(note.text.split()))})
    return dict(by_page)
