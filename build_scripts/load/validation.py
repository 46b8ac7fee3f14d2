"""Validate a parsed YAML file against its schema; the first error names file, line, key and fix."""
from __future__ import annotations

from typing import TypeVar

from pydantic import BaseModel, ValidationError

from .yaml_doc import YamlDoc

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
        return "give a whole number, without quotes"
    if kind in ("string_type",):
        return "write it as text, in quotes if it looks like a number or a date"
    if kind in ("bool_type", "bool_parsing"):
        return "write true or false"
    if kind in ("float_type", "float_parsing", "finite_number"):
        return "give a number"
    if kind in ("list_type", "tuple_type"):
        return "give a list (items on lines starting with '- ', or [a, b])"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return "give a mapping of keys and values"
    if kind in ("too_short", "too_long"):
        return "give as many items or characters as the message says"
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
        if err["type"] == "string_pattern_mismatch":
            msg = f"'{err.get('input')}' is not in the expected form"
        raise doc.error(loc, msg, _fix_for(err)) from None
