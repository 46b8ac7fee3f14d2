"""Build-time benchmark: the annotated edition against a plain Material site of the same text.

    .venv/bin/python benchmarks/build_benchmark.py            # from the repository root, ~4-6 minutes

Prints figures, asserts nothing. Three parts:

1. `mkdocs build --strict` wall time of the edition and of a plain Material site (same text, same
   sections, no hook, no extension, no annotations) at 1x and 100x the real text, alternating the two
   in one run (the order flips every round), medians reported.
2. One 100x edition build under cProfile: the top functions by cumulative time, and the exclusive
   time per component (build_scripts = the annotation pass and the edition's Markdown extension,
   Python-Markdown, MkDocs, Material's search plugin, Jinja2 templates, ...). Time spent in the
   standard library and in C built-ins is charged to the component that called it.
3. Linearity of the annotation pass: `load_edition` + `render_site` in-process at 1x, 10x, 50x, 100x,
   in seconds per 1000 paragraphs.

Every project is generated in a temporary folder (see synthetic.py) which is removed at the end.
"""
from __future__ import annotations

import argparse
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from synthetic import edition_path, make_plain, make_synthetic, paragraph_count  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}


# -- timing whole builds -----------------------------------------------------------------------------

def clean_generated_docs(project: Path) -> None:
    """Remove what the hook generated in docs/, so that every build starts clean."""
    docs = project / "docs"
    for p in docs.iterdir() if docs.is_dir() else ():
        if p.name == ".keep":
            continue
        shutil.rmtree(p) if p.is_dir() else p.unlink()


def mkdocs_build(project: Path, site: Path, prefix: list[str] | None = None, nav_cache: bool = True) -> float:
    """Wall seconds of one `mkdocs build --strict` in a subprocess (fails loudly); without the navigation cache,
    every group of nav links is rendered afresh on every page, as Material's own template does."""
    if site.exists():
        shutil.rmtree(site)
    cmd = [sys.executable, *(prefix or []), "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)]
    t0 = time.perf_counter()
    env = ENV if nav_cache else dict(ENV, EDITION_NAV_CACHE="off")
    r = subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True)
    dt = time.perf_counter() - t0
    if r.returncode:
        sys.exit(f"build failed in {project} ({' '.join(cmd)}):\n{r.stdout[-3000:]}\n{r.stderr[-3000:]}")
    return dt


def dir_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def time_builds(tmp: Path, sizes: dict[int, int], src: Path, deadline: float) -> list[dict]:
    """Alternating rounds; a later round of the largest size is skipped (and said so) if the rest of the
    benchmark (estimated from the first round) would no longer fit before the deadline."""
    rows = []
    P = paragraph_count(src)
    for times, rounds in sizes.items():
        ed = make_synthetic(src, tmp / f"edition-x{times}", times)
        plain = make_plain(src, tmp / f"plain-x{times}", times)
        t = {"edition": [], "plain": [], "no cache": []}
        size = {}
        skipped = 0
        for r in range(rounds):
            if r and times == max(sizes):
                ed_s, pl_s = t["edition"][0], t["plain"][0]
                # this round + profile (~1.4x a build) + linearity (~0.5x a build)
                if time.perf_counter() + ed_s + pl_s + 1.9 * ed_s > deadline:
                    skipped = rounds - r
                    print(f"  {times:>4}x rounds {r + 1}-{rounds} skipped: they would not fit the time budget "
                          f"(--budget)", flush=True)
                    break
            order = ("edition", "plain") if r % 2 == 0 else ("plain", "edition")
            if r == 0:  # once per size: the edition with its navigation cache off, for what the cache saves
                order += ("no cache",)
            for kind in order:
                project = plain if kind == "plain" else ed
                if project is ed:
                    clean_generated_docs(project)
                site = tmp / f"site-{kind.replace(' ', '-')}-x{times}"
                t[kind].append(mkdocs_build(project, site, nav_cache=kind != "no cache"))
                size[kind] = dir_size(site)
                shutil.rmtree(site)
                print(f"  {times:>4}x round {r + 1}/{rounds} {kind:<7} {t[kind][-1]:7.2f} s", flush=True)
        e, p = statistics.median(t["edition"]), statistics.median(t["plain"])
        rows.append({"times": times, "paragraphs": P * times, "edition": e, "plain": p, "ratio": e / p,
                     "no_cache": t["no cache"][0], "no_cache_ratio": t["no cache"][0] / p,
                     "ed_runs": t["edition"], "pl_runs": t["plain"], "skipped": skipped,
                     "ed_mb": size["edition"] / 1e6, "pl_mb": size["plain"] / 1e6})
        if times != max(sizes):  # the biggest project is reused by the profile
            shutil.rmtree(ed), shutil.rmtree(plain)
        else:
            shutil.rmtree(plain)
    return rows


def print_build_table(rows: list[dict]) -> None:
    print()
    print("Build time, mkdocs build --strict (median of alternating rounds, wall seconds)")
    print(f"{'size':>5} {'paragraphs':>10} {'edition s':>10} {'plain s':>8} {'ratio':>6}   "
          f"{'edition site MB':>15} {'plain site MB':>13}   runs (edition | plain)")
    for r in rows:
        runs = " ".join(f"{x:.2f}" for x in r["ed_runs"]) + " | " + " ".join(f"{x:.2f}" for x in r["pl_runs"])
        print(f"{str(r['times']) + 'x':>5} {r['paragraphs']:>10} {r['edition']:>10.2f} {r['plain']:>8.2f} "
              f"{r['ratio']:>6.2f}   {r['ed_mb']:>15.1f} {r['pl_mb']:>13.1f}   {runs}"
              + (f"  ({r['skipped']} round(s) skipped for time)" if r["skipped"] else ""))
    print("Without the navigation cache (EDITION_NAV_CACHE=off: Material's nav rendered afresh for every page,")
    print("as the plain site renders it; one run each):")
    for r in rows:
        print(f"{str(r['times']) + 'x':>5} {r['paragraphs']:>10} {r['no_cache']:>10.2f} {r['plain']:>8.2f} "
              f"{r['no_cache_ratio']:>6.2f}")


# -- where the time goes (cProfile) ---------------------------------------------------------------

def component(filename: str) -> str:
    f = filename.replace("\\", "/")
    if f.startswith("~") or f == "" or f.startswith("<"):
        return "builtin"
    if "/build_scripts/" in f:
        return "build_scripts"
    if "/site-packages/" not in f:
        return "stdlib"
    pkg = f.split("/site-packages/", 1)[1]
    if pkg.startswith(("material/plugins/search", "mkdocs/contrib/search")):
        return "search plugin"
    if pkg.startswith("markdown/"):
        return "Python-Markdown"
    if pkg.startswith("mkdocs/"):
        return "MkDocs"
    if pkg.startswith("material/"):
        return "Material (other)"
    if pkg.startswith(("jinja2/", "markupsafe/")):
        return "Jinja2 templates"
    if pkg.startswith(("pydantic", "yaml/", "_yaml")):
        return "YAML + pydantic"
    top = pkg.split("/", 1)[0].split(".", 1)[0]
    return f"{top} (package)"


RENDERING = ("Python-Markdown", "MkDocs", "Material (other)", "Jinja2 templates", "search plugin")


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
        if func in visiting:  # recursion among stdlib frames: charged through the outer call
            return {}
        visiting.add(func)
        share: dict[str, float] = defaultdict(float)
        total = 0.0
        for caller, edge in (stats[func][4] if func in stats else {}).items():
            w = edge[2] if isinstance(edge, tuple) else 0.0  # own time of func when called from caller
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


def short(func: tuple) -> str:
    file, line, name = func
    f = file.replace("\\", "/")
    if "/site-packages/" in f:
        f = f.split("/site-packages/", 1)[1]
    elif "/build_scripts/" in f:
        f = "build_scripts/" + f.split("/build_scripts/", 1)[1]
    elif f.startswith("~"):
        return name
    else:
        f = "/".join(f.split("/")[-2:])
    return f"{f}:{line}({name})"


def find(stats: dict, file_suffix: str, name: str) -> float:
    return sum(v[3] for k, v in stats.items() if k[0].replace("\\", "/").endswith(file_suffix) and k[2] == name)


def profile_build(project: Path, tmp: Path, times: int) -> None:
    prof = tmp / "build.prof"
    clean_generated_docs(project)
    wall = mkdocs_build(project, tmp / "site-prof", prefix=["-m", "cProfile", "-o", str(prof)])
    shutil.rmtree(tmp / "site-prof", ignore_errors=True)
    st = pstats.Stats(str(prof))
    stats = st.stats  # type: ignore[attr-defined]
    total = st.total_tt  # type: ignore[attr-defined]
    P = paragraph_count(project) // times
    print()
    print(f"Profile of one {times}x edition build ({P * times} paragraphs): {wall:.1f} s wall under cProfile, "
          f"{total:.1f} s profiled")
    print()
    print("Top 15 functions by cumulative time (entry wrappers above 97% of the total omitted)")
    print(f"{'cumulative s':>12} {'% total':>7} {'own s':>7} {'calls':>9}  function")
    ranked = sorted(stats.items(), key=lambda kv: kv[1][3], reverse=True)
    shown = 0
    for func, (cc, nc, tt, ct, _) in ranked:
        if ct > 0.97 * total:
            continue
        print(f"{ct:>12.2f} {100 * ct / total:>6.1f}% {tt:>7.2f} {nc:>9}  {short(func)}")
        shown += 1
        if shown == 15:
            break

    print()
    print("Phases (cumulative seconds, under the profiler)")
    phases = [
        ("annotation pass: hook on_config (total)", find(stats, "build_scripts/mkdocs_hooks.py", "on_config")),
        ("  load_edition (read, validate, find mentions)", find(stats, "build_scripts/edition.py", "load_edition")),
        ("    find_mentions", find(stats, "build_scripts/mentions.py", "find_mentions")),
        ("  render_site (write Markdown in memory)", find(stats, "build_scripts/render_pages.py", "render_site")),
        ("  write_docs (files under docs/)", find(stats, "build_scripts/write_docs.py", "write_docs")),
        ("Markdown -> HTML, all pages (Page.render)", find(stats, "mkdocs/structure/pages.py", "render")),
        ("  edition Markdown extension: paragraph blocks", find(stats, "build_scripts/markdown_edition.py", "run")),
        ("  edition Markdown extension: gap marks", find(stats, "build_scripts/markdown_edition.py", "handleMatch")),
        ("page templates + search entries (_build_page)", find(stats, "mkdocs/commands/build.py", "_build_page")),
        ("  search plugin: on_page_context", find(stats, "plugins/search/plugin.py", "on_page_context")
         + find(stats, "contrib/search/__init__.py", "on_page_context")),
        ("search index written (search on_post_build)", find(stats, "plugins/search/plugin.py", "on_post_build")
         + find(stats, "contrib/search/__init__.py", "on_post_build")),
    ]
    for label, secs in phases:
        print(f"  {label:<52} {secs:>8.2f} s  {100 * secs / total:>5.1f}%")

    print()
    print("build_scripts functions by cumulative time (top 10, nested calls overlap)")
    own = sorted(((k, v) for k, v in stats.items() if component(k[0]) == "build_scripts"),
                 key=lambda kv: kv[1][3], reverse=True)[:10]
    for func, (cc, nc, tt, ct, _) in own:
        print(f"  {ct:>8.2f} s {100 * ct / total:>5.1f}%  {nc:>7} calls  {short(func)}")

    print()
    print("Exclusive time by component (stdlib/C built-ins charged to their caller)")
    comp = attribute(stats)
    rest = 0.0
    for c, secs in sorted(comp.items(), key=lambda kv: -kv[1]):
        if secs < 0.005 * total:
            rest += secs
            continue
        print(f"  {c:<28} {secs:>8.2f} s  {100 * secs / total:>5.1f}%")
    print(f"  {'(everything else)':<28} {rest:>8.2f} s  {100 * rest / total:>5.1f}%")
    bs = comp.get("build_scripts", 0.0)
    rendering = sum(v for k, v in comp.items() if k in RENDERING)
    hook = find(stats, "build_scripts/mkdocs_hooks.py", "on_config")
    print(f"  => build_scripts.* own code: {bs:.2f} s ({100 * bs / total:.1f}%); the whole annotation pass "
          f"(hook on_config, with the libraries it calls): {hook:.2f} s ({100 * hook / total:.1f}%)")
    print(f"  => MkDocs + Python-Markdown + templates + search: {rendering:.2f} s ({100 * rendering / total:.1f}%)")


# -- linearity of the annotation pass ---------------------------------------------------------------

def render_site_args(render_site, project: Path) -> list:
    """Any argument render_site takes beyond the edition, taken from mkdocs.yml as the hook would."""
    import inspect

    params = [p for p in inspect.signature(render_site).parameters.values()
              if p.default is inspect.Parameter.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)][1:]
    if not params:
        return []
    from mkdocs.config import load_config

    cwd = os.getcwd()
    try:
        os.chdir(project)
        cfg = load_config(config_file=str(project / "mkdocs.yml"))
    finally:
        os.chdir(cwd)
    return [cfg[p.name] for p in params]


def linearity(tmp: Path, sizes: list[int], src: Path) -> None:
    sys.path.insert(0, str(src))  # the snapshot's build_scripts, the code that was built above
    import build_scripts
    from build_scripts.edition import load_edition
    from build_scripts.render_pages import render_site

    if Path(build_scripts.__file__).resolve().parent.parent != src.resolve():
        print(f"  warning: build_scripts imported from {build_scripts.__file__}, not from {src}")

    ed_rel = edition_path(src)
    P = paragraph_count(src)
    extra_args = render_site_args(render_site, src)
    print()
    print("Annotation pass in-process: load_edition + render_site (best of repeats)")
    print(f"{'size':>5} {'paragraphs':>10} {'load s':>8} {'render s':>9} {'total s':>8} {'s/1000 para':>12} "
          f"{'marginal s/1000':>16} {'pages':>6}")
    prev = None
    for times in sizes:
        project = make_synthetic(src, tmp / f"lin-x{times}", times)
        reps = 5 if times == 1 else 3 if times <= 10 else 1
        best = None
        for _ in range(reps):
            t0 = time.perf_counter()
            ed = load_edition(project / ed_rel, project)
            t1 = time.perf_counter()
            site = render_site(ed, *extra_args)
            t2 = time.perf_counter()
            cur = (t1 - t0, t2 - t1)
            best = cur if best is None or sum(cur) < sum(best) else best
        n = P * times
        per = 1000 * sum(best) / n
        marginal = f"{1000 * (sum(best) - prev[1]) / (n - prev[0]):>16.4f}" if prev else f"{'':>16}"
        prev = (n, sum(best))
        print(f"{str(times) + 'x':>5} {n:>10} {best[0]:>8.3f} {best[1]:>9.3f} {sum(best):>8.3f} {per:>12.4f} "
              f"{marginal} {len(site.pages):>6}")
        shutil.rmtree(project)
    print("  marginal = extra seconds per extra 1000 paragraphs since the previous size. Linear: the marginal")
    print("  column stays flat (s/1000 falls at first because fixed costs - glossary pages - are spread out);")
    print("  a marginal rate that grows with size means some step is super-linear.")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Build-time benchmark of the edition vs a plain Material site.")
    ap.add_argument("--src", type=Path, default=ROOT, help="the project (default: this repository)")
    ap.add_argument("--quick", action="store_true", help="smoke test: 1 round at 1x and 10x, profile at 10x")
    ap.add_argument("--budget", type=float, default=600,
                    help="seconds; a second 100x round is skipped if it would not fit (default 600)")
    a = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="edition-build-bench-"))
    started = time.perf_counter()
    try:
        # One snapshot of the code and data: every figure below measures the same state of the project,
        # even if someone edits the working tree while the benchmark runs.
        src = make_synthetic(a.src.resolve(), tmp / "snapshot", 1)
        print(f"Project {a.src.resolve()} (snapshot); {paragraph_count(src)} paragraphs in the real text; "
              f"Python {sys.version.split()[0]}; {os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.2f}")
        sizes = {1: 1, 10: 1} if a.quick else {1: 3, 10: 2, 100: 2}
        rows = time_builds(tmp, sizes, src, started + a.budget)
        print_build_table(rows)
        big = max(sizes)
        profile_build(tmp / f"edition-x{big}", tmp, big)
        shutil.rmtree(tmp / f"edition-x{big}", ignore_errors=True)
        linearity(tmp, [1, 10] if a.quick else [1, 10, 50, 100], src)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"\nTotal benchmark time {time.perf_counter() - started:.0f} s; load average {os.getloadavg()[0]:.2f} "
          "(other work on the machine inflates every figure)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
