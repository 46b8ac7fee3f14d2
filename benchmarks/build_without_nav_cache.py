"""`mkdocs build` with the edition's navigation cache switched off: every group of nav links is rendered
afresh on every page, as Material's own template does. Run it from a project folder with the arguments of
`mkdocs build`; build_benchmark.py uses it to show what the cache saves. Nothing in the product changes."""
import os
import sys

sys.path.insert(0, os.getcwd())  # the project's own build_scripts (a benchmark snapshot), as `python -m mkdocs` gets

from build_scripts.template_cache import NavGroupCache  # noqa: E402

NavGroupCache.key = lambda self, group, page: None  # no group is ever shared

from mkdocs.__main__ import cli  # noqa: E402

sys.exit(cli(["build", *sys.argv[1:]]))
