"""Render (the middle stage, replaceable): the prepared folder and mkdocs.yml in, HTML out. config.py writes the
renderer's configuration for a build (commands/build.py runs MkDocs on it; ProperDocs and Zensical read the same
file); mkdocs_hooks.py is MkDocs' only glue (titles Material prints as HTML); reuse.py lets a rebuild render again
only the pages whose Markdown changed."""
