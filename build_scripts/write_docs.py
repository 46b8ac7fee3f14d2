"""Write the rendered pages into docs/: only what changed, stale pages removed, nothing on failure.

Everything is rendered and checked before this runs, so a bad input never reaches docs/.
Unchanged files are left alone so that `mkdocs serve` does not rebuild in a loop.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

MANIFEST = ".generated.json"  # MkDocs ignores dot-files in docs/


def write_docs(docs_dir: Path, pages: dict[str, str]) -> int:
    """Returns the number of files written."""
    manifest = docs_dir / MANIFEST
    old = set(json.loads(manifest.read_text())) if manifest.is_file() else set()
    written = 0
    for rel_path, text in sorted(pages.items()):
        target = docs_dir / rel_path
        data = text.encode("utf-8")
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, target)  # atomic: a reader never sees half a page
        written += 1
    for stale in sorted(old - set(pages)):
        (docs_dir / stale).unlink(missing_ok=True)
    listing = json.dumps(sorted(pages), indent=0) + "\n"
    if not manifest.is_file() or manifest.read_text() != listing:
        manifest.write_text(listing)
    return written
