"""Search in a browser: how soon a reader who searches right after a page has loaded sees results, how fast queries
answer, and what a query downloads, for the edition at 1x and 100x distinct texts.

    .venv/bin/python benchmarks/search_benchmark.py                    # ~5-10 min on two cores
    .venv/bin/python benchmarks/search_benchmark.py --sizes 1 --loads 3

Prints figures, asserts nothing (the targets of issue 18 beside them). For each size the edition (synthetic.py) is built
by the build command on a snapshot of the engine (harness.py), served gzipped from 127.0.0.1 under its path prefix
(tests/support.py's static host) at the address it was built for, and opened in Debian's Chromium (Playwright) in a
fresh context (no cache) for every load:

* first results: on the main text's first page, right after the load event, the header's search button
  (`.ed-search-button`) is clicked and the word typed into `.ed-search-input` (value + an `input` event); the time
  until the first `.ed-search-result` is in the page. It includes everything a reader waits for: the search script's
  80 ms pause after typing, Pagefind's script, WebAssembly and index chunks, the result fragments and the rendering.
  Median of --loads fresh loads, for each word of --words (a common and a rare one);
* bytes: what those loads fetched from the moment the button was clicked (every request of the browser context,
  the page's and Pagefind's worker's: response headers + body as sent, and the number of requests), split into
  Pagefind's runtime (pagefind.js, its worker, the WebAssembly, pagefind-entry.json, the meta file), index chunks
  and result fragments;
* Pagefind's API alone (import, search, the data of the first 10 and of 60 results) in a fresh page: a lower bound,
  and what the search script would gain by showing the first results before fetching the data of the others;
* query latency: the 20 queries of QUERIES typed one after another into the open dialog of the last load, twice
  (first pass: each fetches its own chunks and fragments; second pass: from the browser's memory). Each is timed in
  the page: `run` = from the moment the search script starts the query (it marks the result box aria-busy) until it
  has rendered the results (aria-busy removed), i.e. Pagefind's search + the first 60 results' data + rendering;
  `first ten` = from the same start until the query's first results are in the box (the script shows ten before
  fetching the data of the rest); `typed` = from the input event (the 80 ms pause included) until the end of
  `run`. Median and 95th percentile (nearest rank).
"""
from __future__ import annotations

import argparse
import math
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from harness import EDITION, load, run_build, snapshot, text_page  # noqa: E402
from support import CHROMIUM, CHROMIUM_ARGS, PREFIX, dir_size, free_port, serve  # noqa: E402
from synthetic import make_synthetic, read  # noqa: E402

QUERIES = ["Litvinov", "Coulondre", "Blyukher", "non-aggression pact", "Spain", "Bogomolov", "Chiang Kai-shek",
           "Davies", "Kalinin", "Red Square", "Vladivostok", "GPU", "mutual assistance", "Carmen", "Stalin",
           "Japan", "coalition", "Weng Wenhao", "Franco-Soviet", "Chilston"]
WORDS = "Moscow,Coulondre"  # one-word queries for the first results and the bytes: a common word and a rare name
TARGETS = {1: 300.0, 100: 500.0}  # first results after load, ms
TARGET_MEDIAN_MS = 50.0

# Right after the load event: click the search button, type the word, wait for the first result.
FIRST_JS = """
async ([q, timeoutMs]) => {
  const t0 = performance.now();
  const until = (test) => new Promise((resolve) => {
    const done = () => { const v = test(); if (v) { obs.disconnect(); clearTimeout(timer); resolve(v); return true; } };
    const obs = new MutationObserver(done);
    const timer = setTimeout(() => { obs.disconnect(); resolve(null); }, timeoutMs);
    if (!done()) obs.observe(document.documentElement, {childList: true, subtree: true, attributes: true});
  });
  const button = await until(() => document.querySelector(".ed-search-button"));
  if (!button) return {error: "no .ed-search-button on the page"};
  const tClick = performance.now();
  button.click();
  const input = document.querySelector(".ed-search-input");
  if (!input) return {error: "the dialog has no .ed-search-input"};
  input.value = q;
  input.dispatchEvent(new Event("input", {bubbles: true}));
  const first = await until(() => document.querySelector(".ed-search-results .ed-search-result"));
  if (!first) return {timeout: true};
  const tFirst = performance.now();
  const nav = performance.getEntriesByType("navigation")[0];
  return {load: nav.loadEventEnd, start: t0, click: tClick, first: tFirst, waited: tFirst - tClick,
          results: document.querySelectorAll(".ed-search-results .ed-search-result").length};
}
"""

# Pagefind's own API in a fresh page, no interface: what the search script could show first. Search, then the data
# of the first 10 results, then of the next 50 (the script waits for all 60 before it shows any).
API_JS = """
async ([q, root]) => {
  const t0 = performance.now();
  const pf = await import(root + "pagefind/pagefind.js");
  await pf.options({baseUrl: root, excerptLength: 24});
  pf.init();
  const found = await pf.search(q);
  const tSearch = performance.now();
  await Promise.all(found.results.slice(0, 10).map(r => r.data()));
  const t10 = performance.now();
  await Promise.all(found.results.slice(10, 60).map(r => r.data()));
  const t60 = performance.now();
  return {search: tSearch - t0, first10: t10 - t0, all60: t60 - t0, n: found.results.length};
}
"""

# One query in the open dialog: input event -> the search starts (aria-busy) -> results rendered (aria-busy removed).
QUERY_JS = """
async ([q, timeoutMs]) => {
  const input = document.querySelector(".ed-search-input");
  const box = document.querySelector(".ed-search-results");
  if (!input || !box) return {error: "the search dialog is not open"};
  return await new Promise((resolve) => {
    let t0 = 0, tRun = null, tShown = null;
    const obs = new MutationObserver((records) => {
      const busy = box.getAttribute("aria-busy") === "true";
      const now = performance.now();
      if (busy && tRun === null) tRun = now;
      // The first results of this query in the box (the script renders the first ten before the rest).
      if (tRun !== null && tShown === null && records.some((r) => r.type === "childList")) tShown = now;
      if (!busy && tRun !== null) {
        obs.disconnect(); clearTimeout(timer);
        const tEnd = now;
        requestAnimationFrame(() => requestAnimationFrame(() => resolve({
          typed: tEnd - t0, run: tEnd - tRun, shown: (tShown === null ? tEnd : tShown) - tRun,
          painted: performance.now() - t0, results: box.querySelectorAll(".ed-search-result").length})));
      }
    });
    obs.observe(box, {attributes: true, attributeFilter: ["aria-busy"], childList: true});
    const timer = setTimeout(() => { obs.disconnect(); resolve({timeout: true}); }, timeoutMs);
    t0 = performance.now();
    input.value = q;
    input.dispatchEvent(new Event("input", {bubbles: true}));
  });
}
"""


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[max(0, math.ceil(p / 100 * len(s)) - 1)]


def kind_of(url: str) -> str:
    name = url.split("?")[0].rsplit("/", 1)[-1]
    if "/pagefind/fragment/" in url:
        return "fragments"
    if "/pagefind/index/" in url:
        return "index chunks"
    if "/pagefind/" in url:
        return "runtime"  # pagefind.js, pagefind-entry.json, wasm.*.pagefind, pagefind.*.pf_meta
    return f"other ({name})"


class Traffic:
    """Every request of a browser context (the page's and its workers': Pagefind fetches from a worker, which the
    page's Resource Timing does not see), with the bytes of its response as sent (headers + body)."""

    def __init__(self, ctx):
        self.started, self.done = [], []
        ctx.on("request", lambda r: self.started.append(r))
        ctx.on("requestfinished", self.finished)
        ctx.on("requestfailed", lambda r: self.done.append({"name": r.url, "transfer": 0}))

    def finished(self, request):
        try:
            sizes = request.sizes()
            size = sizes["responseBodySize"] + sizes["responseHeadersSize"]
        except Exception:  # a request whose response was dropped (the page went on)
            size = 0
        self.done.append({"name": request.url, "transfer": size})

    def mark(self):
        self.started, self.done = [], []

    def settled(self, page, timeout_s: float) -> list[dict]:
        deadline = time.monotonic() + timeout_s
        while len(self.done) < len(self.started) and time.monotonic() < deadline:
            page.evaluate("() => new Promise(r => setTimeout(r, 20))")  # lets Playwright deliver pending events
        return list(self.done)


def measure(url: str, root: str, words: list[str], loads: int, timeout_s: float) -> dict:
    from playwright.sync_api import sync_playwright

    out: dict = {"first": {w: [] for w in words}, "queries": {1: [], 2: []}, "api": []}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = ctx = None
            for i in range(loads):
                for w in words:
                    if ctx:
                        ctx.close()
                    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
                    traffic = Traffic(ctx)
                    page = ctx.new_page()
                    page.goto(url, wait_until="load", timeout=timeout_s * 1000)
                    traffic.settled(page, timeout_s)
                    traffic.mark()  # from here: what searching fetches
                    r = page.evaluate(FIRST_JS, [w, timeout_s * 1000])
                    if r.get("error") or r.get("timeout"):
                        raise SystemExit(f"search for {w!r} on {url}: {r}")
                    r["fetched"] = traffic.settled(page, timeout_s)
                    out["first"][w].append(r)
            for i in range(loads):  # the lower bound: Pagefind's API, no interface
                api_ctx = browser.new_context()
                api_page = api_ctx.new_page()
                api_page.goto(url, wait_until="load", timeout=timeout_s * 1000)
                out["api"].append(api_page.evaluate(API_JS, [words[0], root]))
                api_ctx.close()
            for p in (1, 2):
                for q in QUERIES:
                    r = page.evaluate(QUERY_JS, [q, timeout_s * 1000])
                    if r.get("error"):
                        raise SystemExit(f"query {q!r}: {r['error']}")
                    out["queries"][p].append({"q": q, **r})
            ctx.close()
        finally:
            browser.close()
    return out


def report(rows: list[dict], words: list[str]) -> None:
    med = statistics.median
    print()
    print("First results after a query typed right after load (ms from the click on the search button; median of "
          "fresh loads)")
    print(f"{'size':<6} {'¶':>6} {'word':<11} {'first results':>13} {'target':>7} {'page load':>9} "
          f"{'results':>7}   runs")
    for r in rows:
        for w in words:
            runs = r["m"]["first"][w]
            waited = [x["waited"] for x in runs]
            target = TARGETS.get(r["times"])
            verdict = "" if target is None else ("meets" if med(waited) <= target else "MISSES")
            print(f"{str(r['times']) + 'x':<6} {r['paragraphs']:>6} {w:<11} {med(waited):>13.0f} "
                  f"{('≤' + str(int(target))) if target else '':>7} {med(x['load'] for x in runs):>9.0f} "
                  f"{runs[0]['results']:>7}   {' '.join(f'{x:.0f}' for x in waited)}  {verdict}")
    print()
    print("Bytes fetched by a one-word query in a fresh page (from the click to the first results, the page's and its")
    print("workers' requests; response headers + body as sent, gzip where the host compresses; median of the loads)")
    print(f"{'size':<6} {'word':<11} {'total KB':>9} {'requests':>8}   by kind (KB, requests)")
    for r in rows:
        for w in words:
            per_load = []
            for x in r["m"]["first"][w]:
                kinds: dict[str, list[int]] = {}
                for f in x["fetched"]:
                    k = kinds.setdefault(kind_of(f["name"]), [0, 0])
                    k[0] += f["transfer"]
                    k[1] += 1
                per_load.append((sum(f["transfer"] for f in x["fetched"]), len(x["fetched"]), kinds))
            total, n, kinds = sorted(per_load, key=lambda t: t[0])[len(per_load) // 2]
            parts = ", ".join(f"{k} {v[0] / 1024:.1f} ({v[1]})" for k, v in sorted(kinds.items()))
            print(f"{str(r['times']) + 'x':<6} {w:<11} {total / 1024:>9.1f} {n:>8}   {parts}")
    print()
    print(f"Pagefind's API alone in a fresh page, {words[0]!r} (ms from import; median of the loads): what the search")
    print("script could show first if it rendered the first 10 results before fetching the data of the other 50")
    print(f"{'size':<6} {'search':>8} {'+10 results':>12} {'+60 results':>12} {'matches':>8}")
    for r in rows:
        api = r["m"]["api"]
        print(f"{str(r['times']) + 'x':<6} {med(x['search'] for x in api):>8.0f} {med(x['first10'] for x in api):>12.0f} "
              f"{med(x['all60'] for x in api):>12.0f} {api[0]['n']:>8}")
    print()
    print(f"Query latency, {len(QUERIES)} queries in the open dialog (ms; target: median < {TARGET_MEDIAN_MS:.0f} ms "
          "for the search itself)")
    print(f"{'size':<6} {'pass':<6} {'run median':>10} {'run p95':>8} {'run max':>8} {'first ten':>9} "
          f"{'typed median':>12} {'painted median':>14} {'timeouts':>8}")
    for r in rows:
        for p in (1, 2):
            qs = [q for q in r["m"]["queries"][p] if not q.get("timeout")]
            run = [q["run"] for q in qs]
            if not run:
                print(f"{str(r['times']) + 'x':<6} {p:<6} all timed out")
                continue
            verdict = "meets" if med(run) < TARGET_MEDIAN_MS else "MISSES"
            print(f"{str(r['times']) + 'x':<6} {('first' if p == 1 else 'again'):<6} {med(run):>10.1f} "
                  f"{pct(run, 95):>8.1f} {max(run):>8.1f} {med(q['shown'] for q in qs):>9.1f} "
                  f"{med(q['typed'] for q in qs):>12.1f} "
                  f"{med(q['painted'] for q in qs):>14.1f} {len(r['m']['queries'][p]) - len(qs):>8}  {verdict}")
    print("  run = the search script's own work (Pagefind search, data of the first 60 results, rendering);")
    print("  first ten = the same, until the query's first results are in the box (its first ten, or 'no results');")
    print("  typed = from the input event, with the script's 80 ms pause after typing; painted = two frames later.")
    print()
    print("Per query, first pass (run ms / results shown)")
    print(f"{'query':<22}" + "".join(f"{str(r['times']) + 'x':>16}" for r in rows))
    for i, q in enumerate(QUERIES):
        cells = []
        for r in rows:
            x = r["m"]["queries"][1][i]
            cells.append(f"{'timeout':>16}" if x.get("timeout") else f"{x['run']:>9.1f} / {x['results']:<4}")
        print(f"{q:<22}" + "".join(cells))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Search speed and bytes in Chromium, 1x and 100x.")
    ap.add_argument("--edition", type=Path, default=EDITION)
    ap.add_argument("--sizes", default="1,100", help="distinct texts, comma-separated (default 1,100)")
    ap.add_argument("--loads", type=int, default=5, help="fresh page loads per word and size (default 5)")
    ap.add_argument("--words", default=WORDS, help=f"one-word queries typed after load (default {WORDS})")
    ap.add_argument("--timeout", type=float, default=120, help="seconds to wait for search to answer")
    a = ap.parse_args(argv)
    words = [w.strip() for w in a.words.split(",") if w.strip()]
    started = time.perf_counter()
    tmp = Path(tempfile.mkdtemp(prefix="edition-search-bench-"))
    rows = []
    try:
        engine = snapshot(tmp / "engine")
        print(f"Engine snapshot in {engine}; {load()}", flush=True)
        for times in [int(x) for x in a.sizes.split(",") if x.strip()]:
            ed = make_synthetic(a.edition.resolve(), tmp / f"edition-x{times}", times)
            port = free_port()
            site_url = f"http://127.0.0.1:{port}{PREFIX}"
            site = tmp / f"site-x{times}"
            built = run_build(engine, ed, site, site_url)
            n = len(read(ed).paragraphs)
            path = text_page(ed)
            pf = site / "pagefind"
            print(f"  {times}x: {n} paragraphs, built in {built['wall']:.1f} s; pagefind/ {dir_size(pf) / 1e6:.2f} MB "
                  f"in {sum(1 for f in pf.rglob('*') if f.is_file())} files; page {path}", flush=True)
            base, server = serve(site, PREFIX, compress=True, port=port)
            try:
                m = measure(f"{base}/{path}", PREFIX, words, a.loads, a.timeout)
            finally:
                server.shutdown()
            rows.append({"times": times, "paragraphs": n, "m": m})
            shutil.rmtree(site, ignore_errors=True)
            print(f"  {times}x measured; {load()}", flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    report(rows, words)
    print(f"\nTotal benchmark time {time.perf_counter() - started:.0f} s; {load()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
