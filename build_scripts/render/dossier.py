"""The dossier: the main text beside the record. What it renders:

- in the main text, a mark after each graded claim's words and, beside the paragraph (below it on a phone, in
  print, without JavaScript), what the record says of it ("Record: contradicted · 2 documents");
- on a record page, the document's provenance (where printed, where and when read, what could not be read whole,
  why the edition may reproduce it), the edition's translation beside each paragraph, and under each paragraph the
  claims it bears on;
- a page per claim, the memoir's paragraph beside the record's passages, with the verdict and the rationale;
- the overview: how far the memoir holds, by verdict and by kind of claim.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import get_args

from lxml import etree

from ..load.schema import ClaimKind, Verdict
from ..model import Claim, Edition, SourceText
from ..paths import DOSSIER_PATH, claim_path, href, paragraph_id, section_path
from .apparatus import Apparatus
from .html import E, Page, append

VERDICTS, KINDS = get_args(Verdict), get_args(ClaimKind)  # the schema's, in the order it gives them


def claim_anchor(claim_id: str) -> str:
    return f"claim-{claim_id}"


class Dossier:
    def __init__(self, ed: Edition, apparatus: Apparatus):
        self.ed = ed
        self.labels = ed.labels
        self.apparatus = apparatus
        self.claims = [c for c in ed.claims if c.status == "current"]
        self.by_paragraph: dict[int, list[Claim]] = defaultdict(list)
        self.bearing: dict[int, list[Claim]] = defaultdict(list)  # record paragraph -> claims it bears on
        for c in self.claims:
            self.by_paragraph[c.paragraph].append(c)
            for e in c.evidence:
                if e.paragraph and c not in self.bearing[e.paragraph]:
                    self.bearing[e.paragraph].append(c)
        self.texts = {s.id: s for s in ed.sources}

    # -- in the main text -----------------------------------------------------------------------------------
    def claims_in(self, n: int) -> list[Claim]:
        return self.by_paragraph.get(n, [])

    def position(self, claim: Claim) -> int:
        """Where a claim's mark stands: after its words (their n-th occurrence)."""
        text = self.ed.paragraphs[claim.paragraph - 1].text
        i = -1
        for _ in range(claim.occurrence):
            i = text.find(claim.quote, i + 1)
        return i + len(claim.quote)

    def mark(self, claim: Claim) -> etree._Element:
        L = self.labels
        return E("a", "", class_=f"ed-claim-mark ed-verdict-{claim.verdict}", href=f"#{claim_anchor(claim.id)}",
                 aria_label=L["claim_mark"].format(verdict=L[f"verdict_{claim.verdict}"]))

    def documents(self, claim: Claim) -> int:
        return len({e.text or e.work for e in claim.evidence if e.relation != "silent"})

    def box(self, claim: Claim, page: str) -> etree._Element:
        """What the record says of a claim, beside its paragraph."""
        L = self.labels
        head = E("p", E("span", L["claim_record"], class_="ed-claim-label"), " ",
                 E("strong", L[f"verdict_{claim.verdict}"], class_=f"ed-verdict ed-verdict-{claim.verdict}"),
                 f" · {L['claim_documents'].format(n=self.documents(claim))}", class_="ed-claim-head")
        body = E("p", E("q", claim.quote), " — ", claim.claim, " ",
                 E("a", L["claim_read"], href=href(page, claim_path(claim.id))), class_="ed-claim-text")
        return E("div", head, body, class_=f"ed-claim ed-claim-{claim.verdict}", id=claim_anchor(claim.id))

    # -- on a record page -----------------------------------------------------------------------------------
    def document_header(self, source: SourceText, page: str) -> list:
        L, out = self.labels, []
        facts = E("p", class_="ed-doc-facts ed-editorial")
        if source.date:
            append(facts, E("time", source.date, datetime=source.date))
        if source.author:
            append(facts, " · " if source.date else "", source.author)
        out.append(facts)
        if source.summary:
            out.append(E("p", source.summary, class_="ed-summary ed-editorial"))
        dl = E("dl", class_="ed-provenance ed-editorial")
        if source.printed:
            append(dl, E("dt", L["record_printed"]), E("dd", *self.apparatus.cite(source.printed, page)))
        if source.read_from:
            where = E("dd")
            for i, url in enumerate(source.read_from):
                append(where, "; " if i else "", E("a", url, href=url))
            if source.read_on:
                append(where, " ", L["record_read_on"].format(date=source.read_on))
            append(dl, E("dt", L["record_read_from"]), where)
        if source.rights:
            append(dl, E("dt", L["record_rights"]), E("dd", source.rights))
        if source.translation_kind:
            append(dl, E("dt", L["record_beside"]), E("dd", L[f"record_beside_{source.translation_kind}"]))
        if source.bears_on:
            refs = E("dd")
            for i, n in enumerate(source.bears_on):
                append(refs, ", " if i else "", E("a", f"¶{n}", href=self.apparatus.paragraph_href(page, n)))
            append(dl, E("dt", L["record_bears_on"]), refs)
        out.append(dl)
        if source.unread:
            out.append(E("div", E("p", L["record_unread"], class_="admonition-title"),
                         E("ul", *[E("li", u) for u in source.unread]), class_="admonition warning ed-unread"))
        return out

    def translation(self, n: int, source: SourceText) -> etree._Element | None:
        text = self.ed.translations.get(n)
        if text is None:
            return None
        L = self.labels
        return E("p", E("span", L[f"record_beside_{source.translation_kind}_short"], class_="ed-translation-label"),
                 " ", *self.apparatus.with_gaps(text), class_="ed-translation ed-editorial",
                 lang=source.translation_language or None)

    def heading_translation(self, n: int, after: bool, k: int, source: SourceText) -> etree._Element | None:
        text = self.ed.heading_translations.get((n, after, k))
        if text is None:
            return None
        return E("p", *self.apparatus.with_gaps(text), class_="ed-translation ed-translation-heading ed-editorial",
                 lang=source.translation_language or None)

    def backlinks(self, n: int, page: str) -> etree._Element | None:
        """Under a record paragraph: the claims of the main text it bears on."""
        claims = self.bearing.get(n)
        if not claims:
            return None
        L = self.labels
        p = E("p", E("span", L["record_claims"], class_="ed-claim-label"), " ", class_="ed-backlinks ed-editorial")
        for i, c in enumerate(claims):
            relation = next(e.relation for e in c.evidence if e.paragraph == n)
            append(p, "; " if i else "", E("a", f"¶{c.paragraph}: {c.claim}", href=href(page, claim_path(c.id))),
                   f" ({L[f'relation_{relation}']})")
        return p

    # -- the claim pages and the overview -------------------------------------------------------------------
    def claim_page(self, claim: Claim) -> Page:
        L, page = self.labels, claim_path(claim.id)
        out = Page(claim.claim, description=f"{L[f'verdict_{claim.verdict}']}: {claim.claim}")
        out.heading(1, claim.claim)
        out.add(E("p", E("strong", L[f"verdict_{claim.verdict}"], class_=f"ed-verdict ed-verdict-{claim.verdict}"),
                  " · ", L["claim_confidence"].format(confidence=L[f"confidence_{claim.confidence}"]),
                  " · ", L[f"claim_kind_{claim.kind}"], class_="ed-claim-head"))
        side = E("div", class_="ed-beside")
        memoir = E("section", E("h2", L["claim_the_text"].format(n=claim.paragraph)), class_="ed-beside-text")
        text = self.ed.paragraphs[claim.paragraph - 1].text
        at = self.position(claim) - len(claim.quote)
        memoir.append(E("blockquote", E("p", text[:at], E("mark", claim.quote), text[at + len(claim.quote):]),
                        lang=self._lang(claim.paragraph)))
        memoir.append(E("p", E("a", L["claim_in_context"].format(n=claim.paragraph),
                               href=self.apparatus.paragraph_href(page, claim.paragraph))))
        record = E("section", E("h2", L["claim_the_record"]), class_="ed-beside-record")
        for e in claim.evidence:
            item = E("div", E("p", E("strong", L[f"relation_{e.relation}"], class_=f"ed-relation ed-relation-{e.relation}")),
                     class_="ed-evidence")
            if e.paragraph:
                source = self.ed.source_of(e.paragraph)
                item.append(E("blockquote", E("p", self.ed.paragraphs[e.paragraph - 1].text),
                              lang=self._lang(e.paragraph)))
                tr = self.ed.translations.get(e.paragraph)
                if tr:
                    item.append(E("p", E("span", L[f"record_beside_{source.translation_kind}_short"],
                                         class_="ed-translation-label"), " ", *self.apparatus.with_gaps(tr),
                                  class_="ed-translation",
                                  lang=source.translation_language or None))
                item.append(E("p", E("a", f"{source.title}, {source.date} · ¶{e.paragraph}",
                                     href=self.apparatus.paragraph_href(page, e.paragraph))))
            elif e.text:
                source = self.texts[e.text]
                item.append(E("p", E("a", f"{source.title}, {source.date}",
                                     href=href(page, section_path(self.ed.section_of(source.first))))))
            elif e.work:
                item.append(E("p", *self.apparatus.cite(self._cite(e), page)))
            if e.searched:
                item.append(E("p", f"{L['claim_searched']} {e.searched}"))
            if e.note:
                item.append(E("p", e.note, class_="ed-evidence-note"))
            record.append(item)
        append(side, memoir, record)
        out.add(side)
        out.heading(2, L["claim_rationale"])
        out.add(*self.apparatus.prose(claim.rationale, page))
        out.add(E("p", L["claim_judged"].format(who=claim.judged_by, date=claim.judged_on), class_="ed-editorial"))
        return out

    def _cite(self, e):
        from ..model import Cite
        return Cite(work=e.work, at=e.at)

    def _lang(self, n: int) -> str | None:
        lang = self.ed.source_of(n).language or self.ed.language
        return lang if lang != self.ed.apparatus_language else None

    def overview(self) -> Page:
        L, page = self.labels, DOSSIER_PATH
        out = Page(L["dossier_title"], description=L["dossier_intro"]).heading(1, L["dossier_title"])
        out.add(*self.apparatus.prose(L["dossier_intro"], page))
        counts = Counter((c.verdict, c.kind) for c in self.claims)
        kinds = [k for k in KINDS if any(c.kind == k for c in self.claims)]
        head = E("tr", E("th", L["dossier_verdict"]), *[E("th", L[f"claim_kind_{k}"]) for k in kinds],
                 E("th", L["dossier_all"]))
        rows = []
        for v in VERDICTS:
            n = sum(counts[(v, k)] for k in kinds)
            if not n:
                continue
            rows.append(E("tr", E("th", E("a", L[f"verdict_{v}"], href=f"#verdict-{v}"), class_=f"ed-verdict-{v}"),
                          *[E("td", str(counts[(v, k)] or "")) for k in kinds], E("td", str(n))))
        rows.append(E("tr", E("th", L["dossier_all"]),
                      *[E("td", str(sum(1 for c in self.claims if c.kind == k))) for k in kinds],
                      E("td", str(len(self.claims)))))
        out.add(E("table", E("thead", head), E("tbody", *rows), class_="ed-dossier-table"))
        documents = len({e.text for c in self.claims for e in c.evidence if e.text})
        out.add(E("p", L["dossier_counts"].format(claims=len(self.claims), documents=documents)))
        for v in VERDICTS:
            mine = [c for c in self.claims if c.verdict == v]
            if not mine:
                continue
            out.heading(2, L[f"verdict_{v}"], f"verdict-{v}")
            out.add(E("ul", *[E("li", E("a", f"¶{c.paragraph}", href=self.apparatus.paragraph_href(page, c.paragraph)),
                                " — ", E("a", c.claim, href=href(page, claim_path(c.id))),
                                f" ({L[f'claim_kind_{c.kind}']}; {L[f'confidence_{c.confidence}']})")
                              for c in sorted(mine, key=lambda c: (c.paragraph, c.id))], class_="ed-dossier-list"))
        return out
