"""Render: the annotated edition in, the site's pages out, as Markdown that any renderer of mkdocs.yml reads:
front matter (title, description, citation meta, the Cite panel's data) and HTML blocks built with lxml.
pages.py assembles the site; text.py writes the reading text, apparatus.py notes, citations and prose,
glossary.py, chronology.py and journey.py the apparatus pages, html.py the page and element builders."""
