"""Load: the edition's folder in (edition.yml, source texts, YAML data, pages), a checked `model.Edition` out.

yaml_doc reads YAML safely with the line of every key; schema declares what each file may say; validation turns
a schema error into file:line, key and fix; source_text numbers paragraphs; editorial checks the data against the
text and the bibliography; urls refuses non-sources; edition puts it together. Nothing here renders anything.
"""
