"""Write the reading text and the apparatus as Markdown that the edition's extension understands.

The extension's own marks (a numbered paragraph, a gap, a name) are written with characters of Unicode's
private use area. No editorial text may contain them (schema.RESERVED), and the source text's own private-use
characters are written as character references, so only the build can make a paragraph anchor, a gap or a
name: editorial prose that starts "¶10 " or mentions the gap marker stays prose.
"""
from __future__ import annotations

import html
import re

from .model import Mention, Note, Paragraph

PARA_MARK = "\ue000"  # starts the block of a numbered paragraph: PARA_MARK + n (+ FIGURE) + " "
FIGURE = "\ue001"  # after the number: the paragraph is the caption of a lost photograph
GAP_TOKEN = "\ue002"  # a gap in the source
NAME_OPEN, NAME_SEP, NAME_CLOSE = "\ue003", "\ue004", "\ue005"  # OPEN kind entity SEP as-printed CLOSE
# A name as a link (its first mention in the paragraph) or marked only (a later one), plain or garbled.
NAME_KINDS = {"n": "name", "g": "garbled", "a": "name-again", "b": "garbled-again"}
NAME_RE = re.compile(f"{NAME_OPEN}([ngab])([a-z0-9-]+){NAME_SEP}([^{NAME_CLOSE}]+){NAME_CLOSE}")
PARA_RE = re.compile(f"^{PARA_MARK}(?P<n>\\d+)(?P<figure>{FIGURE})? ")

# Only what could start inline syntax (code, emphasis, links, footnote refs, attribute lists, table
# cells, escapes) is escaped: every escape is one more inline match for Python-Markdown to process.
_INLINE = re.compile(r"([\\`*_{}\[\]|])")
# What would start a block (heading, quote, list) if it began a line of a heading or list item.
_LINE_START = re.compile(r"^([#>+\-]|\d+(?=\.))")
_PRIVATE = re.compile("[\ue000-\uf8ff]")
_PRIVATE_REF = re.compile(r"&#x([0-9a-f]{4});")


def _private_ref(text: str) -> str:
    return _PRIVATE.sub(lambda m: f"&#x{ord(m[0]):04x};", text)


def escape_inline(text: str) -> str:
    """Markdown-escape verbatim text inside a line, so that it renders exactly as printed."""
    return _private_ref(_INLINE.sub(r"\\\1", html.escape(text, quote=False)))


def escape(text: str) -> str:
    """escape_inline, and safe at the start of a line too (a heading, a list item)."""
    return _LINE_START.sub(lambda m: m[1] + "\\" if m[1][0].isdigit() else "\\" + m[1], escape_inline(text))


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def fill(template: str, **markdown_values: str) -> str:
    """A catalogue template as Markdown: its words escaped, each {placeholder} replaced by Markdown given here."""
    parts = _PLACEHOLDER.split(template)
    return "".join(escape_inline(p) if i % 2 == 0 else markdown_values[p] for i, p in enumerate(parts))


def name_token(entity: str, text: str, garbled: bool, first: bool = True) -> str:
    kind = ("g" if garbled else "n") if first else ("b" if garbled else "a")
    return f"{NAME_OPEN}{kind}{entity}{NAME_SEP}{_private_ref(text)}{NAME_CLOSE}"


def name_token_text(token_text: str) -> str:
    """The name as printed, from a name token's text."""
    return _PRIVATE_REF.sub(lambda m: chr(int(m[1], 16)), token_text)


def paragraph_block(p: Paragraph, body: str) -> str:
    return f"{PARA_MARK}{p.n}{FIGURE if p.kind == 'caption' else ''} {body}"


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


def as_read(text: str, marker: str, escape: str) -> str:
    """The text as a reader reads it: an escaped marker shown as the marker."""
    return text.replace(escape + marker, marker) if escape else text


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


def notes_in_order(p: Paragraph, gap_marker: str, mentions: list[Mention], notes: list[Note],
                   gap_escape: str = "") -> list[Note]:
    """A paragraph's notes in the order their marks stand in it: the order in which the footnotes are numbered."""
    spans = (gap_spans(p.text, gap_marker, gap_escape) + escaped_spans(p.text, gap_marker, gap_escape)
             + [(m.start, m.end) for m in mentions])
    at = notes_by_position(p.text, notes, spans)
    return [n for pos in sorted(at) for n in at[pos]]


def inline_markdown(p: Paragraph, gap_marker: str, mentions: list[Mention], notes: list[Note],
                    gap_escape: str = "") -> str:
    """The paragraph's text as inline Markdown: names marked, gaps marked, note markers placed."""
    text = p.text
    spans: dict[int, tuple[int, str]] = {}
    for s, e in gap_spans(text, gap_marker, gap_escape):
        spans[s] = (e, GAP_TOKEN)
    for s, e in escaped_spans(text, gap_marker, gap_escape):
        spans[s] = (e, escape_inline(gap_marker))
    linked: set[str] = set()
    for m in sorted(mentions, key=lambda m: m.start):  # a name is linked at its first mention in the paragraph
        spans[m.start] = (m.end, name_token(m.entity, m.text, m.garbled, first=m.entity not in linked))
        linked.add(m.entity)
    notes_at = {at: [f"[^{n.id}]" for n in group] for at, group in
                notes_by_position(text, notes, [(s, e) for s, (e, _) in spans.items()]).items()}
    boundaries = sorted(set(spans) | set(notes_at) | {len(text)})
    out: list[str] = []
    i = k = 0  # k: the first boundary after i; both only move forward, so the walk is linear
    while i < len(text):
        if i in spans:
            end, md = spans[i]
            out.append(md)
            i = end
        else:
            while boundaries[k] <= i:
                k += 1
            j = boundaries[k]
            out.append(escape_inline(text[i:j]))
            i = j
        out.extend(notes_at.pop(i, []))
    return "".join(out)
