"""Citations of a paragraph in the edition's styles (citeproc-py with the official CSL styles), BibTeX and
CSL-JSON: the data of the Cite panel.

Each style is rendered once per edition, with placeholders: the section title and page (filled in here, per
section, with the title cased as the style's own CSL text-case rule would case it), and the paragraph and
date of access (filled in by the page's script when a reader asks for a citation). The styles' output is kept
as runs of text with their formatting (csl_runs), never as markup: the script builds it with textContent.
"""
from __future__ import annotations

import re

from citeproc import Citation, CitationItem, CitationStylesBibliography, Locator
from citeproc.model import TextCased
from citeproc.source.json import CiteProcJSON
from citeproc.string import String

from . import csl_runs
from ..escape import bibtex as bibtex_escape
from ..model import Edition, Section
from ..paths import paragraph_id
from ..cache import cached
from .csl import load_style, punctuation_in_quote

PARAGRAPH = "99999"  # placeholder for the paragraph number
ACCESSED = (1999, 12, 31)  # placeholder for the date of access, found again in the formatted text
# What the page's script fills in when a reader asks for a citation. Private-use characters, which no editorial
# data may contain (schema.RESERVED), so a token can only be one of these.
TOKENS = {"paragraph": "\ue044", "day": "\ue041", "month": "\ue042", "year": "\ue043", "mm": "\ue045",
          "dd": "\ue046"}
ISO_TOKEN = f"{TOKENS['year']}-{TOKENS['mm']}-{TOKENS['dd']}"
TITLE = "zzqa zzqb"  # placeholder section title: its casing in the output tells which text-case the style used
PAGE = "zzpagezz/"  # placeholder page path
CASES = {"Zzqa Zzqb": "title", "Zzqa zzqb": "sentence", "ZZQA ZZQB": "uppercase", "zzqa zzqb": None}


def csl_item(ed: Edition, section: Section, url: str, author: str | None = None) -> dict:
    info = ed.citation
    return {
        "id": f"{info.key}-{section.slug}",
        "type": "chapter",
        "title": section.title,
        "container-title": ed.title,
        "author": [{"literal": author if author is not None else author_name(ed)}],
        "editor": [{"literal": e} for e in info.editors],
        "issued": {"date-parts": [[info.issued]]},
        "accessed": {"date-parts": [list(ACCESSED)]},
        "URL": url,
        "language": ed.language,
        "medium": info.medium,
        "version": ed.versions[-1].version,  # the version cited, which the styles print after the book's title
    }


def author_name(ed: Edition) -> str:
    # The name the author used, with the other form a catalogue may use beside it (the catalogue's author_alt).
    return ed.labels["author_alt"].format(name=ed.author.name, alt=ed.author.alt) if ed.author.alt else ed.author.name


def render_style(style: str, item: dict, locator: str) -> dict[str, str]:
    """The style's in-text citation (with the paragraph) and bibliography entry (without: a bibliography lists
    the work, not a place in it), as text marked by csl_runs."""
    cited = CitationStylesBibliography(load_style(style), CiteProcJSON([item]), csl_runs)
    citation = Citation([CitationItem(item["id"], locator=Locator("paragraph", locator))])
    cited.register(citation)
    listed = CitationStylesBibliography(load_style(style), CiteProcJSON([item]), csl_runs)
    listed.register(Citation([CitationItem(item["id"])]))
    quotes = punctuation_in_quote(style)
    return {"cite": quotes(str(cited.cite(citation, lambda _: None))), "entry": quotes(str(listed.bibliography()[0]))}


def bibtex(ed: Edition, title: str, url: str, author: str) -> str:
    """A BibTeX entry; the paragraph and date stay tokens for the script to fill. Values are escaped; the URL is
    written verbatim, as the url field of biblatex and the url package expect."""
    info = ed.citation
    fields = [
        ("author", "{" + bibtex_escape(author) + "}"),  # braces: a corporate-style name kept whole
        ("title", "{" + bibtex_escape(title) + "}"),  # braces: the title's capitals kept as written
        ("booktitle", bibtex_escape(ed.title)),
        ("editor", " and ".join("{" + bibtex_escape(e) + "}" for e in info.editors)),
        ("publisher", bibtex_escape(info.publisher)),
        ("year", str(info.issued)),
        ("version", bibtex_escape(ed.versions[-1].version)),
        ("note", bibtex_escape(info.medium) + ", para.~" + TOKENS["paragraph"]),
        ("url", url),
        ("urldate", ISO_TOKEN),
        ("language", bibtex_escape(ed.language)),
    ]
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields)
    return f"@incollection{{{info.key}-{paragraph_id(TOKENS['paragraph'])},\n{body}\n}}"


class _Case(TextCased):
    """CSL's own text-case rule, applied to a section title outside a full rendering."""

    def __init__(self, text_case: str | None):
        self.text_case = text_case

    def get(self, key, default=None):
        return self.text_case if key == "text-case" else default


def _cased(title: str, text_case: str | None) -> str:
    return str(_Case(text_case).case(String(title), "en"))


def month_names(style: str) -> dict[str, list[str]]:
    """The month names of the style's locale, long and short, as CSL would print them."""
    root = load_style(style).root
    return {form: [root.get_term(f"month-{m:02d}", None if form == "long" else form).text for m in range(1, 13)]
            for form in ("long", "short")}


def tokenised(text: str, months: dict[str, list[str]]) -> tuple[str, str]:
    """The probe's paragraph and date of access replaced by tokens; and which form of month name the style used."""
    text = text.replace(PARAGRAPH, TOKENS["paragraph"])
    for form in ("long", "short"):
        name = re.escape(months[form][11])
        part = f"(?:31|{name}|1999)"
        m = re.search(rf"{part}(?:[\s,./-]{{1,3}}{part}){{2}}", text)
        if m:
            date = m[0].replace("1999", TOKENS["year"]).replace("31", TOKENS["day"]).replace(months[form][11], TOKENS["month"])
            return text[:m.start()] + date + text[m.end():], form
    return text, ""


class CitationTemplates:
    """The edition's citations, rendered once per style and author, to be filled in for each section."""

    def __init__(self, ed: Edition, site_url: str):
        self.ed = ed
        self.site_url = site_url
        self.url = f"{site_url}{PAGE}#{paragraph_id(TOKENS['paragraph'])}"
        self._styles: dict[str, list] = {}

    def author(self, section: Section) -> str:
        """Who wrote the text the section belongs to: its own author, or the edition's."""
        return self.ed.source_of(section.first).author or author_name(self.ed)

    def styles(self, author: str) -> list:
        if author not in self._styles:
            ed = self.ed
            probe = csl_item(ed, Section(slug="", title=TITLE, first=1, last=1),
                             f"{self.site_url}{PAGE}#{paragraph_id(PARAGRAPH)}", author)
            styles = [s.model_dump() for s in ed.citation.styles]
            self._styles[author] = cached("cite-panel", [styles, probe], lambda: self._render(author))
        return self._styles[author]

    def _render(self, author: str) -> list:
        ed = self.ed
        probe = Section(slug="", title=TITLE, first=1, last=1)
        item = csl_item(ed, probe, f"{self.site_url}{PAGE}#{paragraph_id(PARAGRAPH)}", author)
        styles = []
        for style in ed.citation.styles:
            months = month_names(style.csl)
            rendered = render_style(style.csl, item, PARAGRAPH)
            forms, used = [], ""
            for form, label in style.forms.items():
                text, form_used = tokenised(rendered[form], months)
                used = used or form_used
                forms.append({"label": label, "text": text})
            styles.append({"label": style.label, "forms": forms, "months": months[used] if used else []})
        return styles

    @staticmethod
    def _fill(text: str, title: str, page: str) -> str:
        """The placeholders replaced in plain text: each form of the title as its style cased it, the page."""
        for placeholder, text_case in CASES.items():
            text = text.replace(placeholder, _cased(title, text_case))
        return text.replace(PAGE, page)

    def printed(self, section: Section, page: str, day: str) -> list:
        """The first style's bibliography entry of the section, as of `day` (ISO), for a printed page."""
        forms = {f["label"]: f for f in self.section(section, page)["styles"][0]["forms"]}
        style = self.ed.citation.styles[0]
        entry = forms[style.forms["entry"]]["runs"]
        months = self.styles(self.author(section))[0]["months"]
        y, m, d = day.split("-")
        values = {TOKENS["paragraph"]: "", TOKENS["year"]: y, TOKENS["mm"]: m, TOKENS["dd"]: d,
                  TOKENS["day"]: str(int(d)), TOKENS["month"]: months[int(m) - 1] if months else m}
        out = []
        for text, styles in entry:
            text = text.replace("#" + paragraph_id(TOKENS["paragraph"]), "")
            for token, value in values.items():
                text = text.replace(token, value)
            out.append((text, tuple(styles)))
        return out

    def section(self, section: Section, page: str) -> dict:
        """Everything the Cite panel of a section page needs; ¶ and date of access stay tokens."""
        info = self.ed.citation
        url = self.url.replace(PAGE, page)
        author = self.author(section)
        csl = csl_item(self.ed, section, url, author)
        csl.update(id=f"{info.key}-{paragraph_id(TOKENS['paragraph'])}", locator=TOKENS["paragraph"], label="paragraph")
        del csl["accessed"]  # the script adds the reader's date

        def runs(marked: str) -> list:
            return csl_runs.as_json([(self._fill(t, section.title, page), s) for t, s in csl_runs.runs(marked)])
        return {
            "tokens": TOKENS,
            "url": url,
            "styles": [{"label": st["label"], "months": st["months"],
                        "forms": [{"label": f["label"], "runs": runs(f["text"])} for f in st["forms"]]}
                       for st in self.styles(author)],
            "bibtex": bibtex(self.ed, section.title, url, author),
            "csl": csl,
        }
