"""Text normalisation for buyer messages and agent replies.

Two levels:
- `fold_width` maps full-width forms to half-width one character for one
  character, so spans found on its output are spans in the original text.
- `normalize` is the canonical form for classification: width-folded,
  traditional characters converted to simplified, lower-case, repeated
  punctuation and whitespace collapsed, pinyin and English shop words
  glossed into Chinese.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import opencc

MAX_ANALYSED_CHARS = 2000

_WIDTH_TABLE = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_WIDTH_TABLE[0x3000] = 0x20  # ideographic space

_REPEATED_PUNCT = re.compile(r"([!?。！？~～，,.…、])\1+")
_SPACES = re.compile(r"\s+")
_LATIN_WORD = re.compile(r"[a-z][a-z' ]*[a-z]|[a-z]")

_converter = opencc.OpenCC("t2s")


def fold_width(text: str) -> str:
    """Map full-width ASCII and the ideographic space to half-width (length-preserving)."""
    return text.translate(_WIDTH_TABLE)


def simplified_same_length(text: str) -> str:
    """Width-folded, simplified `text` with exactly its offsets (a phrase conversion that changes the length
    falls back to converting character by character)."""
    folded = fold_width(text)
    converted = _converter.convert(folded)
    if len(converted) == len(folded):
        return converted
    return "".join(c if len(c) == 1 else o for o, c in zip(folded, map(_converter.convert, folded)))


@lru_cache(maxsize=1)
def _glossary() -> tuple[re.Pattern[str], dict[str, str]]:
    """Pinyin and English shop words with their Chinese meaning, longest first."""
    entries: dict[str, str] = {}
    raw = resources.files("nlp").joinpath("data/glossary.tsv").read_text("utf-8")
    for line in raw.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        source, target = line.split("\t")
        entries[source.lower()] = target
    alternatives = sorted(entries, key=len, reverse=True)
    pattern = re.compile(r"(?<![a-z])(" + "|".join(map(re.escape, alternatives)) + r")(?![a-z])")
    return pattern, entries


def gloss_latin(text: str) -> str:
    """Replace known pinyin and English words (already lower-case) by Chinese."""
    if not _LATIN_WORD.search(text):
        return text
    pattern, entries = _glossary()
    return pattern.sub(lambda m: entries[m.group(1)], text)


def normalize(text: str) -> str:
    """Canonical form of a message for classification and matching."""
    text = fold_width(text[:MAX_ANALYSED_CHARS])
    text = _converter.convert(text).lower()
    text = _REPEATED_PUNCT.sub(r"\1", text)
    text = _SPACES.sub(" ", text).strip()
    return gloss_latin(text)
