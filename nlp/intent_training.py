"""The intent classifier's corpus, training and evaluation.

Only `xiaoer train`, `xiaoer eval` and a cold cache import this module; the
serving path uses the exported weights (`nlp.linear_model`) through `nlp.model_store`.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources

import numpy as np

from nlp.intents import INTENTS, NEEDS_HUMAN_BELOW
from nlp.linear_model import LinearTextModel
from nlp.linear_training import Example, export, fit_estimator, message_features
from nlp.normalize import normalize

HOLDOUT_SHARE = 0.2
_CORPUS_DIR = "data/intent_corpus"


def load_corpus() -> list[Example]:
    """Every labelled message of the shipped corpus, one file per intent."""
    root = resources.files("nlp").joinpath(_CORPUS_DIR)
    examples: list[Example] = []
    for intent in INTENTS:
        entry = root.joinpath(f"{intent}.txt")
        if not entry.is_file():
            continue
        for line in entry.read_text("utf-8").splitlines():
            if line.strip():
                examples.append((line.strip(), intent))
    return examples


def corpus_fingerprint() -> str:
    """Hash of everything a trained model depends on: corpus, dictionaries and feature code."""
    digest = hashlib.sha256()
    nlp_files = resources.files("nlp")
    for name in ("features.py", "normalize.py", "tokenize.py", "linear_model.py", "linear_training.py",
                 "intent_training.py",
                 "data/glossary.tsv", "data/shop_dict.txt"):
        digest.update(nlp_files.joinpath(name).read_bytes())
    for text, intent in load_corpus():
        digest.update(f"{intent}\t{text}\n".encode("utf-8"))
    return digest.hexdigest()[:16]


def is_held_out(text: str) -> bool:
    """Deterministic split: a stable hash of the text puts about 20% in the held-out part."""
    return zlib.crc32(normalize(text).encode("utf-8")) % 100 < HOLDOUT_SHARE * 100


def split(examples: Sequence[Example]) -> tuple[list[Example], list[Example]]:
    """(train, held_out) parts of a labelled set."""
    train = [e for e in examples if not is_held_out(e[0])]
    held_out = [e for e in examples if is_held_out(e[0])]
    return train, held_out


def train(extra: Iterable[Example] = ()) -> LinearTextModel:
    """Train on the whole shipped corpus plus extra labelled messages (agents' corrections)."""
    examples = load_corpus() + list(extra)
    return export(fit_estimator(examples), corpus_fingerprint())


@dataclass(frozen=True)
class Evaluation:
    """Per-intent precision/recall/F1, macro-F1, accuracy and the confusion matrix."""

    labels: tuple[str, ...]
    precision: dict[str, float]
    recall: dict[str, float]
    f1: dict[str, float]
    support: dict[str, int]
    macro_f1: float
    accuracy: float
    confusion: list[list[int]]  # rows: true intent, columns: predicted intent
    train_size: int
    test_size: int
    needs_human_share: float  # share of held-out messages below the confidence floor
    confident_accuracy: float  # accuracy on the others


def evaluate(train_set: Sequence[Example], test_set: Sequence[Example]) -> Evaluation:
    """Fit on one part, measure the served model on the other."""
    model = export(fit_estimator(train_set), "evaluation")
    labels = INTENTS
    position = {label: i for i, label in enumerate(labels)}
    confusion = [[0] * len(labels) for _ in labels]
    confident: list[bool] = []
    for text, intent in test_set:
        proba = model.predict_proba(message_features(text))
        best = int(np.argmax(proba))
        predicted = model.classes[best]
        confusion[position[intent]][position[predicted]] += 1
        if proba[best] >= NEEDS_HUMAN_BELOW:
            confident.append(predicted == intent)
    precision, recall, f1, support = {}, {}, {}, {}
    for label, i in position.items():
        tp = confusion[i][i]
        predicted_total = sum(row[i] for row in confusion)
        true_total = sum(confusion[i])
        p = tp / predicted_total if predicted_total else 0.0
        r = tp / true_total if true_total else 0.0
        precision[label], recall[label], support[label] = p, r, true_total
        f1[label] = 2 * p * r / (p + r) if p + r else 0.0
    present = [label for label in labels if support[label]]
    correct = sum(confusion[i][i] for i in range(len(labels)))
    return Evaluation(
        labels=labels,
        precision=precision,
        recall=recall,
        f1=f1,
        support=support,
        macro_f1=sum(f1[label] for label in present) / len(present) if present else 0.0,
        accuracy=correct / len(test_set) if test_set else 0.0,
        confusion=confusion,
        train_size=len(train_set),
        test_size=len(test_set),
        needs_human_share=1 - len(confident) / len(test_set) if test_set else 0.0,
        confident_accuracy=sum(confident) / len(confident) if confident else 0.0,
    )
