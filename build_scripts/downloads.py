"""The edition as data: the plain text, the glossary as JSON and CSV, the TEI file."""
from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from dataclasses import asdict

from .model import Edition, SourceText
from .tei_export import tei_document

FOLDER = "downloads"


def glossary_records(ed: Edition) -> list[dict]:
    mentions = defaultdict(list)
    for m in ed.mentions:
        mentions[m.entity].append({"paragraph": m.paragraph, "text": m.text, "garbled": m.garbled})
    out = []
    for e in ed.entities:
        record = asdict(e)
        for internal in ("file", "line"):
            record.pop(internal)
        for f in record["forms"]:
            f.pop("line")
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
        row = {c: r.get(c) or "" for c in columns[:-2]}
        row["forms"] = "; ".join(f["text"] for f in r["forms"])
        row["paragraphs"] = " ".join(str(p) for p in sorted({m["paragraph"] for m in r["mentions"]}))
        writer.writerow(row)
    return buf.getvalue()


def text_files(ed: Edition) -> dict[str, SourceText]:
    """docs-relative path -> the source text it holds: one file per text, named by the text's id in an
    edition of several."""
    key = ed.citation.key
    if len(ed.sources) == 1:
        return {f"{FOLDER}/{key}.txt": ed.sources[0]}
    return {f"{FOLDER}/{key}-{s.id}.txt": s for s in ed.sources}


def download_files(ed: Edition, site_url: str) -> dict[str, str]:
    """docs-relative path -> content."""
    key = ed.citation.key
    records = glossary_records(ed)
    return {
        f"{FOLDER}/{key}.tei.xml": tei_document(ed, site_url).decode("utf-8"),
        **{path: s.content for path, s in text_files(ed).items()},
        f"{FOLDER}/{key}-glossary.json": json.dumps(records, ensure_ascii=False, indent=1) + "\n",
        f"{FOLDER}/{key}-glossary.csv": glossary_csv(records),
    }
