"""Writing the renderer's folder (docs/): only what changed, so that a watching renderer settles after one rebuild;
stale files removed, even when the list of what the last build wrote cannot be trusted."""
import json

import pytest

from build_scripts.outputs.write_docs import MANIFEST, write_docs


def snapshot(folder):
    return {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in folder.rglob("*") if p.is_file()}


def files(folder) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def test_unchanged_pages_are_not_rewritten_and_stale_ones_go(tmp_path):
    pages = {"index.md": "# Home\n", "text/a.md": "¶1 a\n", "text/b.md": "¶2 b\n"}
    assert write_docs(tmp_path, pages) == 3
    before = snapshot(tmp_path)
    assert write_docs(tmp_path, pages) == 0
    assert snapshot(tmp_path) == before, "a rebuild with the same data touched docs/"
    del pages["text/b.md"]
    pages["text/a.md"] = "¶1 a, corrected apparatus\n"
    assert write_docs(tmp_path, pages) == 1
    assert not (tmp_path / "text" / "b.md").exists()
    assert (tmp_path / "text" / "a.md").read_text() == pages["text/a.md"]
    assert json.loads((tmp_path / MANIFEST).read_text(encoding="utf-8")) == ["index.md", "text/a.md"]
    assert files(tmp_path) == {"index.md", "text/a.md", MANIFEST, ".keep"}, "no temporary file is left behind"


@pytest.mark.parametrize("damage", [
    lambda text: text[: len(text) // 2],  # truncated: an interrupted write, a full disk
    lambda text: "",  # emptied
    lambda text: '{"index.md": 1}',  # JSON, but not a list of paths
    lambda text: "[1, 2]",  # a list, but not of paths
])
def test_an_untrustworthy_list_of_what_was_written_leaves_no_stale_file(tmp_path, damage):
    pages = {"index.md": "# Home\n", "text/a.md": "¶1 a\n", "text/b.md": "¶2 b\n", "entities/x.md": "x\n"}
    write_docs(tmp_path, pages)
    manifest = tmp_path / MANIFEST
    manifest.write_text(damage(manifest.read_text(encoding="utf-8")), encoding="utf-8")
    # The next build no longer has b.md nor x.md: it must neither break on the list nor keep them.
    del pages["text/b.md"], pages["entities/x.md"]
    assert write_docs(tmp_path, pages) == 0  # what is unchanged is still not rewritten
    assert files(tmp_path) == {"index.md", "text/a.md", MANIFEST, ".keep"}
    assert json.loads(manifest.read_text(encoding="utf-8")) == ["index.md", "text/a.md"]
    # And the list written anew is trusted by the build after.
    pages["text/c.md"] = "¶3 c\n"
    assert write_docs(tmp_path, pages) == 1
    del pages["text/c.md"]
    assert write_docs(tmp_path, pages) == 0
    assert files(tmp_path) == {"index.md", "text/a.md", MANIFEST, ".keep"}


def test_an_unreadable_list_does_not_break_the_next_write(tmp_path):
    pages = {"index.md": "# Home\n", "text/a.md": "¶1 a\n"}
    write_docs(tmp_path, pages)
    (tmp_path / MANIFEST).write_bytes(b"\xff\xfe[\x00")  # not UTF-8
    (tmp_path / "text" / "stale.md").write_text("left by a build whose list was lost\n")
    assert write_docs(tmp_path, pages) == 0
    assert files(tmp_path) == {"index.md", "text/a.md", MANIFEST, ".keep"}
