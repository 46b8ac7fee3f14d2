"""Outputs: the annotated edition in, the files beside the pages out: TEI (tei.py), plain texts and the glossary as
JSON and CSV (downloads.py), the search records (search_records.py), the register check and the redirects that keep
published links working (register.py); write_docs writes them with the pages into the renderer's folder."""
