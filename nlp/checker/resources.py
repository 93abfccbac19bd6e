"""Reading the checker's rule data (nlp/data/checker/) and the matching form of a reply."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import ahocorasick

from nlp.normalize import simplified_same_length

_ASCII_LOWER = {code: code + 32 for code in range(ord("A"), ord("Z") + 1)}


def matching_form(text: str) -> str:
    """Width-folded, simplified, ASCII-lower-cased `text`: same length, so spans found on it index `text`."""
    return simplified_same_length(text).translate(_ASCII_LOWER)


@cache
def data_lines(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of a checker data file."""
    raw = resources.files("nlp").joinpath(f"data/checker/{name}").read_text("utf-8")
    return tuple(line.strip() for line in raw.splitlines() if line.strip() and not line.startswith("#"))


def data_table(name: str) -> tuple[tuple[str, ...], ...]:
    """Rows of a tab-separated checker data file."""
    return tuple(tuple(line.split("\t")) for line in data_lines(name))


def data_sections(name: str) -> dict[str, tuple[str, ...]]:
    """Lines of a checker data file grouped under their `[section]` headers."""
    sections: dict[str, list[str]] = {}
    current: list[str] = []
    for line in data_lines(name):
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
        else:
            current.append(line)
    return {key: tuple(lines) for key, lines in sections.items()}


def alternation(patterns: tuple[str, ...] | list[str], literal: bool = False) -> re.Pattern[str]:
    """One compiled regex matching any of `patterns`, longest literal first."""
    if literal:
        patterns = [re.escape(p) for p in sorted(patterns, key=len, reverse=True)]
    return re.compile("|".join(f"(?:{p})" for p in patterns))


def _is_latin(char: str) -> bool:
    return char.isascii() and char.isalnum()


class PhraseIndex:
    """Leftmost-longest, non-overlapping search for many literal phrases (Aho-Corasick).

    A phrase that begins or ends with a Latin letter or digit only matches as a whole
    word on that side, so `vx` is found in "加vx" but not in "vxyz".
    """

    def __init__(self, phrases: tuple[str, ...] | list[str]) -> None:
        self._automaton = ahocorasick.Automaton()
        for phrase in phrases:
            self._automaton.add_word(phrase, phrase)
        self._automaton.make_automaton()

    def find(self, form: str) -> list[tuple[int, int, str]]:
        """`(start, end, phrase)` of the matches in `form`, in text order."""
        if not form:
            return []
        candidates = sorted(
            ((end + 1 - len(phrase), end + 1, phrase) for end, phrase in self._automaton.iter(form)),
            key=lambda m: (m[0], -m[1]),
        )
        found: list[tuple[int, int, str]] = []
        reached = 0
        for start, end, phrase in candidates:
            if start < reached or not self._whole_word(form, start, end):
                continue
            found.append((start, end, phrase))
            reached = end
        return found

    @staticmethod
    def _whole_word(form: str, start: int, end: int) -> bool:
        if _is_latin(form[start]) and start > 0 and _is_latin(form[start - 1]):
            return False
        return not (_is_latin(form[end - 1]) and end < len(form) and _is_latin(form[end]))
