"""服务禁语: phrases that service etiquette standards forbid (nlp/data/checker/forbidden.tsv)."""

from __future__ import annotations

from nlp.checker.resources import PhraseIndex, data_lines, data_table
from nlp.checker.sentences import clauses, sentences
from nlp.findings import Finding
from nlp.texts import CHECKER_MESSAGES

DROP = "-"

_CATEGORY: dict[str, str] = {}
_REPLACEMENT: dict[str, str] = {}
for _category, _phrase, _replacement in data_table("forbidden.tsv"):
    _CATEGORY[_phrase] = _category
    _REPLACEMENT[_phrase] = _replacement

_PHRASES = PhraseIndex(list(_CATEGORY))
_EXEMPT = PhraseIndex(list(data_lines("forbidden_exempt.txt")))


def _exempt_spans(form: str) -> list[tuple[int, int]]:
    return [(start, end) for start, end, _ in _EXEMPT.find(form)]


def _clause_around(form: str, start: int, end: int) -> tuple[int, int]:
    """Span of the clause holding `form[start:end]` (trailing punctuation included)."""
    for sentence in sentences(form):
        for clause in clauses(sentence):
            if clause.start <= start and end <= clause.end:
                return clause.start, clause.end
    return start, end


def find_forbidden_phrases(text: str, form: str) -> list[Finding]:
    """One warning per forbidden phrase; insults and sarcasm with no polite equivalent take their clause with them."""
    exempt = _exempt_spans(form)
    findings = []
    for start, end, phrase in _PHRASES.find(form):
        if any(s <= start and end <= e for s, e in exempt):
            continue
        replacement = _REPLACEMENT[phrase]
        message = CHECKER_MESSAGES["forbidden_phrase"].format(category=_CATEGORY[phrase], phrase=text[start:end])
        if replacement == DROP:
            start, end = _clause_around(form, start, end)
            findings.append(Finding("forbidden_phrase", "warning", start, end, message, None))
        else:
            findings.append(Finding("forbidden_phrase", "warning", start, end, message, replacement))
    return findings
