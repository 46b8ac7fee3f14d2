"""Writing docs/: only what changed, so that `mkdocs serve` (which watches docs/) settles after one rebuild."""
from build_scripts.write_docs import MANIFEST, write_docs


def snapshot(folder):
    return {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in folder.rglob("*") if p.is_file()}


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
    assert (tmp_path / MANIFEST).is_file()
