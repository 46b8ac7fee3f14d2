"""A rebuild renders again only the pages whose Markdown changed; the rest of the last build's HTML is reused.

MkDocs' own `dirty` build skips a page whose HTML is newer than its Markdown. That is right only when nothing else a
page's HTML depends on has changed: the renderer's configuration (navigation, titles, theme settings), the theme and
its overrides, the glue, the versions of the renderer's packages, the list of files (links resolve against it) and
the build date. All of that is the key; a rebuild is incremental only under the key of the last build of the same
site, and only for pages whose Markdown and published HTML are byte for byte what that build wrote. Anything else
(no last build, another key, a page edited in site/ by hand) renders in full. The record of the last build lives
beside the site folder (cache.last_build) and is safe to delete: the next build is then whole.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
from importlib.metadata import version
from pathlib import Path


RENDERER_PACKAGES = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "pygments", "jinja2",
                     "markupsafe")
_GLUE = Path(__file__).parent  # this package: the configuration and the hook shape what MkDocs renders


def _files_sha(folder: Path) -> list[tuple[str, str]]:
    return [(p.relative_to(folder).as_posix(), hashlib.sha256(p.read_bytes()).hexdigest())
            for p in sorted(folder.rglob("*")) if p.is_file() and "__pycache__" not in p.parts]


def render_key(config: dict, docs: Path) -> str:
    """Everything a page's HTML depends on besides its own Markdown."""
    from mkdocs.utils import get_build_date

    theme = config.get("theme", {})
    custom = Path(theme["custom_dir"]) if theme.get("custom_dir") else None
    parts = {
        "config": {k: v for k, v in config.items() if k not in ("docs_dir", "site_dir")},
        "packages": [version(p) for p in RENDERER_PACKAGES],
        "overrides": _files_sha(custom) if custom else [],
        "glue": _files_sha(_GLUE),
        "files": sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()),
        "date": get_build_date(),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode("utf-8")).hexdigest()


def markdown_pages(config: dict, docs: Path) -> dict[str, tuple[str, str]]:
    """Each Markdown page -> the HTML file MkDocs writes for it (as MkDocs itself works it out) and the SHA-256 of
    the Markdown; read once per build, for seed() and record()."""
    from mkdocs.structure.files import File

    urls = config.get("use_directory_urls", True)
    pages = {}
    for p in sorted(docs.rglob("*.md")):
        md = p.relative_to(docs).as_posix()
        pages[md] = (File(md, str(docs), "", urls).dest_uri, _sha(p))
    return pages


def _sha(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def seed(last: dict, key: str, pages: dict[str, tuple[str, str]], docs: Path, published: Path, work_site: Path,
         leave: tuple[str, ...] = ()) -> list[Path]:
    """Prepare a dirty render: when the last build of `published` had the same key, copy its HTML into work_site and
    date each unchanged page's Markdown (of `pages`, from markdown_pages) before its HTML, so that MkDocs skips it.
    Returns the Markdown files so dated (to be dated now again once rendered); [] means a whole render. `leave`:
    top-level folders of the site that a later stage writes anew (not copied)."""
    render = last.get("render") or {}
    if render.get("key") != key or not published.is_dir():
        return []
    kept = []
    for md, (html, md_sha) in pages.items():
        was = render.get("pages", {}).get(md)
        if was and was[0] == md_sha and was[1] == _sha(published / html):
            kept.append((docs / md, html))
    if not kept:
        return []
    # A copy, not hard links: MkDocs writes a file in place, which would change the published site under a reader.
    shutil.copytree(published, work_site, ignore=lambda d, names: list(leave) if Path(d) == published else [],
                    dirs_exist_ok=True)
    for md, html in kept:
        mtime = os.stat(work_site / html).st_mtime - 1
        os.utime(md, (mtime, mtime))
    return [md for md, _ in kept]


def record(key: str, pages: dict[str, tuple[str, str]], html_sha: dict[str, str]) -> dict:
    """What this build rendered, for the next one. html_sha: each HTML file's SHA-256, as the final check, which
    reads every page, worked it out."""
    return {"key": key, "pages": {md: [md_sha, html_sha.get(html)] for md, (html, md_sha) in pages.items()}}


class _DirtyNotice(logging.Filter):
    """MkDocs warns that a dirty build may leave navigation stale, and strict mode counts the warning as an error.
    Here it is not stale: the key holds everything navigation depends on."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("A 'dirty' build is being performed")


DIRTY_NOTICE = _DirtyNotice()
