"""What a Zensical build of the edition has and lacks, against the MkDocs build of the same docs/.

    .venv/bin/python benchmarks/zensical_report.py

Zensical (the successor of Material for MkDocs) reads mkdocs.yml and runs Python-Markdown extensions but
not MkDocs hooks. `python -m build_scripts.prepare --config-out F` writes docs/ and F: mkdocs.yml with the
edition's settings in place (identity, nav, palette, the catalogue's words, the extension's names table).
This script installs Zensical (pinned below) into .cache/zensical-venv, builds the edition with MkDocs and
with Zensical into temporary folders, and prints, feature by feature, what each output carries. It
asserts nothing: it is a report, run by hand.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lxml import html as lhtml

ROOT = Path(__file__).resolve().parent.parent
ZENSICAL = "zensical==0.0.73"
VENV = ROOT / ".cache" / "zensical-venv"


def zensical_bin() -> Path:
    exe = VENV / "bin" / "zensical"
    if not exe.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(VENV / "bin" / "pip"), "install", "-q", ZENSICAL], check=True)
    return exe


def run(cmd, **kw) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True, **kw)
    return time.perf_counter() - t0


def pages(site: Path) -> dict[str, lhtml.HtmlElement]:
    return {str(p.relative_to(site)): lhtml.parse(str(p)).getroot() for p in sorted(site.rglob("index.html"))}


def figures(site: Path, search_file: str) -> dict[str, str]:
    docs = pages(site)
    text = {k: d for k, d in docs.items() if k.startswith("text/") and k != "text/all/index.html"}
    whole = docs.get("text/all/index.html")
    links = [a.get("href") for d in docs.values() for a in d.xpath("//a[@href]")]
    unresolved = [h for h in links if re.search(r"\.md(#|$)", h or "")]
    index = json.loads((site / search_file).read_text(encoding="utf-8"))
    entries = index.get("docs") or index.get("items") or []
    first = next(iter(text.values()))
    return {
        "pages": str(len(docs)),
        "paragraph anchors on the section pages": str(sum(len(d.xpath("//*[starts-with(@id, 'p')]"
                                                                       "[contains(@class, 'ed-para')]"))
                                                          for d in text.values())),
        "paragraphs on the whole-text page": str(len(whole.xpath("//*[contains(@class, 'ed-para')]")))
        if whole is not None else "no page",
        "links left pointing at .md files (unresolved)": f"{len(unresolved)} of {len(links)}",
        "names linked in the text": str(sum(len(d.xpath("//a[contains(@class, 'ed-name')]")) for d in text.values())),
        "citation meta tags on a section page": str(len(first.xpath("//meta[starts-with(@name, 'citation_')]"))),
        "Cite panel data on a section page": "yes" if first.xpath("//*[@data-cite]") else "no",
        "notes (footnotes) on the section pages": str(sum(len(d.xpath("//div[contains(@class, 'footnote')]//li"))
                                                          for d in text.values())),
        "search entries": str(len(entries)),
        "search entries for single paragraphs": str(sum(1 for e in entries if "#p" in e.get("location", ""))),
        "licence line": "yes" if first.xpath("//*[contains(@class, 'ed-licence')]") else "no",
        "palette primary": (first.xpath("//body/@data-md-color-primary") or ["none"])[0],
        "html lang": first.get("lang") or "none",
    }


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="zensical-report-", dir=ROOT))  # Zensical builds inside the project only
    config = ROOT / "zensical.generated.yml"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(ROOT), NO_COLOR="1")
    try:
        exe = zensical_bin()
        t_mk = run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp / "mkdocs")], env=env)
        run([sys.executable, "-m", "build_scripts.prepare", "--config-out", str(config),
             "--site-dir", str((tmp / "zensical").relative_to(ROOT))], env=env, stdout=subprocess.DEVNULL)
        # Zensical cannot resolve the links the edition writes from docs/ (see the report): not strict.
        config.write_text(config.read_text(encoding="utf-8").replace("strict: true", "strict: false"),
                          encoding="utf-8")
        log = tmp / "zensical.log"
        with log.open("w") as out:
            t_z = run([str(exe), "build", "-f", str(config)], env=env, stdout=out, stderr=subprocess.STDOUT)
        warnings = log.read_text(encoding="utf-8", errors="replace").count("Warning:")
        version = subprocess.run([str(exe), "--version"], capture_output=True, text=True).stdout.strip()
        mk = figures(tmp / "mkdocs", "search/search_index.json")
        zs = figures(tmp / "zensical", "search.json")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        config.unlink(missing_ok=True)
    print(f"Zensical {version or ZENSICAL}, MkDocs build vs Zensical build of the same docs/")
    print(f"{'':<48} {'MkDocs':>14} {'Zensical':>16}")
    print(f"{'build time (s, one run)':<48} {t_mk:>14.2f} {t_z:>16.2f}")
    print(f"{'warnings (Zensical)':<48} {'':>14} {warnings:>16}")
    for key in mk:
        print(f"{key:<48} {mk[key]:>14} {zs[key]:>16}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
