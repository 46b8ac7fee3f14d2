"""Render (the middle stage, replaceable): the prepared folder and mkdocs.yml in, HTML out. config.py writes the
renderer's configuration for a build; mkdocs.py runs MkDocs (the default; ProperDocs the same way) or Zensical;
mkdocs_hooks.py is MkDocs' only glue (titles Material prints as HTML)."""
