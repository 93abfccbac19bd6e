"""`check_reply`: every rule over one reply, its score and a rewrite that passes the checker."""

from __future__ import annotations

from nlp.checker.cold import find_cold
from nlp.checker.forbidden import find_forbidden_phrases
from nlp.checker.imperative import find_imperatives
from nlp.checker.learned import learned_warnings
from nlp.checker.negative import find_negative
from nlp.checker.pushy import find_pushy
from nlp.checker.refusal import find_refusals
from nlp.checker.resources import matching_form
from nlp.checker.rewrite import apply_findings
from nlp.checker.score import score
from nlp.checker.signals import find_signals
from nlp.findings import Finding, ReplyCheck
from nlp.normalize import MAX_ANALYSED_CHARS
from nlp.texts import CHECKER_REWRITES
from nlp.typos import find_typos

MAX_REWRITE_PASSES = 4

_RULES = (find_forbidden_phrases, find_imperatives, find_pushy, find_refusals, find_negative, find_cold)


def rule_warnings(text: str, form: str) -> list[Finding]:
    """Problems found by the hand-written etiquette rules alone."""
    return [finding for rule in _RULES for finding in rule(text, form)]


def etiquette_warnings(text: str) -> list[Finding]:
    """Problems found by the etiquette rules, then by the learned model where a rule found nothing (no typos)."""
    form = matching_form(text)
    found = rule_warnings(text, form)
    return found + learned_warnings(text, form, found)


def find_warnings(text: str) -> list[Finding]:
    """Every problem found in `text` (which must already be cut to the analysed length)."""
    return etiquette_warnings(text) + find_typos(text)


def polished(text: str, warnings: list[Finding]) -> str:
    """`text` rewritten until the checker finds no warning (a generic warm reply if that fails).

    Typos are looked for again only once a draft passes the cheaper etiquette rules.
    """
    draft = text
    for _ in range(MAX_REWRITE_PASSES):
        if not warnings:
            return draft
        draft = apply_findings(draft, warnings)
        if not draft:
            break
        warnings = etiquette_warnings(draft) or find_typos(draft)
    return draft if draft and not warnings else CHECKER_REWRITES["fallback"]


def check_reply(text: str) -> ReplyCheck:
    """Check an agent's draft reply: findings (spans in `text`), a 0-100 score and a rewrite."""
    analysed = text[:MAX_ANALYSED_CHARS]
    if not analysed.strip():
        return ReplyCheck(text=text, findings=(), score=0, rewrite="")
    warnings = find_warnings(analysed)
    findings = sorted(warnings + find_signals(analysed, matching_form(analysed)), key=lambda f: (f.start, f.end, f.rule))
    return ReplyCheck(text=text, findings=tuple(findings), score=score(findings), rewrite=polished(analysed, warnings))
