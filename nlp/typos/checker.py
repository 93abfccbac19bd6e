"""Find suspected wrong characters in a reply.

Two detectors share one pass over the text:
1. known wrong words (exact match), e.g. 一但 -> 一旦;
2. a confusable character whose replacement turns the neighbourhood into a
   clearly more probable segmentation under the word-frequency model
   (jieba's dictionary), e.g. 朋唷 -> 朋友.
Spans inside protected words (shop, product and brand names) are never flagged.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import opencc

from nlp.findings import Finding
from nlp.normalize import MAX_ANALYSED_CHARS, fold_width
from nlp.texts import TYPO_MESSAGE
from nlp.typos.lexicon import BLANK, MAX_INDEXED_LEN, Lexicon, is_han

CONTEXT_CHARS = 4
MAX_WORD_LEN = 6

Scores = tuple[list[float], list[float]]

_to_simplified = opencc.OpenCC("t2s")


@dataclass(frozen=True, slots=True)
class Correction:
    """A suspected wrong span of the checked text and its correction."""

    start: int
    end: int
    wrong: str
    right: str


def simplified_same_length(text: str) -> str:
    """Width-folded, simplified text with exactly the offsets of `text`."""
    folded = fold_width(text)
    converted = _to_simplified.convert(folded)
    if len(converted) == len(folded):
        return converted
    return "".join(c if len(c) == 1 else o for o, c in zip(folded, map(_to_simplified.convert, folded)))


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


class TypoChecker:
    """Typo detector over a shared `Lexicon`.

    `threshold` is the log-probability gain a character fix must bring, `known_threshold` the gain a
    known wrong word's fix must bring (both tuned on SIGHAN-14 against the clean-sentence false alarms).
    """

    def __init__(self, lexicon: Lexicon, threshold: float = 6.0, known_threshold: float = 2.0) -> None:
        self.lexicon = lexicon
        self.threshold = threshold
        self.known_threshold = known_threshold

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
        protected = self._protected_mask(simple)
        found = self._known_wrong_words(simple, protected)
        taken = [False] * len(simple)
        for c in found:
            taken[c.start : c.end] = [True] * (c.end - c.start)
        for run_start, run_end in han_runs(simple):
            run = simple[run_start:run_end]
            scores: Scores | None = None
            for offset, char in enumerate(run):
                if taken[run_start + offset] or protected[run_start + offset]:
                    continue
                candidates = self._candidates(run, offset)
                if not candidates:
                    continue
                scores = scores or self._segmentation_scores(run)
                right = self._best_replacement(run, offset, candidates, scores)
                if right is not None:
                    found.append(Correction(run_start + offset, run_start + offset + 1, char, right))
        return sorted(found, key=lambda c: c.start)

    def _protected_mask(self, text: str) -> list[bool]:
        """True at every character inside a protected word."""
        mask = [False] * len(text)
        for end, length in self.lexicon.protected.iter(text):
            mask[end - length + 1 : end + 1] = [True] * length
        return mask

    def _known_wrong_words(self, text: str, protected: list[bool]) -> list[Correction]:
        """Non-overlapping known wrong words, longest first, trimmed to the differing characters."""
        matches = sorted(
            (
                (end - len(wrong) + 1, end + 1, wrong, right, trusted)
                for end, (wrong, right, trusted) in self.lexicon.known_wrong.iter(text)
            ),
            key=lambda m: (m[0] - m[1], m[0]),
        )
        used = [False] * len(text)
        found = []
        for start, end, wrong, right, trusted in matches:
            if any(used[start:end]) or any(protected[start:end]):
                continue
            if not trusted and self.gain(text, start, end, right) <= self.known_threshold:
                continue
            used[start:end] = [True] * (end - start)
            first = next(i for i in range(len(wrong)) if wrong[i] != right[i])
            last = max(i for i in range(len(wrong)) if wrong[i] != right[i]) + 1
            found.append(Correction(start + first, start + last, wrong[first:last], right[first:last]))
        return found

    def _candidates(self, run: str, position: int) -> list[str]:
        """Confusable characters that, put at `position`, complete a common word inside `run`."""
        confusable = self.lexicon.confusable.get(run[position])
        if not confusable:
            return []
        completions = self.lexicon.completions
        candidates: set[str] = set()
        for start in range(max(0, position - MAX_INDEXED_LEN + 1), position + 1):
            prefix = run[start:position] + BLANK
            for end in range(max(position + 1, start + 2), min(len(run), start + MAX_INDEXED_LEN) + 1):
                for char in completions.get(prefix + run[position + 1 : end], ""):
                    if char in confusable:
                        candidates.add(char)
        return sorted(candidates)

    def _best_replacement(self, run: str, position: int, candidates: list[str], scores: Scores) -> str | None:
        """The candidate that makes `run` most probable, if its gain minus the confusion cost passes the threshold."""
        prefix, suffix = scores
        confusable = self.lexicon.confusable[run[position]]
        best, best_gain = None, self.threshold
        for candidate in candidates:
            gain = self._substituted_logprob(run, position, candidate, scores) - prefix[-1] - confusable[candidate]
            if gain > best_gain:
                best, best_gain = candidate, gain
        return best

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

    def _substituted_logprob(self, text: str, position: int, char: str, scores: Scores) -> float:
        """Best segmentation log-probability of `text` with `char` at `position`: best over the words covering it."""
        freq, log, log_total = self.lexicon.freq, math.log, self.lexicon.log_total
        prefix, suffix = scores
        best = prefix[position] + log(freq.get(char) or 1) - log_total + suffix[position + 1]
        for start in range(max(0, position - MAX_WORD_LEN + 1), position + 1):
            head = text[start:position] + char
            for end in range(max(position + 1, start + 2), min(len(text), start + MAX_WORD_LEN) + 1):
                count = freq.get(head + text[position + 1 : end])
                if count:
                    best = max(best, prefix[start] + log(count) - log_total + suffix[end])
        return best
