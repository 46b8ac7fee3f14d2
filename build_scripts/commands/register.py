"""`make register`: record the current build's anchors and pages in the register of published links.

Run it when a build is published. It only adds: an entry, once published, stays.
"""
from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.config import load_config

from .edition import load_edition
from .errors import EditionError
from .permanence import check, current_state, load_register, updated_register, write_register
from .render_pages import render_site


def main() -> int:
    config = load_config("mkdocs.yml")
    root = Path.cwd()
    try:
        ed = load_edition((root / config.extra["edition"]).resolve())
        site = render_site(ed, config.site_url)
        now = current_state(ed, site.page_for_paragraph, list(site.pages))
        path = Path(ed.register_file)
        register, doc = load_register(path, ed.register_label)
        check(register, doc, now)  # a breaking change is not made acceptable by recording it
    except EditionError as e:
        print(e, file=sys.stderr)
        return 1
    data = updated_register(register, now)
    write_register(path, data)
    print(f"{ed.register_label}: {len(data['anchors'])} anchors, {len(data['pages'])} pages, "
          f"{len(data['redirects'])} redirects")
    return 0


if __name__ == "__main__":
    sys.exit(main())
