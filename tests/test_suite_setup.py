"""What the test run's own arrangement rests on. Tests that share a costly fixture (the search index's records, a
text page measured at one width) are marked with an xdist group so that one worker does that work once; pytest-xdist
sends a group to one worker only if it sees the group in the test's id. pytest 9.2 silently broke that
(pytest-dev/pytest-xdist#1386): every group was dealt out test by test, and each worker did the shared work."""
from __future__ import annotations

import pytest


@pytest.mark.xdist_group("search-records")
def test_an_xdist_group_reaches_the_scheduler(request):
    # On a worker of a `--dist loadgroup` run (`make test`), xdist records the choice as the option `loadgroup`.
    if getattr(request.config.option, "loadgroup", False):
        assert request.node.nodeid.endswith("@search-records"), (
            f"{request.node.nodeid}: xdist's --dist loadgroup no longer sees the test's group, so every group of the "
            "suite is dealt out test by test (see requirements-test.txt)")
