"""Result types of the reply checker and the typo checker."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["hint", "warning"]


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing the checker noticed in a reply, with a better wording when it has one.

    `start`/`end` index the original text (Python string offsets, end exclusive).
    """

    rule: str
    severity: Severity
    start: int
    end: int
    message: str
    suggestion: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class ReplyCheck:
    """The checker's verdict on one reply: findings, a 0-100 score and a full rewrite."""

    text: str
    findings: tuple[Finding, ...]
    score: int
    rewrite: str

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "warning")

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "score": self.score,
            "findings": [f.to_dict() for f in self.findings],
            "rewrite": self.rewrite,
        }
