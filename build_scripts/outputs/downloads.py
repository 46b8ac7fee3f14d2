"""The edition as data: the plain text of each source, the glossary as JSON and CSV, the TEI file."""
from __future__ import annotations

import csv
import io
import json
from collections import defaultdict

from ..model import Edition
from ..paths import claims_jsonld_path, glossary_csv_path, glossary_json_path, plain_text_path, tei_path
from .claims import web_annotations
from .tei import tei_document


def glossary_records(ed: Edition) -> list[dict]:
    mentions = defaultdict(list)
    for m in ed.mentions:
        mentions[m.entity].append({"paragraph": m.paragraph, "text": m.text, "garbled": m.garbled})
    out = []
    for e in ed.entities:
        record = e.model_dump(mode="json", exclude={"file", "line"})
        for f in record["forms"]:
            f.pop("line", None)
        record["mentions"] = mentions[e.id]
        out.append(record)
    return out


def glossary_csv(records: list[dict]) -> str:
    buf = io.StringIO()
    columns = ["id", "kind", "name", "native_name", "native_lang", "dates", "start", "end", "wikidata",
               "certainty", "summary", "forms", "paragraphs"]
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for r in records:
        row = {c: _cell(r.get(c) or "") for c in columns[:-2]}
        row["forms"] = _cell("; ".join(f["text"] for f in r["forms"]))
        row["paragraphs"] = " ".join(str(p) for p in sorted({m["paragraph"] for m in r["mentions"]}))
        writer.writerow(row)
    return buf.getvalue()


def _cell(value: str) -> str:
    # A cell that starts with = + - @ is read as a formula by spreadsheets (CSV injection): a leading apostrophe
    # keeps it text, as OWASP recommends.
    return "'" + value if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def download_files(ed: Edition) -> dict[str, str]:
    """docs-relative path -> content."""
    key = ed.citation.key
    records = glossary_records(ed)
    texts = ({plain_text_path(key): ed.sources[0].content} if len(ed.sources) == 1 else
             {plain_text_path(key, s.id): s.content for s in ed.sources})
    claims = {claims_jsonld_path(key): web_annotations(ed, ed.site_url + claims_jsonld_path(key))} if ed.claims else {}
    return {
        **claims,
        tei_path(key): tei_document(ed).decode("utf-8"),
        **texts,
        glossary_json_path(key): json.dumps(records, ensure_ascii=False, indent=1) + "\n",
        glossary_csv_path(key): glossary_csv(records),
    }
