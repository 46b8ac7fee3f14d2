"""A citeproc-py output format that keeps text and formatting apart, so that every output escapes the text
its own way: runs of text, each with the styles CSL gave it (italic, bold, small caps, ...).

citeproc-py's HTML format pastes the data into markup without escaping it all (a title with `<img …>` came
out as a tag), so the edition never uses it. This module is passed to citeproc as its formatter; CSL wraps
text in private-use marks, which `runs()` turns back into (text, styles) pairs. The editorial data may not
contain private-use characters (schema.RESERVED), so a mark can only come from here.
"""
from __future__ import annotations


CLOSE = "\ue03f"
MARKS = {"i": "\ue030", "b": "\ue031", "sc": "\ue032", "sup": "\ue033", "sub": "\ue034", "u": "\ue035"}
STYLE_OF = {v: k for k, v in MARKS.items()}

Run = tuple[str, tuple[str, ...]]  # text, styles (outermost first)


def preformat(text) -> str:
    return str(text)


def _wrapper(style: str):
    class Wrapped(str):
        def __new__(cls, text):
            return super().__new__(cls, MARKS[style] + str(text) + CLOSE)
    Wrapped.__name__ = style
    return Wrapped


# The names citeproc-py looks up in a formatter module.
Italic = Oblique = _wrapper("i")
Bold = _wrapper("b")
Light = _wrapper("b")  # CSL's font-weight light has no counterpart in the outputs; treated as emphasis
Underline = _wrapper("u")
Superscript = _wrapper("sup")
Subscript = _wrapper("sub")
SmallCaps = _wrapper("sc")


def runs(marked: str) -> list[Run]:
    out: list[Run] = []
    stack: list[str] = []
    buf = []

    def flush():
        if buf:
            out.append(("".join(buf), tuple(stack)))
            buf.clear()
    for ch in marked:
        if ch in STYLE_OF:
            flush()
            stack.append(STYLE_OF[ch])
        elif ch == CLOSE:
            flush()
            if stack:
                stack.pop()
        else:
            buf.append(ch)
    flush()
    return out


def plain(rs: list[Run]) -> str:
    return "".join(t for t, _ in rs)


def as_json(rs: list[Run]) -> list[list]:
    """Runs for the page's script, which builds them with textContent: [[text, [styles]], ...]."""
    return [[text, list(styles)] for text, styles in rs]
