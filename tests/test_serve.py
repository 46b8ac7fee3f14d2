"""`make serve`: the edition is built and served; an edit that breaks it keeps the last good site up, says the
error in the terminal and on the page, and the site comes back by itself once the data is fixed. An edition kept
anywhere on disk is watched in its own folder."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import yaml

from conftest import ROOT, _free_port

EXAMPLE = ROOT / "examples" / "sun-yatsen-1925"


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8")
    except OSError:
        return 0, ""


def until(condition, what: str, seconds: float = 120):
    """Wait for a condition (polling), never a fixed time; fail naming what did not happen."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"{what} did not happen within {seconds} s")


def test_a_bad_edit_keeps_the_last_good_site_and_shows_the_error(tmp_path):
    edition = tmp_path / "an editor's folder" / "sun-yatsen"  # outside the repository, a space in its path
    shutil.copytree(EXAMPLE, edition)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen([sys.executable, "-m", "build_scripts.commands.serve", str(edition), "--port", str(port)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        def state():
            code, body = get(f"{base}/__edition__/state")
            return json.loads(body) if code == 200 else None
        until(lambda: (state() or {}).get("build", 0) >= 1, "the first build")
        code, home = get(f"{base}/")
        assert code == 200 and 'id="ed-serve-error"' in home and "hidden" in home.split('id="ed-serve-error"')[1][:200]
        first = state()["build"]
        # The editor breaks a section: the build fails, the last good site stays up, the error is on the page.
        sections = edition / "sections.yml"
        good = sections.read_text(encoding="utf-8")
        data = yaml.safe_load(good)
        data["sections"][0]["first"] = 99
        sections.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        until(lambda: (state() or {}).get("error"), "the error of the failed build")
        error = state()["error"]
        assert "sections.yml" in error and "sections[0].first" in error and "Fix:" in error
        code, page = get(f"{base}/")
        assert code == 200 and "The build failed" in page and "<script>" not in error
        code, text = get(f"{base}/text/the-letter/")
        assert code == 200 and 'id="p1"' in text, "the last good site is served"
        # Fixed: a new build, no error.
        sections.write_text(good, encoding="utf-8")
        until(lambda: (state() or {}).get("build", 0) > first and not state()["error"], "the build after the fix")
    finally:
        proc.terminate()
        out, err = proc.communicate(timeout=30)
    assert "sections[0].first" in err, err
    assert f"http://127.0.0.1:{port}/" in out
