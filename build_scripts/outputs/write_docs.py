"""Write the rendered pages into the renderer's folder (docs/): only what changed, stale files removed.

Everything is rendered and checked before this runs, so a bad input never reaches the folder. Unchanged files are
left alone so that a watching renderer does not rebuild in a loop. The list of what the build wrote is kept beside
the pages; a list that cannot be read (truncated, edited) is not trusted: every file the folder holds that the
build did not just write is then removed, so nothing stale survives.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

MANIFEST = ".generated.json"  # MkDocs ignores dot-files in docs/
KEEP = {".keep", MANIFEST}


def _previous(docs_dir: Path) -> set[str] | None:
    manifest = docs_dir / MANIFEST
    if not manifest.is_file():
        return set()
    try:
        listed = json.loads(manifest.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError):
        return None
    return set(listed) if isinstance(listed, list) and all(isinstance(x, str) for x in listed) else None


def write_docs(docs_dir: Path, pages: dict[str, str]) -> int:
    """Returns the number of files written."""
    docs_dir.mkdir(parents=True, exist_ok=True)
    old = _previous(docs_dir)
    if old is None:  # an unreadable list: whatever the folder holds is suspect
        old = {p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*") if p.is_file() and p.name not in KEEP}
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
    manifest = docs_dir / MANIFEST
    if not manifest.is_file() or manifest.read_bytes() != listing.encode("utf-8"):
        tmp = manifest.with_name(MANIFEST + ".tmp")
        tmp.write_text(listing, encoding="utf-8")
        os.replace(tmp, manifest)
    return written
