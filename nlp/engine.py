"""`analyze`: everything the engine says about one buyer message."""

from __future__ import annotations

from operator import itemgetter

from nlp.analysis import Analysis
from nlp.entities import find_entities
from nlp.features import features
from nlp.intents import NEEDS_HUMAN_BELOW
from nlp.model_store import intent_store
from nlp.mood import mood_of
from nlp.normalize import MAX_ANALYSED_CHARS, normalize
from nlp.risk import risk_of
from nlp.tokenize import words


def analyze(text: str) -> Analysis:
    """Intent, mood, risk and entities of a buyer message. Never raises on a str."""
    model = intent_store.get()
    normalized = normalize(text)
    tokens = words(normalized)
    feats = features(normalized, tokens)
    proba = model.predict_proba(feats)
    # Python's sort is stable in reverse too: ties keep the model's class order.
    intents = tuple(sorted(zip(model.classes, proba.tolist()), key=itemgetter(1), reverse=True))
    intent, confidence = intents[0]
    return Analysis(
        text=text,
        intent=intent,
        intents=intents,
        confidence=confidence,
        needs_human=confidence < NEEDS_HUMAN_BELOW or not normalized,
        mood=mood_of(normalized, tokens, feats),
        risk=risk_of(normalized, tokens),
        entities=find_entities(text[:MAX_ANALYSED_CHARS]),
    )
