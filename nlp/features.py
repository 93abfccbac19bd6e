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
    feats = [f"w:{fold_digits(w)}" for w in words if w not in _SKIP]
    chars = [c for c in fold_digits(normalized) if c not in _SKIP]
    n = len(chars)
    feats.extend(f"c:{c}" for c in chars)
    feats.extend(f"c:{chars[i]}{chars[i + 1]}" for i in range(n - 1))
    feats.extend(f"c:{chars[i]}{chars[i + 1]}{chars[i + 2]}" for i in range(n - 2))
    if not feats:
        feats.append("empty")
    return feats
