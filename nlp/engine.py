"""`analyze`: everything the engine says about one buyer message."""

from __future__ import annotations

from operator import itemgetter

from nlp.analysis import Analysis
from nlp.entities import find_entities
from nlp.features import features
from nlp.intents import NEEDS_HUMAN_BELOW
from nlp.linear_model import LinearTextModel
from nlp.model_store import intent_store, mood_store
from nlp.mood import blended_mood
from nlp.normalize import MAX_ANALYSED_CHARS, normalize
from nlp.risk import risk_of
from nlp.tokenize import words

JointIndex = dict[str, tuple[int, int]]

_joint: tuple[LinearTextModel, LinearTextModel, JointIndex] | None = None


def joint_index(intent_model: LinearTextModel, mood_model: LinearTextModel) -> JointIndex:
    """Feature -> (intent index, mood index), -1 where a model lacks it: one lookup serves both.

    Built once per pair of served models; a retrained model gets a fresh index.
    """
    global _joint
    cached = _joint
    if cached is None or cached[0] is not intent_model or cached[1] is not mood_model:
        index = {feature: (i, -1) for feature, i in intent_model.vocabulary.items()}
        for feature, j in mood_model.vocabulary.items():
            index[feature] = (index.get(feature, (-1, -1))[0], j)
        cached = _joint = (intent_model, mood_model, index)
    return cached[2]


def analyze(text: str) -> Analysis:
    """Intent, mood, risk and entities of a buyer message. Never raises on a str."""
    model, mood_model = intent_store.get(), mood_store.get()
    normalized = normalize(text)
    tokens = words(normalized)
    index = joint_index(model, mood_model)
    known = [pair for pair in map(index.get, features(normalized, tokens)) if pair is not None]
    proba = model.proba_of_indices([i for i, _ in known if i >= 0])
    mood_proba = mood_model.proba_of_indices([j for _, j in known if j >= 0])
    # Python's sort is stable in reverse too: ties keep the model's class order.
    intents = tuple(sorted(zip(model.classes, proba.tolist()), key=itemgetter(1), reverse=True))
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
