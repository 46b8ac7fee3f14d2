"""What the fixes to citeproc-py (cite/citeproc_fixes.py) and the engine's own CSL steps (cite/csl.py) change, seen
on this edition's works and on the examples, against the Chicago author-date forms (CMOS 18, 15.14-15.50)."""
from __future__ import annotations

import re

import pytest

from build_scripts.build import read_edition
from build_scripts.cite.csl import ApparatusCitations
from conftest import EDITION_FILE, ROOT


def text(runs) -> str:
    return "".join(r[0] for r in runs)


@pytest.fixture(scope="module")
def apparatus():
    return {name: ApparatusCitations(read_edition(path, "https://example.org/ed/"))
            for name, path in [("seeds", EDITION_FILE),
                               ("sun-yatsen", ROOT / "examples" / "sun-yatsen-1925" / "edition.yml"),
                               ("frus", ROOT / "examples" / "frus-sino-soviet-1936-37" / "edition.yml")]}


def test_a_label_stands_only_beside_its_variable(apparatus):
    # Chicago's magazine and newspaper entries label an edition ("Late edition"); a work without one has no label.
    for name, a in apparatus.items():
        for work, runs in a.entries():
            if not work.edition:
                assert not re.search(r"[,.] Edition\.", text(runs)), (name, work.key, text(runs))
    entry = dict((w.key, text(r)) for w, r in apparatus["seeds"].entries())["paton-1927-12000-miles"]
    assert entry == ("Paton, J. G. 1927. “12,000 Miles by Train: Windows Frozen Down Immovably. Trans-Siberian "
                     "Express.” Evening Star (Dunedin), July 21. "
                     "https://paperspast.natlib.govt.nz/newspapers/ESD19270721.2.123.")


def test_two_works_of_one_author_and_year_take_letters_in_bibliography_order(apparatus):
    a = apparatus["seeds"]
    assert text(a.cite("barsky-2020-appointment", "")) == "Барский 2020a"
    assert text(a.cite("barsky-2020", "")) == "Барский 2020b"
    order = [w.key for w, _ in a.entries()]
    assert order.index("barsky-2020-appointment") < order.index("barsky-2020")
    assert order.index("time-1937-radek-trial") < order.index("time-1937-pressing-and-desperate")
    assert text(a.cite("time-1937-radek-trial", "")) == "Time 1937a"


def test_a_numeric_locator_keeps_its_label(apparatus):
    assert text(apparatus["seeds"].cite("jiang-1979-huiyilu", "16")) == "蔣廷黻 1979, chap. 16"
