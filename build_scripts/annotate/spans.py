"""Where things stand in a paragraph's text: the gaps the source marks, the marker written as text, and the place
of each note's mark. The renderer and the TEI writer both place their marks from here."""
from __future__ import annotations

from ..model import Mention, Note, Paragraph


def _markers(text: str, marker: str) -> list[int]:
    found, i = [], text.find(marker)
    while i != -1:
        found.append(i)
        i = text.find(marker, i + len(marker))
    return found


def gap_spans(text: str, marker: str, escape: str = "") -> list[tuple[int, int]]:
    """Where the source marks missing words; a marker written after the escape is not one."""
    return [(i, i + len(marker)) for i in _markers(text, marker)
            if not (escape and text[max(0, i - len(escape)):i] == escape)]


def escaped_spans(text: str, marker: str, escape: str) -> list[tuple[int, int]]:
    """Where the source writes the marker as text (escape + marker), shown as the marker alone."""
    if not escape:
        return []
    return [(i - len(escape), i + len(marker)) for i in _markers(text, marker) if text[max(0, i - len(escape)):i] == escape]


def marker_spans(p: Paragraph, marker: str, escape: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """A paragraph's gaps, and where it writes the marker as text (shown as the marker alone): escaped markers, or
    every marker of a paragraph whose markers are the source's own text (edition.yml, marker_as_text)."""
    if p.marker_is_text:
        return [], [(i, i + len(marker)) for i in _markers(p.text, marker)]
    return gap_spans(p.text, marker, escape), escaped_spans(p.text, marker, escape)


def as_read(text: str, marker: str, escape: str, gap_mark: str) -> str:
    """The paragraph as a reader reads it: each gap as the editorial mark, an escaped marker as the marker."""
    parts = text.split(escape + marker) if escape else [text]
    return marker.join(part.replace(marker, gap_mark) for part in parts)


def paragraph_as_read(p: Paragraph, marker: str, escape: str, gap_mark: str, text: str | None = None) -> str:
    """as_read, for a paragraph (or `text`, a piece of it): one whose markers are the source's text reads as
    written."""
    text = p.text if text is None else text
    return text if p.marker_is_text else as_read(text, marker, escape, gap_mark)


def note_position(text: str, note: Note) -> int:
    """The offset just after the note's anchor phrase (its n-th occurrence)."""
    i = -1
    for _ in range(note.occurrence):
        i = text.find(note.anchor, i + 1)
    return i + len(note.anchor)


def notes_by_position(text: str, notes: list[Note], spans: list[tuple[int, int]]) -> dict[int, list[Note]]:
    """Where each note's marker goes: just after its anchor, but never inside a name or a gap (then after it)."""
    at_positions: dict[int, list[Note]] = {}
    for note in notes:
        at = note_position(text, note)
        for s, e in spans:
            if s < at < e:
                at = e
        at_positions.setdefault(at, []).append(note)
    return at_positions


def paragraph_spans(p: Paragraph, gap_marker: str, gap_escape: str, mentions: list[Mention]) -> list[tuple[int, int]]:
    """Every span a note's mark may not fall inside: gaps, escaped markers, names."""
    gaps, printed = marker_spans(p, gap_marker, gap_escape)
    return gaps + printed + [(m.start, m.end) for m in mentions]


def notes_in_order(p: Paragraph, gap_marker: str, mentions: list[Mention], notes: list[Note],
                   gap_escape: str = "") -> list[Note]:
    """A paragraph's notes in the order their marks stand in it: the order in which they are numbered."""
    at = notes_by_position(p.text, notes, paragraph_spans(p, gap_marker, gap_escape, mentions))
    return [n for pos in sorted(at) for n in at[pos]]
