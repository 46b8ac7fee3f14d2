"""The engine's reader-facing words, one catalogue per language (en.yml has them all)."""
from __future__ import annotations

from pathlib import Path

import yaml

CATALOGUES = Path(__file__).parent


def catalogue(language: str) -> dict[str, str]:
    """The engine's words in the edition's language (its primary subtag), else in English, which has them all."""
    words = yaml.safe_load((CATALOGUES / "en.yml").read_text(encoding="utf-8"))
    own = CATALOGUES / f"{language.split('-')[0].lower()}.yml"
    if own.is_file() and own.name != "en.yml":
        words.update(yaml.safe_load(own.read_text(encoding="utf-8")))
    return words


def known_language(tag: str) -> bool:
    """Whether the engine has a catalogue of its words in the language (its primary subtag)."""
    return (CATALOGUES / f"{tag.split('-')[0].lower()}.yml").is_file()


def language_name(tag: str) -> str:
    """A language's name in that language, where the engine has a catalogue for it; else its tag."""
    own = CATALOGUES / f"{tag.split('-')[0].lower()}.yml"
    if own.is_file():
        return yaml.safe_load(own.read_text(encoding="utf-8"))["language_name"]
    return tag
