"""Result types of the analysis engine."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

MoodLabel = Literal["negative", "neutral", "positive"]
RiskLevel = Literal["none", "low", "high"]


@dataclass(frozen=True, slots=True)
class Entity:
    """Something concrete found in a message; `start`/`end` index the original text."""

    kind: str  # order_id | phone | tracking_no | money | size
    text: str
    start: int
    end: int

    def to_dict(self) -> dict:
        return {"kind": self.kind, "text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Mood:
    """The buyer's mood; `score` runs from -1 (angry) to 1 (delighted)."""

    label: MoodLabel
    score: float

    def to_dict(self) -> dict:
        return {"label": self.label, "score": round(self.score, 4)}


@dataclass(frozen=True, slots=True)
class Risk:
    """Risk signals found in a message and the resulting level."""

    level: RiskLevel
    signals: tuple[str, ...]

    def to_dict(self) -> dict:
        return {"level": self.level, "signals": list(self.signals)}


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything the engine says about one buyer message."""

    text: str
    intent: str
    intents: tuple[tuple[str, float], ...]  # every intent with its probability, best first
    confidence: float
    needs_human: bool
    mood: Mood
    risk: Risk
    entities: tuple[Entity, ...]

    def to_dict(self) -> dict:
        return {
            "intent": self.intent,
            "intents": {key: round(p, 4) for key, p in self.intents},
            "confidence": round(self.confidence, 4),
            "needs_human": self.needs_human,
            "mood": self.mood.to_dict(),
            "risk": self.risk.to_dict(),
            "entities": [e.to_dict() for e in self.entities],
        }
