"""`analyze`: everything the engine says about one buyer message."""

from __future__ import annotations

from dataclasses import dataclass
from operator import itemgetter

import numpy as np

from nlp.analysis import Analysis
from nlp.entities import find_entities
from nlp.features import FeatureRows
from nlp.intents import NEEDS_HUMAN_BELOW
from nlp.linear_model import LinearTextModel, weighted_sums
from nlp.model_store import intent_store, mood_store
from nlp.mood import blended_mood
from nlp.normalize import MAX_ANALYSED_CHARS, normalize
from nlp.risk import risk_of
from nlp.tokenize import words


@dataclass(frozen=True)
class JointRows:
    """Both served models side by side: one lookup and one gather serve the two of them.

    Row r of `rows` is feature r's intent row followed by its mood row (zeros where a
    model lacks the feature); `split` is where the mood columns start.
    """

    intent_model: LinearTextModel
    mood_model: LinearTextModel
    features: FeatureRows
    rows: np.ndarray
    split: int

    @classmethod
    def of(cls, intent_model: LinearTextModel, mood_model: LinearTextModel) -> JointRows:
        intent_vocabulary, mood_vocabulary = intent_model.vocabulary, mood_model.vocabulary
        names = list(intent_vocabulary) + [f for f in mood_vocabulary if f not in intent_vocabulary]
        index = {name: r for r, name in enumerate(names)}
        split = intent_model.rows.shape[1]
        rows = np.zeros((len(names), split + mood_model.rows.shape[1]))
        for vocabulary, model, columns in (
            (intent_vocabulary, intent_model, slice(None, split)),
            (mood_vocabulary, mood_model, slice(split, None)),
        ):
            targets = [index[name] for name in vocabulary]
            rows[targets, columns] = model.rows[list(vocabulary.values())]
        return cls(intent_model, mood_model, FeatureRows(index), rows, split)


_joint: JointRows | None = None


def joint_rows(intent_model: LinearTextModel, mood_model: LinearTextModel) -> JointRows:
    """The joint rows of the served models, built once per pair (a retrained model gets new ones)."""
    global _joint
    joint = _joint
    if joint is None or joint.intent_model is not intent_model or joint.mood_model is not mood_model:
        joint = _joint = JointRows.of(intent_model, mood_model)
    return joint


def analyze(text: str) -> Analysis:
    """Intent, mood, risk and entities of a buyer message. Never raises on a str."""
    model, mood_model = intent_store.get(), mood_store.get()
    normalized = normalize(text)
    tokens = words(normalized)
    joint = joint_rows(model, mood_model)
    found = joint.features.of(normalized, tokens)
    weighted, squared = weighted_sums(joint.rows, found)
    proba = model.proba_of_sums(weighted[: joint.split], squared[: joint.split])
    mood_proba = mood_model.proba_of_sums(weighted[joint.split :], squared[joint.split :])
    # Python's sort is stable in reverse too: ties keep the model's class order.
    intents = tuple(sorted(zip(model.classes, proba), key=itemgetter(1), reverse=True))
    intent, confidence = intents[0]
    return Analysis(
        text=text,
        intent=intent,
        intents=intents,
        confidence=confidence,
        needs_human=confidence < NEEDS_HUMAN_BELOW or not normalized,
        mood=blended_mood(normalized, mood_model.classes, mood_proba),
        risk=risk_of(normalized, tokens),
        entities=find_entities(text[:MAX_ANALYSED_CHARS]),
    )
