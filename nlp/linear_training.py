"""Fitting a calibrated linear text classifier with scikit-learn and exporting its weights.

Shared by every model of the layer (intents, and any other labelled text
task); scikit-learn is imported only when a model is fitted.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from nlp.features import features
from nlp.linear_model import LinearTextModel
from nlp.normalize import normalize
from nlp.tokenize import words

Example = tuple[str, str]  # (text, label)


def message_features(text: str) -> list[str]:
    """Features of a raw message, as the serving path computes them."""
    normalized = normalize(text)
    return features(normalized, words(normalized))


def _identity(feats: list[str]) -> list[str]:
    return feats


def feature_tfidf(min_df: int = 1):
    """TF-IDF (sublinear tf) over lists of features computed beforehand; `min_df` drops rarer features."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(analyzer=_identity, sublinear_tf=True, min_df=min_df)


def calibrated_svm(c: float = 1.0):
    """A class-balanced linear SVM with sigmoid-calibrated probabilities (one calibration fit, deterministic)."""
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.svm import LinearSVC

    return CalibratedClassifierCV(
        LinearSVC(C=c, class_weight="balanced", random_state=0), method="sigmoid", cv=5, ensemble=False
    )


def fit_estimator(examples: Sequence[Example], c: float = 1.0, min_df: int = 1):
    """TF-IDF + linear SVM with sigmoid-calibrated probabilities, fitted on (text, label) pairs.

    `min_df` drops features seen in fewer messages: fewer weights to look up per message.
    """
    from sklearn.pipeline import make_pipeline

    pipeline = make_pipeline(feature_tfidf(min_df), calibrated_svm(c))
    pipeline.fit([message_features(t) for t, _ in examples], [label for _, label in examples])
    return pipeline


def export(pipeline, fingerprint: str) -> LinearTextModel:
    """The fitted pipeline's weights as a numpy-only serving model."""
    vectorizer, calibrated = pipeline.steps[0][1], pipeline.steps[1][1]
    (calibrated_classifier,) = calibrated.calibrated_classifiers_
    svc = calibrated_classifier.estimator
    classes = tuple(str(c) for c in calibrated.classes_)
    assert tuple(svc.classes_) == classes
    return LinearTextModel(
        classes=classes,
        vocabulary={str(k): int(v) for k, v in vectorizer.vocabulary_.items()},
        idf=np.asarray(vectorizer.idf_, dtype=np.float64),
        coef=np.ascontiguousarray(svc.coef_.T, dtype=np.float64),
        intercept=np.asarray(svc.intercept_, dtype=np.float64),
        calibration_a=np.array([c.a_ for c in calibrated_classifier.calibrators], dtype=np.float64),
        calibration_b=np.array([c.b_ for c in calibrated_classifier.calibrators], dtype=np.float64),
        fingerprint=fingerprint,
    )
