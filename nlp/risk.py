"""Risk signals in a buyer message: threats, compensation demands, abuse, fraud accusations.

Each signal has one trigger regex and one guard regex, both read once from
`nlp/data/risk/patterns.tsv`. A trigger match counts unless it lies inside a
guard match (a negated threat, a question about a policy, a worry).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from nlp.analysis import Risk
from nlp.normalize import MAX_ANALYSED_CHARS

HIGH_RISK_SIGNALS = frozenset({"threat_bad_review", "threat_complaint", "refund_without_return"})

_NEVER = re.compile(r"(?!)")
NO_RISK = Risk("none", ())


@dataclass(frozen=True, slots=True)
class SignalRule:
    """The compiled trigger and guard of one risk signal."""

    signal: str
    trigger: re.Pattern[str]
    guard: re.Pattern[str]

    def fires(self, text: str) -> bool:
        """Whether some trigger match in `text` lies outside every guard match."""
        first = self.trigger.search(text)
        if first is None:
            return False
        guarded = [(m.start(), m.end()) for m in self.guard.finditer(text)]
        if not guarded:
            return True
        return any(
            not any(s <= m.start() and m.end() <= e for s, e in guarded)
            for m in self.trigger.finditer(text)
        )


def parse_rules(raw: str) -> tuple[SignalRule, ...]:
    """Compile the rules file text (signal<TAB>trigger|guard<TAB>regex) in file order."""
    parts: dict[str, dict[str, list[str]]] = {}
    for line in raw.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        signal, kind, pattern = line.split("\t", 2)
        parts.setdefault(signal, {"trigger": [], "guard": []})[kind].append(pattern)
    return tuple(
        SignalRule(
            signal,
            re.compile("|".join(f"(?:{p})" for p in kinds["trigger"])),
            re.compile("|".join(f"(?:{p})" for p in kinds["guard"])) if kinds["guard"] else _NEVER,
        )
        for signal, kinds in parts.items()
    )


@lru_cache(maxsize=1)
def rules() -> tuple[SignalRule, ...]:
    """The shop's risk rules, loaded once."""
    raw = resources.files("nlp").joinpath("data/risk/patterns.tsv").read_text("utf-8")
    return parse_rules(raw)


@lru_cache(maxsize=1)
def any_trigger() -> re.Pattern[str]:
    """Every signal's trigger in one regex: most messages match none and cost one scan."""
    return re.compile("|".join(f"(?:{rule.trigger.pattern})" for rule in rules()))


def risk_of(normalized: str, words: list[str]) -> Risk:
    """Risk signals in a normalised message and the resulting level.

    `words` is accepted for a uniform signature with `mood_of`; matching works on the text.
    """
    text = normalized[:MAX_ANALYSED_CHARS]
    if any_trigger().search(text) is None:
        return NO_RISK
    signals = tuple(rule.signal for rule in rules() if rule.fires(text))
    if any(signal in HIGH_RISK_SIGNALS for signal in signals):
        level = "high"
    elif signals:
        level = "low"
    else:
        level = "none"
    return Risk(level, signals)
