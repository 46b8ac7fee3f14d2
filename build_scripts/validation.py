"""Validate a parsed YAML file against its schema; the first error names file, line, key and fix."""
from __future__ import annotations

from typing import TypeVar

from pydantic import BaseModel, ValidationError

from .yaml_lines import YamlDoc

M = TypeVar("M", bound=BaseModel)


def _fix_for(err: dict) -> str:
    kind, ctx = err["type"], err.get("ctx") or {}
    if kind == "missing":
        return f"add the key '{err['loc'][-1]}'"
    if kind == "extra_forbidden":
        return f"remove '{err['loc'][-1]}' or correct its spelling"
    if kind == "literal_error":
        return f"use one of {ctx.get('expected')}"
    if kind == "string_pattern_mismatch":
        return f"write a value matching {ctx.get('pattern')}"
    if kind in ("int_parsing", "int_type"):
        return "give a whole number"
    if kind == "value_error":
        return "correct the entry as the message says"
    return "correct the value as the message says"


def validated(doc: YamlDoc, model: type[M]) -> M:
    """Validate a whole file; the first error is reported with its file, line and key."""
    try:
        return model.model_validate(doc.data if doc.data is not None else {})
    except ValidationError as e:
        err = e.errors(include_url=False)[0]
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        msg = err["msg"].removeprefix("Value error, ")
        raise doc.error(loc, msg, _fix_for(err)) from None
