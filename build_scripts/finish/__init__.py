"""Finish: the renderer's HTML in, a site whose promises are checked out. check.py walks every built page (the
anchor promise, links inside the site, the escaping promise); search_index.py writes the search index."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from ..paths import page_url
from .check import SiteCheck
from .search_index import write_index


def finish(site: Path, prepared) -> int:
    """Check every page, then index the records for search; returns the number of pages checked."""
    text_pages = {page_url(p) for p in prepared.site.text_pages}
    prefix = urlsplit(prepared.edition.site_url).path or "/"
    pages = SiteCheck(site, text_pages, Path(prepared.edition.home), prefix=prefix).run()
    write_index(prepared.search, site)
    return pages
