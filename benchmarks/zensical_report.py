"""The edition rendered by the other renderers: what a Zensical build has and lacks against MkDocs', and how a
ProperDocs build differs from MkDocs' byte for byte.

    .venv/bin/python benchmarks/zensical_report.py          # ~2-4 min; installs the renderers into /tmp on first use

Prints a report, asserts nothing. On a snapshot of the engine (harness.py) the prepare stage writes the edition's
folder once; then the renderer's configuration (build_scripts/renderer/config.py) is written for each renderer and the
same folder is rendered:

* MkDocs 1.6.1 + Material (the project's, pinned): the reference, with the engine's title hook, as `make build`;
* Zensical (ZENSICAL below, into its own venv under /tmp, never the project's): the same configuration without the
  hook (Zensical runs none). Zensical resolves docs_dir, site_dir and custom_dir inside the configuration's folder
  only, so its configuration is written beside them with relative paths;
* ProperDocs (PROPERDOCS below, into another venv under /tmp, with Material and the Markdown extensions at the
  project's pins, --no-deps so that no MkDocs comes with them): the same configuration as MkDocs, hook included, and
  once more without the hook.

Then the finishing stage (finish/: the check of every page, the Pagefind index) runs on each output, and the report
prints: ProperDocs against MkDocs, every file byte-compared (HTML normalised for the generator meta tag, .gz files
compared uncompressed); Zensical against MkDocs, feature by feature (pages, ids on the pages by pattern, the engine's
classes, meta tags, data attributes, scripts and styles, the page's language and palette, the navigation, links left
at .md, search), with what the finishing check says of each output.
"""
from __future__ import annotations

import argparse
import gzip
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from harness import EDITION, load, mkdocs_build, snapshot  # noqa: E402
from synthetic import make_synthetic  # noqa: E402

ZENSICAL = "zensical==0.1.1"
# The last Zensical release that carries its own templates: from 0.0.74 on they are a package of their own,
# zensical-ui, which the package registry reachable here may not have (0.1.1 needs zensical-ui==0.0.42).
ZENSICAL_FALLBACK = "zensical==0.0.73"
PROPERDOCS = "properdocs==1.6.7"
SITE_URL = "http://127.0.0.1:8000/moscow-1936/"
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def venv(path: Path, *specs: str, no_deps: tuple[str, ...] = ()) -> tuple[bool, str]:
    """A venv at path with the packages installed (once); returns (ok, pip's last words)."""
    marker = path / ".installed"
    if marker.exists() and marker.read_text() == " ".join(specs + no_deps):
        return True, "already installed"
    shutil.rmtree(path, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "venv", str(path)], check=True)
    pip = [str(path / "bin" / "pip"), "install", "-q", "--disable-pip-version-check"]
    r = subprocess.run(pip + list(specs), capture_output=True, text=True)
    if r.returncode == 0 and no_deps:
        r = subprocess.run(pip + ["--no-deps"] + list(no_deps), capture_output=True, text=True)
    words = [ln for ln in (r.stdout + r.stderr).splitlines() if ln.startswith("ERROR")]
    if r.returncode:
        return False, " ".join(words) or r.stderr[-500:]
    (path / ".installed").write_text(" ".join(specs + no_deps))
    return True, "installed"


def project_pins(*names: str) -> list[str]:
    """The project's pins (requirements.txt) of these packages."""
    pins = {}
    for line in (HERE.parent / "requirements.txt").read_text().splitlines():
        if "==" in line and not line.startswith("#"):
            pins[line.split("==")[0].strip().lower()] = line.strip()
    return [pins[n.lower()] for n in names]


def timed(cmd: list[str], cwd: Path, log: Path) -> float:
    t0 = time.perf_counter()
    with log.open("w") as out:
        r = subprocess.run(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT,
                           env={**__import__("os").environ, "NO_COLOR": "1", "NO_MKDOCS_2_WARNING": "1"})
    if r.returncode:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{log.read_text(errors='replace')[-3000:]}")
    return time.perf_counter() - t0


# -- byte comparison ---------------------------------------------------------------------------------------

def normalised(path: Path) -> bytes:
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    if path.suffix in (".html", ".htm") or path.name.endswith(".html"):
        data = GENERATOR.sub(b'<meta name="generator" content="">', data)
    return data


def compare(ref: Path, other: Path) -> dict:
    files_a = {str(p.relative_to(ref)) for p in ref.rglob("*") if p.is_file()}
    files_b = {str(p.relative_to(other)) for p in other.rglob("*") if p.is_file()}
    common = sorted(files_a & files_b)
    raw_diff = [f for f in common if (ref / f).read_bytes() != (other / f).read_bytes()]
    diff = [f for f in raw_diff if normalised(ref / f) != normalised(other / f)]
    return {"only_ref": sorted(files_a - files_b), "only_other": sorted(files_b - files_a), "common": len(common),
            "raw_diff": raw_diff, "diff": diff}


# -- features of a built site -------------------------------------------------------------------------------

def pages(site: Path) -> dict:
    from lxml import html as lhtml

    return {str(p.relative_to(site).parent) + "/": lhtml.parse(str(p)).getroot()
            for p in sorted(site.rglob("index.html")) if "pagefind" not in p.parts}


def features(site: Path, text_page: str, whole_text: str) -> dict:
    docs = pages(site)
    ids, classes, metas, data_attrs, assets = Counter(), Counter(), Counter(), Counter(), Counter()
    md_links, links = 0, 0
    for path, doc in docs.items():
        for el in doc.iter():
            if not isinstance(el.tag, str):
                continue
            if el.get("id"):
                ids[re.sub(r"\d+", "N", el.get("id"))] += 1
            for c in (el.get("class") or "").split():
                if c.startswith("ed-"):
                    classes[c] += 1
            for k in el.attrib:
                if k.startswith("data-"):
                    data_attrs[k] += 1
        for m in doc.xpath("//head/meta[@name or @property]"):
            metas[m.get("name") or m.get("property")] += 1
        for href in doc.xpath("//a/@href"):
            links += 1
            md_links += bool(re.search(r"\.md(#|$)", href))
    page = docs.get(text_page)
    if page is not None:
        for src in page.xpath("//script/@src | //link[@rel='stylesheet']/@href"):
            assets[re.sub(r"\.[0-9a-f]{8,}\.", ".*.", src.rsplit("/", 1)[-1].split("?")[0])] += 1
    whole = docs.get(whole_text)
    return {
        "pages": set(docs), "ids": ids, "classes": classes, "metas": metas, "data": data_attrs, "assets": assets,
        "links": f"{md_links} of {links}",
        "text paragraphs (ed-para) on the text pages": sum(
            len(d.xpath("//*[contains(concat(' ', @class, ' '), ' ed-para ')]")) for p, d in docs.items()
            if p.startswith("text/") and p != whole_text),
        "paragraphs on the whole-text page": len(whole.xpath("//*[contains(concat(' ', @class, ' '), ' ed-para ')]"))
        if whole is not None else "no page",
        "html lang (text page)": page.get("lang") if page is not None else "no page",
        "palette (text page)": " ".join(f"{k.removeprefix('data-md-color-')}={v}" for k, v in sorted(
            (page.xpath("//body")[0].attrib.items() if page is not None else [])) if k.startswith("data-md-color")),
        "title (text page)": (page.findtext(".//title") or "").strip() if page is not None else "",
        "nav links (text page)": len(page.xpath("//nav[contains(@class, 'md-nav--primary')]//a")) if page is not None
        else 0,
        "theme search box (text page)": "yes" if page is not None and page.xpath("//*[contains(@class, 'md-search')]")
        else "no",
    }


def finish_check(site: Path, prepared) -> str:
    """The finishing stage as the build runs it: its verdict."""
    from build_scripts.errors import EditionError
    from build_scripts.finish import finish

    try:
        n, _ = finish(site, prepared)
    except EditionError as e:
        return f"FAILS at its first failure: {str(e)[:300]}"
    return f"passes ({n} pages checked; Pagefind index of {len(prepared.search)} records written)"


def all_failures(site: Path, prepared, accept_own_scripts: bool) -> Counter:
    """Every failure the finishing check finds (the build stops at the first), grouped by kind; with
    accept_own_scripts, the output's own inline scripts are taken as the theme's (what `check --learn` would
    record from a trusted build of that renderer)."""
    from urllib.parse import urlsplit

    from lxml import html as lhtml

    from build_scripts.finish.check import SiteCheck, skeleton
    from build_scripts.paths import page_url

    found: Counter = Counter()

    class Collecting(SiteCheck):
        def fail(self, page, problem, value, fix=""):
            found[re.sub(r"'[^']*'", "'…'", problem)] += 1

    check = Collecting(site, {page_url(p) for p in prepared.site.text_pages}, Path(prepared.edition.home),
                       prefix=urlsplit(prepared.edition.site_url).path or "/")
    if accept_own_scripts:
        for page in site.rglob("*.html"):
            for el in lhtml.fromstring(page.read_bytes()).iter("script"):
                if el.get("src") is None:
                    check.known.add(skeleton(el.text or ""))
    check.run()
    return found


def changed_lines(ref: Path, other: Path, files: list[str]) -> Counter:
    """The kinds of line that differ between two builds (digits as N), over the given files."""
    import difflib

    kinds: Counter = Counter()
    for f in files:
        a = normalised(ref / f).decode("utf-8", "replace").splitlines()
        b = normalised(other / f).decode("utf-8", "replace").splitlines()
        for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
            if op != "equal":
                for line in a[i1:i2]:
                    kinds["- " + re.sub(r"\d+", "N", line.strip())[:100]] += 1
                for line in b[j1:j2]:
                    kinds["+ " + re.sub(r"\d+", "N", line.strip())[:100]] += 1
    return kinds


def counter_diff(name: str, ref: Counter, other: Counter, limit: int = 12) -> list[str]:
    out = []
    for k in sorted(set(ref) | set(other)):
        if ref[k] != other[k]:
            out.append(f"{k}: {ref[k]} -> {other[k]}")
    if not out:
        return [f"  {name}: the same"]
    return [f"  {name}: {len(out)} differ: " + "; ".join(out[:limit]) + (" …" if len(out) > limit else "")]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--edition", type=Path, default=EDITION)
    ap.add_argument("--venvs", type=Path, default=Path("/tmp"), help="where the renderers' venvs go (default /tmp)")
    ap.add_argument("--zensical", default=ZENSICAL, help=f"the Zensical to install (default {ZENSICAL})")
    a = ap.parse_args(argv)
    started = time.perf_counter()
    z_venv, p_venv = a.venvs / "zensical-venv", a.venvs / "properdocs-venv"
    ok, why = venv(z_venv, a.zensical)
    zensical_spec = a.zensical
    if not ok:
        print(f"{a.zensical} cannot be installed here: {why}")
        zensical_spec = ZENSICAL_FALLBACK
        ok, why = venv(z_venv, ZENSICAL_FALLBACK)
        print(f"falling back to {ZENSICAL_FALLBACK}, the last release with its own templates: {why}")
        if not ok:
            return 1
    ok, why = venv(p_venv, PROPERDOCS, no_deps=tuple(project_pins(
        "mkdocs-material", "mkdocs-material-extensions", "pymdown-extensions", "Pygments")) + (
        "colorama==0.4.6",))
    if not ok:
        print(f"{PROPERDOCS} cannot be installed: {why}")
        return 1
    z_version = subprocess.run([str(z_venv / "bin" / "zensical"), "--version"], capture_output=True,
                               text=True).stdout.strip()
    p_version = subprocess.run([str(p_venv / "bin" / "properdocs"), "--version"], capture_output=True,
                               text=True).stdout.strip()

    tmp = Path(tempfile.mkdtemp(prefix="edition-renderers-"))
    try:
        engine = snapshot(tmp / "engine")
        print(f"Engine snapshot in {engine}; {load()}", flush=True)
        from build_scripts.build import prepare
        from build_scripts.paths import WHOLE_TEXT_PATH, page_url
        from build_scripts.renderer.config import load_base, renderer_config, write_config
        from harness import text_page

        ed = make_synthetic(a.edition.resolve(), tmp / "edition", 1)
        prepared = prepare(ed, engine / "docs", SITE_URL)
        base = load_base(engine / "mkdocs.yml")

        def config(name: str, site: str, hooks: bool, relative: bool = False) -> Path:
            cfg = renderer_config(base, prepared.settings, engine, engine / "docs", engine / site, hooks=hooks)
            if relative:  # Zensical: every folder inside the configuration's folder, named relative to it
                cfg["docs_dir"], cfg["site_dir"] = "docs", site
                cfg["theme"]["custom_dir"] = str(Path(cfg["theme"]["custom_dir"]).relative_to(engine))
            return write_config(engine / name, cfg)

        times = {}
        times["MkDocs"] = mkdocs_build(config("mkdocs.generated.yml", "site-mkdocs", hooks=True), strict=True)
        times["ProperDocs"] = timed([str(p_venv / "bin" / "properdocs"), "build", "--strict", "-q", "-f",
                                     str(engine / "mkdocs.generated.yml"), "-d", str(engine / "site-properdocs")],
                                    engine, tmp / "properdocs.log")
        times["ProperDocs, no hook"] = timed(
            [str(p_venv / "bin" / "properdocs"), "build", "-q", "-f",
             str(config("mkdocs.nohook.yml", "site-properdocs-nohook", hooks=False))], engine,
            tmp / "properdocs-nohook.log")
        times["Zensical"] = timed([str(z_venv / "bin" / "zensical"), "build", "-f",
                                   str(config("zensical.yml", "site-zensical", hooks=False, relative=True))],
                                  engine, tmp / "zensical.log")
        z_log = (tmp / "zensical.log").read_text(errors="replace")

        print()
        print(f"Renderers: MkDocs 1.6.1 + Material 9.8.2 (the project's); {p_version or PROPERDOCS}; "
              f"Zensical {z_version or zensical_spec}")
        print("Render seconds (one run each, no finishing): " + ", ".join(f"{k} {v:.2f}" for k, v in times.items()))

        # ProperDocs against MkDocs, before the finishing stage adds anything.
        for label, other in (("ProperDocs (hook)", "site-properdocs"), ("ProperDocs without the hook",
                                                                         "site-properdocs-nohook")):
            c = compare(engine / "site-mkdocs", engine / other)
            print()
            print(f"{label} against MkDocs: {c['common']} files in both; only in MkDocs' {len(c['only_ref'])}, only in "
                  f"ProperDocs' {len(c['only_other'])}; {len(c['raw_diff'])} differ byte for byte, {len(c['diff'])} "
                  "once the generator meta tag is set aside (and .gz compared uncompressed)")
            for f in (c["only_ref"] + c["only_other"])[:5]:
                print(f"  only in one: {f}")
            if c["diff"]:
                kinds = changed_lines(engine / "site-mkdocs", engine / other, c["diff"])
                print(f"  the lines that differ, by kind (MkDocs' -, ProperDocs' +; {sum(kinds.values())} lines):")
                for line, n in kinds.most_common(8):
                    print(f"    {n:>5} × {line}")

        # The finishing stage on every output, then Zensical's features against MkDocs'.
        print()
        print("The finishing stage (check of every page + Pagefind index) on each renderer's output:")
        for label, site in (("MkDocs", "site-mkdocs"), ("ProperDocs", "site-properdocs"),
                            ("ProperDocs, no hook", "site-properdocs-nohook"), ("Zensical", "site-zensical")):
            verdict = finish_check(engine / site, prepared)
            print(f"  {label}: {verdict}")
            if verdict.startswith("FAILS"):
                for accept in (False, True):
                    found = all_failures(engine / site, prepared, accept)
                    print(f"    every failure{', its own inline scripts accepted' if accept else ''}: "
                          f"{sum(found.values())}" + "".join(f"\n      {n:>5} × {k}" for k, n in found.most_common(6)))

        tp = text_page(ed)
        whole = page_url(WHOLE_TEXT_PATH)
        mk = features(engine / "site-mkdocs", tp, whole)
        zs = features(engine / "site-zensical", tp, whole)
        print()
        print(f"Zensical against MkDocs, feature by feature (text page {tp}; Zensical's log: "
              f"{z_log.count('Warning')} warnings)")
        print(f"  pages: {len(mk['pages'])} -> {len(zs['pages'])}; only in MkDocs': "
              f"{sorted(mk['pages'] - zs['pages'])[:8]}; only in Zensical's: {sorted(zs['pages'] - mk['pages'])[:8]}")
        for key in ("text paragraphs (ed-para) on the text pages", "paragraphs on the whole-text page",
                    "html lang (text page)", "palette (text page)", "title (text page)", "nav links (text page)",
                    "theme search box (text page)"):
            same = "the same" if mk[key] == zs[key] else "DIFFERS"
            print(f"  {key}: {mk[key]} -> {zs[key]}  ({same})")
        print(f"  links left at .md: {mk['links']} -> {zs['links']}")
        a_links = [str(h) for h in pages(engine / "site-mkdocs")[tp].xpath("//a/@href")]
        b_links = [str(h) for h in pages(engine / "site-zensical")[tp].xpath("//a/@href")]
        moved = [(x, y) for x, y in zip(a_links, b_links) if x != y]
        print(f"  links of the text page written differently: {len(moved)} of {len(a_links)}; e.g. "
              + "; ".join(f"{x} -> {y}" for x, y in moved[:6]))
        for name in ("ids", "classes", "metas", "data", "assets"):
            print("\n".join(counter_diff({"ids": "element ids by pattern (digits as N), all pages",
                                          "classes": "the engine's ed-* classes, all pages",
                                          "metas": "head meta tags, all pages", "data": "data-* attributes, all pages",
                                          "assets": "scripts and stylesheets of the text page"}[name],
                                         mk[name], zs[name])))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"\nTotal {time.perf_counter() - started:.0f} s; {load()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
