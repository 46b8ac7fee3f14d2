"""Render each run of navigation links once per build, instead of once per page.

Material renders the whole navigation on every page, which costs pages x nav items: most of a build
once the text has hundreds of sections. A run of plain links (none of them the current page, none a
section with children) renders the same on every page from which their relative URLs are the same, so
overrides/partials/nav-item.html renders the children of a section in groups, each through

    {% call edition_nav_group(group, page) %}...{% endcall %}

MkDocs makes a new Jinja environment for every build and on_env installs a new cache in it, so
nothing survives from one build to the next.
"""
from __future__ import annotations


def _parts(url: str) -> list[str]:
    return [p for p in url.split("/") if p]


class NavGroupCache:
    def __init__(self) -> None:
        self._rendered: dict[tuple, str] = {}

    def key(self, group, page) -> tuple | None:
        """What the group's HTML depends on, or None if it must be rendered for this page alone."""
        if page is None or any(item.children or item.active or item == page for item in group):
            return None
        here = page.url
        if here and not any((item.url or "").startswith(here) for item in group):
            # A target outside the page's own folder is reached by the same relative URL from every
            # page of that folder's parent at the same depth (MkDocs' get_relative_url).
            where = tuple(_parts(here)[:-1])
        else:
            where = (here,)
        return (id(group[0]), len(group), where)

    def __call__(self, group, page, caller) -> str:
        key = self.key(group, page)
        if key is None:
            return caller()
        try:
            return self._rendered[key]
        except KeyError:
            html = self._rendered[key] = caller()
            return html
