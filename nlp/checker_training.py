"""Training the learned checker: one calibrated linear classifier per etiquette rule on every labelled reply.

Each labelled split (nlp/data/checker/) was written by a different author or round; the model learns from all of
them. Only `xiaoer train`, the cross-validation and a cold cache import this module (scikit-learn inside `fit`);
the serving path uses the exported weights through `nlp.model_store.checker_store`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from importlib import resources

import numpy as np

from nlp.checker.learned_features import segment_features
from nlp.checker.resources import matching_form
from nlp.checker_eval import SPLIT_FILES, labelled_replies
from nlp.linear_model import LinearTextModel
from nlp.linear_training import calibrated_svm, feature_tfidf

LEARNED_RULES = ("imperative", "negative", "cold", "forbidden_phrase", "refusal_without_apology", "pushy")
REGULARISATION = 0.5  # LinearSVC C
MIN_DF = 2  # n-grams seen in one reply only are dropped

Labelled = tuple[str, frozenset[str]]


def training_replies(splits: Iterable[str] = SPLIT_FILES) -> list[Labelled]:
    """Every labelled reply of `splits` (default: all of them)."""
    return [pair for split in splits for pair in labelled_replies(split)]


def corpus_fingerprint() -> str:
    """Hash of everything the trained model depends on: the labelled replies and the feature and training code."""
    digest = hashlib.sha256()
    nlp_files = resources.files("nlp")
    code = ("normalize.py", "linear_model.py", "linear_training.py", "checker_training.py",
            "checker/learned_features.py")
    for name in (*code, *(f"data/checker/{file}" for file in SPLIT_FILES.values())):
        digest.update(nlp_files.joinpath(name).read_bytes())
    return digest.hexdigest()[:16]


def fit(replies: Sequence[Labelled], fingerprint: str = "") -> LinearTextModel:
    """TF-IDF over character n-grams, then per rule a linear SVM with sigmoid-calibrated probabilities."""
    vectorizer = feature_tfidf(MIN_DF)
    matrix = vectorizer.fit_transform([segment_features(matching_form(text)) for text, _ in replies])
    coef, intercept, slope, offset = [], [], [], []
    for rule in LEARNED_RULES:
        calibrated = calibrated_svm(REGULARISATION).fit(matrix, [rule in rules for _, rules in replies])
        (classifier,) = calibrated.calibrated_classifiers_
        (calibrator,) = classifier.calibrators
        coef.append(classifier.estimator.coef_[0])
        intercept.append(classifier.estimator.intercept_[0])
        slope.append(calibrator.a_)
        offset.append(calibrator.b_)
    return LinearTextModel(
        classes=LEARNED_RULES,
        vocabulary={str(k): int(v) for k, v in vectorizer.vocabulary_.items()},
        idf=np.asarray(vectorizer.idf_, dtype=np.float64),
        coef=np.ascontiguousarray(np.array(coef).T, dtype=np.float64),
        intercept=np.array(intercept, dtype=np.float64),
        calibration_a=np.array(slope, dtype=np.float64),
        calibration_b=np.array(offset, dtype=np.float64),
        fingerprint=fingerprint,
    )


def train(extra: Iterable[tuple[str, str]] = ()) -> LinearTextModel:
    """Train on every shipped labelled reply plus extra `(reply, comma-separated rules)` pairs."""
    replies = training_replies() + [(text, frozenset(filter(None, rules.split(",")))) for text, rules in extra]
    return fit(replies, corpus_fingerprint())
