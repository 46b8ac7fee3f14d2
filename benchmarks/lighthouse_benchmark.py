"""Lighthouse on a text page of the edition and of a plain Material site of the same text, measured in the same
run (alternating), both served gzipped as a static host serves them. Prints medians; asserts nothing.

    .venv/bin/python benchmarks/lighthouse_benchmark.py [--runs 3] [--page text/carmen-at-the-bolshoi/]

The performance score depends on the machine and its load: compare the two sites of one run, not runs.
Needs `make test` to have installed Chromium and the pinned Lighthouse (node_modules/).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from conftest import mkdocs_build, serve  # noqa: E402
from synthetic import make_plain  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"


def lighthouse(url: str, out: Path) -> dict:
    env = dict(os.environ, CHROME_PATH="/usr/bin/chromium")
    subprocess.run([str(LIGHTHOUSE), url, "--output=json", f"--output-path={out}", "--quiet",
                    "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking"],
                   check=True, env=env, timeout=240, capture_output=True)
    report = json.loads(out.read_text())
    requests = report["audits"]["network-requests"]["details"]["items"]
    return {"performance": report["categories"]["performance"]["score"],
            "lcp_ms": report["audits"]["largest-contentful-paint"]["numericValue"],
            "tbt_ms": report["audits"]["total-blocking-time"]["numericValue"],
            "requests": len(requests), "kb": sum(r.get("transferSize", 0) for r in requests) / 1024}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--page", default="text/carmen-at-the-bolshoi/")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        result = mkdocs_build(tmp / "edition", site_url="http://127.0.0.1/edition/")
        if result.returncode:
            print(result.stderr)
            return 1
        plain = make_plain(ROOT, tmp / "plain-project", 1)
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(tmp / "plain")], cwd=plain, check=True,
                       env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
        sites = {"edition": serve(tmp / "edition", "/edition/", compress=True),
                 "plain": serve(tmp / "plain", "/plain/", compress=True)}
        rows: dict[str, list[dict]] = {name: [] for name in sites}
        try:
            for i in range(args.runs):
                for name in (("edition", "plain") if i % 2 == 0 else ("plain", "edition")):
                    base = sites[name][0]
                    rows[name].append(lighthouse(f"{base}/{args.page}", tmp / f"{name}-{i}.json"))
        finally:
            for _, server in sites.values():
                server.shutdown()
    print(f"Lighthouse (mobile emulation, default throttling), {args.page}, medians of {args.runs} alternating runs")
    print("| site | performance | LCP ms | TBT ms | requests | KB transferred |")
    print("|---|---|---|---|---|---|")
    for name, runs in rows.items():
        med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
        each = ", ".join(f"{r['performance']:.2f}" for r in runs)
        print(f"| {name} | {med['performance']:.2f} ({each}) "
              f"| {med['lcp_ms']:.0f} | {med['tbt_ms']:.0f} | {med['requests']:.0f} | {med['kb']:.1f} |")
    load = os.getloadavg()[0]
    print(f"load average at the end: {load:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
