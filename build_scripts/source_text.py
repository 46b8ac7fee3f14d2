"""Parse the source text into numbered paragraphs: one non-empty line is one paragraph."""
from __future__ import annotations

import hashlib
from pathlib import Path

from .errors import EditionError
from .model import Paragraph


def parse_source(path: Path, label: str, captions: set[int], sha256: str) -> tuple[str, tuple[Paragraph, ...]]:
    """The text as read, and its paragraphs."""
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
    paragraphs: list[Paragraph] = []
    for line_no, line in enumerate(text.split("\n"), start=1):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        n = len(paragraphs) + 1
        kind = "caption" if n in captions else "prose"
        paragraphs.append(Paragraph(n=n, line=line_no, kind=kind, text=line))
    if not paragraphs:
        raise EditionError(label, None, "the source text has no paragraphs", "give the source text one paragraph per line")
    return text, tuple(paragraphs)
