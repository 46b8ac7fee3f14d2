"""Load YAML and remember the line of every key, so that errors can name it."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import EditionError

# libyaml when PyYAML has it: the editorial files of a large edition are read in a fraction of the time.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Loc = tuple[str | int, ...]


def _index(node: yaml.Node, loc: Loc, lines: dict[Loc, int]) -> None:
    lines[loc] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            k = key.value
            lines[loc + (k,)] = key.start_mark.line + 1
            _index(value, loc + (k,), lines)
            lines[loc + (k,)] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _index(item, loc + (i,), lines)


class YamlDoc:
    """A parsed YAML file with the line number of each key and item."""

    def __init__(self, path: Path, label: str):
        self.path, self.label = path, label
        if not path.is_file():
            raise EditionError(label, None, "file not found", f"create {label} (see README.md, 'Editorial data')")
        text = path.read_text(encoding="utf-8")
        try:
            node = yaml.compose(text, Loader=_Loader)
            self.data: Any = yaml.load(text, Loader=_Loader)
        except yaml.MarkedYAMLError as e:
            mark = e.problem_mark or e.context_mark
            line = mark.line + 1 if mark else None
            raise EditionError(label, line, f"malformed YAML: {e.problem or e.context}",
                               "correct the YAML syntax at that line (indentation, quotes, a missing ':')") from None
        self.lines: dict[Loc, int] = {}
        if node is not None:
            _index(node, (), self.lines)

    def line(self, loc: Loc) -> int | None:
        """The line of loc, or of its nearest ancestor that has one."""
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get(())

    def error(self, loc: Loc, problem: str, fix: str) -> EditionError:
        key = key_path(loc)
        return EditionError(self.label, self.line(loc), f"{key}: {problem}" if key else problem, fix)


def key_path(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
