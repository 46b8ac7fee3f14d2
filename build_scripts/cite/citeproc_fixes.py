"""Fixes to citeproc-py (0.11), the CSL processor the edition renders its citations with, applied on import.

Each fix is small and says why; tests/test_csl.py checks what each one changes.
"""
from __future__ import annotations

from citeproc import model as _csl_model
from citeproc import source as _csl_source


def _get_macro(self, name, _found={}):
    """citeproc-py finds a style's macro by an XPath search at every use: half of a rendering's time. The styles
    are loaded once (load_style) and kept, so their root elements, and each macro, can be remembered."""
    root = self.get_root()
    key = (id(root), name)
    if key not in _found:
        _found[key] = (root, root.xpath_search(f"cs:macro[@name='{name}'][1]")[0])  # root kept: its id stays its own
    return _found[key][1]


_csl_model.CitationStylesElement.get_macro = _get_macro


def _remembered(method):
    """A question about a style's (or locale's) tree whose answer depends only on the element and the arguments, never
    on the item: whether an element calls a variable (citeproc-py walks the tree again at every use, a third of a
    rendering's time), a locale's term, an element's layout or substitute (an XPath search at every use, a sixth).
    The answer, or its absence, is worked out once."""
    found = {}

    def lookup(self, *args, **kwargs):
        key = (id(self), args, tuple(sorted(kwargs.items())))
        if key not in found:
            try:
                found[key] = (self, method(self, *args, **kwargs), None)  # the element kept: its id stays its own
            except (IndexError, AttributeError) as e:
                found[key] = (self, None, e)
        _, value, error = found[key]
        if error is not None:
            raise type(error)(*error.args)
        return value
    return lookup


_csl_model.Parent.calls_variable = _remembered(_csl_model.Parent.calls_variable)
_csl_model.Text.calls_variable = _remembered(_csl_model.Text.calls_variable)
_csl_model.Locale.get_term = _remembered(_csl_model.Locale.get_term)
_csl_model.CitationStylesElement.get_layout = _remembered(_csl_model.CitationStylesElement.get_layout)
_csl_model.Names.substitute = _remembered(_csl_model.Names.substitute)


def _is_numeric(self, item):
    """`is-numeric="locator"` tests the citation's locator ("16" is numeric, "Early life" is not); citeproc-py looks
    for a variable "locator" in the work's data, never finds one, and so drops the label of every locator that
    styles label only when numeric ("chap. 16" came out as "16")."""
    def numeric(var: str) -> bool:
        if var == "locator":
            return bool(item.has_locator and self.re_numeric.match(str(item.locator.identifier)))
        name = var.replace("-", "_")
        return name in item.reference and bool(self.re_numeric.match(str(item.reference[name])))
    return [numeric(var) for var in self.get("is-numeric").split()]


_csl_model.If._is_numeric = _is_numeric


def _reference(self):
    """A cited item's data, looked up in its bibliography once, not at each of the hundreds of variables a style
    reads (citeproc-py goes through three dictionary lookups each time)."""
    try:
        return self.__dict__["_reference"]
    except KeyError:
        self.__dict__["_reference"] = self.bibliography.source[self.key]
        return self.__dict__["_reference"]


_csl_source.CitationItem.reference = property(_reference)


_label_process = _csl_model.Label.process


def _label(self, item, variable=None, *args, **kwargs):
    """A label stands only beside its variable: CSL renders `<label variable="edition"/>` only when the work has an
    edition. citeproc-py rendered the term alone ("Time, Edition." for a magazine article that has none). A label
    inside <names> is given its variable by the names and is left as it was."""
    if variable is None:
        name = self.get("variable") or ""
        if name == "locator":
            present = item.has_locator
        else:
            present = any(item.reference.get(n.replace("-", "_")) not in (None, "") for n in name.split())
        if not present:
            return None
    return _label_process(self, item, variable, *args, **kwargs)


_csl_model.Label.process = _label
