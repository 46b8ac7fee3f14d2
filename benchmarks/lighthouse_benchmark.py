"""Lighthouse on a text page of the edition and the same page of the plain Material site, in one run.

    .venv/bin/python benchmarks/lighthouse_benchmark.py [--runs 5] [--page text/carmen-at-the-bolshoi/]

Prints medians, asserts nothing. The edition is built by the build command on a snapshot of the engine (harness.py);
the plain site is Material as it comes rendering the same prepared pages (harness.prepare_plain: theme material, the
same Markdown extensions and navigation, no overrides, hooks, CSS or scripts of the edition). Both are served gzipped
from 127.0.0.1 under their path, at the address they were built for (tests/support.py), and Lighthouse 12 (the
pinned npm package, Debian's Chromium; mobile emulation, default throttling) runs on the page of each in alternating
runs (the order flips every run). The performance score depends on the machine's load: compare the two sites of one
run, not runs.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from harness import EDITION, load, plain_build, prepare_plain, run_build, snapshot  # noqa: E402
from support import free_port, lighthouse, serve  # noqa: E402
from synthetic import make_synthetic  # noqa: E402

PREFIXES = {"edition": "/moscow-1936/", "plain": "/plain/", "themed": "/themed/"}


def figures(report: dict) -> dict:
    requests = report["audits"]["network-requests"]["details"]["items"]
    return {"performance": report["categories"]["performance"]["score"],
            "fcp_ms": report["audits"]["first-contentful-paint"]["numericValue"],
            "lcp_ms": report["audits"]["largest-contentful-paint"]["numericValue"],
            "tbt_ms": report["audits"]["total-blocking-time"]["numericValue"],
            "cls": report["audits"]["cumulative-layout-shift"]["numericValue"],
            "requests": len(requests), "kb": sum(r.get("transferSize", 0) for r in requests) / 1024,
            # Not medians: what the last run names as the page's costs (for the report, not the table).
            "blocking": [(i["url"], i.get("wastedMs", 0)) for i in
                         (report["audits"].get("render-blocking-resources", {}).get("details") or {}).get("items", [])],
            "bootup": [(i["url"], i.get("scripting", 0)) for i in
                       (report["audits"].get("bootup-time", {}).get("details") or {}).get("items", [])],
            "shifts": [((i.get("node") or {}).get("selector") or (i.get("node") or {}).get("snippet") or "?",
                        i.get("score", 0)) for i in
                       (report["audits"].get("layout-shifts", {}).get("details") or {}).get("items", [])]}


NUMBERS = ("performance", "fcp_ms", "lcp_ms", "tbt_ms", "cls", "requests", "kb")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--edition", type=Path, default=EDITION)
    ap.add_argument("--runs", type=int, default=5, help="Lighthouse runs per site (default 5)")
    ap.add_argument("--page", default="text/carmen-at-the-bolshoi/", help="the page, relative to the site's root")
    a = ap.parse_args(argv)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="edition-lighthouse-") as tmp:
        tmp = Path(tmp)
        engine = snapshot(tmp / "engine")
        print(f"Engine snapshot in {engine}; {load()}", flush=True)
        ed = make_synthetic(a.edition.resolve(), tmp / "edition", 1)
        ports = {name: free_port() for name in PREFIXES}
        urls = {name: f"http://127.0.0.1:{ports[name]}{PREFIXES[name]}" for name in PREFIXES}
        run_build(engine, ed, tmp / "edition-site", urls["edition"])
        plain_build(prepare_plain(engine, ed, tmp / "plain", urls["plain"]))
        plain_build(prepare_plain(engine, ed, tmp / "themed", urls["themed"], themed=True))
        folders = {"edition": tmp / "edition-site", "plain": tmp / "plain" / "site", "themed": tmp / "themed" / "site"}
        servers = {name: serve(folders[name], PREFIXES[name], compress=True, port=ports[name]) for name in PREFIXES}
        rows: dict[str, list[dict]] = {name: [] for name in PREFIXES}
        try:
            for i in range(a.runs):
                for name in (list(PREFIXES) if i % 2 == 0 else list(PREFIXES)[::-1]):
                    base = servers[name][0]
                    rows[name].append(figures(lighthouse(f"{base}/{a.page}", tmp / f"{name}-{i}.json")))
                    print(f"  run {i + 1}/{a.runs} {name:<8} performance {rows[name][-1]['performance']:.2f}",
                          flush=True)
        finally:
            for _, server in servers.values():
                server.shutdown()
    print()
    print(f"Lighthouse 12 (mobile emulation, default throttling), {a.page}, medians of {a.runs} alternating runs")
    print("| site | performance (each run) | FCP ms | LCP ms | TBT ms | CLS | requests | KB transferred |")
    print("|---|---|---|---|---|---|---|---|")
    med = {}
    for name, runs in rows.items():
        med[name] = {k: statistics.median(r[k] for r in runs) for k in NUMBERS}
        m = med[name]
        each = ", ".join(f"{r['performance']:.2f}" for r in runs)
        print(f"| {name} | {m['performance']:.2f} ({each}) | {m['fcp_ms']:.0f} | {m['lcp_ms']:.0f} | {m['tbt_ms']:.0f} "
              f"| {m['cls']:.3f} | {m['requests']:.0f} | {m['kb']:.1f} |")
    for name, runs in rows.items():
        last = runs[-1]
        print(f"{name}, last run: render-blocking " + (", ".join(f"{u.rsplit('/', 1)[-1]} ~{ms:.0f} ms"
                                                                for u, ms in last["blocking"]) or "none")
              + "; script main-thread time " + ", ".join(f"{u.rsplit('/', 1)[-1] or u} {ms:.0f} ms"
                                                         for u, ms in last["bootup"][:5])
              + "; layout shifts " + (", ".join(f"{sel} {score:.3f}" for sel, score in last["shifts"][:4]) or "none"))
    for other in ("plain", "themed"):
        verdict = "meets" if med["edition"]["performance"] >= med[other]["performance"] else "MISSES"
        print(f"target: the edition's performance ≥ the {other} site's: {verdict}")
    print(f"\nTotal benchmark time {time.perf_counter() - started:.0f} s; {load()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
