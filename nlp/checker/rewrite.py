"""Applying the suggestions of warnings to a reply, one non-overlapping set at a time."""

from __future__ import annotations

import re
from collections.abc import Iterable

from nlp.checker.sentences import TRAILING
from nlp.findings import Finding

# When spans overlap, the fix listed first goes first (a 忌语 clause replaced whole makes a typo in it moot);
# the rest are found again on the next draft.
PRIORITY = ("forbidden_phrase", "typo", "pushy", "imperative", "refusal_without_apology", "negative", "cold")

_PUNCTUATION_RUN = re.compile(r"([，,、；;。！？!?～~])[，,、；;。]+|([！？!?])\2+")
_LEADING_PUNCTUATION = re.compile(r"^[，,、；;。！？!?～~\s]+")
_TRAILING_COMMA = re.compile(r"[，,、；;]+$")
_ADDRESS_OPENING = re.compile(r"^(?:亲亲|亲爱的|亲|宝贝|宝|您好)[，,～~！!\s]*")


def without_address(core: str) -> tuple[str, str]:
    """`core`'s opening polite address (亲，) and the rest: a rewrite that adds its own words puts them after it."""
    match = _ADDRESS_OPENING.match(core)
    return (match.group(), core[match.end() :]) if match else ("", core)


def _chosen(findings: Iterable[Finding]) -> list[Finding]:
    """Warnings to apply now: by priority, skipping any that overlap one already chosen."""
    warnings = [f for f in findings if f.severity == "warning"]
    warnings.sort(key=lambda f: (PRIORITY.index(f.rule) if f.rule in PRIORITY else len(PRIORITY), f.start))
    chosen: list[Finding] = []
    for finding in warnings:
        if all(finding.end <= c.start or c.end <= finding.start for c in chosen):
            chosen.append(finding)
    return sorted(chosen, key=lambda f: f.start)


def tidy(text: str) -> str:
    """Clean the punctuation that replacing spans leaves behind."""
    text = _PUNCTUATION_RUN.sub(lambda m: m.group(1) or m.group(2), text.strip())
    text = _LEADING_PUNCTUATION.sub("", text)
    return _TRAILING_COMMA.sub("～", text)


def apply_findings(text: str, findings: Iterable[Finding]) -> str:
    """`text` with each chosen warning's span replaced by its suggestion (dropped when it has none).

    A suggestion already inserted in this pass is not repeated (two pushy sentences become one).
    """
    pieces, position, inserted = [], 0, set()
    for finding in _chosen(findings):
        suggestion = finding.suggestion or ""
        wording = suggestion.rstrip(TRAILING)
        pieces += [text[position : finding.start], "" if wording and wording in inserted else suggestion]
        inserted.add(wording)
        position = finding.end
    return tidy("".join(pieces) + text[position:])
