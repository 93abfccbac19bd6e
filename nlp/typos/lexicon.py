"""The typo checker's word knowledge, loaded once from `nlp/data/typos/`.

- known wrong words with their correction (public list, common typos checked in
  context, shop list, pairs learned from SIGHAN-15 training data),
- confusable characters (same pronunciation, similar shape, learned pairs) and
  the frequent learned confusions that are always worth a look (的/地, 在/再),
- protected words that are never flagged (shop, product and brand names),
- word frequencies: jieba's dictionary plus the shop vocabulary it lacks or under-counts
  (快充, 充电仓, 车厘子), so shop words complete fixes and are not "fixed" into common words,
- an index from "word with one character blanked" to the characters that
  complete it, so a wrong character is found by a few dictionary look-ups.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources

import ahocorasick

from nlp.tokenize import tokenizer

DATA_DIR = "data/typos"
BLANK = "?"
MIN_INDEXED_FREQ = 5
MAX_INDEXED_LEN = 4
FREQUENT_PAIR_COUNT = 5
# Frequency given to a shop-vocabulary word by its class (jieba counts 快递 ~3,000 and 划算 111 in 60M words)
VOCABULARY_FREQ = {"common": 1000, "medium": 200, "rare": 30}
SHOP_TEXT_WORD_FREQ = 30  # frequency per occurrence in our shop text (30 and 100 tie on the labelled replies)
SHOP, COMMON, PUBLIC = "shop", "common", "public"  # where a known wrong word comes from (shop_words, common_typos, the rest)


def _data_lines(name: str) -> list[str]:
    """Non-empty, non-comment lines of a data file under `nlp/data/typos/`."""
    raw = resources.files("nlp").joinpath(f"{DATA_DIR}/{name}").read_text("utf-8")
    return [line for line in raw.splitlines() if line.strip() and not line.startswith("#")]


def _pairs(name: str) -> dict[str, str]:
    """`wrong<TAB>right` lines of a data file."""
    return dict(line.split("\t")[:2] for line in _data_lines(name))


def is_han(char: str) -> bool:
    """True for a CJK unified ideograph."""
    return "\u4e00" <= char <= "\u9fff"


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Everything the checker looks up; immutable once built, so safe to share between threads."""

    known_wrong: ahocorasick.Automaton  # wrong word -> (wrong, right, source)
    protected: ahocorasick.Automaton  # protected word -> its length
    confusable: dict[str, dict[str, str]]  # char -> {char it may stand for: kind of confusion}
    frequent: dict[str, tuple[str, ...]]  # char -> chars it was often written for in the training data
    completions: dict[str, str]  # word with one char blanked -> chars completing it
    freq: dict[str, int]  # word frequencies (jieba and shop dictionaries, raised by `word_frequencies`)
    log_total: float


def known_wrong_pairs() -> list[tuple[str, str, str]]:
    """(wrong, right, source) of every list of known wrong words: SHOP, COMMON or PUBLIC (later lists win)."""
    raw = resources.files("nlp").joinpath(f"{DATA_DIR}/word_confusions.json").read_text("utf-8")
    return [
        (wrong, right, source)
        for source, items in (
            (PUBLIC, [*json.loads(raw).items(), *_pairs("learned_words.tsv").items()]),
            (COMMON, _pairs("common_typos.tsv").items()),
            (SHOP, _pairs("shop_words.tsv").items()),
        )
        for wrong, right in items
    ]


def _known_wrong_words(freq: dict[str, int]) -> ahocorasick.Automaton:
    """Automaton of known wrong words -> (wrong, right, source).

    The curated shop list (SHOP) is trusted as it is; a public, learned (PUBLIC) or common (COMMON)
    'wrong' word that is itself a dictionary word is left out, and the checker verifies the others in context.
    """
    pairs = {wrong: (right, source) for wrong, right, source in known_wrong_pairs()
             if source == SHOP or not freq.get(wrong)}
    automaton = ahocorasick.Automaton()
    for wrong, (right, source) in pairs.items():
        if len(wrong) == len(right) and wrong != right:
            automaton.add_word(wrong, (wrong, right, source))
    automaton.make_automaton()
    return automaton


def _protected_words() -> ahocorasick.Automaton:
    """Automaton of shop-dictionary and whitelisted words."""
    words = {line.split()[0] for line in _data_lines("whitelist.txt")}
    shop_dict = resources.files("nlp").joinpath("data/shop_dict.txt").read_text("utf-8")
    words.update(line.split()[0] for line in shop_dict.splitlines() if line.strip())
    automaton = ahocorasick.Automaton()
    for word in words:
        automaton.add_word(word, len(word))
    automaton.make_automaton()
    return automaton


def _learned_pairs() -> list[tuple[str, str, int]]:
    """(wrong, right, count) character pairs learned from training data."""
    rows = (line.split("\t") for line in _data_lines("learned_chars.tsv"))
    return [(wrong, right, int(count)) for wrong, right, count in rows]


def _confusable_chars() -> dict[str, dict[str, str]]:
    """Characters each character may have been typed for, with the kind of confusion.

    Kinds: same_tone, other_tone (same pinyin), shape, learned, alike (another tone or a commonly merged
    initial or final: s/sh, n/l, in/ing...); a pair of several kinds keeps the first.
    """
    table: dict[str, dict[str, str]] = defaultdict(dict)

    def add(wrong: str, right: str, kind: str) -> None:
        if wrong != right and right not in table[wrong]:
            table[wrong][right] = kind

    for name, third_kind in (("same_pinyin.txt", "other_tone"), ("same_sound.tsv", "alike")):
        for line in _data_lines(name):
            char, same_tone, other = (line.split("\t") + ["", ""])[:3]
            for right in same_tone:
                add(char, right, "same_tone")
            for right in other:
                add(char, right, third_kind)
    for line in _data_lines("same_stroke.txt"):
        group = line.split("\t")
        for char in group:
            for other in group:
                add(char, other, "shape")
    for wrong, right, _count in _learned_pairs():
        add(wrong, right, "learned")
    return dict(table)


def _frequent_confusions() -> dict[str, tuple[str, ...]]:
    """Learned confusions seen at least FREQUENT_PAIR_COUNT times."""
    table: dict[str, list[str]] = defaultdict(list)
    for wrong, right, count in _learned_pairs():
        if count >= FREQUENT_PAIR_COUNT:
            table[wrong].append(right)
    return {char: tuple(rights) for char, rights in table.items()}


def _completion_index(freq: dict[str, int]) -> dict[str, str]:
    """Map each common short word with one character blanked to the characters that fill the blank."""
    index: dict[str, str] = defaultdict(str)
    for word, count in freq.items():
        if count >= MIN_INDEXED_FREQ and 2 <= len(word) <= MAX_INDEXED_LEN:
            for position in range(len(word)):
                index[word[:position] + BLANK + word[position + 1 :]] += word[position]
    return dict(index)


def word_frequencies(dictionary: dict[str, int]) -> dict[str, int]:
    """`dictionary` with the shop vocabulary's words raised to at least the frequency of their class, and the
    dictionary words of our shop text raised in proportion to their count there (jieba counts 截图 16 times)."""
    freq = dict(dictionary)
    for line in _data_lines("shop_vocabulary.txt"):
        word, kind = line.split("\t")
        freq[word] = max(freq.get(word) or 0, VOCABULARY_FREQ[kind])
    for line in _data_lines("shop_word_counts.tsv"):
        word, count = line.split("\t")
        freq[word] = max(freq[word], SHOP_TEXT_WORD_FREQ * int(count))
    return freq


def build_lexicon() -> Lexicon:
    """Load every resource (about a second); call once and share the result."""
    tok = tokenizer()
    freq = word_frequencies(tok.FREQ)
    return Lexicon(
        known_wrong=_known_wrong_words(freq),
        protected=_protected_words(),
        confusable=_confusable_chars(),
        frequent=_frequent_confusions(),
        completions=_completion_index(freq),
        freq=freq,
        log_total=math.log(tok.total),
    )
