"""Search benchmark: index size and in-browser search speed of the edition and of the plain Material site of
the same distinct texts, at 1x, 10x and 100x the real text.

    .venv/bin/python benchmarks/search_benchmark.py                        # from the repository root
    .venv/bin/python benchmarks/search_benchmark.py --index-glob 'assets/search/*.json'

Prints figures, asserts nothing. For each size the edition is generated (see synthetic.py) and built
with `mkdocs build --strict` into a temporary folder, then:

* index size: every file matching --index-glob under the built site (default `search/*.json`, the
  Material/MkDocs search index), raw and gzipped, against the raw source text of that size;
* index load: the site is served on 127.0.0.1 (ThreadingHTTPServer) and opened in Chromium (a fresh,
  cache-less browser context each time); we record when the index file finished downloading, when
  Material's search UI left its "Initializing search" state, and when a first query for a known word
  (typed right after the page's load event) showed results: that last figure is the time a reader
  waits before search works;
* query latency: 20 realistic queries typed one after the other; each is timed in the page from
  setting the input (value + keyup, which is what Material's search listens to) until the result
  list has been re-rendered, using a MutationObserver on the result list and its "N matching
  documents" line; also until the next animation frame (painted). Median and 95th percentile.

Targets stated next to the figures: query median < 50 ms; index < 1.5x the raw text.
"""
from __future__ import annotations

import argparse
import fnmatch
import functools
import gzip
import http.server
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from synthetic import edition_path, make_plain, make_synthetic, paragraph_count  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
QUERIES = ["Litvinov", "Coulondre", "Blyukher", "non-aggression pact", "Spain", "Bogomolov", "Chiang Kai-shek",
           "Davies", "Kalinin", "Red Square", "Vladivostok", "GPU", "mutual assistance", "Carmen", "Stalin",
           "Japan", "coalition", "Weng Wenhao", "Franco-Soviet", "Chilston"]
READY_WORD = "Moscow"  # the readiness probe: a word of the text that is not among the measured queries
TARGET_MEDIAN_MS = 50.0
TARGET_INDEX_RATIO = 1.5

# Runs before any script of the page. Notes when the page creates its search worker, when it hands the
# index to it (Material's SETUP message, type 0) and when the worker answers READY (type 1): the moment
# search can answer. Another search implementation just leaves the worker columns empty ("n/a").
INIT_SCRIPT = """
(() => {
  const b = window.__bench = {workerCreated: null, setupPosted: null, workerReady: null, workerFirstMsg: null};
  const W = window.Worker;
  if (!W) return;
  window.Worker = class extends W {
    constructor(...args) {
      super(...args);
      if (b.workerCreated === null) b.workerCreated = performance.now();
      this.addEventListener("message", e => {
        const now = performance.now();
        if (b.workerFirstMsg === null) b.workerFirstMsg = now;
        if (b.workerReady === null && e.data && e.data.type === 1) b.workerReady = now;
      });
    }
    postMessage(msg, ...rest) {
      if (b.setupPosted === null && msg && msg.type === 0) b.setupPosted = performance.now();
      return super.postMessage(msg, ...rest);
    }
  };
})();
"""

# Types a query and resolves when the result list / result line has been re-rendered.
QUERY_JS = """
async ([q, sel, timeoutMs]) => {
  const input = document.querySelector(sel.input);
  const list = document.querySelector(sel.list);
  const meta = document.querySelector(sel.meta);
  if (!input || !list) return {error: "search input or result list not found"};
  return await new Promise(resolve => {
    let t0 = 0, done = false;
    const finish = (extra) => {
      if (done) return; done = true; obs.disconnect(); clearTimeout(timer);
      const tDom = performance.now();
      requestAnimationFrame(() => requestAnimationFrame(() => resolve({
        ms: tDom - t0, paintMs: performance.now() - t0, items: list.children.length,
        meta: meta ? meta.textContent.trim() : "", ...extra})));
    };
    // Material sets the "N matching documents" line, then re-renders the list, in the same task; lazy
    // rendering of further items (on scroll) touches only the list, so the line is the signal.
    const obs = new MutationObserver(records => {
      if (!meta || records.some(r => r.target === meta || meta.contains(r.target))) finish({});
    });
    obs.observe(list, {childList: true});
    if (meta) obs.observe(meta, {childList: true, characterData: true, subtree: true});
    const timer = setTimeout(() => { if (!done) { done = true; obs.disconnect(); resolve({timeout: true}); } }, timeoutMs);
    t0 = performance.now();
    input.value = q;
    input.dispatchEvent(new KeyboardEvent("keyup", {bubbles: true, key: q.slice(-1)}));
  });
}
"""

# After the load event: open the search, type the probe word, wait (re-typing every 200 ms) for results.
FIRST_QUERY_JS = """
async ([q, sel, timeoutMs]) => {
  const input = document.querySelector(sel.input);
  const list = document.querySelector(sel.list);
  if (!input || !list) return {error: "search input or result list not found"};
  const t0 = performance.now();
  const label = document.querySelector(sel.open);
  if (label) label.click();
  input.focus();
  input.value = q;
  input.dispatchEvent(new KeyboardEvent("keyup", {bubbles: true, key: q.slice(-1)}));
  return await new Promise(resolve => {
    const check = () => {
      if (list.querySelector(sel.item)) {
        const t = performance.now();
        resolve({start: t0, results: t, items: list.children.length});
        return true;
      }
      if (performance.now() - t0 > timeoutMs) { resolve({timeout: true}); return true; }
      return false;
    };
    if (check()) return;
    const obs = new MutationObserver(() => { if (check()) obs.disconnect(); });
    obs.observe(list, {childList: true});
    const retype = setInterval(() => {
      if (check()) { clearInterval(retype); obs.disconnect(); return; }
      input.dispatchEvent(new KeyboardEvent("keyup", {bubbles: true, key: q.slice(-1)}));
    }, 200);
  });
}
"""


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class Server:
    """The built site on http://127.0.0.1:<random port>/ in a background thread."""

    def __init__(self, root: Path):
        handler = functools.partial(QuietHandler, directory=str(root))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


def build(project: Path, site: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
                       cwd=project, env=env, capture_output=True, text=True)
    if r.returncode:
        sys.exit(f"build failed in {project}:\n{r.stdout[-3000:]}\n{r.stderr[-3000:]}")
    return time.perf_counter() - t0


def index_files(site: Path, pattern: str) -> list[Path]:
    files = sorted(p for p in site.glob(pattern) if p.is_file())
    if not files:
        fallback = sorted(p for p in site.rglob("*search*.json") if p.is_file())
        if fallback:
            print(f"  note: nothing matches --index-glob {pattern!r}; using {[str(p.relative_to(site)) for p in fallback]}")
        files = fallback
    return files


def index_breakdown(files: list[Path]) -> dict[str, int] | None:
    """Bytes of the index per top-level folder of the pages (text/, entities/, ...), if it is
    MkDocs/Material's format ({"docs": [{"location": ...}, ...]}); None otherwise."""
    import json

    out: dict[str, int] = {}
    for f in files:
        try:
            data = json.loads(f.read_text(encoding="utf-8"))
        except ValueError:
            return None
        docs = data.get("docs") if isinstance(data, dict) else None
        if not isinstance(docs, list):
            return None
        for d in docs:
            loc = str(d.get("location", "")) if isinstance(d, dict) else ""
            top = loc.split("/", 1)[0].split("#", 1)[0] if "/" in loc else "(home and single pages)"
            out[top or "(home and single pages)"] = out.get(top or "(home and single pages)", 0) + len(
                json.dumps(d, ensure_ascii=False).encode("utf-8"))
    return out


def pct(values: list[float], p: float) -> float:
    """Nearest-rank percentile (the 95th of 20 values is the 19th smallest)."""
    s = sorted(values)
    return s[max(0, math.ceil(p / 100 * len(s)) - 1)]


def measure_browser(site_url: str, pattern: str, sel: dict, loads: int, timeout_s: float) -> dict:
    from playwright.sync_api import sync_playwright

    out: dict = {"loads": [], "queries": []}
    index_name_patterns = [pattern, "*/" + pattern.split("/")[-1], "*search*index*"]
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            for i in range(loads):
                ctx = browser.new_context()  # fresh context: nothing cached
                page = ctx.new_page()
                page.add_init_script(INIT_SCRIPT)
                page.goto(site_url, wait_until="load", timeout=timeout_s * 1000)
                first = page.evaluate(FIRST_QUERY_JS, [READY_WORD, sel, timeout_s * 1000])
                if first.get("error") or first.get("timeout"):
                    raise SystemExit(f"search never answered {READY_WORD!r} at {site_url}: {first}")
                timing = page.evaluate("""() => {
                    const nav = performance.getEntriesByType('navigation')[0];
                    const res = performance.getEntriesByType('resource').map(r => ({
                        name: r.name, end: r.responseEnd, start: r.startTime, size: r.encodedBodySize}));
                    return {load: nav.loadEventEnd, dcl: nav.domContentLoadedEventEnd, res, b: window.__bench};
                }""")
                idx = [r for r in timing["res"]
                       if any(fnmatch.fnmatch(r["name"].split("?")[0][len(site_url):], p) for p in index_name_patterns)]
                out["loads"].append({
                    "load": timing["load"], "dcl": timing["dcl"],
                    "index_end": max((r["end"] for r in idx), default=None),
                    "index_bytes": sum(r["size"] for r in idx),
                    "setup_posted": timing["b"]["setupPosted"],
                    "worker_ready": timing["b"]["workerReady"] or timing["b"]["workerFirstMsg"],
                    "first_results": first["results"], "first_after_load": first["results"] - first["start"],
                })
                if i < loads - 1:
                    ctx.close()
            # Query latency, in the last page (warm: the index is loaded).
            for q in QUERIES:
                page.wait_for_timeout(150)  # let the previous results settle
                r = page.evaluate(QUERY_JS, [q, sel, timeout_s * 1000])
                if r.get("error"):
                    raise SystemExit(f"query {q!r}: {r['error']}")
                out["queries"].append({"q": q, **r})
            ctx.close()
        finally:
            browser.close()
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Search index size and in-browser search speed of the edition.")
    ap.add_argument("--src", type=Path, default=ROOT, help="the project (default: this repository)")
    ap.add_argument("--sizes", default="1,10,100", help="distinct texts of the real one's size, comma-separated (default 1,10,100)")
    ap.add_argument("--index-glob", default="search/*.json",
                    help="the search index file(s), relative to the built site (default search/*.json)")
    ap.add_argument("--loads", type=int, default=3, help="cold page loads per size (median reported; default 3)")
    ap.add_argument("--input", default="input.md-search__input", help="CSS selector of the search input")
    ap.add_argument("--results", default=".md-search-result__list", help="CSS selector of the result list")
    ap.add_argument("--meta", default=".md-search-result__meta", help="CSS selector of the 'N results' line")
    ap.add_argument("--timeout", type=float, default=180, help="seconds to wait for search to answer")
    a = ap.parse_args(argv)
    sel = {"input": a.input, "list": a.results, "meta": a.meta, "open": 'label[for="__search"]',
           "item": ":scope > *"}
    src = a.src.resolve()
    sizes = [int(x) for x in a.sizes.split(",") if x.strip()]
    P = paragraph_count(src)
    ed_rel = edition_path(src)
    ed = __import__("yaml").safe_load((src / ed_rel).read_text(encoding="utf-8"))
    raw_text = ((src / ed_rel).parent / ed["source"]).stat().st_size  # each synthetic text has about its size
    tmp = Path(tempfile.mkdtemp(prefix="edition-search-bench-"))
    started = time.perf_counter()
    rows = []
    try:
        for times in sizes:
            for kind, make in (("edition", make_synthetic), ("plain", make_plain)):
                project = make(src, tmp / f"{kind}-x{times}", times)
                site = tmp / f"site-{kind}-x{times}"
                secs = build(project, site)
                print(f"  {times}x {kind}: built in {secs:.1f} s", flush=True)
                files = index_files(site, a.index_glob)
                if not files:
                    sys.exit(f"no search index under {site} (tried {a.index_glob!r}); pass --index-glob")
                data = b"".join(f.read_bytes() for f in files)
                gz = sum(len(gzip.compress(f.read_bytes(), compresslevel=6)) for f in files)
                breakdown = index_breakdown(files)
                shutil.rmtree(project)
                with Server(site) as server:
                    m = measure_browser(server.url, a.index_glob, sel, a.loads, a.timeout)
                shutil.rmtree(site)
                rows.append({"times": times, "label": f"{times}x {kind}", "paragraphs": P * times,
                             "raw": raw_text * times, "index": len(data), "gz": gz, "breakdown": breakdown,
                             "files": [str(f.relative_to(site)) for f in files], **m})
                print(f"  {times}x {kind}: measured", flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    report(rows)
    print(f"\nTotal benchmark time {time.perf_counter() - started:.0f} s")
    return 0


def _ok(flag: bool) -> str:
    return "meets target" if flag else "MISSES target"


def report(rows: list[dict]) -> None:
    med = statistics.median
    print()
    print(f"Search index size (target: index < {TARGET_INDEX_RATIO}x the raw text)")
    print(f"{'site':<12} {'paragraphs':>10} {'raw text':>10} {'index':>11} {'gzipped':>10} {'index/raw':>9} "
          f"{'gz/raw':>7}  target   files")
    for r in rows:
        ratio = r["index"] / r["raw"]
        print(f"{r['label']:<12} {r['paragraphs']:>10} {r['raw'] / 1e3:>8.1f}kB {r['index'] / 1e3:>9.1f}kB "
              f"{r['gz'] / 1e3:>8.1f}kB {ratio:>8.2f}x {r['gz'] / r['raw']:>6.2f}x  "
              f"{_ok(ratio < TARGET_INDEX_RATIO):<14} {', '.join(r['files'])}")

    for r in rows:
        b = r.get("breakdown")
        if b:
            parts = ", ".join(f"{k}/ {v / 1e3:.1f}kB ({v / r['raw']:.2f}x raw)"
                              for k, v in sorted(b.items(), key=lambda kv: -kv[1]))
            print(f"  {r['label']} index by page folder: {parts}")

    print()
    print("Index load in Chromium, cold (median of fresh page loads; ms since navigation start)")
    print(f"{'site':<12} {'page load':>10} {'index fetched':>14} {'sent to worker':>15} {'worker ready':>13} "
          f"{'1st results':>12} {'1st results - load':>19}")
    for r in rows:
        L = r["loads"]
        def m(key):
            vals = [x[key] for x in L if x[key] is not None]
            return f"{med(vals):.0f}" if vals else "n/a"
        print(f"{r['label']:<12} {m('load'):>10} {m('index_end'):>14} {m('setup_posted'):>15} "
              f"{m('worker_ready'):>13} "
              f"{m('first_results'):>12} {m('first_after_load'):>19}   ({len(L)} loads)")
    print("  index fetched = the index file downloaded (Resource Timing); sent to worker = the page posted it to")
    print("  the search worker; worker ready = the worker said READY (its search index is built);")
    print(f"  1st results = a query for {READY_WORD!r}, typed right after the load event, showed results:")
    print("  the wait of a reader who searches as soon as the page has loaded")

    print()
    print(f"Query latency, {len(QUERIES)} queries, typed -> result list re-rendered (target: median < {TARGET_MEDIAN_MS:.0f} ms)")
    print(f"{'site':<12} {'median ms':>10} {'p95 ms':>8} {'max ms':>8} {'median painted':>15} {'timeouts':>9}  target")
    for r in rows:
        ok = [q for q in r["queries"] if not q.get("timeout")]
        ms = [q["ms"] for q in ok]
        paint = [q["paintMs"] for q in ok]
        if ms:
            print(f"{r['label']:<12} {med(ms):>10.1f} {pct(ms, 95):>8.1f} {max(ms):>8.1f} {med(paint):>15.1f} "
                  f"{len(r['queries']) - len(ok):>9}  {_ok(med(ms) < TARGET_MEDIAN_MS)}")
        else:
            print(f"{r['label']:<12}  all queries timed out")
    print()
    print("Per query (ms, and the result line shown)")
    head = f"{'query':<22}" + "".join(f"{r['label'] + ' ms':>16} {'results':<24}" for r in rows)
    print(head)
    for i, q in enumerate(QUERIES):
        line = f"{q:<22}"
        for r in rows:
            x = r["queries"][i]
            line += (f"{'timeout':>16} {'':<24}" if x.get("timeout")
                     else f"{x['ms']:>16.1f} {x['meta'][:24]:<24}")
        print(line)


if __name__ == "__main__":
    sys.exit(main())
