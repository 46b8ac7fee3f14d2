"""Finish: the renderer's HTML in, a site whose promises are checked out. check.py walks every built page (the
anchor promise, links inside the site, the escaping promise); search_index.py writes the search index."""
from __future__ import annotations

import shutil
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

from ..paths import page_url
from .check import SiteCheck
from .search_index import FOLDER, write_index


def start_index(records: list[dict], folder: Path) -> Future:
    """Index the search records in folder, beside the renderer: the index is made from the prepared records, not
    the HTML, and Pagefind's binary works on a core of its own while MkDocs renders."""
    pool = ThreadPoolExecutor(1, thread_name_prefix="pagefind")
    future = pool.submit(write_index, records, folder)
    pool.shutdown(wait=False)
    return future


def finish(site: Path, prepared, last: dict | None = None, index: Future | None = None) -> tuple[int, dict]:
    """Check every page, then put the search index in place (made here unless `index` is already under way).
    `last`: what the checks found on the last build of this site (a page whose HTML is unchanged is not parsed
    again). Returns the number of pages checked and what the checks found, for the next build."""
    text_pages = {page_url(p) for p in prepared.site.text_pages}
    prefix = urlsplit(prepared.edition.site_url).path or "/"
    check = SiteCheck(site, text_pages, Path(prepared.edition.home), prefix=prefix)
    context = check.context()
    reuse = (last or {}).get("pages") if (last or {}).get("context") == context else None
    pages = check.run(reuse)  # on failure, the caller waits for the index under way (commands/build.py)
    made = index.result() if index is not None else None
    if made is None:
        write_index(prepared.search, site)
    else:
        if (site / FOLDER).exists():
            shutil.rmtree(site / FOLDER)
        made.rename(site / FOLDER)
    return pages, {"context": context, "pages": check.facts}
