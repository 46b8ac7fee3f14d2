"""The final check of every built page, whatever the renderer: the anchor promise, links inside the site, and the
escaping promise, seen on the HTML a reader's browser gets.

- Anchors: only the text's pages carry paragraph anchors (pN); no page carries an id twice.
- Links: every link inside the site reaches a file, and an anchor on it where it names one.
- Safety: no attribute that runs script (on…), no link or resource with a scheme other than http(s) (mailto only
  where allowed), no resource from another host, no <script> the theme or the engine did not put there (an inline
  script must be one of the known ones, recorded in known_scripts.txt), no <base>, <iframe>, <object> or <embed>.

A failure names the page and, where the offending value can be found in the edition's files, the file and line.
"""
from __future__ import annotations

import hashlib
import json
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import html as lxml_html

from ..errors import EditionError
from ..escape import link_scheme
from ..paths import PARAGRAPH_ID

KNOWN_SCRIPTS = Path(__file__).with_name("known_scripts.txt")
# Attributes that hold a URL the browser follows or fetches, by whether it is fetched as a resource.
NAVIGATION = {("a", "href"), ("area", "href"), ("form", "action")}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "cite", "data", "background", "longdesc",
                  "manifest", "ping", "srcset", "{http://www.w3.org/1999/xlink}href", "xlink:href"}
FORBIDDEN = {"base", "iframe", "frame", "frameset", "object", "embed", "applet"}
# A <link> of these kinds makes the browser fetch (or connect to) its target; others (canonical, prev) only name it.
FETCHING_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "prefetch", "modulepreload",
                 "manifest", "preconnect", "dns-prefetch", "prerender", "mask-icon"}
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|`(?:[^`\\]|\\.)*`')
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]*)", re.I)


def skeleton(script: str) -> str:
    """An inline script with its string literals blanked and its spacing normalised: Material's scripts differ
    from page to page only in their strings ("../.." to the root). A script of the data, or a string that breaks
    out of its quotes, changes the skeleton."""
    return hashlib.sha256(" ".join(_STRING.sub('""', script).split()).encode()).hexdigest()


def known_scripts() -> set[str]:
    return {line.split()[0] for line in KNOWN_SCRIPTS.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")}


class SiteCheck:
    def __init__(self, site: Path, text_pages: set[str], home: Path | None = None, allow_mailto: bool = False,
                 prefix: str = "/"):
        self.site = site
        self.prefix = prefix  # the path of the site's address: an absolute link starts with it
        self.text_pages = text_pages  # site paths of the pages that may carry paragraph anchors: "text/arrival/"
        self.home = home  # the edition's folder, where an offending value is looked for
        self.allow_mailto = allow_mailto
        self.known = known_scripts()
        self.ids: dict[str, set[str]] = {}
        # (link target path, anchor) -> the first page that links there: a navigation link on every page is one
        # link to check, not one per page.
        self.links: dict[tuple[str, str], str] = {}
        # What each page holds, for the next build (rel -> {"sha", "ids", "links"}): a page whose HTML is byte for
        # byte the same holds the same ids and links, and passed the same page checks.
        self.facts: dict[str, dict] = {}
        self._page_links: set[tuple[str, str]] = set()

    def context(self) -> str:
        """Everything but a page's own HTML that its checks depend on: a page's facts are reused only under the
        same context (and the same code)."""
        return hashlib.sha256(json.dumps([sorted(self.text_pages), self.prefix, self.allow_mailto, sorted(self.known),
                                          Path(__file__).read_text(encoding="utf-8")]).encode()).hexdigest()

    def run(self, reuse: dict[str, dict] | None = None) -> int:
        """Check every page; a page whose HTML is the same as in `reuse` (facts of a build under the same context)
        is not parsed again, but its ids and links still take part in the check of links."""
        pages = sorted(self.site.rglob("*.html"))
        for path in pages:
            rel = path.relative_to(self.site).as_posix()
            data = path.read_bytes()
            sha = hashlib.sha256(data).hexdigest()
            known = (reuse or {}).get(rel)
            if known and known["sha"] == sha:
                facts = known
            else:
                self._page_links = set()
                ids = self.page(path, data)
                facts = {"sha": sha, "ids": sorted(ids), "links": sorted(self._page_links)}
            self.facts[rel] = facts
            url = rel.removesuffix("index.html")
            self.ids[url] = set(facts["ids"])
            for target, anchor in facts["links"]:
                self.links.setdefault((target, anchor), url)
        self.check_links()
        return len(pages)

    # -- one page ---------------------------------------------------------------------------------------------
    def page(self, path: Path, data: bytes) -> set[str]:
        """The checks of one page; returns its ids (its links are gathered in _page_links)."""
        rel = path.relative_to(self.site).as_posix()
        url = rel.removesuffix("index.html")
        doc = lxml_html.fromstring(data)
        ids: set[str] = set()
        for el in doc.iter():
            if not isinstance(el.tag, str):
                continue
            tag = el.tag.lower()
            if tag in FORBIDDEN:
                self.fail(rel, f"holds a <{tag}> element", el.get("src") or el.get("data") or tag)
            for name, value in el.attrib.items():
                lname = name.lower()
                if lname.startswith("on"):
                    self.fail(rel, f"gives a <{tag}> the attribute {name}=\"{value}\", which runs script", value)
                if lname in URL_ATTRIBUTES:
                    fetched = tag == "link" and bool(FETCHING_RELS & set((el.get("rel") or "").lower().split()))
                    self.url(rel, url, "a" if tag == "link" and not fetched else tag, lname, value)
                if lname == "style":
                    self.css(rel, value)
                if lname == "id":
                    if value in ids:
                        self.fail(rel, f"carries the id '{value}' twice, so a link to it is ambiguous", value,
                                  "give the sections, headings or notes that produce it distinct names")
                    ids.add(value)
                    if PARAGRAPH_ID.match(value) and url not in self.text_pages:
                        self.fail(rel, f"carries the paragraph anchor '{value}', which only the text's own pages may "
                                  "carry", value, "remove the id from the editorial matter that produces it")
            if tag == "script":
                self.script(rel, el)
            elif tag == "style":
                self.css(rel, el.text or "")
            elif tag == "meta" and (el.get("http-equiv") or "").lower() == "refresh":
                target = (el.get("content") or "").partition("url=")[2]
                self.url(rel, url, "meta", "content", target)
        return ids

    def url(self, rel: str, url: str, tag: str, attr: str, value: str) -> None:
        for target in ([v.strip().split(" ")[0] for v in value.split(",")] if attr == "srcset" else [value]):
            scheme = link_scheme(target)
            if scheme is None:
                if target.strip().replace("\\", "/").startswith("//"):
                    self.fail(rel, f"<{tag} {attr}=\"{target}\"> leaves the site without a scheme", target)
                if (tag, attr) in NAVIGATION or attr in ("href", "src", "xlink:href") or attr.endswith("}href"):
                    self.internal(url, target)
                continue
            if scheme in ("http", "https"):
                if (tag, attr) not in NAVIGATION:
                    self.fail(rel, f"<{tag} {attr}=\"{target}\"> makes the reader's browser fetch from another host",
                              target, "keep every resource in the site")
                continue
            if scheme == "mailto" and self.allow_mailto and (tag, attr) in NAVIGATION:
                continue
            self.fail(rel, f"<{tag} {attr}=\"{target}\"> uses the scheme '{scheme}:', which the site never links",
                      target, "link only web addresses (https://…) and pages of the site")

    def css(self, rel: str, css: str) -> None:
        if re.search(r"expression\s*\(|javascript:|@import", css, re.I):
            self.fail(rel, "holds a style that can run script or import from elsewhere", css[:60])
        for target in _CSS_URL.findall(css):
            if link_scheme(target) not in (None,) or target.strip().startswith("//"):
                self.fail(rel, f"holds a style that fetches '{target}'", target)

    def script(self, rel: str, el) -> None:
        src = el.get("src")
        kind = (el.get("type") or "").lower()
        if src is not None:
            return  # its URL was checked as a resource: relative, inside the site
        if kind == "application/json":
            try:
                json.loads(el.text or "")
            except ValueError:
                self.fail(rel, "holds a JSON data script that is not JSON", (el.text or "")[:60])
            return
        if skeleton(el.text or "") not in self.known:
            self.fail(rel, "holds an inline script that neither the theme nor the engine puts there",
                      (el.text or "").strip()[:80],
                      "remove what produced it; after upgrading the theme, record its scripts with "
                      "`python -m build_scripts.finish.check --learn site/`")

    # -- links ------------------------------------------------------------------------------------------------
    def internal(self, url: str, target: str) -> None:
        parts = urlsplit(target)
        if parts.scheme or parts.netloc:
            return
        path = unquote(parts.path)
        if path.startswith("/"):  # absolute (the 404 page's links): from the site's root
            if not path.startswith(self.prefix):
                self.fail(url or "index.html", f"links to '{target}', outside the site's address", target)
            path, url = path[len(self.prefix):], ""
        here = posixpath.dirname(url.rstrip("/") + "/x") if url else ""
        resolved = posixpath.normpath(posixpath.join(here, path)) if path else url.rstrip("/")
        if resolved in (".", ""):
            resolved = ""
        elif path.endswith("/") or not path:  # a directory address: normpath dropped its slash
            resolved += "/"
        if resolved.startswith(".."):
            self.fail(url or "index.html", f"links to '{target}', outside the site", target)
        self._page_links.add((resolved, parts.fragment))

    def check_links(self) -> None:
        # The site's files and folders listed once (not a file-system call per link).
        files, folders = set(), {""}
        for path in self.site.rglob("*"):
            (folders if path.is_dir() else files).add(path.relative_to(self.site).as_posix())
        for (target, anchor), page in self.links.items():
            if target == "" or target.endswith("/") or target in folders:
                key = (target.rstrip("/") + "/") if target else ""
                shown = key or "/"  # the home page
                if key + "index.html" not in files:
                    self.fail(page or "index.html", f"links to '{shown}', which is not a page of the site", target)
                if anchor and anchor not in self.ids.get(key, set()):
                    self.fail(page or "index.html", f"links to '{shown}#{anchor}', which has no such anchor", anchor)
            elif target not in files:
                self.fail(page or "index.html", f"links to '{target}', which is not a file of the site", target)

    # -- errors -----------------------------------------------------------------------------------------------
    def fail(self, page: str, problem: str, value: str, fix: str = "") -> None:
        where = locate(self.home, value) if self.home else None
        fix = fix or "remove it from the data that produces it"
        if where:
            fix = f"{fix} ({where[0]}:{where[1]} holds it)"
        raise EditionError(f"site/{page}" + ("index.html" if page.endswith("/") or not page else ""), None, problem, fix)


def locate(home: Path, value: str) -> tuple[str, int] | None:
    """Where in the edition's files a value stands: the first file and line holding it (or its longest word)."""
    needle = value.strip()[:60]
    if len(needle) < 4:
        return None
    for path in sorted(home.rglob("*")):
        if path.suffix not in (".yml", ".yaml", ".md", ".txt") or not path.is_file():
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
            if needle in line:
                return str(path.relative_to(home.parent)), n
    return None


def learn(site: Path) -> None:
    """Record the inline scripts of a trusted build (after upgrading the theme)."""
    found = {}
    for page in site.rglob("*.html"):
        for el in lxml_html.fromstring(page.read_bytes()).iter("script"):
            if el.get("src") is None and (el.get("type") or "").lower() != "application/json":
                found[skeleton(el.text or "")] = " ".join((el.text or "").split())[:60]
    lines = ["# Inline scripts the theme and the engine put on pages: the SHA-256 of each one's skeleton (strings",
             "# blanked, spacing normalised; finish/check.py). Recorded from a trusted build with --learn."]
    lines += [f"{h} {what}" for h, what in sorted(found.items())]
    KNOWN_SCRIPTS.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    import sys

    if len(sys.argv) == 3 and sys.argv[1] == "--learn":
        learn(Path(sys.argv[2]))
    else:
        print("usage: python -m build_scripts.finish.check --learn site/", file=sys.stderr)
        sys.exit(2)
