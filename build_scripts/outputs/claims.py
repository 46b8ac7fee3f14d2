"""The dossier as data others reuse: each claim of the main text with its verdict and evidence, as TEI annotations
(in the TEI file's standOff: `listAnnotation/annotation`, motivation "assessing", with @cert and @resp) and as W3C
Web Annotations in JSON-LD (target: the paragraph's address with a TextQuoteSelector; body: the verdict and its
rationale, and a schema.org ClaimReview)."""
from __future__ import annotations

import json

from .. import prose
from ..model import Claim, Edition
from ..paths import claim_path, page_url, paragraph_id, section_path

CONFIDENCE = {"high": "high", "medium": "medium", "low": "low"}  # TEI @cert has the same three words
EDITORS_ID = "ed-editors"  # the xml:id of the TEI header's first editor, whom @resp names


def tei_annotations(ed: Edition, E, sub) -> object | None:
    """<listAnnotation type="claims">, or None for an edition without claims."""
    claims = [c for c in ed.claims if c.status == "current"]
    if not claims:
        return None
    out = E("listAnnotation", type="claims")
    for c in claims:
        a = sub(out, "annotation", **{"xml_id": f"claim-{c.id}", "target": f"#{paragraph_id(c.paragraph)}",
                                      "motivation": "assessing", "cert": CONFIDENCE[c.confidence],
                                      "resp": f"#{EDITORS_ID}"})
        resp = sub(a, "respStmt")
        sub(resp, "resp", f"judged on {c.judged_on}")
        sub(resp, "name", c.judged_by)
        sub(a, "note", c.quote, type="quote")
        sub(a, "note", c.claim, type="claim")
        sub(a, "note", c.verdict, type="verdict")
        sub(a, "note", prose.plain(c.rationale), type="rationale")
        for e in c.evidence:
            if e.paragraph:
                sub(a, "ref", e.note or e.relation, target=f"#{paragraph_id(e.paragraph)}", type=e.relation)
            elif e.work:
                sub(a, "ref", f"{e.at} {e.note}".strip(), target=f"#bib-{e.work}", type=e.relation)
            else:
                sub(a, "note", e.searched or e.note, type=e.relation)
    return out


def web_annotations(ed: Edition, url: str) -> str:
    """The claims as a W3C Web Annotation collection (JSON-LD), each with a schema.org ClaimReview."""
    site = ed.site_url

    def page(n: int) -> str:
        return site + page_url(section_path(ed.section_of(n)))

    def one(c: Claim) -> dict:
        text = ed.paragraphs[c.paragraph - 1].text
        at = -1
        for _ in range(c.occurrence):
            at = text.find(c.quote, at + 1)
        review = {"type": "schema:ClaimReview", "schema:url": site + page_url(claim_path(c.id)),
                  "schema:claimReviewed": c.claim, "schema:datePublished": c.judged_on,
                  "schema:author": {"type": "schema:Organization", "schema:name": c.judged_by},
                  "schema:reviewRating": {"type": "schema:Rating", "schema:alternateName": c.verdict},
                  "schema:itemReviewed": {"type": "schema:Claim", "schema:appearance": f"{page(c.paragraph)}#"
                                          f"{paragraph_id(c.paragraph)}",
                                          "schema:author": {"type": "schema:Person", "schema:name": ed.author.name}}}
        evidence = []
        for e in c.evidence:
            item = {"type": "SpecificResource", "purpose": "linking", "schema:description": e.relation}
            if e.paragraph:
                item["source"] = f"{page(e.paragraph)}#{paragraph_id(e.paragraph)}"
            elif e.work:
                item["source"] = f"{site}bibliography/#bib-{e.work}"
            else:
                item = {"type": "TextualBody", "purpose": "commenting", "value": f"{e.relation}: {e.searched}"}
            if e.note and item.get("type") == "SpecificResource":
                item["schema:abstract"] = e.note
            evidence.append(item)
        return {
            "id": site + page_url(claim_path(c.id)), "type": "Annotation", "motivation": "assessing",
            "created": c.judged_on, "creator": {"type": "Organization", "name": c.judged_by},
            "target": {"source": page(c.paragraph), "selector": [
                {"type": "FragmentSelector", "value": paragraph_id(c.paragraph),
                 "conformsTo": "http://tools.ietf.org/rfc/rfc3986"},
                {"type": "TextQuoteSelector", "exact": c.quote, "prefix": text[max(0, at - 32):at],
                 "suffix": text[at + len(c.quote):at + len(c.quote) + 32]}]},
            "body": [{"type": "TextualBody", "purpose": "assessing", "format": "text/plain",
                      "language": ed.apparatus_language, "value": f"{c.verdict}: {prose.plain(c.rationale)}"},
                     review, *evidence]}
    claims = [c for c in ed.claims if c.status == "current"]
    collection = {"@context": ["http://www.w3.org/ns/anno.jsonld", {"schema": "https://schema.org/"}],
                  "id": url, "type": "AnnotationCollection", "label": ed.labels["dossier_title"],
                  "total": len(claims), "first": {"type": "AnnotationPage", "items": [one(c) for c in claims]}}
    return json.dumps(collection, ensure_ascii=False, indent=1) + "\n"
