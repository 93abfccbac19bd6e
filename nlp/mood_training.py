"""The mood classifier's corpus and training: written shop reviews and buyer messages.

The corpus is three files in different voices: `reviews.tsv` (reviews and buyer chat across many
domains), `reviews_voices.tsv` (short verdicts, list-like reviews, 追评, slang) and `reviews_real.tsv`
(long mixed reviews, domain defect words, turns of events, sarcasm, polite disappointment; since
round 5 also flaws played down, service praised while the product failed, fact-only complaints,
comparisons, expectations and star ratings).

Only `xiaoer train`, the evaluation and a cold cache import this module; the
serving path uses the exported weights through `nlp.model_store.mood_store`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from importlib import resources

from nlp.linear_model import LinearTextModel
from nlp.linear_training import Example, export, fit_estimator

CORPUS = ("data/mood/reviews.tsv", "data/mood/reviews_voices.tsv", "data/mood/reviews_real.tsv")
REGULARISATION = 1.0  # LinearSVC C; 0.3 and 1.0 tie out of fold, 1.0 reads better alone
LABELS = ("negative", "neutral", "positive")


def parse_labelled(raw: str, source: str = "") -> list[Example]:
    """(text, label) pairs of label<TAB>text lines; # starts a comment."""
    examples: list[Example] = []
    for line in raw.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        label, text = line.split("\t", 1)
        if label not in LABELS:
            raise ValueError(f"{source}: unknown label {label!r}")
        examples.append((text.strip(), label))
    return examples


def load_reviews() -> list[Example]:
    """Every labelled review and message of the shipped mood corpus, file by file."""
    nlp_files = resources.files("nlp")
    return [
        example
        for name in CORPUS
        for example in parse_labelled(nlp_files.joinpath(name).read_text("utf-8"), name)
    ]


def corpus_fingerprint() -> str:
    """Hash of everything the trained model depends on: corpus, dictionaries, feature and training code."""
    digest = hashlib.sha256()
    nlp_files = resources.files("nlp")
    for name in ("features.py", "normalize.py", "tokenize.py", "linear_model.py", "linear_training.py",
                 "mood_training.py", "data/glossary.tsv", "data/shop_dict.txt", *CORPUS):
        digest.update(nlp_files.joinpath(name).read_bytes())
    return digest.hexdigest()[:16]


def train(extra: Iterable[Example] = ()) -> LinearTextModel:
    """Train on the whole shipped corpus plus extra labelled messages."""
    examples = load_reviews() + list(extra)
    return export(fit_estimator(examples, c=REGULARISATION), corpus_fingerprint())
