"""Write the reading text and the apparatus as Markdown that the edition's extension understands."""
from __future__ import annotations

import html
import re

from .model import Mention, Note, Paragraph

GAP_TOKEN = "{gap}"  # unescaped braces never come from the text, which is escaped
# A name in the text: {name:ENTITY|as printed} or, for a garbled form, {garbled:ENTITY|as printed}.
# markdown_edition.NameInline turns it into the link to the entity's entry.
NAME_RE = re.compile(r"\{(name|garbled):([a-z0-9-]+)\|((?:\\.|[^\\{}|])+)\}")
# Only what could start inline syntax (code, emphasis, links, footnote refs, attribute lists, table
# cells, escapes) is escaped: every escape is one more inline match for Python-Markdown to process.
_INLINE = re.compile(r"([\\`*_{}\[\]|])")
# What would start a block (heading, quote, list) if it began a line of a heading or list item.
_LINE_START = re.compile(r"^([#>+\-]|\d+(?=\.))")
_TOKEN_TEXT = re.compile(r"([\\{}|])")
_UNESCAPE = re.compile(r"\\(.)")


def escape_inline(text: str) -> str:
    """Markdown-escape verbatim text inside a line, so that it renders exactly as printed."""
    return _INLINE.sub(r"\\\1", html.escape(text, quote=False))


def escape(text: str) -> str:
    """escape_inline, and safe at the start of a line too (a heading, a list item)."""
    return _LINE_START.sub(lambda m: m[1] + "\\" if m[1][0].isdigit() else "\\" + m[1], escape_inline(text))


def name_token(entity: str, text: str, garbled: bool) -> str:
    kind = "garbled" if garbled else "name"
    return "{" + f"{kind}:{entity}|" + _TOKEN_TEXT.sub(r"\\\1", text) + "}"


def name_token_text(escaped: str) -> str:
    """The name as printed, from a name token's text."""
    return _UNESCAPE.sub(r"\1", escaped)


def gap_spans(text: str, marker: str) -> list[tuple[int, int]]:
    spans, i = [], text.find(marker)
    while i != -1:
        spans.append((i, i + len(marker)))
        i = text.find(marker, i + len(marker))
    return spans


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


def inline_markdown(p: Paragraph, gap_marker: str, mentions: list[Mention], notes: list[Note]) -> str:
    """The paragraph's text as inline Markdown: names marked, gaps marked, note markers placed."""
    text = p.text
    spans: dict[int, tuple[int, str]] = {}
    for s, e in gap_spans(text, gap_marker):
        spans[s] = (e, GAP_TOKEN)
    for m in mentions:
        spans[m.start] = (m.end, name_token(m.entity, m.text, m.garbled))
    notes_at = {at: [f"[^{n.id}]" for n in group] for at, group in
                notes_by_position(text, notes, [(s, e) for s, (e, _) in spans.items()]).items()}
    boundaries = sorted(set(spans) | set(notes_at) | {len(text)})
    out: list[str] = []
    i = 0
    while i < len(text):
        if i in spans:
            end, md = spans[i]
            out.append(md)
            i = end
        else:
            j = next(b for b in boundaries if b > i)
            out.append(escape_inline(text[i:j]))
            i = j
        out.extend(notes_at.pop(i, []))
    return "".join(out)
