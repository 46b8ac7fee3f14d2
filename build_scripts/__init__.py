"""Build scripts for the annotated edition: text + editorial YAML in, Markdown out."""
