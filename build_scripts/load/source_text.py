"""Parse a source text into numbered paragraphs: one non-empty line is one paragraph, unless it starts with the
edition's heading mark, when it is a heading of the text (not numbered)."""
from __future__ import annotations

import hashlib
from pathlib import Path

from ..errors import EditionError
from ..model import Heading, Paragraph
from .yaml_doc import CONTROL


def parse_source(path: Path, label: str, captions: set[int], sha256: str, first: int = 1, source: str = "",
                 heading_mark: str = "", marker_as_text: frozenset[int] = frozenset()
                 ) -> tuple[str, tuple[Paragraph, ...], tuple[Heading, ...]]:
    """The text as read, its paragraphs (numbered from `first`) and its headings."""
    if not path.is_file():
        raise EditionError(label, None, "the source text is missing",
                           "put the source text at that path, or correct 'source' in the edition file")
    raw = path.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != sha256:
        raise EditionError(label, None, f"the source text has changed (SHA-256 {digest[:12]}…, expected {sha256[:12]}…)",
                           "restore the source byte for byte; corrections belong in the editorial notes, not the text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise EditionError(label, line, "the source is not valid UTF-8", "save the file as UTF-8") from None
    if m := CONTROL.search(text):
        line = text.count("\n", 0, m.start()) + 1
        raise EditionError(label, line, f"the source holds the control character U+{ord(m[0]):04X}, which no web page "
                           "or TEI file can carry", "edit the source file only to remove it, then record its new "
                           "SHA-256 in the edition file (the text itself stays as it was)")
    paragraphs: list[Paragraph] = []
    headings: list[Heading] = []
    for line_no, line in enumerate(text.split("\n"), start=1):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        n = first + len(paragraphs)
        if heading_mark and line.startswith(heading_mark):
            headings.append(Heading(before=n, text=line[len(heading_mark):].strip(), line=line_no, source=source))
            continue
        kind = "caption" if n in captions else "prose"
        paragraphs.append(Paragraph(n=n, line=line_no, kind=kind, text=line, source=source,
                                    marker_is_text=n in marker_as_text))
    if not paragraphs:
        raise EditionError(label, None, "the source text has no paragraphs", "give the source text one paragraph per line")
    last = paragraphs[-1].n
    # The lines that close a text (a signature, a place and date) stand after its last paragraph.
    headings = [Heading(before=last, text=h.text, line=h.line, source=h.source, after=True) if h.before > last else h
                for h in headings]
    return text, tuple(paragraphs), tuple(headings)
