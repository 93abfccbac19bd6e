"""Logistic model deciding whether a one-character fix is a real typo correction.

Trained offline by `nlp/typos/build.py` on SIGHAN-15 training sentences (scikit-learn
LogisticRegression on standardised features); at run time it is a dot product
with weights stored in `nlp/data/typos/candidate_model.json`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from importlib import resources
from pathlib import Path

MODEL_FILE = "data/typos/candidate_model.json"

FEATURES: tuple[str, ...] = (
    "segmentation_gain",  # log-probability gain of the best word segmentation of the run
    "char_lm_gain",  # log-probability gain under the character bigram model
    "old_word_log_freq",  # log(1 + frequency) of the best dictionary word covering the original character
    "old_word_len",
    "new_word_log_freq",  # the same with the fix
    "new_word_len",
    "old_char_log_count",  # log(1 + corpus count) of the original character
    "new_char_log_count",
    "other_tone",  # kind of confusion (same sound and tone is the base)
    "shape",
    "learned",
    "alike",  # sounds alike: another tone or a merged initial or final (s/sh, n/l, in/ing...)
    "frequent",  # a confusion seen often in the training data
)


@dataclass(frozen=True, slots=True)
class CandidateModel:
    """Weights over `FEATURES`, an intercept and the probability a fix must exceed."""

    weights: tuple[float, ...]
    intercept: float
    threshold: float

    def probability(self, features: Sequence[float]) -> float:
        """Probability that the fix described by `features` corrects a typo."""
        score = self.intercept + sum(w * x for w, x in zip(self.weights, features))
        return 1.0 / (1.0 + math.exp(-score)) if score > -500 else 0.0

    @classmethod
    def load(cls) -> CandidateModel:
        """The shipped model."""
        data = json.loads(resources.files("nlp").joinpath(MODEL_FILE).read_text("utf-8"))
        if tuple(data["features"]) != FEATURES:
            raise ValueError("candidate_model.json was built for other features: rebuild it with nlp/typos/build.py")
        return cls(tuple(data["weights"]), data["intercept"], data["threshold"])

    def save(self, path: Path) -> None:
        """Write the model as JSON with its feature names."""
        path.write_text(json.dumps({"features": FEATURES, **asdict(self)}, indent=1) + "\n", "utf-8")


def fit_candidate_model(features: list[list[float]], labels: list[int], threshold: float) -> CandidateModel:
    """Fit a logistic regression on standardised features and fold the scaling into the weights."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    matrix = np.asarray(features, dtype=float)
    scaler = StandardScaler().fit(matrix)
    model = LogisticRegression(max_iter=5000).fit(scaler.transform(matrix), labels)
    weights = model.coef_[0] / scaler.scale_
    intercept = float(model.intercept_[0] - np.dot(weights, scaler.mean_))
    return CandidateModel(tuple(round(float(w), 6) for w in weights), round(intercept, 6), threshold)
