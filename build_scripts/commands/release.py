"""`make release`: publish a version of the edition.

It checks that the register of published links holds every anchor and page of this build (so that every link
of this version is guarded from now on), that the version named last in the versions file has not been released
yet and that everything is committed; then it tags the commit `v<version>`.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from mkdocs.config import load_config

from .edition import load_edition
from .errors import EditionError
from .model import Edition
from .permanence import Published, check, current_state, load_register
from .render_pages import render_site


def unregistered(register: Published, now: Published) -> list[str]:
    """Anchors and pages of this build that the register does not hold yet."""
    return sorted(set(now.anchors) - set(register.anchors)) + sorted(set(now.pages) - set(register.pages))


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True).stdout


def problems(ed: Edition, register: Published, now: Published, repo: Path) -> list[str]:
    out = []
    missing = unregistered(register, now)
    if missing:
        shown = ", ".join(m or "(home page)" for m in missing[:5]) + (" …" if len(missing) > 5 else "")
        out.append(f"{ed.register_label}: the register lacks {len(missing)} anchors or pages of this build ({shown}). "
                   "Fix: run `make register` and commit the register")
    version = ed.versions[-1].version
    if git(repo, "tag", "--list", f"v{version}").strip():
        out.append(f"version {version} is already released (tag v{version}). Fix: add the new version, with what "
                   "changed, at the end of the versions file")
    if git(repo, "status", "--porcelain").strip():
        out.append("the working tree has uncommitted changes. Fix: commit them, so that the tag names what is published")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repo", type=Path, default=Path.cwd(), help="the git repository to tag (default: here)")
    args = ap.parse_args(argv)
    config = load_config("mkdocs.yml")
    try:
        ed = load_edition((Path.cwd() / config.extra["edition"]).resolve())
        site = render_site(ed, config.site_url)
        now = current_state(ed, site.page_for_paragraph, list(site.pages))
        register, doc = load_register(Path(ed.register_file), ed.register_label)
        check(register, doc, now)  # a release never breaks a published link
    except EditionError as e:
        print(e, file=sys.stderr)
        return 1
    found = problems(ed, register, now, args.repo)
    if found:
        print("\n".join(found), file=sys.stderr)
        return 1
    v = ed.versions[-1]
    git(args.repo, "tag", "-a", f"v{v.version}", "-m", f"Edition version {v.version} ({v.date})")
    print(f"tagged v{v.version} ({v.date}): {len(now.anchors)} anchors and {len(now.pages)} pages registered")
    return 0


if __name__ == "__main__":
    sys.exit(main())
