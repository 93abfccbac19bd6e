"""The 0-100 score of a reply: warnings cost points, each kind of positive signal earns some."""

from __future__ import annotations

from collections.abc import Iterable

from nlp.findings import Finding

BASE_SCORE = 70
SIGNAL_BONUS = 10
WARNING_PENALTY = 20
PENALTY_BY_RULE = {"forbidden_phrase": 30, "typo": 10}


def score(findings: Iterable[Finding]) -> int:
    """70 for a plain reply, +10 per kind of positive signal, minus a penalty per warning, clamped to 0-100."""
    findings = list(findings)
    signal_kinds = {f.rule for f in findings if f.severity == "hint"}
    penalty = sum(PENALTY_BY_RULE.get(f.rule, WARNING_PENALTY) for f in findings if f.severity == "warning")
    return max(0, min(100, BASE_SCORE + SIGNAL_BONUS * len(signal_kinds) - penalty))
