"""The chronology page: every dated moment of the text and the apparatus, linked to paragraphs and entries."""
from __future__ import annotations

import html
from collections import defaultdict

from .model import Edition


def chronology_page(ed: Edition, page: str, paragraph_link, entity_link, front_matter) -> str:
    mentioned: dict[str, list[int]] = defaultdict(list)
    for m in ed.mentions:
        if m.paragraph not in mentioned[m.entity]:
            mentioned[m.entity].append(m.paragraph)
    names = {e.id: e.name for e in ed.entities}
    out = [front_matter("Chronology", description="Every dated event of the text and its apparatus, in order."),
           "# Chronology", "",
           "Every dated moment the text tells of, and the events and treaties of the glossary that have a date, "
           "in order. Each links to the paragraphs that tell of it and to its glossary entries.", "",
           '<ol class="ed-timeline">']
    for d in ed.chronology:
        # An entry of the glossary is linked to every paragraph that mentions it.
        paragraphs = list(d.paragraphs) or sorted({n for e in d.entities for n in mentioned[e]})
        refs = " ".join(f'<a href="{paragraph_link(page, n)}">¶&nbsp;{n}</a>' for n in paragraphs)
        entries = ", ".join(f'<a href="{entity_link(page, e)}">{html.escape(names[e])}</a>' for e in d.entities)
        out.append(f'<li><time datetime="{d.date}">{html.escape(d.when)}</time> '
                   f'<span class="ed-tl-label">{html.escape(d.label)}</span>'
                   + (f' <span class="ed-tl-refs">{refs}</span>' if refs else "")
                   + (f' <span class="ed-tl-entries">{entries}</span>' if entries else "") + "</li>")
    out.append("</ol>")
    return "\n".join(out) + "\n"
