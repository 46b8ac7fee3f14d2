"""`make release`: publish a version of an edition.

It checks that the register of published links holds every anchor and page of this build (so that every link
of this version is guarded from now on), that the version named last in the versions file has not been released
yet and that the edition's folder is committed in its own git repository (which may be the engine's, or the
editor's own); then it tags that repository's commit `v<version>`.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from ..build import published_state, read_edition
from ..errors import EditionError
from ..load.edition import resolve_edition
from ..model import Edition
from ..outputs.register import Published


def unregistered(register: Published, now: Published) -> list[str]:
    """Anchors and pages of this build that the register does not hold yet."""
    return sorted(set(now.anchors) - set(register.anchors)) + sorted(set(now.pages) - set(register.pages))


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True).stdout


def repository(folder: Path) -> Path | None:
    """The git repository that holds the edition's folder (None if it is in none)."""
    done = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=folder, capture_output=True, text=True)
    return Path(done.stdout.strip()) if done.returncode == 0 else None


def problems(ed: Edition, register: Published, now: Published, repo: Path) -> list[str]:
    out = []
    missing = unregistered(register, now)
    if missing:
        shown = ", ".join(m or "(home page)" for m in missing[:5]) + (" …" if len(missing) > 5 else "")
        out.append(f"{ed.register_label}: the register lacks {len(missing)} anchors or pages of this build ({shown}). "
                   "Fix: run `make register` and commit the register")
    version = ed.versions[-1].version
    if git(repo, "tag", "--list", f"v{version}").strip():
        out.append(f"version {version} is already released (tag v{version} in {repo}). Fix: add the new version, "
                   "with what changed, at the end of the versions file")
    dirty = git(repo, "status", "--porcelain", "--", ed.home).strip()
    if dirty:
        out.append(f"the edition's folder has uncommitted changes ({len(dirty.splitlines())} files, in {repo}). "
                   "Fix: commit them, so that the tag names what is published")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("edition", nargs="?", help="the edition's folder or edition.yml (default: $EDITION or seeds/)")
    args = ap.parse_args(argv)
    try:
        ed = read_edition(resolve_edition(args.edition))
        register, now, _, _ = published_state(ed)  # a release never breaks a published link
    except EditionError as e:
        print(e, file=sys.stderr)
        return 1
    repo = repository(Path(ed.home))
    if repo is None:
        print(f"{ed.home} is in no git repository. Fix: `git init` the edition's folder (or its parent) and commit "
              "it, so that a release names a commit", file=sys.stderr)
        return 1
    found = problems(ed, register, now, repo)
    if found:
        print("\n".join(found), file=sys.stderr)
        return 1
    v = ed.versions[-1]
    git(repo, "tag", "-a", f"v{v.version}", "-m", f"Edition version {v.version} ({v.date})")
    print(f"tagged v{v.version} ({v.date}) in {repo}: {len(now.anchors)} anchors and {len(now.pages)} pages registered")
    return 0


if __name__ == "__main__":
    sys.exit(main())
