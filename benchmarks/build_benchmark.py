"""Build time: the edition's whole build against a plain Material build of the same generated pages, in one run.

    .venv/bin/python benchmarks/build_benchmark.py                 # ~10-20 min on two cores
    .venv/bin/python benchmarks/build_benchmark.py --times 10 --rounds 3 --no-profile    # a quicker look

Prints figures, asserts nothing (the targets of issue 18 are printed beside them). On a snapshot of the engine
(harness.py), three comparisons, each alternating the edition's build and the plain build round by round (the order
flips every round), medians of --rounds (default 5):

(a) cold: `python -m build_scripts.commands.build EDITION --site-dir … --docs-dir '' --site-url …` (what `make build`
    runs: prepare, render, finish) with the cache of pure work (.cache/pure/) deleted first, against `mkdocs build` of
    a minimal mkdocs.yml (theme material, the same Markdown extensions, no overrides, no hooks) over the folder the
    prepare stage wrote for that edition;
(b) rebuild: the same command after one note's words were edited (a different word each round), the cache, the site
    and the record of what its last build rendered kept from the build before (renderer/reuse.py renders again only
    the pages that changed), against the same plain build;
(c) the edition with --times (default 100) distinct texts of its main text's shape (synthetic.py), cold, against the
    plain build of its own prepared folder.

Then, unless --no-profile, one cold and one warm 1x build under cProfile: the seconds of each stage and of each
component (the engine's packages, citeproc, lxml, MkDocs, Python-Markdown, Jinja2, Pagefind's binary, ...).
"""
from __future__ import annotations

import argparse
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from harness import (EDITION, cold, dir_size, load, plain_build, prepare_plain, run_build,  # noqa: E402
                     snapshot)
from synthetic import _dump_yaml, _load_yaml, make_synthetic  # noqa: E402

SITE_URL = "http://127.0.0.1:8000/moscow-1936/"
TARGETS = {"cold": 1.3, "rebuild": 1.1, "times": 1.3}
# A different word each round: the note changes every time, so no rebuild finds its own output cached.
EDIT_WORDS = ["plainly", "clearly", "largely", "merely", "partly", "simply", "wholly", "truly", "fairly", "nearly"]


def edit_note(edition_file: Path, round_no: int) -> str:
    """Edit the words of the edition's first note: one word of its prose replaced (a different one each round).
    Returns what changed."""
    ed = _load_yaml(edition_file)
    notes_file = edition_file.parent / ed["notes"]
    notes = _load_yaml(notes_file)
    note = notes["notes"][0]
    text = note["text"]
    prose = re.split(r"[\[\(`*_<]", text, maxsplit=1)[0]  # before any link, code or emphasis
    word = next((m for m in re.finditer(r"\b[a-z]{4,}\b", prose)), None)
    new = EDIT_WORDS[round_no % len(EDIT_WORDS)]
    if word is None:
        note["text"] = text.rstrip() + f" {new.capitalize()}."
        change = f"appended '{new.capitalize()}.'"
    else:
        note["text"] = text[:word.start()] + new + text[word.end():]
        change = f"'{word.group()}' -> '{new}'"
    _dump_yaml(notes, notes_file)
    return f"note 1 (¶{note['paragraph']}): {change}"


def alternate(label: str, rounds: int, edition, plain, before_edition=None) -> dict:
    """`rounds` alternating rounds of edition() and plain(); before_edition(r) runs untimed before each edition build."""
    runs = {"edition": [], "plain": []}
    for r in range(rounds):
        order = ("edition", "plain") if r % 2 == 0 else ("plain", "edition")
        for kind in order:
            if kind == "edition" and before_edition:
                before_edition(r)
            result = edition() if kind == "edition" else plain()
            runs[kind].append(result)
            stages = " ".join(f"{k} {v:.2f}" for k, v in result.items() if k in ("prepare", "render", "finish"))
            if result.get("reused"):
                stages += f"  ({result['reused']} pages reused)"
            print(f"  {label} round {r + 1}/{rounds} {kind:<8} {result['wall']:6.2f} s  {stages}", flush=True)
    return runs


def summarise(name: str, runs: dict, paragraphs: int, target: float, sizes: tuple[int, int]) -> dict:
    ed = [x["wall"] for x in runs["edition"]]
    pl = [x["wall"] for x in runs["plain"]]
    stages = {k: statistics.median(x[k] for x in runs["edition"]) for k in ("prepare", "render", "finish")
              if all(k in x for x in runs["edition"])}
    return {"name": name, "paragraphs": paragraphs, "edition": statistics.median(ed), "plain": statistics.median(pl),
            "ratio": statistics.median(ed) / statistics.median(pl),
            "paired": statistics.median(e / p for e, p in zip(ed, pl)), "target": target, "ed_runs": ed, "pl_runs": pl,
            "stages": stages, "ed_mb": sizes[0] / 1e6, "pl_mb": sizes[1] / 1e6}


def print_table(rows: list[dict]) -> None:
    print()
    print("Build time, wall seconds (median of alternating rounds; edition = the build command, plain = mkdocs build)")
    print(f"{'comparison':<34} {'¶':>6} {'edition':>8} {'plain':>7} {'ratio':>6} {'paired':>6} {'target':>7}   "
          f"{'prepare':>7} {'render':>7} {'finish':>7}   {'site MB':>13}   runs edition | plain")
    for r in rows:
        st = r["stages"]
        runs = " ".join(f"{x:.2f}" for x in r["ed_runs"]) + " | " + " ".join(f"{x:.2f}" for x in r["pl_runs"])
        verdict = "meets" if r["ratio"] <= r["target"] else "MISSES"
        print(f"{r['name']:<34} {r['paragraphs']:>6} {r['edition']:>8.2f} {r['plain']:>7.2f} {r['ratio']:>6.2f} "
              f"{r['paired']:>6.2f} {'≤' + str(r['target']):>7}   {st.get('prepare', 0):>7.2f} {st.get('render', 0):>7.2f} "
              f"{st.get('finish', 0):>7.2f}   {r['ed_mb']:>5.1f} / {r['pl_mb']:<5.1f}   {runs}  ({verdict})")
    print("  ratio = median edition / median plain; paired = the median of each round's own ratio (the two builds of a")
    print("  round ran back to back, so a burst of load elsewhere weighs on both).")
    print("  prepare/render/finish: the medians of the seconds the build command prints for its stages (in its own")
    print("  process; the rest of its wall time is starting Python and importing). Site MB: edition / plain site.")


# -- where the time goes (cProfile) -------------------------------------------------------------------------

def component(filename: str) -> str:
    f = filename.replace("\\", "/")
    if f.startswith("~") or f == "" or f.startswith("<"):
        return "builtin"
    if "/build_scripts/" in f:
        part = f.split("/build_scripts/", 1)[1].split("/")
        return "engine: " + (part[0] if len(part) > 1 else part[0].removesuffix(".py"))
    if "/site-packages/" not in f:
        return "stdlib"
    pkg = f.split("/site-packages/", 1)[1]
    for prefix, name in (("material/plugins/search", "Material search plugin"), ("markdown/", "Python-Markdown"),
                         ("pymdownx/", "Python-Markdown"), ("mkdocs/", "MkDocs"), ("material/", "Material (other)"),
                         (("jinja2/", "markupsafe/"), "Jinja2"), (("pydantic", "yaml/", "_yaml"), "YAML + pydantic"),
                         ("citeproc", "citeproc-py"), ("lxml/", "lxml"), ("pagefind", "pagefind (Python side)")):
        if pkg.startswith(prefix):
            return name
    return pkg.split("/", 1)[0].split(".", 1)[0] + " (package)"


def attribute(stats: dict) -> dict[str, float]:
    """Exclusive seconds per component; stdlib and built-in time is charged to the calling component."""
    memo: dict = {}
    visiting: set = set()

    def owners(func) -> dict[str, float]:
        if func in memo:
            return memo[func]
        cat = component(func[0])
        if cat not in ("stdlib", "builtin"):
            return {cat: 1.0}
        if func in visiting:
            return {}
        visiting.add(func)
        share: dict[str, float] = defaultdict(float)
        total = 0.0
        for caller, edge in (stats[func][4] if func in stats else {}).items():
            w = edge[2] if isinstance(edge, tuple) else 0.0
            if w <= 0:
                continue
            sub = owners(caller)
            if not sub:
                continue
            total += w
            for c, x in sub.items():
                share[c] += w * x
        visiting.discard(func)
        memo[func] = {c: x / total for c, x in share.items()} if total > 0 else {"stdlib/builtin (uncharged)": 1.0}
        return memo[func]

    out: dict[str, float] = defaultdict(float)
    for func, (cc, nc, tt, ct, callers) in stats.items():
        for c, x in owners(func).items():
            out[c] += tt * x
    return dict(out)


def profile(engine: Path, edition_file: Path, tmp: Path, is_cold: bool) -> None:
    if is_cold:
        cold(engine)
    prof = tmp / "build.prof"
    cmd = [sys.executable, "-m", "cProfile", "-o", str(prof), "-m", "build_scripts.commands.build", str(edition_file),
           "--site-dir", str(tmp / "site-prof"), "--docs-dir", "", "--site-url", SITE_URL]
    t0 = time.perf_counter()
    subprocess.run(cmd, cwd=engine, check=True, capture_output=True, env={**__import__("os").environ,
                                                                        "PYTHONPATH": str(engine)})
    wall = time.perf_counter() - t0
    st = pstats.Stats(str(prof))
    stats, total = st.stats, st.total_tt  # type: ignore[attr-defined]
    print()
    print(f"Profile of one {'cold' if is_cold else 'warm (cache kept)'} 1x build: {wall:.1f} s wall under cProfile, {total:.1f} s profiled in Python "
          "(time waiting for Pagefind's binary counts where Python waits for it)")

    def cum(suffix: str, name: str) -> float:
        return sum(v[3] for k, v in stats.items() if k[0].replace("\\", "/").endswith(suffix) and k[2] == name)

    print("  stages and steps (cumulative seconds under the profiler)")
    for label, secs in [
        ("prepare (build.prepare)", cum("build_scripts/build.py", "prepare")),
        ("  read_edition: load + annotate", cum("build_scripts/build.py", "read_edition")),
        ("  render_site", cum("build_scripts/render/pages.py", "render_site")),
        ("  search_records", cum("build_scripts/outputs/search_records.py", "search_records")),
        ("  write_docs", cum("build_scripts/outputs/write_docs.py", "write_docs")),
        ("render (MkDocs + Material)", cum("build_scripts/commands/build.py", "render_mkdocs")),
        ("  Markdown -> HTML (Page.render)", cum("mkdocs/structure/pages.py", "render")),
        ("  templates (_build_page)", cum("mkdocs/commands/build.py", "_build_page")),
        ("finish", cum("build_scripts/finish/__init__.py", "finish")),
        ("  check of every page (SiteCheck.run)", cum("build_scripts/finish/check.py", "run")),
        ("  Pagefind index (write_index)", cum("build_scripts/finish/search_index.py", "write_index")),
    ]:
        print(f"    {label:<44} {secs:>7.2f} s {100 * secs / total:>5.1f}%")
    print("  exclusive time by component (stdlib and C built-ins charged to their caller)")
    comp = attribute(stats)
    rest = 0.0
    for c, secs in sorted(comp.items(), key=lambda kv: -kv[1]):
        if secs < 0.01 * total:
            rest += secs
            continue
        print(f"    {c:<44} {secs:>7.2f} s {100 * secs / total:>5.1f}%")
    print(f"    {'(each under 1%)':<44} {rest:>7.2f} s {100 * rest / total:>5.1f}%")
    print("  top 12 functions by cumulative time (below 90% of the total)")
    shown = 0
    for func, (cc, nc, tt, ct, _) in sorted(stats.items(), key=lambda kv: kv[1][3], reverse=True):
        if ct > 0.9 * total:
            continue
        f = func[0].replace("\\", "/")
        f = f.split("/site-packages/", 1)[-1] if "/site-packages/" in f else (
            "build_scripts/" + f.split("/build_scripts/", 1)[1] if "/build_scripts/" in f else f.rsplit("/", 1)[-1])
        print(f"    {ct:>7.2f} s {nc:>8} calls  {f}:{func[1]}({func[2]})")
        shown += 1
        if shown == 12:
            break


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Build time of the edition against a plain Material build.")
    ap.add_argument("--edition", type=Path, default=EDITION, help="the edition file (default seeds/edition.yml)")
    ap.add_argument("--rounds", type=int, default=5, help="alternating rounds per comparison (default 5)")
    ap.add_argument("--times", type=int, default=100, help="distinct texts for (c) (default 100; 0 skips it)")
    ap.add_argument("--no-profile", action="store_true", help="skip the profile of one cold build")
    a = ap.parse_args(argv)
    started = time.perf_counter()
    tmp = Path(tempfile.mkdtemp(prefix="edition-build-bench-"))
    rows = []
    try:
        engine = snapshot(tmp / "engine")
        print(f"Engine snapshot of {HERE.parent} in {engine}; Python {sys.version.split()[0]}; {load()}", flush=True)
        ed1 = make_synthetic(a.edition.resolve(), tmp / "edition-x1", 1)  # a copy: (b) edits its notes
        plain1 = prepare_plain(engine, ed1, tmp / "plain-x1", SITE_URL)
        from synthetic import read
        n1 = len(read(ed1).paragraphs)
        site = tmp / "site-x1"

        def cold_build():
            cold(engine)
            return run_build(engine, ed1, site, SITE_URL)

        runs = alternate("(a) cold 1x", a.rounds, cold_build, lambda: plain_build(plain1))
        sizes = (dir_size(site), dir_size(plain1.parent / "site"))
        rows.append(summarise("(a) cold build, 1x", runs, n1, TARGETS["cold"], sizes))

        run_build(engine, ed1, site, SITE_URL)  # the cache as the last build left it, for the rebuilds
        edits = []
        runs = alternate("(b) rebuild 1x", a.rounds, lambda: run_build(engine, ed1, site, SITE_URL, keep=True),
                         lambda: plain_build(plain1), before_edition=lambda r: edits.append(edit_note(ed1, r)))
        rows.append(summarise("(b) rebuild after a note's edit, 1x", runs, n1, TARGETS["rebuild"], sizes))
        print("  edits: " + "; ".join(edits), flush=True)

        if a.times > 1:
            t0 = time.perf_counter()
            edn = make_synthetic(a.edition.resolve(), tmp / f"edition-x{a.times}", a.times)
            plainn = prepare_plain(engine, edn, tmp / f"plain-x{a.times}", SITE_URL)
            nn = len(read(edn).paragraphs)
            print(f"  {a.times}x edition ({nn} paragraphs) and its plain folder made in "
                  f"{time.perf_counter() - t0:.0f} s", flush=True)
            siten = tmp / f"site-x{a.times}"

            def cold_n():
                cold(engine)
                return run_build(engine, edn, siten, SITE_URL)

            runs = alternate(f"(c) cold {a.times}x", a.rounds, cold_n, lambda: plain_build(plainn))
            sizes = (dir_size(siten), dir_size(plainn.parent / "site"))
            rows.append(summarise(f"(c) cold build, {a.times}x distinct texts", runs, nn, TARGETS["times"], sizes))
            shutil.rmtree(tmp / f"edition-x{a.times}", ignore_errors=True)
            shutil.rmtree(siten, ignore_errors=True)
        print_table(rows)
        print(f"  after the timed rounds: {load()}")
        if not a.no_profile:
            profile(engine, ed1, tmp, is_cold=True)
            profile(engine, ed1, tmp, is_cold=False)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"\nTotal benchmark time {time.perf_counter() - started:.0f} s; {load()} "
          "(other work on the machine inflates every figure, the edition's and the plain build's alike)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
