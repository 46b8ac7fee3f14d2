"""Find every mention of every entity's surface forms in one pass over the text (Aho-Corasick).

A form marked `inflect: true` also stands for its inflected forms in the language of the text it is found in (a
paragraph's language is its text's). They are worked out before the pass, by a library, never by endings written
here, and added to the automaton as forms of their own:
- Russian: pymorphy3 (OpenCorpora's dictionary) declines the form, written in the nominative, into every case of its
  number and gender: Богомолов -> Богомолова, Богомолову, Богомоловым, Богомолове; adjectives agree with their
  noun (Советский Союз -> Советского Союза); a word not in the nominative stays as written (Народный комиссариат
  иностранных дел -> Народного комиссариата иностранных дел). A derived word (Богомоловский) is another lexeme and
  never matches.
- The languages Snowball has a stemmer for (Greek, Armenian, German, Polish, …): a word of the text matches when
  the stemmer reduces it to the form's stem and what it adds to that stem is no longer than an ending (at most
  three letters, or the form's own): Βενιζέλος -> Βενιζέλου, Βενιζέλο, but not Βενιζελισμός. A stemmer knows no
  paradigm, so a case form it stems differently is missed (`make report` lists it: add it as a form of its own).
A form the editor declares always wins over an inflected form of another entity's; two declared forms never share.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
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
    inflected: bool = False  # an inflected form worked out from the declared one (not written by the editor)

    def applies_to(self, n: int) -> bool:
        return not self.scope or n in self.scope


def _variants(form: Form, text: str | None = None) -> set[str]:
    # A form that starts in lower case ("the chairman") also stands at the start of a sentence.
    text = form.text if text is None else text
    out = {text}
    if form.case == "initial" and text[0].islower():
        out.add(text[0].upper() + text[1:])
    return out


# Scripts written without spaces between words: a name there has no word boundary to look for.
_SPACELESS = ("CJK", "HIRAGANA", "KATAKANA", "THAI", "LAO", "KHMER", "MYANMAR", "TIBETAN", "YI ", "IDEOGRAPHIC")


@lru_cache(maxsize=None)
def spaceless(ch: str) -> bool:
    return unicodedata.name(ch, "").startswith(_SPACELESS)


def _is_word_char(ch: str) -> bool:
    # A hyphen binds: "Soviet" is not a mention inside "Franco-Soviet"; an apostrophe does not: "Carmen's".
    return ch.isalnum() or ch == "-"


# --- inflection ---------------------------------------------------------------------------------------------

# The languages (primary subtag) whose Snowball stemmer the engine uses (snowballstemmer's algorithms).
SNOWBALL = {"ar": "arabic", "hy": "armenian", "eu": "basque", "ca": "catalan", "cs": "czech", "da": "danish",
            "nl": "dutch", "en": "english", "eo": "esperanto", "et": "estonian", "fi": "finnish", "fr": "french",
            "de": "german", "el": "greek", "hi": "hindi", "hu": "hungarian", "id": "indonesian", "ga": "irish",
            "it": "italian", "lt": "lithuanian", "ne": "nepali", "no": "norwegian", "nb": "norwegian",
            "nn": "norwegian", "fa": "persian", "pl": "polish", "pt": "portuguese", "ro": "romanian", "sr": "serbian",
            "st": "sesotho", "es": "spanish", "sv": "swedish", "ta": "tamil", "tr": "turkish", "yi": "yiddish"}
# The languages a dictionary declines (pymorphy3 and its dictionary package).
MORPHOLOGY = {"ru": "pymorphy3-dicts-ru"}
_ENDING = 3  # the longest ending a stemmer's match may add to the stem, where the form's own is shorter
_SPACE = re.compile(r"(\s+)")


def _primary(language: str) -> str:
    return language.split("-")[0].lower()


def inflects(language: str) -> bool:
    """Whether the engine can inflect forms in this language."""
    return _primary(language) in MORPHOLOGY or _primary(language) in SNOWBALL


def _word_char(ch: str) -> bool:
    # A word of the text for inflection: letters and digits, the marks that combine with them (Devanagari's vowel
    # signs), and a binding hyphen.
    return _is_word_char(ch) or unicodedata.category(ch).startswith("M")


def _words(text: str) -> list[tuple[int, int]]:
    """The words of a paragraph, as [start, end) pairs."""
    out, start = [], None
    for i, ch in enumerate(text):
        if _word_char(ch):
            if start is None:
                start = i
        elif start is not None:
            out.append((start, i))
            start = None
    if start is not None:
        out.append((start, len(text)))
    return out


def _recase(model: str, word: str) -> str:
    """`word` (a form a library gives in lower case) written with the capitals of the declared `model`."""
    if len(model) > 1 and model.isupper():
        return word.upper()
    return "".join(c.upper() if i < len(model) and model[i].isupper() else c for i, c in enumerate(word))


@lru_cache(maxsize=None)
def _morph(code: str):
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang=code)


# The cases a form is declined into; the second genitive and locative (чаю, в Крыму) only for a noun that has them,
# the adjectives beside it taking the first (в Южном Крыму).
_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct", "gen2", "loc2")
_ADJECTIVE_CASE = {"gen2": "gent", "loc2": "loct"}
_PROPER = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"})


def _yo(s: str) -> str:
    return s.replace("ё", "е").replace("Ё", "Е")


@lru_cache(maxsize=None)
def declined(code: str, text: str) -> frozenset[str]:
    """Every case form of `text` in its number and gender, by the language's dictionary: each word the dictionary
    reads as a nominative is declined (the adjectives in agreement), every other word stays as written; empty when
    no word is such a nominative."""
    morph = _morph(code)
    parts = _SPACE.split(text)
    parses = {}
    gender = None  # a person's: a given name's gender decides the surname's (Александра Коллонтай: never declined)
    for i in range(0, len(parts), 2):
        word = parts[i]
        nominative = [p for p in morph.parse(word) if p.tag.case == "nomn"]
        if word[:1].isupper():  # a name: its readings as a name first (Королёв the surname or the town)
            nominative.sort(key=lambda p: not (_PROPER & p.tag.grammemes))
        if gender:
            agreeing = [p for p in nominative if p.tag.gender == gender]
            nominative = agreeing if agreeing or gender != "femn" else []
        if nominative:
            parses[i] = nominative[0]  # the likeliest reading (pymorphy3 orders them by score)
            if gender is None and "Name" in nominative[0].tag.grammemes:
                gender = nominative[0].tag.gender
    if not parses:
        return frozenset()
    # An adjective's accusative follows its noun's animacy (Советский Союз -> Советский Союз, not Советского).
    animacy = next((p.tag.animacy for p in parses.values() if p.tag.POS == "NOUN" and p.tag.animacy), None)
    keep_yo = "ё" in text.lower()
    out = set()
    for case in _CASES:
        words = list(parts)
        for i, p in parses.items():
            adjective = p.tag.POS in ("ADJF", "PRTF", "NUMR")
            want = _ADJECTIVE_CASE.get(case, case) if adjective else case
            wanted = {want} | ({p.tag.number} if p.tag.number else set())
            if adjective and want == "accs" and animacy:
                wanted.add(animacy)
            got = p.inflect(wanted)
            if got is None or got.tag.case != want:
                break  # the word has no such case (a noun without a second locative): no form for this case
            words[i] = _recase(parts[i], got.word if keep_yo else _yo(got.word))
        else:
            out.add("".join(words))
    return frozenset(out)


@lru_cache(maxsize=None)
def _stemmer(algorithm: str):
    import snowballstemmer

    return snowballstemmer.stemmer(algorithm)


class _Stems:
    """The words of one language's paragraphs by their Snowball stem, to find a form's inflected forms there."""

    def __init__(self, algorithm: str, paragraphs: Iterable[Paragraph]):
        self.stem = lru_cache(maxsize=None)(lambda w: _stemmer(algorithm).stemWord(w.lower()))
        self.paragraphs = tuple(paragraphs)
        self.words = {p.n: _words(p.text) for p in self.paragraphs}
        self.index: dict[str, list[tuple[Paragraph, int]]] = {}
        for p in self.paragraphs:
            for k, (a, b) in enumerate(self.words[p.n]):
                self.index.setdefault(self.stem(p.text[a:b]), []).append((p, k))

    def _same(self, declared: str, word: str, first: bool, form: Form) -> bool:
        stem = self.stem(declared)
        if self.stem(word) != stem:
            return False
        if len(word) - len(stem) > max(_ENDING, len(declared) - len(stem)):
            return False  # more than an ending: a derived word (Βενιζελισμός beside Βενιζέλος)
        # A capital stays a capital: a name does not match a common word spelt like it.
        if first and form.case == "initial" and declared[0].islower():
            return True
        return word[0].isupper() == declared[0].isupper()

    def found(self, form: Form) -> set[str]:
        """The inflected forms of `form` that stand in these paragraphs (as written there)."""
        declared = _SPACE.split(form.text)[::2]
        out = set()
        for p, k in self.index.get(self.stem(declared[0]), ()):
            words = self.words[p.n]
            if k + len(declared) > len(words):
                continue
            run = words[k:k + len(declared)]
            if any(p.text[run[j][1]:run[j + 1][0]].strip() or not p.text[run[j][1]:run[j + 1][0]]
                   for j in range(len(run) - 1)):
                continue  # the words of a form are separated by spaces only
            if all(self._same(d, p.text[a:b], j == 0, form) for j, (d, (a, b)) in enumerate(zip(declared, run))):
                out.add(p.text[run[0][0]:run[-1][1]])
        return out


def _inflected(language: str, paragraphs: tuple[Paragraph, ...],
               forms: list[tuple[Entity, Form, int]]) -> dict[tuple[str, int], set[str]]:
    """The inflected forms of each form (by its entity's id and its place among the entity's forms) in one
    language's paragraphs; {} where the engine cannot inflect that language."""
    code = _primary(language)
    if code in MORPHOLOGY:
        out = {}
        for e, f, k in forms:
            cases = declined(code, f.text)
            if not cases:
                raise EditionError(e.file, f.line, f"entity '{e.id}': the form '{f.text}' is marked inflect, but no "
                                   f"word of it is a nominative the dictionary of '{language}' knows",
                                   "write the form in the nominative, or list its case forms as forms of their own "
                                   "without inflect")
            out[(e.id, k)] = set(cases)
        return out
    if code in SNOWBALL:
        stems = _Stems(SNOWBALL[code], paragraphs)
        return {(e.id, k): stems.found(f) for e, f, k in forms}
    return {}


def _bounded(text: str, start: int, end: int) -> bool:
    """Whether a form found at [start, end) stands as a word. At an edge of the form written in a script without
    spaces (蘇俄 inside 致蘇俄遺書), there is no boundary to ask for."""
    before = start > 0 and _is_word_char(text[start - 1]) and not spaceless(text[start])
    after = end < len(text) and _is_word_char(text[end]) and not spaceless(text[end - 1])
    return not before and not after


def build_automaton(entities: tuple[Entity, ...],
                    inflected: Mapping[tuple[str, int], set[str]] | None = None) -> ahocorasick.Automaton:
    """The automaton of every declared form, and of the inflected forms worked out for one language."""
    claims: dict[str, list[_Claim]] = {}
    for e in entities:
        for k, f in enumerate(e.forms):
            scope = frozenset(f.paragraphs)
            for v in _variants(f):
                claims.setdefault(v, []).append(_Claim(e, f, scope))
            for text in sorted((inflected or {}).get((e.id, k), ())):
                for v in _variants(f, text) - _variants(f):
                    claims.setdefault(v, []).append(_Claim(e, f, scope, inflected=True))
    automaton = ahocorasick.Automaton()
    for key, value in claims.items():
        automaton.add_word(key, (key, tuple(value)))
    automaton.make_automaton()
    return automaton


def _automata(paragraphs: tuple[Paragraph, ...], entities: tuple[Entity, ...], language_of) -> dict[str, object]:
    """One automaton per language of the text: the declared forms, with the inflected forms in that language."""
    by_language: dict[str, list[Paragraph]] = {}
    for p in paragraphs:
        by_language.setdefault(language_of(p), []).append(p)
    forms = [(e, f, k) for e in entities for k, f in enumerate(e.forms) if f.inflect]
    for e, f, _ in forms:
        reach = {language_of(p) for p in paragraphs if not f.paragraphs or p.n in f.paragraphs}
        if not any(inflects(lang) for lang in reach):
            langs = ", ".join(sorted(repr(lang or "?") for lang in reach)) or "none"
            raise EditionError(e.file, f.line, f"entity '{e.id}': the form '{f.text}' is marked inflect, but the engine "
                               f"cannot inflect the language of the text it stands in ({langs})",
                               "list each inflected form as a form of its own and remove inflect (the engine inflects "
                               f"{', '.join(sorted(MORPHOLOGY))} by dictionary and {', '.join(sorted(SNOWBALL))} by "
                               "Snowball stemmer)")
    return {lang: build_automaton(entities, _inflected(lang, tuple(ps), forms) if forms else None)
            for lang, ps in by_language.items()}


def find_mentions(paragraphs: tuple[Paragraph, ...], entities: tuple[Entity, ...],
                  languages: Mapping[str, str] | str = "") -> tuple[Mention, ...]:
    """Every mention in the paragraphs. `languages`: the text's language, or each text's by its id (a paragraph's
    `source`); it decides how a form marked inflect is inflected."""
    if not entities:
        return ()
    if isinstance(languages, str):
        language_of = lambda p: languages  # noqa: E731
    else:
        language_of = lambda p: languages.get(p.source, "")  # noqa: E731
    automata = _automata(paragraphs, entities, language_of)
    mentions: list[Mention] = []
    used: set[tuple[str, str]] = set()
    for p in paragraphs:
        text = p.text
        automaton = automata[language_of(p)]
        candidates: list[tuple[int, int, _Claim]] = []
        for last, (key, claims) in automaton.iter(text):
            start, end = last - len(key) + 1, last + 1
            if not _bounded(text, start, end):
                continue
            owners = [c for c in claims if c.applies_to(p.n)]
            if any(not c.inflected for c in owners):  # a declared form wins over an inflected one
                owners = [c for c in owners if not c.inflected]
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
                what = (f"neither the form '{f.text}' nor any inflected form of it occurs" if f.inflect else
                        f"the form '{f.text}' never occurs")
                raise EditionError(e.file, f.line, f"entity '{e.id}': {what} in the text{scope}",
                                   "copy the form verbatim from the text, correct its 'paragraphs' scope, or remove it")
    return tuple(mentions)


def annotate(ed: Edition) -> Edition:
    """The edition with every mention of every entity found in its text."""
    languages = {s.id: s.language or ed.language for s in ed.sources}
    return replace(ed, mentions=find_mentions(ed.paragraphs, ed.entities, languages))
