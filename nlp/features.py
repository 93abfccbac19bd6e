"""Features of a normalised message for the intent classifier.

One pure function serves both training and prediction, so the two can never
drift apart: jieba words plus character 1- to 3-grams, with digit runs folded
(order and tracking numbers carry no intent by their digits).
"""

from __future__ import annotations

import re

_DIGITS = re.compile(r"\d+(?:\.\d+)?")
_SKIP = frozenset(" ,.!?;:'\"，。！？；：、…~～")


def fold_digits(text: str) -> str:
    """Replace every number by a single '0'."""
    return _DIGITS.sub("0", text)


def features(normalized: str, words: list[str]) -> list[str]:
    """Word and character n-gram features of a normalised message."""
    if _DIGITS.search(normalized) is not None:  # most messages have no number to fold
        normalized = fold_digits(normalized)
        words = [fold_digits(w) for w in words]
    feats = ["w:" + w for w in words if w not in _SKIP]
    chars = "".join([c for c in normalized if c not in _SKIP])
    feats += ["c:" + c for c in chars]
    feats += ["c:" + chars[i : i + 2] for i in range(len(chars) - 1)]
    feats += ["c:" + chars[i : i + 3] for i in range(len(chars) - 2)]
    if not feats:
        feats.append("empty")
    return feats
