"""Features of a normalised message for the intent and mood classifiers.

One pure function serves training, so training and prediction can never drift
apart: jieba words plus character 1- to 3-grams, with digit runs folded (order
and tracking numbers carry no intent by their digits). `FeatureRows` finds the
same features' rows at serving time without building their strings.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import ahocorasick

_DIGITS = re.compile(r"\d+(?:\.\d+)?")
_SKIP = frozenset(" ,.!?;:'\"，。！？；：、…~～")
_DROP_SKIPPED = str.maketrans("", "", "".join(_SKIP))
WORD, CHARS, EMPTY = "w:", "c:", "empty"


def fold_digits(text: str) -> str:
    """Replace every number by a single '0'."""
    return _DIGITS.sub("0", text)


def _folded(normalized: str, words: list[str]) -> tuple[list[str], str]:
    """The message's words without punctuation and its characters without punctuation, digits folded."""
    if _DIGITS.search(normalized) is not None:  # most messages have no number to fold
        normalized = fold_digits(normalized)
        words = [fold_digits(w) for w in words]
    return [w for w in words if w not in _SKIP], normalized.translate(_DROP_SKIPPED)


def features(normalized: str, words: list[str]) -> list[str]:
    """Word and character n-gram features of a normalised message."""
    kept, chars = _folded(normalized, words)
    feats = [WORD + w for w in kept]
    feats += [CHARS + c for c in chars]
    feats += [CHARS + chars[i : i + 2] for i in range(len(chars) - 1)]
    feats += [CHARS + chars[i : i + 3] for i in range(len(chars) - 2)]
    if not feats:
        feats.append(EMPTY)
    return feats


class FeatureRows:
    """The rows of a message's known `features`, found without building feature strings.

    Given a model's feature index, `of(normalized, words)` returns the same multiset of
    rows as looking every feature of `features(normalized, words)` up in that index:
    words through a dict, character n-grams through an Aho-Corasick automaton over
    the index's n-grams, which reports every occurrence of every known 1- to 3-gram.
    """

    def __init__(self, index: Mapping[str, int]) -> None:
        self._words = {name[len(WORD) :]: row for name, row in index.items() if name.startswith(WORD)}
        self._grams = ahocorasick.Automaton()
        for name, row in index.items():
            if name.startswith(CHARS):
                self._grams.add_word(name[len(CHARS) :], row)
        self._has_grams = len(self._grams) > 0
        if self._has_grams:
            self._grams.make_automaton()
        self._empty = index.get(EMPTY)

    def of(self, normalized: str, words: list[str]) -> list[int]:
        """Row indices of the message's known features, one per occurrence."""
        kept, chars = _folded(normalized, words)
        if not kept and not chars:
            return [] if self._empty is None else [self._empty]
        found = [row for row in map(self._words.get, kept) if row is not None]
        if self._has_grams:
            found += [row for _, row in self._grams.iter(chars)]
        return found
