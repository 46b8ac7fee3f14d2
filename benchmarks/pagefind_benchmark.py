"""Pagefind benchmark: the edition's search records indexed by Pagefind, measured like search_benchmark.py.

    .venv/bin/pip install 'pagefind[extended]==1.5.2'    # Python API + the pagefind binary (PyPI wheel)
    .venv/bin/python benchmarks/pagefind_benchmark.py     # from the repository root; ~3-6 min

Measured with pagefind 1.5.2 (PyPI `pagefind` + `pagefind-bin-extended` 1.5.2). Prints figures, asserts
nothing. The site itself is unchanged (Material + lunr); this only asks what Pagefind would cost/give.

For each size (1x = the real project, 100x = benchmarks/synthetic.make_synthetic) the edition is built
with `mkdocs build --strict` into a temporary folder, then a Pagefind index of the SAME records that
build_scripts/search_entries.py gives lunr is written into <site>/pagefind/ with Pagefind's Python API
(`PagefindIndex.add_custom_record`):

* one record per paragraph, url `text/<slug>/#pN`, content = the paragraph text + the standard names
  (lunr's `tags`) + the alternative spellings (lunr's `names`) of the entities it mentions, meta title
  "<section title> · ¶ N";
* one record per editorial note (`#fn:<id>`), one per section (title + summary);
* one record per entity page (`entities/<id>/`): name, native name, alternative names, summary.

Then the site is served on 127.0.0.1 and a text page is opened in Chromium (fresh, cache-less context):

* (a) index size: all files under pagefind/ on disk (raw and re-gzipped; Pagefind's index files are
  already gzip-compressed), the ratio to the raw text, the lunr index of the same build for comparison,
  and the bytes a page actually downloads (Playwright `requestfinished` + `sizes()`): for init, and for
  each query;
* (b) init, cold: `import('/pagefind/pagefind.js')` + `pf.init()` right after the load event, and the
  first results (search for a probe word + the first 10 results' `data()`) - what a reader waits;
* (c) query latency: search_benchmark.py's 20 queries, one after the other in the loaded page, each
  timed from `pf.search(q)` to the first 10 results' data loaded (what a UI needs to render a list),
  median and p95 (nearest rank); then the same 20 again (warm: chunks and fragments already fetched);
* (d) names-awareness: "Coulondre" must find the paragraphs that print "Colande"/"Cowlande", and
  "Chiang Kai-shek" those that say "the chairman"; the rank of the entity page and of those
  paragraphs (copy 0) is printed with Pagefind's default ranking and with a tuned one.

Targets (as in search_benchmark.py): query median < 50 ms; index < 1.5x the raw text.
"""
from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))
from search_benchmark import (CHROMIUM, CHROMIUM_ARGS, QUERIES, READY_WORD, TARGET_INDEX_RATIO,  # noqa: E402
                              TARGET_MEDIAN_MS, Server, _ok, build, pct)
from synthetic import edition_path, make_synthetic, paragraph_count  # noqa: E402

PAGEFIND_VERSION = "1.5.2"
# names-awareness: query -> the forms printed in the text that the query must still find
NAME_CHECKS = {"Coulondre": ["Colande", "Cowlande"], "Chiang Kai-shek": ["the chairman"]}
# a tuned ranking to try for the entity page and the paragraphs (Pagefind JS API `options({ranking})`):
# no penalty for long records, strong boost for a query matching the meta title / alternative names
TUNED_RANKING = {"pageLength": 0.0, "termFrequency": 1.0, "termSaturation": 2.0,
                 "metaWeights": {"title": 20.0, "names": 20.0}}


# -- the records -----------------------------------------------------------------------------------

def records(project: Path) -> tuple[list[dict], dict]:
    """Pagefind custom records built from the edition model, the same data as the lunr entries."""
    from build_scripts.edition import load_edition
    from build_scripts.render_pages import section_path
    from build_scripts.search_entries import search_entries

    ed = load_edition(project / edition_path(project), project)
    page_for_paragraph = {n: section_path(s) for s in ed.sections for n in range(s.first, s.last + 1)}
    title_of_page = {section_path(s): s.title for s in ed.sections}
    out: list[dict] = []
    for page, entries in search_entries(ed, page_for_paragraph).items():
        url = "/" + page[:-3] + "/"  # text/<slug>.md -> /text/<slug>/
        for e in entries:
            loc = e["location"]
            if loc.startswith("#p"):
                content = " ".join([e["text"], *e.get("tags", []), *e.get("names", [])])
                extra = len(content.encode()) - len(e["text"].encode())
                title = f"{title_of_page[page]} · {e['title']}"
            elif loc.startswith("#fn:"):
                content, title = e["text"], e["title"]
            else:  # the section entry
                content, title = " ".join(x for x in (e["title"], e["text"]) if x), e["title"]
            kind = {"#p": "paragraphs", "#f": "notes"}.get(loc[:2], "sections")
            out.append({"url": url + loc, "content": content, "meta": {"title": title}, "kind": kind})
            if kind == "paragraphs":  # the names appended to the text, counted apart
                out[-1]["names_bytes"] = extra
    for ent in ed.entities:
        names = [n for n in dict.fromkeys([ent.name, ent.native_name, *ent.alt_names]) if n]
        meta = {"title": ent.name}
        if ent.alt_names:
            meta["names"] = ", ".join(ent.alt_names)
        out.append({"url": f"/entities/{ent.id}/", "content": " ".join([*names, ent.summary]),
                    "meta": meta, "kind": "entities"})
    # what each name check expects: entity page and copy-0 paragraphs printing one of the forms
    expect = {}
    for q, forms in NAME_CHECKS.items():
        ent = next(e for e in ed.entities if q.lower() in (n.lower() for n in [e.name, *e.alt_names]))
        paras = sorted({m.paragraph for m in ed.mentions if m.entity == ent.id
                        and any(f.lower() == m.text.lower() for f in forms)
                        and m.paragraph <= len(ed.paragraphs) // max(1, _copies(project))})
        expect[q] = {"entity": f"/entities/{ent.id}/",
                     "paragraphs": {p: "/" + page_for_paragraph[p][:-3] + f"/#p{p}" for p in paras}}
    return out, expect


def _copies(project: Path) -> int:
    name = project.name  # edition-x<times>
    return int(name.rsplit("x", 1)[-1]) if name.startswith("edition-x") else 1


class _NoPollDelay:
    """pagefind 1.5.2's Python service polls the binary's stdout with `await asyncio.sleep(0.1)` before
    reading EACH response, so every add_custom_record costs >= 100 ms (200 records: 20 s; the 100x
    edition: ~20 min). The read that follows already waits for data, so the sleep only adds delay: this
    stand-in for the `asyncio` module of pagefind.service makes it sleep(0). Nothing else changes."""

    def __getattr__(self, name):
        return getattr(asyncio, name)

    @staticmethod
    async def sleep(_seconds, *args, **kw):
        await asyncio.sleep(0)


async def write_index(recs: list[dict], out: Path, patch_poll: bool = True) -> float:
    import pagefind.service
    from pagefind.index import PagefindIndex

    if patch_poll:
        pagefind.service.asyncio = _NoPollDelay()
    t0 = time.perf_counter()
    async with PagefindIndex() as index:
        for i in range(0, len(recs), 500):
            await asyncio.gather(*(index.add_custom_record(url=r["url"], content=r["content"], language="en",
                                                           meta=r["meta"]) for r in recs[i:i + 500]))
        await index.write_files(output_path=str(out))
    return time.perf_counter() - t0


# -- the browser -----------------------------------------------------------------------------------

INIT_JS = """
async ([probe]) => {
  const t0 = performance.now();
  const pf = await import('/pagefind/pagefind.js');
  const tImport = performance.now();
  await pf.init();
  const tInit = performance.now();
  const r = await pf.search(probe);
  const data = await Promise.all(r.results.slice(0, 10).map(x => x.data()));
  const tFirst = performance.now();
  window.__pf = pf;
  const nav = performance.getEntriesByType('navigation')[0];
  return {load: nav.loadEventEnd, start: t0, imported: tImport, init: tInit, first: tFirst,
          count: r.results.length, shown: data.length};
}
"""

QUERY_JS = """
async ([q]) => {
  const pf = window.__pf;
  const t0 = performance.now();
  const r = await pf.search(q);
  const tSearch = performance.now();
  const data = await Promise.all(r.results.slice(0, 10).map(x => x.data()));
  const t1 = performance.now();
  return {ms: t1 - t0, searchMs: tSearch - t0, count: r.results.length,
          top: data.slice(0, 3).map(d => d.meta && d.meta.title)};
}
"""

RANKS_JS = """
async ([q, ranking, limit]) => {
  const pf = await import('/pagefind/pagefind.js');
  if (ranking) await pf.options({ranking});
  await pf.init();
  const r = await pf.search(q);
  const data = await Promise.all(r.results.slice(0, limit).map(x => x.data()));
  return {count: r.results.length, urls: data.map(d => d.url), titles: data.slice(0, 5).map(d => d.meta.title)};
}
"""


def measure_browser(base: str, text_url: str, loads: int, expect: dict, rank_limit: int) -> dict:
    from playwright.sync_api import sync_playwright

    out: dict = {"loads": [], "queries": [], "warm": [], "names": {}}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            for i in range(loads):
                ctx = browser.new_context()
                page = ctx.new_page()
                reqs: list = []
                page.on("requestfinished", lambda req: reqs.append(req))
                page.goto(base + text_url, wait_until="load")
                n_page = len(reqs)
                r = page.evaluate(INIT_JS, [READY_WORD])
                page.wait_for_timeout(50)  # let the last requestfinished events arrive
                pf_reqs = [q for q in reqs[n_page:] if "/pagefind/" in q.url]
                init_bytes = sum(q.sizes()["responseBodySize"] for q in pf_reqs)
                out["loads"].append({**r, "bytes": init_bytes, "requests": len(pf_reqs)})
                if i < loads - 1:
                    ctx.close()
            for rounds, key in ((1, "queries"), (1, "warm")):
                for q in QUERIES:
                    page.wait_for_timeout(100)
                    before = len(reqs)
                    x = page.evaluate(QUERY_JS, [q])
                    page.wait_for_timeout(30)
                    new = [rq for rq in reqs[before:] if "/pagefind/" in rq.url]
                    x["bytes"] = sum(rq.sizes()["responseBodySize"] for rq in new)
                    x["requests"] = len(new)
                    out[key].append({"q": q, **x})
            ctx.close()
            for label, ranking in (("default", None), ("tuned", TUNED_RANKING)):
                for q, exp in expect.items():
                    ctx = browser.new_context()
                    page = ctx.new_page()
                    page.goto(base + text_url, wait_until="load")
                    x = page.evaluate(RANKS_JS, [q, ranking, rank_limit])
                    urls = x["urls"]
                    rank = lambda u: (urls.index(u) + 1) if u in urls else None  # noqa: E731
                    out["names"][(label, q)] = {
                        "count": x["count"], "entity_rank": rank(exp["entity"]), "top": x["titles"],
                        "paragraphs": {n: rank(u) for n, u in exp["paragraphs"].items()}}
                    ctx.close()
        finally:
            browser.close()
    return out


# -- main ------------------------------------------------------------------------------------------

def index_part(rel: Path) -> str:
    """index data (what grows with the text) vs the fixed runtime (JS, WebAssembly, the bundled UIs)."""
    if rel.parts[0] in ("fragment", "index", "filter") or rel.suffix == ".pf_meta" or rel.name == "pagefind-entry.json":
        return f"index data: {rel.parts[0] if len(rel.parts) > 1 else 'meta/entry'}"
    if rel.name in ("pagefind.js", "pagefind-worker.js") or rel.name.startswith("wasm."):
        return "runtime: search (pagefind.js, worker, wasm)"
    return "runtime: bundled UIs (not needed with the JS API)"


def dir_size(d: Path) -> tuple[int, int, int]:
    files = [p for p in d.rglob("*") if p.is_file()]
    raw = sum(p.stat().st_size for p in files)
    gz = sum(len(gzip.compress(p.read_bytes(), compresslevel=6)) for p in files)
    return raw, gz, len(files)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Pagefind index size and in-browser search speed for the edition.")
    ap.add_argument("--src", type=Path, default=ROOT)
    ap.add_argument("--sizes", default="1,100")
    ap.add_argument("--loads", type=int, default=3, help="cold page loads per size (median reported)")
    ap.add_argument("--unpatched-service", action="store_true",
                    help="do not remove the 100 ms poll delay of pagefind's Python service (very slow at 100x)")
    ap.add_argument("--rank-limit", type=int, default=1000, help="results whose data is loaded for the name checks")
    a = ap.parse_args(argv)
    src = a.src.resolve()
    sizes = [int(x) for x in a.sizes.split(",") if x.strip()]
    P = paragraph_count(src)
    ed_rel = edition_path(src)
    tmp = Path(tempfile.mkdtemp(prefix="edition-pagefind-bench-"))
    started = time.perf_counter()
    rows = []
    try:
        for times in sizes:
            project = make_synthetic(src, tmp / f"edition-x{times}", times)
            site = tmp / f"site-x{times}"
            secs = build(project, site)
            ed = __import__("yaml").safe_load((project / ed_rel).read_text(encoding="utf-8"))
            raw_text = ((project / ed_rel).parent / ed["source"]).stat().st_size
            t0 = time.perf_counter()
            recs, expect = records(project)
            t_recs = time.perf_counter() - t0
            t_index = asyncio.run(write_index(recs, site / "pagefind", not a.unpatched_service))
            print(f"  {times}x: built in {secs:.1f} s; {len(recs)} records in {t_recs:.1f} s; "
                  f"Pagefind index written in {t_index:.1f} s", flush=True)
            pf_raw, pf_gz, pf_files = dir_size(site / "pagefind")
            by_kind: dict[str, int] = {}
            for f in (site / "pagefind").rglob("*"):
                if f.is_file():
                    k = index_part(f.relative_to(site / "pagefind"))
                    by_kind[k] = by_kind.get(k, 0) + f.stat().st_size
            data_files = [f for f in (site / "pagefind").rglob("*")
                          if f.is_file() and index_part(f.relative_to(site / "pagefind")).startswith("index data")]
            data_raw = sum(f.stat().st_size for f in data_files)
            data_gz = sum(len(gzip.compress(f.read_bytes(), compresslevel=6)) for f in data_files)
            lunr = site / "search" / "search_index.json"
            lunr_raw = lunr.stat().st_size if lunr.exists() else 0
            lunr_gz = len(gzip.compress(lunr.read_bytes(), compresslevel=6)) if lunr.exists() else 0
            content_bytes = sum(len(r["content"].encode()) + len(json.dumps(r["meta"]).encode()) for r in recs)
            content_by_kind: dict[str, int] = {}
            for rec in recs:
                n = len(rec["content"].encode()) - rec.get("names_bytes", 0)
                content_by_kind[rec["kind"]] = content_by_kind.get(rec["kind"], 0) + n
                if rec.get("names_bytes"):
                    content_by_kind["names added to paragraphs"] = (content_by_kind.get("names added to paragraphs", 0)
                                                                    + rec["names_bytes"])
            shutil.rmtree(project)
            text_url = min(str(p.parent.relative_to(site)) for p in (site / "text").glob("*/index.html")) + "/"
            with Server(site) as server:
                m = measure_browser(server.url.rstrip("/") + "/", text_url, a.loads, expect, a.rank_limit)
            shutil.rmtree(site)
            rows.append({"times": times, "paragraphs": P * times, "raw": raw_text, "records": len(recs),
                         "content": content_bytes, "content_by_kind": content_by_kind, "data": data_raw,
                         "data_gz": data_gz, "pf": pf_raw, "pf_gz": pf_gz, "pf_files": pf_files,
                         "by_kind": by_kind, "lunr": lunr_raw, "lunr_gz": lunr_gz, "index_s": t_index,
                         "expect": expect, **m})
            print(f"  {times}x: measured", flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    report(rows)
    print(f"\nTotal benchmark time {time.perf_counter() - started:.0f} s")
    return 0


def report(rows: list[dict]) -> None:
    med = statistics.median
    print()
    print(f"Pagefind {PAGEFIND_VERSION} index size (target: index < {TARGET_INDEX_RATIO}x the raw text)")
    print(f"{'size':>5} {'records':>8} {'raw text':>10} {'index data':>11} {'re-gzip':>10} {'data/raw':>8} "
          f"{'all pagefind/':>14} {'files':>6} {'all/raw':>8} {'lunr json':>11} {'lunr gz':>9} {'lunr/raw':>8}  target (data)")
    for r in rows:
        ratio = r["data"] / r["raw"]
        print(f"{str(r['times']) + 'x':>5} {r['records']:>8} {r['raw'] / 1e3:>8.1f}kB {r['data'] / 1e3:>9.1f}kB "
              f"{r['data_gz'] / 1e3:>8.1f}kB {ratio:>7.2f}x {r['pf'] / 1e3:>12.1f}kB {r['pf_files']:>6} "
              f"{r['pf'] / r['raw']:>7.2f}x {r['lunr'] / 1e3:>9.1f}kB "
              f"{r['lunr_gz'] / 1e3:>7.1f}kB {r['lunr'] / r['raw']:>7.2f}x  {_ok(ratio < TARGET_INDEX_RATIO)}")
    for r in rows:
        parts = "; ".join(f"{k} {v / 1e3:.1f}kB" for k, v in sorted(r["by_kind"].items(), key=lambda kv: -kv[1]))
        print(f"  {r['times']}x pagefind/: {parts}")
        print(f"  {r['times']}x text given to Pagefind (content + meta) {r['content'] / 1e3:.1f}kB "
              f"({r['content'] / r['raw']:.2f}x raw): "
              + ", ".join(f"{k} {v / 1e3:.1f}kB" for k, v in sorted(r["content_by_kind"].items(), key=lambda kv: -kv[1]))
              + f"; index written in {r['index_s']:.1f} s")
    print("  Pagefind's pf_index/pf_fragment/pf_meta files are gzip-compressed on disk, so 're-gzip' ~ raw;")
    print("  the lunr JSON is served as is (a server may gzip it on the fly: 'lunr gz').")

    print()
    print("Init in Chromium, cold, right after the load event of a text page (median; ms)")
    print(f"{'size':>5} {'page load':>10} {'import js':>10} {'init':>8} {'1st results':>12} "
          f"{'1st results - load':>19} {'downloaded':>11} {'requests':>9}")
    for r in rows:
        L = r["loads"]
        print(f"{str(r['times']) + 'x':>5} {med([x['load'] for x in L]):>10.0f} "
              f"{med([x['imported'] - x['start'] for x in L]):>10.0f} {med([x['init'] - x['start'] for x in L]):>8.0f} "
              f"{med([x['first'] - x['start'] for x in L]):>12.0f} {med([x['first'] - x['load'] for x in L]):>19.0f} "
              f"{med([x['bytes'] for x in L]) / 1e3:>9.1f}kB {med([x['requests'] for x in L]):>9.0f}   ({len(L)} loads)")
    print(f"  import/init/1st results: ms after the script starts (= just after load); 1st results = pf.search({READY_WORD!r})")
    print("  + data() of its first 10 results; downloaded = bytes of pagefind/ files fetched for all of that")

    print()
    print(f"Query latency, {len(QUERIES)} queries, pf.search -> first 10 results' data loaded "
          f"(target: median < {TARGET_MEDIAN_MS:.0f} ms)")
    print(f"{'size':>5} {'pass':>5} {'median ms':>10} {'p95 ms':>8} {'max ms':>8} {'med search-only':>16} "
          f"{'median kB':>10} {'total kB':>9}  target")
    for r in rows:
        for key in ("queries", "warm"):
            Q = r[key]
            ms = [q["ms"] for q in Q]
            print(f"{str(r['times']) + 'x':>5} {key[:5]:>5} {med(ms):>10.1f} {pct(ms, 95):>8.1f} {max(ms):>8.1f} "
                  f"{med([q['searchMs'] for q in Q]):>16.1f} {med([q['bytes'] for q in Q]) / 1e3:>10.1f} "
                  f"{sum(q['bytes'] for q in Q) / 1e3:>9.1f}  {_ok(med(ms) < TARGET_MEDIAN_MS)}")
    print("  'queries' = first time each query runs in the page (fetches its index chunks and 10 fragments);")
    print("  'warm' = the same 20 again; kB = pagefind/ bytes that query downloaded")
    print()
    print("Per query (first pass: ms, results, kB downloaded, top result)")
    print(f"{'query':<22}" + "".join(f"{str(r['times']) + 'x ms':>9} {'results':>8} {'kB':>7}  {'top result':<38}"
                                      for r in rows))
    for i, q in enumerate(QUERIES):
        line = f"{q:<22}"
        for r in rows:
            x = r["queries"][i]
            top = (x["top"][0] if x["top"] else "") or ""
            line += f"{x['ms']:>9.1f} {x['count']:>8} {x['bytes'] / 1e3:>7.1f}  {top[:38]:<38}"
        print(line)

    print()
    print("Names-awareness (copy 0): rank of the entity page and of the paragraphs that print another form")
    for r in rows:
        for (label, q), x in r["names"].items():
            paras = ", ".join(f"¶{n}: {'#' + str(k) if k else 'MISSING'}" for n, k in x["paragraphs"].items())
            ent = f"#{x['entity_rank']}" if x["entity_rank"] else "MISSING"
            print(f"  {str(r['times']) + 'x':>4} {label:<8} {q!r:<18} {x['count']:>5} results; entity page "
                  f"{ent:<8}; {paras}")
            print(f"  {'':>4} {'':<8} top 5: {' | '.join(t or '' for t in x['top'])}")
    print(f"  ('tuned' = pf.options({{ranking: {json.dumps(TUNED_RANKING)}}}); ranks over the first "
          f"results whose data was loaded; MISSING = not among them)")


if __name__ == "__main__":
    sys.exit(main())
