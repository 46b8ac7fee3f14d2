"""Write the reading text and the apparatus as Markdown that the edition's extension understands."""
from __future__ import annotations

import html
import re

from .model import Mention, Note, Paragraph

GAP_TOKEN = "{gap}"  # unescaped braces never come from the text, which is escaped
_ESCAPE = re.compile(r"([\\`*_{}\[\]()>#+\-.!])")  # exactly Python-Markdown's ESCAPED_CHARS


def escape(text: str) -> str:
    """Markdown-escape verbatim text so that it renders exactly as printed."""
    return _ESCAPE.sub(r"\\\1", html.escape(text, quote=False))


def attr_value(text: str) -> str:
    # attr_list values sit in double quotes; keep them plain text.
    return text.replace('"', "\u201d").replace("}", ")").replace("{", "(")


def link_title(text: str) -> str:
    # Python-Markdown keeps character references in a title, and the browser decodes them.
    return html.escape(" ".join(text.split()), quote=True)


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


def inline_markdown(p: Paragraph, gap_marker: str, mentions: list[Mention], notes: list[Note],
                    link_for) -> str:
    """The paragraph's text as inline Markdown: names linked, gaps marked, note markers placed.

    link_for(mention) -> (href, title, attrs) for a mention link.
    """
    text = p.text
    spans: dict[int, tuple[int, str]] = {}
    for s, e in gap_spans(text, gap_marker):
        spans[s] = (e, GAP_TOKEN)
    for m in mentions:
        href, title, attrs = link_for(m)
        spans[m.start] = (m.end, f'[{escape(m.text)}]({href} "{link_title(title)}"){{: {attrs} }}')
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
            out.append(escape(text[i:j]))
            i = j
        out.extend(notes_at.pop(i, []))
    return "".join(out)
