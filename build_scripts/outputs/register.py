"""The promise that a published link keeps working: the register of published anchors and pages.

The register (an edition's `published.yml`, committed) lists every anchor `pN` with the page it was published on
and a fingerprint of its text, every published page URL, and redirects for pages that were retired. The build
refuses a change that would make a registered anchor or page disappear without a redirect, and writes what a
static host needs to honour moves: a map of anchors to pages (so `old-page#pN` finds the paragraph's new page)
and a redirect page at each retired URL that keeps the fragment.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import yaml
from lxml import html as lxml_html

from ..escape import json_script
from ..load import schema
from ..load.validation import validated
from ..load.yaml_doc import YamlDoc
from ..model import Edition
from ..paths import ANCHOR_MAP, page_url, paragraph_id
from ..render.html import E


def fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Published:
    anchors: dict[str, tuple[str, str]]  # pN -> (page URL, text fingerprint)
    pages: tuple[str, ...]
    redirects: dict[str, str]  # retired page URL -> page URL
    recorded_for: str | None = None


def current_state(ed: Edition, page_for_paragraph: dict[int, str], pages) -> Published:
    anchors = {paragraph_id(p.n): (page_url(page_for_paragraph[p.n]), fingerprint(p.text)) for p in ed.paragraphs}
    return Published(anchors=anchors, pages=tuple(sorted(page_url(p) for p in pages if p.endswith(".md"))),
                     redirects={})


def load_register(path: Path, label: str) -> tuple[Published, YamlDoc]:
    """The register; a missing file is an error (YamlDoc), never a silent switch-off of the check."""
    doc = YamlDoc(path, label)
    data = validated(doc, schema.RegisterIn)
    if data.recorded_for and not data.anchors:
        raise doc.error(("anchors",), f"the register was recorded for version {data.recorded_for} but lists no "
                        "anchor: it has been emptied", "restore it from git (git checkout -- the register)")
    return Published({k: (v.page, v.text) for k, v in data.anchors.items()}, tuple(data.pages),
                     dict(data.redirects), data.recorded_for), doc


def check(register: Published, doc: YamlDoc, now: Published) -> dict[str, str]:
    """Raise on a change that breaks a published link; return the redirects to write (old URL -> new URL)."""
    current_pages = set(now.pages)
    for pid, (page, text_fp) in register.anchors.items():
        if pid not in now.anchors:
            raise doc.error(("anchors", pid), f"published anchor {pid} (on {page or 'the home page'}) would disappear",
                            "restore the paragraph; a published paragraph number is permanent")
        if now.anchors[pid][1] != text_fp:
            raise doc.error(("anchors", pid), f"the text of published anchor {pid} has changed, so its citations "
                            "would point to different words", "restore the source text; corrections belong in notes")
    for i, old in enumerate(register.pages):
        if old in current_pages:
            continue
        if old not in register.redirects:
            raise doc.error(("pages", i), f"published page '{old}' would disappear without a redirect",
                            f"restore it, or add under 'redirects:' a line  \"{old}\": \"<the page that replaces it>\"")
    for old, new in register.redirects.items():
        if new not in current_pages:
            raise doc.error(("redirects", old), f"redirect target '{new}' is not a page of the edition",
                            "point the redirect at an existing page URL (e.g. text/<slug>/)")
        if old in current_pages:
            raise doc.error(("redirects", old), f"'{old}' is a redirect and also a page of the edition",
                            "remove the redirect, or rename the page")
    return dict(register.redirects)


def updated_register(register: Published, now: Published, version: str) -> dict:
    """The register after publishing the current build: everything old is kept, everything new is added."""
    anchors = {k: {"page": v[0], "text": v[1]} for k, v in register.anchors.items()}
    for k, (page, fp) in now.anchors.items():
        anchors[k] = {"page": page, "text": fp}
    ordered = dict(sorted(anchors.items(), key=lambda kv: int(kv[0][1:])))
    pages = sorted(set(register.pages) | set(now.pages))
    return {"anchors": ordered, "pages": pages, "redirects": dict(sorted(register.redirects.items())),
            "recorded_for": version}


def write_register(path: Path, data: dict) -> None:
    header = ("# Register of published anchors and pages: the edition's promise that links keep working.\n"
              "# Updated by `make register` when a build is published; never edit entries away.\n"
              "# A retired page needs a line under redirects:  \"old/url/\": \"new/url/\"\n")
    path.write_text(header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def anchor_map(now: Published) -> str:
    return json.dumps({k: v[0] for k, v in now.anchors.items()}, separators=(",", ":"), sort_keys=True) + "\n"


# The redirect's logic; its data comes in as JSON (json_script of a dict), never pasted into the code.
_REDIRECT_JS = """
(function () {
  var d = JSON.parse(document.getElementById("ed-redirect").textContent), hash = location.hash;
  function go(page) { location.replace(d.root + page + hash); }
  if (!/^#p\\d+$/.test(hash)) return go(d.fallback);
  fetch(d.root + d.map).then(function (r) { return r.json(); })
    .then(function (map) { go(map[hash.slice(1)] !== undefined ? map[hash.slice(1)] : d.fallback); })
    .catch(function () { go(d.fallback); });
})();
"""


def redirect_page(old: str, new: str, language: str, words: dict) -> str:
    """A static redirect that keeps the fragment: old/#p12 lands on the page that now holds ¶12. Both addresses are
    site paths the register's schema confines to the site."""
    root = "../" * old.count("/")
    target = root + new
    data = E("script", type="application/json", id="ed-redirect")
    data.text = json_script({"root": root, "fallback": new, "map": ANCHOR_MAP})
    code = E("script")
    code.text = _REDIRECT_JS
    head = E("head", E("meta", charset="utf-8"), E("title", words["moved_title"]), E("meta", name="robots", content="noindex"),
             E("link", rel="canonical", href=target), E("link", rel="icon", href=root + "assets/images/favicon.png"),
             data, code,
             E("noscript", E("meta", http_equiv="refresh", content=f"0; url={target}")))
    body = E("body", E("p", words["moved_to"] + " ", E("a", new, href=target), "."))
    page = E("html", head, body, lang=language)
    return "<!doctype html>\n" + lxml_html.tostring(page, encoding="unicode") + "\n"
