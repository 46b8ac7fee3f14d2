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
    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled  # off: every group rendered afresh on every page (what the cache must reproduce)
        self._rendered: dict[tuple, str] = {}
        self._groups: dict[int, tuple[frozenset, bool, frozenset]] = {}  # per group: its items, nested?, URL prefixes

    def _group(self, group) -> tuple[frozenset, bool, frozenset]:
        """What a group is, worked out once per build: the ids of its items, whether one is a section, and every
        folder URL that holds one of its targets (a target "text/a/" is held by "text/" and "text/a/")."""
        found = self._groups.get(id(group[0]))
        if found is None:
            prefixes = set()
            for item in group:
                parts = _parts(item.url or "")
                prefixes.update("/".join(parts[:k]) + "/" for k in range(1, len(parts) + 1))
            found = self._groups[id(group[0])] = (frozenset(id(i) for i in group),
                                                   any(i.children for i in group), frozenset(prefixes))
        return found

    def key(self, group, page) -> tuple | None:
        """What the group's HTML depends on, or None if it must be rendered for this page alone."""
        if page is None or not self.enabled:
            return None
        items, nested, prefixes = self._group(group)
        if nested or id(page) in items or any(id(a) in items for a in page.ancestors):
            return None  # a section, or the current page or its section: rendered as the page needs
        here = page.url
        if here and here not in prefixes:
            # A target outside the page's own folder is reached by the same relative URL from every page of
            # that folder's parent (MkDocs' get_relative_url), so those pages share one rendering.
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
