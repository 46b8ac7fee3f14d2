"""What the benchmarks share: a snapshot of the engine, the build command run as `make build` runs it, and the
plain Material build of the same prepared pages. The helpers they share with the tests (the static server, Chromium,
Lighthouse, a `mkdocs build` subprocess, dir_size) are in tests/support.py.

A snapshot is a copy of the engine (mkdocs.yml, build_scripts/, overrides/) in a temporary folder: every figure of a
run measures one state of the code, even while others edit the working tree, and its cache of pure work
(<snapshot>/.cache/pure/) is its own, so a cold build can delete it without touching the repository's.

The plain build is Material as it comes, on the very Markdown the engine's prepare stage wrote: a minimal mkdocs.yml
with `theme: material` (language and `font: false` as the edition's, so that neither site asks a font host), the
same Markdown extensions, the same navigation and address; no custom_dir (overrides), no hooks, no extra CSS or
JavaScript; MkDocs' default plugins (Material's search, which builds its lunr index as the edition builds Pagefind's).
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(HERE))

from support import dir_size, mkdocs_build  # noqa: E402,F401

ENGINE = ("mkdocs.yml", "build_scripts", "overrides")
EDITION = ROOT / "seeds" / "edition.yml"
# Every build of a run has the same date (the version line and printed citations carry it): today at 00:00 UTC,
# which no published version's date can be after.
os.environ.setdefault("SOURCE_DATE_EPOCH", str(int(time.time()) // 86400 * 86400))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def snapshot(dest: Path, src: Path = ROOT) -> Path:
    """A copy of the engine in dest, first on sys.path (so `import build_scripts` here is the snapshot's)."""
    dest.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".*.tmp")
    for name in ENGINE:
        (shutil.copytree(src / name, dest / name, ignore=ignore) if (src / name).is_dir()
         else shutil.copy2(src / name, dest / name))
    if "build_scripts" in sys.modules:
        raise RuntimeError("build_scripts was imported before the snapshot was taken")
    sys.path.insert(0, str(dest))
    return dest


def cold(engine: Path) -> None:
    """Delete the snapshot's cache of pure work: the next build works everything out."""
    shutil.rmtree(engine / ".cache" / "pure", ignore_errors=True)


_STAGES = re.compile(r"(prepare|render|finish) ([\d.]+) s")


def run_build(engine: Path, edition_file: Path, site_dir: Path, site_url: str, docs_dir: Path | None = None,
              keep: bool = False) -> dict:
    """`python -m build_scripts.commands.build` (what `make build` runs) in a subprocess, on the snapshot: returns
    the wall seconds and the seconds of each stage the command prints. keep: a rebuild of the site as the last build
    left it (its pages and the record of what it rendered); otherwise both are removed first."""
    from build_scripts.cache import last_build

    if not keep:
        shutil.rmtree(site_dir, ignore_errors=True)
        last_build(site_dir).unlink(missing_ok=True)
    cmd = [sys.executable, "-m", "build_scripts.commands.build", str(edition_file), "--site-dir", str(site_dir),
           "--docs-dir", str(docs_dir) if docs_dir else "", "--site-url", site_url]
    env = dict(os.environ, PYTHONPATH=str(engine), PYTHONDONTWRITEBYTECODE="1")
    t0 = time.perf_counter()
    r = subprocess.run(cmd, cwd=engine, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if r.returncode:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{r.stdout[-3000:]}\n{r.stderr[-3000:]}")
    reused = re.search(r"(\d+) unchanged pages reused", r.stdout)
    return {"wall": wall, **{k: float(v) for k, v in _STAGES.findall(r.stdout)}, "out": r.stdout.strip(),
            "reused": int(reused.group(1)) if reused else 0}


def markdown_extensions(engine: Path) -> list:
    from build_scripts.renderer.config import load_base

    return load_base(engine / "mkdocs.yml").get("markdown_extensions", [])


def prepare_plain(engine: Path, edition_file: Path, dest: Path, site_url: str, themed: bool = False) -> Path:
    """The edition's prepare stage (in this process, the snapshot's code) into dest/docs, and beside it the plain
    Material configuration dest/mkdocs.yml that renders it into dest/site. Returns the configuration file.

    themed: Material's own theme options as the edition sets them (its `palette`, the light/dark toggle, and its
    `features`), still with no overrides, hooks, CSS or scripts of the edition: what any Material site so configured
    pays, told apart from what the edition adds."""
    from build_scripts.build import prepare

    if dest.exists():
        shutil.rmtree(dest)
    prepared = prepare(edition_file, dest / "docs", site_url)
    s = prepared.settings
    config = {
        "site_name": s["site_name"],
        "site_url": s["site_url"],
        "use_directory_urls": True,
        "docs_dir": str(dest / "docs"),
        "site_dir": str(dest / "site"),
        "theme": {"name": "material", "language": s["theme"]["language"], "font": False,
                  **(material_options(engine, s) if themed else {})},
        "markdown_extensions": markdown_extensions(engine),
        "nav": s["nav"],
    }
    path = dest / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def material_options(engine: Path, settings: dict) -> dict:
    """The palette and features of the snapshot's mkdocs.yml, coloured and worded as the edition's build does."""
    from build_scripts.renderer.config import load_base, palettes

    theme = load_base(engine / "mkdocs.yml").get("theme", {})
    return {"palette": palettes(theme.get("palette", [{}]), settings["theme"]["palette"]),
            "features": list(theme.get("features", []))}


def plain_build(config_file: Path) -> dict:
    """The plain Material build of a prepared folder (`mkdocs build`, a subprocess, as an editor runs it)."""
    site = Path(yaml.safe_load(config_file.read_text(encoding="utf-8"))["site_dir"])
    if site.exists():
        shutil.rmtree(site)
    return {"wall": mkdocs_build(config_file)}


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} / {five:.2f} / {fifteen:.2f} (1/5/15 min) on {os.cpu_count()} CPUs"


def text_page(edition_file: Path) -> str:
    """The site path of the main text's first section page ("text/<slug>/"), as the engine names it."""
    from build_scripts.paths import page_url, section_path
    from synthetic import main_text, read

    ed = read(edition_file)
    src = main_text(ed)
    return page_url(section_path(next(s for s in ed.sections if s.first == src.first)))
