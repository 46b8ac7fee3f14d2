"""`make build`: the whole build of an edition, stage by stage, into a folder of its own; the published folders are
replaced only when every stage has passed.

    prepare (build.py) -> render (renderer/) -> finish (finish/) -> swap

Each build works in a fresh folder beside the site (`.build-*`), so two builds at once never share files; the
finished site and its Markdown are exchanged with the published ones atomically (renameat2's RENAME_EXCHANGE, under
a lock), so a reader, a server or an interrupted build never sees a half-written site. A failed build prints one
error and leaves site/ and docs/ as they were.
"""
from __future__ import annotations

import argparse
import ctypes
import fcntl
import logging
import os
import shutil
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..build import Prepared, prepare
from ..cache import last_build, read_json, write_json
from ..errors import EditionError
from ..finish import finish, start_index
from ..finish.search_index import FOLDER as SEARCH_FOLDER
from ..load.edition import resolve_edition
from ..renderer import reuse
from ..renderer.config import load_base, renderer_config, write_config

ROOT = Path(__file__).resolve().parents[2]  # the engine's folder: mkdocs.yml and overrides/
WORK_PREFIX = ".build-"
STARTING_PREFIX = ".build~"  # a working folder not yet locked (working_folder)


@dataclass
class Built:
    prepared: Prepared
    site: Path
    pages: int
    seconds: dict[str, float]
    reused: int = 0  # pages whose HTML the last build left unchanged, not rendered again


class BuildError(Exception):
    """A stage failed: the message names what and where; nothing published changed."""


@contextmanager
def locked(path: Path):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


_libc = ctypes.CDLL(None, use_errno=True)
RENAME_EXCHANGE = 2
AT_FDCWD = -100


def exchange(new: Path, target: Path) -> None:
    """Put `new` at `target` in one step; what was at target ends at `new` (removed by the caller)."""
    if target.exists() and hasattr(_libc, "renameat2"):
        if _libc.renameat2(AT_FDCWD, os.fsencode(new), AT_FDCWD, os.fsencode(target), RENAME_EXCHANGE) == 0:
            return
    if target.exists():  # no atomic exchange here: the old folder is moved aside first, then replaced
        aside = new.with_name(new.name + ".old")
        os.replace(target, aside)
        os.replace(new, target)
        os.replace(aside, new)
    else:
        os.replace(new, target)


def clean_stale(parent: Path) -> None:
    """Remove the folders of builds that are no longer running (an interrupted build leaves its folder)."""
    for work in parent.glob(WORK_PREFIX + "*"):
        try:
            # Opened, never created: every working folder has its lock from the moment it bears its name.
            with open(work / ".lock") as f:
                fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except (BlockingIOError, FileNotFoundError, NotADirectoryError):
            continue
        shutil.rmtree(work, ignore_errors=True)
    for starting in parent.glob(STARTING_PREFIX + "*"):  # a build stopped in its first instant
        try:
            if time.time() - starting.stat().st_mtime > 60:
                shutil.rmtree(starting, ignore_errors=True)
        except FileNotFoundError:  # renamed meanwhile by the build that made it
            continue


@contextmanager
def working_folder(parent: Path):
    """A fresh folder for one build, locked as long as the build runs. It is made and locked under another name and
    only then renamed: a folder another build sees as `.build-*` is either running (locked) or stopped (its lock
    free), never one made an instant ago and not yet locked (which the other build took for stopped and removed)."""
    made = Path(tempfile.mkdtemp(prefix=STARTING_PREFIX, dir=parent))
    with open(made / ".lock", "a+") as own:
        fcntl.flock(own, fcntl.LOCK_EX)
        work = parent / (WORK_PREFIX + made.name[len(STARTING_PREFIX):])
        os.rename(made, work)
        try:
            yield work
        finally:
            shutil.rmtree(work, ignore_errors=True)


def render_mkdocs(config_file: Path, dirty: bool = False) -> None:
    """The renderer: MkDocs with Material, in this process, strict (a warning is an error). dirty: only the pages
    whose Markdown is newer than their HTML (renderer/reuse.py decides which)."""
    from mkdocs import exceptions
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    logger = logging.getLogger("mkdocs")
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
    logger.addHandler(handler)
    logging.getLogger("mkdocs.commands.build").addFilter(reuse.DIRTY_NOTICE)
    try:
        config = load_config(str(config_file), strict=True)
        mkdocs_build(config, dirty=dirty)
    except (exceptions.Abort, exceptions.ConfigurationError, exceptions.PluginError) as e:
        raise BuildError(f"the renderer (MkDocs) stopped: {e}") from None
    finally:
        logger.removeHandler(handler)
        logging.getLogger("mkdocs.commands.build").removeFilter(reuse.DIRTY_NOTICE)


def build(edition: Path | None = None, site_dir: Path = ROOT / "site", docs_dir: Path | None = ROOT / "docs",
          site_url: str | None = None, root: Path = ROOT) -> Built:
    """Build an edition into site_dir (and its Markdown into docs_dir). Raises EditionError or BuildError."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    edition_file = resolve_edition(edition)
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    clean_stale(site_dir.parent)
    seconds: dict[str, float] = {}
    index = None
    with working_folder(site_dir.parent) as work:  # this build is running: no other build removes its folder
        try:
            t = time.perf_counter()
            prepared = prepare(edition_file, work / "docs", site_url)
            seconds["prepare"] = time.perf_counter() - t
            index = start_index(prepared.search, work / "index")
            t = time.perf_counter()
            config = renderer_config(load_base(root / "mkdocs.yml"), prepared.settings, root, work / "docs",
                                     work / "site")
            last, key = read_json(last_build(site_dir)) or {}, reuse.render_key(config, work / "docs")
            markdown = reuse.markdown_pages(config, work / "docs")
            with locked(site_dir.parent / ".build.lock"):  # the published site, copied whole
                kept = reuse.seed(last, key, markdown, work / "docs", site_dir, work / "site", leave=(SEARCH_FOLDER,))
            try:
                render_mkdocs(write_config(work / "mkdocs.yml", config), dirty=bool(kept))
            finally:
                for md in kept:  # the Markdown dated back for MkDocs is dated now again, as written
                    os.utime(md)
            seconds["render"] = time.perf_counter() - t
            t = time.perf_counter()
            pages, checked = finish(work / "site", prepared, last.get("check"), index)
            seconds["finish"] = time.perf_counter() - t
            rendered = reuse.record(key, markdown, {rel: f["sha"] for rel, f in checked["pages"].items()})
            with locked(site_dir.parent / ".build.lock"):
                exchange(work / "site", site_dir)
                if docs_dir is not None:
                    exchange(work / "docs", docs_dir.resolve())
                write_json(last_build(site_dir), {"render": rendered, "check": checked})
            return Built(prepared, site_dir, pages, seconds, reused=len(kept))
        finally:
            if index is not None:
                index.exception()  # a failed build still waits for the indexer, which writes inside work/


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Build the edition into site/ (its Markdown into docs/).")
    ap.add_argument("edition", nargs="?", help="the edition's folder or edition.yml (default: $EDITION or seeds/)")
    ap.add_argument("--site-dir", type=Path, default=ROOT / "site")
    ap.add_argument("--docs-dir", default=str(ROOT / "docs"), help="where the Markdown goes ('' for nowhere)")
    ap.add_argument("--site-url", help="the address the site is served from (default: the edition's site_url)")
    args = ap.parse_args(argv)
    try:
        built = build(args.edition, args.site_dir, Path(args.docs_dir) if args.docs_dir else None, args.site_url)
    except (EditionError, BuildError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    ed = built.prepared.edition
    reused = f", {built.reused} unchanged pages reused" if built.reused else ""
    print(f"{ed.title}: {len(ed.paragraphs)} paragraphs, {len(ed.entities)} entries, {len(ed.notes)} notes; "
          f"{built.pages} pages checked into {built.site}{reused} ("
          + ", ".join(f"{k} {v:.1f} s" for k, v in built.seconds.items()) + ")")
    return 0


if __name__ == "__main__":
    sys.exit(main())
