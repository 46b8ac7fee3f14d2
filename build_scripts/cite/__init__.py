"""Cite: the edition's citations by CSL (citeproc-py with the official styles). csl.py renders the apparatus'
citations and the Bibliography; cite_panel.py the Cite panel's data for a text page; csl_runs.py keeps CSL's
output as runs of text and styles (never markup); citeproc_fixes.py corrects citeproc-py where it errs."""
