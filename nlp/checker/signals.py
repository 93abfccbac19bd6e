"""Positive signals (thanks, apology, polite address, inviting questions), reported as hints."""

from __future__ import annotations

import re

from nlp.checker.resources import data_table
from nlp.findings import Finding
from nlp.texts import CHECKER_MESSAGES

_SIGNALS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (rule, re.compile(pattern)) for rule, pattern in data_table("positive.tsv")
)


def find_signals(text: str, form: str) -> list[Finding]:
    """One hint per positive wording found."""
    return [
        Finding(rule, "hint", m.start(), m.end(), CHECKER_MESSAGES[rule])
        for rule, pattern in _SIGNALS
        for m in pattern.finditer(form)
        if m.end() > m.start()
    ]
