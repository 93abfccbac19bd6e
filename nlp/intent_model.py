"""The intent classifier at serving time: learned weights applied directly.

scikit-learn trains the model (`nlp.intent_training`); this module only needs
numpy, so a process that analyses messages never imports scikit-learn and a
single message costs tens of microseconds instead of a pipeline call.
The arithmetic mirrors `TfidfVectorizer(sublinear_tf=True)` followed by
`CalibratedClassifierCV(LinearSVC(), method="sigmoid", ensemble=False)`.
"""

from __future__ import annotations

import io
import json
import math
import os
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np


@dataclass(frozen=True)
class IntentModel:
    """Linear one-vs-rest scores with per-class sigmoid calibration."""

    classes: tuple[str, ...]
    vocabulary: dict[str, int]
    idf: np.ndarray  # (n_features,)
    coef: np.ndarray  # (n_features, n_classes)
    intercept: np.ndarray  # (n_classes,)
    calibration_a: np.ndarray  # (n_classes,)
    calibration_b: np.ndarray  # (n_classes,)
    fingerprint: str

    def predict_proba(self, feats: list[str]) -> np.ndarray:
        """Calibrated probabilities of every class for one message's features."""
        counts = Counter(self.vocabulary[f] for f in feats if f in self.vocabulary)
        scores = self.intercept
        if counts:
            index = np.fromiter(counts.keys(), dtype=np.intp, count=len(counts))
            tf = np.fromiter((1.0 + math.log(c) for c in counts.values()), dtype=np.float64, count=len(counts))
            values = tf * self.idf[index]
            values /= math.sqrt(float(values @ values))
            scores = values @ self.coef[index] + self.intercept
        proba = 1.0 / (1.0 + np.exp(self.calibration_a * scores + self.calibration_b))
        total = float(proba.sum())
        if total == 0.0:
            return np.full(len(self.classes), 1.0 / len(self.classes))
        return proba / total

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
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(buffer.getvalue())
        os.replace(tmp, path)

    @classmethod
    def load(cls, path: Path) -> IntentModel:
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
