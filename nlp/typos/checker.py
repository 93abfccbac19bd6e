"""Find suspected wrong characters in a reply.

Three detectors share one pass over the text:
1. known wrong words (exact match), e.g. 一但 -> 一旦, verified in context (a two-character
   one of the public lists that the corpus shows often, like 还想, is ordinary text);
2. grammar patterns for 的/得, 在/再, 以/已 and 以下/一下 (`nlp.typos.grammar`), which also keep
   the model from "fixing" a 再 or 已 they show to be right;
3. one-character fixes: a confusable character that completes a dictionary
   word, or a frequent learned confusion (的/地), is described by features
   (gain of the best word segmentation under jieba's word frequencies, gain
   under a character bigram model, word frequencies, kind of confusion) and
   kept when the candidate model gives it enough probability, e.g. 朋唷 -> 朋友.
Spans inside protected words (shop, product and brand names) are never flagged, and a
character inside a dictionary word of three or more characters (演唱会, 电子票) gets no
one-character fix: such a word is too unlikely to arise from a typo to overrule.
A fix to the question particle 吗 needs a question, and 吗 ending a question stays.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from nlp.findings import Finding
from nlp.normalize import MAX_ANALYSED_CHARS, simplified_same_length
from nlp.texts import TYPO_MESSAGE
from nlp.typos.candidate_model import CandidateModel
from nlp.typos.char_lm import CharBigramLM
from nlp.typos.grammar import FunctionWords
from nlp.typos.lexicon import BLANK, MAX_INDEXED_LEN, PUBLIC, SHOP, Lexicon, is_han

CONTEXT_CHARS = 4
MAX_WORD_LEN = 4
INTERROGATIVES = frozenset("哪")  # kept inside a question and before a measure word (您喜欢哪个都可以)
MEASURE_WORDS = frozenset("个款种件些位家样条双套色码")
ASKED_NOUNS = frozenset("天里儿边年")  # 不知道哪天: a question inside a statement
CLAUSE_FINAL_PARTICLES = frozenset("吗呢吧嘛啊呀")  # only a fix at the end of a run of Chinese characters
QUESTION_PARTICLE = "吗"
SCORED_RUNS_KEPT = 4096  # runs of Chinese characters whose scored fixes are remembered (a few hundred kB)
MIN_TRUSTED_WORD_LEN = 3  # a character inside a dictionary word this long gets no one-character fix
ORDINARY_BIGRAM_COUNT = 20  # a checked wrong word of two characters seen this often in the corpus is ordinary text (SIGHAN-14)
# ...unless its fix makes the sentence this much more probable (从新 is ordinary text in 从新疆, wrong in 从新提供)
ORDINARY_GAIN = 4.0
_SENTENCE_END = re.compile(r"[。！!？?～~\n]")
_QUESTION_MARKS = frozenset("？?呢")

Scores = tuple[list[float], list[float]]


@dataclass(frozen=True, slots=True)
class Correction:
    """A suspected wrong span of the checked text and its correction."""

    start: int
    end: int
    wrong: str
    right: str


def han_runs(text: str) -> list[tuple[int, int]]:
    """`[start, end)` spans of the maximal runs of Chinese characters in `text`."""
    runs, start = [], None
    for position, char in enumerate(text):
        if is_han(char):
            if start is None:
                start = position
        elif start is not None:
            runs.append((start, position))
            start = None
    if start is not None:
        runs.append((start, len(text)))
    return runs


def in_question(text: str, position: int) -> bool:
    """True when the sentence around `position` is a question (ends with a question mark or has 呢 after it)."""
    end = _SENTENCE_END.search(text, position)
    clause = text[position : end.end() if end else len(text)]
    return any(char in _QUESTION_MARKS for char in clause)


def most_probable_apart(best: dict[int, tuple[float, str]]) -> list[tuple[int, str]]:
    """`(position, candidate)` of the one-character fixes, most probable first, dropping a fix next to a kept one.

    Each fix is scored against the original neighbours, so two adjacent fixes may each complete a
    different word (消习: 学习 and 消息); applying both would make a new error.
    """
    kept: list[tuple[int, str]] = []
    for position, (_, candidate) in sorted(best.items(), key=lambda item: -item[1][0]):
        if all(abs(position - other) > 1 for other, _ in kept):
            kept.append((position, candidate))
    return kept


def is_interrogative(text: str, position: int) -> bool:
    """The word at `position` asks (a question, 哪天, 哪里) or picks one of a kind (哪款, 哪个颜色)."""
    following = text[position + 1 : position + 2]
    return following in MEASURE_WORDS or following in ASKED_NOUNS or in_question(text, position)


class TypoChecker:
    """Typo detector over a shared `Lexicon`, character model and candidate model.

    `known_threshold` is the segmentation gain a known wrong word's fix must bring (tuned on
    SIGHAN-14 against the clean-sentence false alarms). Without a candidate model the checker
    only finds known wrong words (used to build that model). `trusted_runs` are runs of Chinese
    characters known to be right (the rewrites' own wording), never scored for one-character fixes.
    """

    def __init__(
        self,
        lexicon: Lexicon,
        char_lm: CharBigramLM,
        model: CandidateModel | None,
        known_threshold: float = 2.0,
        trusted_runs: frozenset[str] = frozenset(),
    ) -> None:
        self.lexicon = lexicon
        self.char_lm = char_lm
        self.model = model
        self.known_threshold = known_threshold
        self.trusted_runs = trusted_runs
        self.function_words = FunctionWords(lexicon.freq)
        # A rewrite is checked again, and most of its runs are the draft's: score each run once.
        self.scored_fixes = lru_cache(maxsize=SCORED_RUNS_KEPT)(self._scored_fixes)

    def find(self, text: str) -> list[Finding]:
        """Findings for the suspected wrong spans of `text`, in text order."""
        corrections = self.corrections(text[:MAX_ANALYSED_CHARS])
        return [
            Finding(
                rule="typo",
                severity="warning",
                start=c.start,
                end=c.end,
                message=TYPO_MESSAGE.format(wrong=text[c.start : c.end], right=c.right),
                suggestion=c.right,
            )
            for c in corrections
        ]

    def corrections(self, text: str) -> list[Correction]:
        """Suspected wrong spans of `text` with corrections (offsets into `text`)."""
        simple = simplified_same_length(text)
        kept = [
            p or (c == QUESTION_PARTICLE and in_question(simple, i))
            for i, (p, c) in enumerate(zip(self.protected_mask(simple), simple))
        ]
        found = self._known_wrong_words(simple, kept)
        if self.model is None:
            return found
        settled = self.function_words.settled(simple)
        skip = [
            k or s or (c in INTERROGATIVES and is_interrogative(simple, i))
            for i, (k, s, c) in enumerate(zip(kept, settled, simple))
        ]
        for c in found:
            skip[c.start : c.end] = [True] * (c.end - c.start)
        for position, right in self.function_words.fixes(simple):
            if not skip[position]:
                found.append(Correction(position, position + 1, simple[position], right))
                skip[position] = True
        best: dict[int, tuple[float, str]] = {}
        for run_start, run_end in han_runs(simple):
            if simple[run_start:run_end] in self.trusted_runs:
                continue
            for offset, candidate, probability in self.scored_fixes(simple[run_start:run_end],
                                                                    tuple(skip[run_start:run_end])):
                position = run_start + offset
                if candidate == QUESTION_PARTICLE and not in_question(simple, position):
                    continue
                if probability > best.get(position, (0.0, ""))[0]:
                    best[position] = (probability, candidate)
        found.extend(Correction(p, p + 1, simple[p], candidate) for p, candidate in most_probable_apart(best))
        return sorted(found, key=lambda c: c.start)

    def _scored_fixes(self, run: str, skip: tuple[bool, ...]) -> tuple[tuple[int, str, float], ...]:
        """(position, candidate character, probability) of the one-character fixes of `run` above the threshold."""
        model = self.model
        scored = ((offset, candidate, model.probability(features))
                  for offset, candidate, features in self.candidate_features(run, list(skip)))
        return tuple(fix for fix in scored if fix[2] > model.threshold)

    def candidate_features(self, run: str, skip: list[bool]) -> list[tuple[int, str, list[float]]]:
        """(position, candidate character, features) of every one-character fix worth scoring in `run`."""
        rows = []
        scores: Scores | None = None
        lm = self.char_lm
        inside_long_word = self.long_word_mask(run)
        for position, char in enumerate(run):
            if skip[position] or inside_long_word[position]:
                continue
            candidates = self._candidates(run, position)
            if not candidates:
                continue
            scores = scores or self._segmentation_scores(run)
            base = scores[0][-1]
            _, old_freq, old_len = self._with_char(run, position, char, scores)
            old_lm = lm.local_logprob(run, position, char)
            old_count = math.log1p(lm.char_count(char))
            kinds = self.lexicon.confusable.get(char, {})
            frequent = self.lexicon.frequent.get(char, ())
            for candidate in candidates:
                logprob, new_freq, new_len = self._with_char(run, position, candidate, scores)
                kind = kinds.get(candidate)
                features = [
                    logprob - base,
                    lm.local_logprob(run, position, candidate) - old_lm,
                    math.log1p(old_freq),
                    old_len,
                    math.log1p(new_freq),
                    new_len,
                    old_count,
                    math.log1p(lm.char_count(candidate)),
                    float(kind == "other_tone"),
                    float(kind == "shape"),
                    float(kind == "learned"),
                    float(kind == "alike"),
                    float(candidate in frequent),
                ]
                rows.append((position, candidate, features))
        return rows

    def long_word_mask(self, run: str) -> list[bool]:
        """True at every character of `run` inside a dictionary word of MIN_TRUSTED_WORD_LEN or more characters."""
        mask = [False] * len(run)
        for start in range(len(run)):
            for end in range(start + MIN_TRUSTED_WORD_LEN, min(len(run), start + MAX_WORD_LEN) + 1):
                if self.lexicon.freq.get(run[start:end]):
                    mask[start:end] = [True] * (end - start)
        return mask

    def protected_mask(self, text: str) -> list[bool]:
        """True at every character inside a protected word."""
        mask = [False] * len(text)
        for end, length in self.lexicon.protected.iter(text):
            mask[end - length + 1 : end + 1] = [True] * length
        return mask

    def _known_wrong_words(self, text: str, kept: list[bool]) -> list[Correction]:
        """Non-overlapping known wrong words, longest first, trimmed to the differing characters."""
        matches = sorted(
            (
                (end - len(wrong) + 1, end + 1, wrong, right, source)
                for end, (wrong, right, source) in self.lexicon.known_wrong.iter(text)
            ),
            key=lambda m: (m[0] - m[1], m[0]),
        )
        used = [False] * len(text)
        found = []
        for start, end, wrong, right, source in matches:
            if any(used[start:end]) or any(kept[start:end]):
                continue
            if source != SHOP:
                gain = self.gain(text, start, end, right)
                ordinary = source == PUBLIC and self._ordinary(wrong) and gain <= ORDINARY_GAIN
                if gain <= self.known_threshold or ordinary:
                    continue
            used[start:end] = [True] * (end - start)
            first = next(i for i in range(len(wrong)) if wrong[i] != right[i])
            last = max(i for i in range(len(wrong)) if wrong[i] != right[i]) + 1
            found.append(Correction(start + first, start + last, wrong[first:last], right[first:last]))
        return found

    def _ordinary(self, wrong: str) -> bool:
        """A two-character 'wrong' word that the corpus shows often enough to be ordinary text."""
        return len(wrong) == 2 and self.char_lm.counts.get(wrong, 0) >= ORDINARY_BIGRAM_COUNT

    def _candidates(self, run: str, position: int) -> list[str]:
        """Confusable characters that complete a common word at `position`, plus the frequent confusions."""
        char = run[position]
        confusable = self.lexicon.confusable.get(char)
        if not confusable:
            return []
        completions = self.lexicon.completions
        candidates = set(self.lexicon.frequent.get(char, ()))
        for start in range(max(0, position - MAX_INDEXED_LEN + 1), position + 1):
            prefix = run[start:position] + BLANK
            for end in range(max(position + 1, start + 2), min(len(run), start + MAX_INDEXED_LEN) + 1):
                completing = completions.get(prefix + run[position + 1 : end])
                if completing:
                    candidates |= confusable.keys() & completing
        if position < len(run) - 1:
            candidates -= CLAUSE_FINAL_PARTICLES
        return sorted(candidates)

    def gain(self, text: str, start: int, end: int, replacement: str) -> float:
        """How much more probable the neighbourhood of `text[start:end]` becomes with `replacement`."""
        left = max(0, start - CONTEXT_CHARS)
        right = end + CONTEXT_CHARS
        before = text[left:right]
        after = text[left:start] + replacement + text[end:right]
        return self._segmentation_scores(after)[0][-1] - self._segmentation_scores(before)[0][-1]

    def _segmentation_scores(self, text: str) -> Scores:
        """Best segmentation log-probabilities of every prefix and every suffix of `text`.

        Words are dictionary words or single characters (an unseen character counts as frequency 1).
        """
        freq, log, log_total, n = self.lexicon.freq, math.log, self.lexicon.log_total, len(text)
        prefix = [0.0] * (n + 1)
        for end in range(1, n + 1):
            best = prefix[end - 1] + log(freq.get(text[end - 1]) or 1) - log_total
            for start in range(max(0, end - MAX_WORD_LEN), end - 1):
                count = freq.get(text[start:end])
                if count:
                    best = max(best, prefix[start] + log(count) - log_total)
            prefix[end] = best
        suffix = [0.0] * (n + 1)
        for start in range(n - 1, -1, -1):
            best = suffix[start + 1] + log(freq.get(text[start]) or 1) - log_total
            for end in range(start + 2, min(n, start + MAX_WORD_LEN) + 1):
                count = freq.get(text[start:end])
                if count:
                    best = max(best, log(count) - log_total + suffix[end])
            suffix[start] = best
        return prefix, suffix

    def _with_char(self, run: str, position: int, char: str, scores: Scores) -> tuple[float, int, int]:
        """With `char` at `position`: the best segmentation log-probability of `run` (best over the words
        covering the position), and the frequency and length of the most frequent dictionary word covering it."""
        freq, log, log_total = self.lexicon.freq, math.log, self.lexicon.log_total
        prefix, suffix = scores
        best = prefix[position] + log(freq.get(char) or 1) - log_total + suffix[position + 1]
        top_count, top_len = 0, 0
        for start in range(max(0, position - MAX_WORD_LEN + 1), position + 1):
            head = run[start:position] + char
            for end in range(max(position + 1, start + 2), min(len(run), start + MAX_WORD_LEN) + 1):
                count = freq.get(head + run[position + 1 : end])
                if count:
                    best = max(best, prefix[start] + log(count) - log_total + suffix[end])
                    if count > top_count:
                        top_count, top_len = count, end - start
        return best, top_count, top_len
