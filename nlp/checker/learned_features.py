"""Features of a reply (or one sentence of it) for the learned checker: character 1- to 3-grams.

One pure function serves training and serving. It reads the matching form (width-folded, simplified),
folds digit runs and marks both ends, so openings (别…, 把…) and endings (…吧, …的) are features of their own.
"""

from __future__ import annotations

import re

_DIGITS = re.compile(r"\d+(?:\.\d+)?")
_SPACES = re.compile(r"\s+")


def segment_features(form: str) -> list[str]:
    """Character 1- to 3-grams of `form` (a matching form) between start and end marks."""
    chars = "<" + _SPACES.sub("", _DIGITS.sub("0", form)) + ">"
    return [chars[i : i + n] for n in (1, 2, 3) for i in range(len(chars) - n + 1)]
