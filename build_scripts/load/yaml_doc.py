"""Read an editorial YAML file safely, remembering the line of every key, so that errors can name it.

YAML is read as plain data and nothing more: no aliases (an alias bomb or a recursive alias would hang or crash a
reader), no duplicate keys (the second would silently win), booleans only as true/false (YAML 1.1 reads `on`, `no`
and `y` as booleans, so a key named `on` or a country code `no` changed meaning), no dates (kept as text, checked by
the schema), no tags, and limits on size and depth. Every refusal names the file, the line and the fix.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from ..errors import EditionError

MAX_BYTES = 16 * 1024 * 1024  # an editorial file is text written by hand; a larger one is a mistake or an attack
MAX_DEPTH = 40
# C0 controls other than tab, line feed and carriage return, DEL and C1 controls: nothing an editor types, and
# nothing HTML, XML or JSON can all carry.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """libyaml's parser (fast), with YAML 1.2's core schema of plain scalars instead of YAML 1.1's."""

    yaml_implicit_resolvers: dict = {}


_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                              list("tTfF"))
_Loader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))
_Loader.add_implicit_resolver("tag:yaml.org,2002:float",
                              re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
                                         r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"), list("-+.0123456789"))
_Loader.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])


def parse_yaml(text: str):
    """A small YAML text (a page's front matter) as plain data, by the same rules as the edition's files."""
    return yaml.load(text, Loader=_Loader)


Loc = tuple[str | int, ...]
_STR, _INT, _FLOAT, _BOOL, _NULL = (f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null"))
_SEQ, _MAP = "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"


def read_text(path: Path, label: str, max_bytes: int = MAX_BYTES) -> str:
    """A text file of the edition as str: UTF-8, within the size limit, without control characters."""
    if not path.is_file():
        raise EditionError(label, None, "file not found", f"create {label}, or correct the name that points to it")
    size = path.stat().st_size
    if size > max_bytes:
        raise EditionError(label, None, f"the file is {size:,} bytes, more than the {max_bytes:,} an editorial file "
                           "may have", "split it, or check that it is the file you meant")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise EditionError(label, line, f"the file is not valid UTF-8 (byte 0x{raw[e.start]:02x})",
                           "save the file as UTF-8") from None
    if m := CONTROL.search(text):
        line = text.count("\n", 0, m.start()) + 1
        raise EditionError(label, line, f"contains the control character U+{ord(m[0]):04X}, which no page or data "
                           "file can carry", "delete it (it is invisible in most editors; retype the line)")
    return text.removeprefix("\ufeff")


class YamlDoc:
    """A parsed YAML file with the line number of each key and item."""

    def __init__(self, path: Path, label: str):
        self.path, self.label = path, label
        text = read_text(path, label)
        try:
            node = yaml.compose(text, Loader=_Loader)
        except yaml.MarkedYAMLError as e:
            mark = e.problem_mark or e.context_mark
            raise EditionError(label, mark.line + 1 if mark else None, f"malformed YAML: {e.problem or e.context}",
                               "correct the YAML syntax at that line (indentation, quotes, a missing ':')") from None
        except yaml.YAMLError as e:
            raise EditionError(label, None, f"malformed YAML: {e}", "correct the YAML syntax") from None
        self.lines: dict[Loc, int] = {}
        self._seen: set[int] = set()
        self.data: Any = None if node is None else self._value(node, ())

    def _fail(self, node: yaml.Node, problem: str, fix: str):
        raise EditionError(self.label, node.start_mark.line + 1, problem, fix)

    def _value(self, node: yaml.Node, loc: Loc) -> Any:
        self.lines.setdefault(loc, node.start_mark.line + 1)
        if len(loc) > MAX_DEPTH:
            self._fail(node, f"the data is nested more than {MAX_DEPTH} levels deep", "flatten it")
        # libyaml shares one node among an anchor and its aliases: a node met twice is an alias.
        if id(node) in self._seen:
            self._fail(node, "uses a YAML alias (*name), which editorial data may not",
                       "write the value out where it is needed")
        self._seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                self._fail(node, f"has the tag {node.tag}, which editorial data may not use", "remove the tag")
            return [self._value(item, loc + (i,)) for i, item in enumerate(node.value)]
        if node.tag != _MAP:
            self._fail(node, f"has the tag {node.tag}, which editorial data may not use", "remove the tag")
        out: dict = {}
        where: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self._fail(key_node, "a key is a list or a mapping", "write each key as plain text")
            key = self._scalar(key_node)
            if key == "<<" and not key_node.style:
                self._fail(key_node, "uses a YAML merge key (<<), which editorial data may not",
                           "write the keys out where they are needed")
            if not isinstance(key, (str, int)) or isinstance(key, bool):
                self._fail(key_node, f"the key {key_node.value!r} is not text or a number", "quote the key")
            if key in out:
                self._fail(key_node, f"the key '{key}' is given twice (first at line {where[key]}); the second would "
                           "silently replace the first", "keep one of them")
            where[key] = key_node.start_mark.line + 1
            self.lines[loc + (key,)] = where[key]
            out[key] = self._value(value_node, loc + (key,))
            self.lines[loc + (key,)] = where[key]
        return out

    def _scalar(self, node: yaml.ScalarNode):
        tag, value = node.tag, node.value
        if tag == _STR:
            return value
        if tag == _INT:
            return int(value)
        if tag == _FLOAT:
            return float(value.replace(".inf", "inf").replace(".Inf", "inf").replace(".INF", "inf")
                         .replace(".nan", "nan").replace(".NaN", "nan").replace(".NAN", "nan"))
        if tag == _BOOL:
            return value.lower() == "true"
        if tag == _NULL:
            return None
        self._fail(node, f"has the tag {tag}, which editorial data may not use", "remove the tag")

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
