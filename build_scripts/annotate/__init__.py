"""Annotate: the loaded edition in, the same edition out with what its data says of its text worked out:
every mention of every entity (mentions.py), and where gaps, escaped markers and notes' marks stand (spans.py)."""
