"""The model: numbered paragraphs, captions and gaps, the reading text verbatim."""
from conftest import ROOT


def test_every_nonempty_line_is_a_paragraph_in_order(edition):
    lines = (ROOT / edition.source_file).read_text(encoding="utf-8").split("\n")
    nonempty = [(i + 1, l) for i, l in enumerate(lines) if l.strip()]
    assert [(p.line, p.text) for p in edition.paragraphs] == nonempty
    assert [p.n for p in edition.paragraphs] == list(range(1, len(nonempty) + 1))


def test_segments_rebuild_the_line_exactly(edition):
    for p in edition.paragraphs:
        assert "".join(s.text for s in p.segments) == p.text
        assert sum(1 for s in p.segments if s.kind == "gap") == p.text.count(edition.gap_marker)


def test_captions_are_the_photograph_lines(edition):
    captions = [p for p in edition.paragraphs if p.kind == "caption"]
    assert len(captions) == 3
    for p in captions:
        assert p.text.startswith("Old photos of") and p.text.endswith("From the Internet.")
    assert all(not p.text.startswith("Old photos of") for p in edition.paragraphs if p.kind == "prose")


def test_sections_cover_the_text_once_in_order(edition):
    covered = [n for s in edition.sections for n in range(s.first, s.last + 1)]
    assert covered == list(range(1, len(edition.paragraphs) + 1))


def test_seed_copy_is_byte_identical_to_the_shared_source(edition):
    # CI clones beside a copy of shared/; a clone elsewhere is checked against the recorded hash only.
    import hashlib, yaml
    seed = ROOT / edition.source_file
    declared = yaml.safe_load((ROOT / "seeds" / "edition.yml").read_text())["source_sha256"]
    assert hashlib.sha256(seed.read_bytes()).hexdigest() == declared
    shared = ROOT.parent / "shared" / "seeds" / seed.name
    for other in [shared] if shared.exists() else []:
        assert seed.read_bytes() == other.read_bytes()
