"""`make register`: record the current build's anchors and pages in the edition's register of published links.

Run it when a build is published. It only adds: an entry, once published, stays.
"""
from __future__ import annotations

import sys
from pathlib import Path

from ..build import published_state, read_edition
from ..errors import EditionError
from ..load.edition import resolve_edition
from ..outputs.register import updated_register, write_register


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        ed = read_edition(resolve_edition(argv[0] if argv else None), site_url="https://example.invalid/")
        register, now, _, _ = published_state(ed)  # a breaking change is not made acceptable by recording it
    except EditionError as e:
        print(e, file=sys.stderr)
        return 1
    data = updated_register(register, now, ed.versions[-1].version)
    write_register(Path(ed.register_file), data)
    print(f"{ed.register_label}: {len(data['anchors'])} anchors, {len(data['pages'])} pages, "
          f"{len(data['redirects'])} redirects (recorded for version {data['recorded_for']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
