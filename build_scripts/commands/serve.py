"""`make serve`: build the edition, serve it on http://127.0.0.1:8000/, and build again whenever its folder or the
engine changes.

The site is built for the address it is served from (said at start), into a folder of its own, and swapped in only
when the build has passed: while a bad edit waits to be fixed, the last good site stays up, the error is printed
in the terminal and shown at the top of every page, and the page reloads by itself once the build passes again.
"""
from __future__ import annotations

import argparse
import html
import json
import subprocess
import sys
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from watchfiles import watch

from ..errors import EditionError
from ..load.edition import resolve_edition
from .build import ROOT

STATE_PATH = "/__edition__/state"  # the dev server's own address: the current build and its error


class State:
    def __init__(self):
        self.build = 0  # increases with every build that passed
        self.error = ""
        self.lock = threading.Lock()


_RELOAD = """
(function () {
  var seen = null;
  setInterval(function () {
    fetch("%s").then(function (r) { return r.json(); }).then(function (s) {
      if (seen !== null && s.build !== seen) location.reload();
      seen = s.build;
      var box = document.getElementById("ed-serve-error");
      if (box) box.hidden = !s.error;
      if (box && s.error) box.textContent = s.error;
    }).catch(function () {});
  }, 1000);
})();
""" % STATE_PATH


def _handler(site: Path, state: State):
    class Handler(SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(site), **kwargs)

        def log_message(self, *args):
            pass

        def do_GET(self):
            if self.path.split("?")[0] == STATE_PATH:
                body = json.dumps({"build": state.build, "error": state.error}).encode()
                return self._send(200, "application/json", body)
            path = Path(self.translate_path(self.path))
            if path.is_dir():
                path = path / "index.html"
            if path.suffix == ".html" and path.is_file():
                return self._send(200, "text/html; charset=utf-8", self._page(path.read_text(encoding="utf-8")))
            if not path.exists() and not site.exists():
                return self._send(503, "text/html; charset=utf-8", self._page("<!doctype html><title>Building</title><body></body>"))
            return super().do_GET()

        def _page(self, text: str) -> bytes:
            """The page with the build's error above it (escaped), and the script that reloads it after a build."""
            box = (f'<div id="ed-serve-error" role="alert" style="white-space:pre-wrap;font:14px/1.4 monospace;'
                   f'background:#b71c1c;color:#fff;padding:12px 16px"{"" if state.error else " hidden"}>'
                   f'{html.escape(state.error)}</div><script>{_RELOAD}</script>')
            i = text.find("<body")
            j = text.find(">", i) + 1 if i >= 0 else 0
            return (text[:j] + box + text[j:]).encode("utf-8")

        def _send(self, code: int, kind: str, body: bytes):
            self.send_response(code)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)
    return Handler


def rebuild(edition: Path, site: Path, url: str, state: State, timeout: float = 600) -> None:
    """One build, in a process of its own: the engine's code is read afresh (an edit to it takes effect), and a
    fault or a hang of the engine cannot take the server down."""
    t = time.perf_counter()
    cmd = [sys.executable, "-m", "build_scripts.commands.build", str(edition), "--site-dir", str(site),
           "--docs-dir", "", "--site-url", url]
    try:
        done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
        problem = "" if done.returncode == 0 else (done.stderr.strip().splitlines() or ["the build failed"])[-1]
    except subprocess.TimeoutExpired:
        problem = f"error: the build took more than {timeout:.0f} s and was stopped"
    with state.lock:
        if problem:
            state.error = f"The build failed; the last good build is shown.\n{problem.removeprefix('error: ')}"
        else:
            state.build += 1
            state.error = ""
    if problem:
        print(f"{problem}\n(the last good build stays up; fix it and save)", file=sys.stderr, flush=True)
    else:
        print(f"{done.stdout.strip()}  [{time.perf_counter() - t:.1f} s]", flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("edition", nargs="?", help="the edition's folder or edition.yml (default: $EDITION or seeds/)")
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=8000)
    args = ap.parse_args(argv)
    try:
        edition = resolve_edition(args.edition)
    except EditionError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    url = f"http://{args.host}:{args.port}/"
    site = ROOT / ".serve" / "site"
    state = State()
    print(f"Serving {edition.parent} at {url} (built for that address, not the edition's own)", flush=True)
    server = ThreadingHTTPServer((args.host, args.port), _handler(site, state))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    rebuild(edition, site, url, state)
    watched = [edition.parent, ROOT / "build_scripts", ROOT / "overrides", ROOT / "mkdocs.yml"]
    try:
        for _ in watch(*watched, debounce=300, step=100):
            rebuild(edition, site, url, state)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
