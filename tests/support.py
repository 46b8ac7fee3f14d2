"""Helpers shared by the tests (conftest.py re-exports them) and the benchmarks (benchmarks/*.py import them from
here, never from conftest.py): a static host serving a built site under its path prefix, Debian's Chromium, Lighthouse,
a plain MkDocs build in a subprocess, and the size of a folder.

Nothing here imports the engine (build_scripts), so that a caller can set the build's environment
(SOURCE_DATE_EPOCH, sys.path on a snapshot of the engine) before the engine is first imported.
"""
from __future__ import annotations

import gzip
import io
import json
import os
import socket
import subprocess
import sys
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
# Debian's Chromium as Playwright launches it for the tests and benchmarks: nothing reaches out of the machine.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
PREFIX = "/moscow-1936/"  # the path of site_url, as on the published site
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
# The Nu Html Checker (npm vnu-jar, pinned), and the Jing RELAX NG validator it carries, by its class.
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
JING = "nu.validator.vendor.thaiopensource.relaxng.util.Driver"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


free_port = _free_port


class _Handler(SimpleHTTPRequestHandler):
    """A static host: the site under its path prefix, text compressed when the client accepts it."""

    prefix = "/"
    gzip = False
    COMPRESSIBLE = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".csv", ".map"}

    def log_message(self, *args):
        pass

    def translate_path(self, path):
        path = urlsplit(path).path
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_the_site__")
        return super().translate_path("/" + path[len(self.prefix):])

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and urlsplit(self.path).path.endswith("/"):
            path = path / "index.html"
        if (not self.gzip or "gzip" not in self.headers.get("Accept-Encoding", "")
                or path.suffix not in self.COMPRESSIBLE or not path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)


class _Server(ThreadingHTTPServer):
    # socketserver's listen queue is 5: a crawler's or a browser's burst of connections overflows it, the dropped
    # ones are tried again after a back-off (linkinator: 53 s for 197 links instead of 0.7 s).
    request_queue_size = 128

    def handle_error(self, request, client_address):
        # A browser that closes a connection mid-response (a page left, a context closed) is no fault of the site.
        if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            super().handle_error(request, client_address)


def serve(folder: Path, prefix: str = PREFIX, compress: bool = False, port: int = 0):
    """Serve a built site under its path; returns (base URL ending in the prefix, server). Stop it with
    server.shutdown()."""
    handler = type("Handler", (_Handler,), {"prefix": prefix, "gzip": compress})
    server = _Server(("127.0.0.1", port), partial(handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}{prefix.rstrip('/')}", server


def lighthouse(url: str, out: Path, timeout: float = 240, only: list[str] = ()) -> dict:
    """Lighthouse's JSON report of one page (the pinned npm package in node_modules/, Debian's Chromium); `only`:
    Lighthouse's own options that narrow what it runs (--only-categories=..., --only-audits=...)."""
    if not LIGHTHOUSE.exists():
        raise FileNotFoundError(f"{LIGHTHOUSE} is missing: run `make test`, which installs node_modules/")
    env = dict(os.environ, CHROME_PATH=CHROMIUM)
    subprocess.run(
        [str(LIGHTHOUSE), url, "--output=json", f"--output-path={out}", "--quiet", *only,
         "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking"],
        check=True, env=env, timeout=timeout, capture_output=True)
    return json.loads(Path(out).read_text())


def mkdocs_build(config_file: Path, python: str = sys.executable, strict: bool = False, env: dict | None = None) -> float:
    """One `mkdocs build` of a configuration file in a subprocess (as an editor runs it), quiet; returns the wall
    seconds; raises RuntimeError with the end of its output if it fails."""
    cmd = [python, "-m", "mkdocs", "build", "-q", "-f", str(config_file)] + (["--strict"] if strict else [])
    env = dict(os.environ if env is None else env, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    t0 = time.perf_counter()
    r = subprocess.run(cmd, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    if r.returncode:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{r.stdout[-3000:]}\n{r.stderr[-3000:]}")
    return seconds


def dir_size(path: Path) -> int:
    """Bytes of every file under a folder."""
    return sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file())
