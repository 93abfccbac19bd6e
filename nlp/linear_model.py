"""A text classifier at serving time: learned weights applied directly.

scikit-learn trains the model (`nlp.linear_training`); this module only needs
numpy, so a process that analyses messages never imports scikit-learn and a
single message costs tens of microseconds instead of a pipeline call.
The arithmetic mirrors `TfidfVectorizer(sublinear_tf=True)` followed by
`CalibratedClassifierCV(LinearSVC(), method="sigmoid", ensemble=False)`.
"""

from __future__ import annotations

import io
import json
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from nlp.cache import write_atomically

_MAX_EXPONENT = 700.0  # math.exp overflows past ~709; the sigmoid is 0 long before


@dataclass(frozen=True)
class LinearTextModel:
    """Linear one-vs-rest scores with per-class sigmoid calibration."""

    classes: tuple[str, ...]
    vocabulary: dict[str, int]
    idf: np.ndarray  # (n_features,)
    coef: np.ndarray  # (n_features, n_classes)
    intercept: np.ndarray  # (n_classes,)
    calibration_a: np.ndarray  # (n_classes,)
    calibration_b: np.ndarray  # (n_classes,)
    fingerprint: str

    def __post_init__(self) -> None:
        # Fold idf and the calibration slope into one matrix once, and append each
        # feature's idf squared, so a message costs one gather: with tf-idf weights
        # v_i = tf_i * idf_i, logit_c = a_c * (w_c . v / |v| + b_c) + b'_c.
        folded = self.coef * self.idf[:, None] * self.calibration_a[None, :]
        rows = np.hstack([folded, (self.idf**2)[:, None]])
        object.__setattr__(self, "_rows", np.ascontiguousarray(rows))
        object.__setattr__(self, "_offset", (self.calibration_a * self.intercept + self.calibration_b).tolist())

    @property
    def rows(self) -> np.ndarray:
        """Per feature: its folded weight for every class, then its idf squared."""
        return self._rows

    def predict_proba(self, feats: list[str]) -> list[float]:
        """Calibrated probabilities of every class for one message's features."""
        found = [i for i in map(self.vocabulary.get, feats) if i is not None]
        return self.proba_of_sums(*weighted_sums(self._rows, found))

    def proba_of_sums(self, weighted: Sequence[float], squared: Sequence[float]) -> list[float]:
        """Probabilities from the `weighted_sums` of a message's rows of this model's `rows`."""
        proba = self.sigmoids_of_sums(weighted, squared)
        total_proba = sum(proba)
        if total_proba == 0.0:
            return [1.0 / len(self.classes)] * len(self.classes)
        return [p / total_proba for p in proba]

    def sigmoids_of_sums(self, weighted: Sequence[float], squared: Sequence[float]) -> list[float]:
        """Each class's own calibrated probability, not normalised across classes (one binary model per class).

        Plain floats, not numpy: for a dozen classes numpy's per-call overhead costs more than the arithmetic.
        """
        norm = squared[-1]  # no known feature leaves it zero (every idf is positive)
        scale = 1.0 / math.sqrt(norm) if norm > 0.0 else 0.0
        exp = math.exp
        return [1.0 / (1.0 + exp(min(w * scale + b, _MAX_EXPONENT))) for w, b in zip(weighted, self._offset)]

    def save(self, path: Path) -> None:
        """Write the weights atomically (a concurrent reader never sees half a file)."""
        buffer = io.BytesIO()
        words = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        meta = {"classes": list(self.classes), "vocabulary": words, "fingerprint": self.fingerprint}
        np.savez(
            buffer,
            meta=np.frombuffer(json.dumps(meta, ensure_ascii=False).encode("utf-8"), dtype=np.uint8),
            idf=self.idf,
            coef=self.coef,
            intercept=self.intercept,
            calibration_a=self.calibration_a,
            calibration_b=self.calibration_b,
        )
        write_atomically(path, buffer.getvalue())

    @classmethod
    def load(cls, path: Path) -> LinearTextModel:
        with np.load(path, allow_pickle=False) as data:
            meta = json.loads(bytes(data["meta"]).decode("utf-8"))
            return cls(
                classes=tuple(meta["classes"]),
                vocabulary={word: i for i, word in enumerate(meta["vocabulary"])},
                idf=data["idf"],
                coef=np.ascontiguousarray(data["coef"]),
                intercept=data["intercept"],
                calibration_a=data["calibration_a"],
                calibration_b=data["calibration_b"],
                fingerprint=meta["fingerprint"],
            )


def weighted_sums(rows: np.ndarray, found: list[int]) -> tuple[list[float], list[float]]:
    """Sums of the rows of a message's features weighted by tf and by tf squared (sublinear tf).

    `found` holds a row index per known feature occurrence, in feature order (a feature
    seen k times appears k times, tf = 1 + ln k).
    """
    if not found:
        empty = [0.0] * rows.shape[1]
        return empty, empty
    if len(set(found)) == len(found):  # every feature once: tf = 1
        total = rows.take(found, axis=0).sum(axis=0).tolist()
        return total, total
    counts = Counter(found)
    tf = np.log(np.fromiter(counts.values(), dtype=np.float64, count=len(counts)))
    tf += 1.0
    picked = rows.take(list(counts), axis=0)
    return (tf @ picked).tolist(), ((tf * tf) @ picked).tolist()
