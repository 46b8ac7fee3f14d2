"""Find every mention of every entity's surface forms in one pass over the text (Aho-Corasick)."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache

import ahocorasick

from ..errors import EditionError
from ..model import Edition, Entity, Form, Mention, Paragraph


@dataclass(frozen=True, eq=False)
class _Claim:
    entity: Entity
    form: Form
    scope: frozenset[int]  # the form's paragraphs as a set: a lookup stays constant as an edition grows

    def applies_to(self, n: int) -> bool:
        return not self.scope or n in self.scope


def _variants(form: Form) -> set[str]:
    # A form that starts in lower case ("the chairman") also stands at the start of a sentence.
    out = {form.text}
    if form.case == "initial" and form.text[0].islower():
        out.add(form.text[0].upper() + form.text[1:])
    return out


# Scripts written without spaces between words: a name there has no word boundary to look for.
_SPACELESS = ("CJK", "HIRAGANA", "KATAKANA", "THAI", "LAO", "KHMER", "MYANMAR", "TIBETAN", "YI ", "IDEOGRAPHIC")


@lru_cache(maxsize=None)
def spaceless(ch: str) -> bool:
    return unicodedata.name(ch, "").startswith(_SPACELESS)


def _is_word_char(ch: str) -> bool:
    # A hyphen binds: "Soviet" is not a mention inside "Franco-Soviet"; an apostrophe does not: "Carmen's".
    return ch.isalnum() or ch == "-"


def _bounded(text: str, start: int, end: int) -> bool:
    """Whether a form found at [start, end) stands as a word. At an edge of the form written in a script without
    spaces (蘇俄 inside 致蘇俄遺書), there is no boundary to ask for."""
    before = start > 0 and _is_word_char(text[start - 1]) and not spaceless(text[start])
    after = end < len(text) and _is_word_char(text[end]) and not spaceless(text[end - 1])
    return not before and not after


def build_automaton(entities: tuple[Entity, ...]) -> ahocorasick.Automaton:
    claims: dict[str, list[_Claim]] = {}
    for e in entities:
        for f in e.forms:
            for v in _variants(f):
                claims.setdefault(v, []).append(_Claim(e, f, frozenset(f.paragraphs)))
    automaton = ahocorasick.Automaton()
    for key, value in claims.items():
        automaton.add_word(key, (key, tuple(value)))
    automaton.make_automaton()
    return automaton


def find_mentions(paragraphs: tuple[Paragraph, ...], entities: tuple[Entity, ...]) -> tuple[Mention, ...]:
    if not entities:
        return ()
    automaton = build_automaton(entities)
    mentions: list[Mention] = []
    used: set[tuple[str, str]] = set()
    for p in paragraphs:
        text = p.text
        candidates: list[tuple[int, int, _Claim]] = []
        for last, (key, claims) in automaton.iter(text):
            start, end = last - len(key) + 1, last + 1
            if not _bounded(text, start, end):
                continue
            owners = [c for c in claims if c.applies_to(p.n)]
            if len({c.entity.id for c in owners}) > 1:
                a, b = owners[0], next(c for c in owners if c.entity.id != owners[0].entity.id)
                raise EditionError(b.entity.file, b.form.line,
                                   f"the form '{key}' is claimed by both '{a.entity.id}' ({a.entity.file}) and "
                                   f"'{b.entity.id}' in ¶{p.n}",
                                   "scope the form with 'paragraphs:' on one of the entities so each paragraph has one owner")
            if owners:
                candidates.append((start, end, owners[0]))
        # Longest form first, then leftmost: "Franco-Soviet treaty" wins over anything inside it. The characters
        # already taken are marked, so the work grows with the text, not with the square of its names.
        candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
        taken: list[tuple[int, int, _Claim]] = []
        occupied = bytearray(len(text))
        for c in candidates:
            if not any(occupied[c[0]:c[1]]):
                occupied[c[0]:c[1]] = b"\x01" * (c[1] - c[0])
                taken.append(c)
        for start, end, claim in sorted(taken, key=lambda c: c[0]):
            used.add((claim.entity.id, claim.form.text))
            mentions.append(Mention(entity=claim.entity.id, paragraph=p.n, start=start, end=end,
                                    text=text[start:end], garbled=claim.form.garbled))
    for e in entities:
        for f in e.forms:
            if (e.id, f.text) not in used:
                scope = f" in ¶{', ¶'.join(map(str, f.paragraphs))}" if f.paragraphs else ""
                raise EditionError(e.file, f.line, f"entity '{e.id}': the form '{f.text}' never occurs in the text{scope}",
                                   "copy the form verbatim from the text, correct its 'paragraphs' scope, or remove it")
    return tuple(mentions)


def annotate(ed: Edition) -> Edition:
    """The edition with every mention of every entity found in its text."""
    return replace(ed, mentions=find_mentions(ed.paragraphs, ed.entities))
