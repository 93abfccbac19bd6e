"""服务禁语: phrases that service etiquette standards forbid, and harsh replies beyond the lists.

Listed phrases and phrase families live in nlp/data/checker/forbidden.tsv and
forbidden_patterns.tsv, each with a polite replacement; harsh_tone.txt describes
replies that break the etiquette without a listed phrase (你 + retort, no warmth).
"""

from __future__ import annotations

import re

from nlp.checker.resources import (
    PhraseIndex,
    alternation,
    data_lines,
    data_sections,
    data_table,
)
from nlp.checker.sentences import TRAILING, Segment, clauses, sentences
from nlp.findings import Finding
from nlp.texts import CHECKER_MESSAGES, CHECKER_REWRITES

DROP = "-"

_CATEGORY: dict[str, str] = {phrase: category for category, phrase, _ in data_table("forbidden.tsv")}
_REPLACEMENT: dict[str, str] = {phrase: replacement for _, phrase, replacement in data_table("forbidden.tsv")}
_PHRASES = PhraseIndex(list(_CATEGORY))
_PATTERNS = tuple((category, re.compile(pattern), replacement)
                  for category, pattern, replacement in data_table("forbidden_patterns.tsv"))
_EXEMPT = PhraseIndex(list(data_lines("forbidden_exempt.txt")))
_HARSH = data_sections("harsh_tone.txt")
_BLUNT_ADDRESS = alternation(_HARSH["address"])
_RETORT = alternation(_HARSH["edge"])
_WARMTH = alternation(_HARSH["warmth"])
# 有没有破损？ 合不合适？ 要不要…？ ask neutrally; a question about the goods is no retort (爱买不买 is listed apart).
_A_NOT_A = re.compile(r"(\w)[不没]\1\w*[？?]?$")
_WAIVED = re.compile(r"(?:不用|无需|不需要|不必|用不着)(?:您|你)?$")  # 不用您自己联系快递 reassures
_OFFERED = re.compile(r"可以(?:您|你)?(?:先)?$")  # 您可以自己联系快递 offers a way: only pushing off (推诿) is excused
# 如果是快递的问题，我们… supposes, it does not push the buyer off.
_SUPPOSED = re.compile(r"(?:如果|若是?|要是|万一)\w{0,3}$")
# 千万不要加任何人的微信私下转账 warns the buyer against leaving the platform.
_WARNED = re.compile(r"不要|别|切勿|请勿|谨防|严禁|不得|不会|不能|小心|提防")
SHIFTING = "推诿"
OFF_PLATFORM = "站外引流"


def _exempt_spans(form: str) -> list[tuple[int, int]]:
    return [(start, end) for start, end, _ in _EXEMPT.find(form)]


def _clause_around(form: str, start: int, end: int) -> tuple[int, int]:
    """Span of the clause holding `form[start:end]` (trailing punctuation included)."""
    for sentence in sentences(form):
        for clause in clauses(sentence):
            if clause.start <= start and end <= clause.end:
                return clause.start, clause.end
    return start, end


def _matches(form: str) -> list[tuple[int, int, str, str, bool]]:
    """`(start, end, category, replacement, is_pattern)` of forbidden wordings: literal phrases first, then patterns."""
    found = [(start, end, _CATEGORY[phrase], _REPLACEMENT[phrase], False) for start, end, phrase in _PHRASES.find(form)]
    for category, pattern, replacement in _PATTERNS:
        for m in pattern.finditer(form):
            if all(m.end() <= start or end <= m.start() for start, end, *_ in found):
                found.append((m.start(), m.end(), category, replacement, True))
    return sorted(found)


def _clause_replacement(replacement: str, clause: str) -> str:
    """`replacement` standing for a whole clause, closed like the clause was (a comma goes on, else a full stop)."""
    tail = clause[len(clause.rstrip(TRAILING)) :]
    if not tail:
        return replacement
    return replacement + ("，" if any(mark in tail for mark in "，,、") else "。")


def _harsh_sentences(text: str, form: str) -> list[Finding]:
    """Sentences that address the buyer as 你 and negate or retort, in a reply with no warmth at all.

    The suggested first step is the respectful 您; the other rules then soften what it says.
    """
    if _WARMTH.search(form):
        return []
    return [
        Finding("forbidden_phrase", "warning", s.start, s.end,
                CHECKER_MESSAGES["harsh_tone"].format(sentence=text[s.start : s.end]),
                text[s.start : s.end].replace("你", "您"))
        for s in sentences(form)
        if _BLUNT_ADDRESS.search(s.text) and _RETORT.search(_A_NOT_A.sub("", s.text.rstrip("。.！! ")))
    ]


def harsh_wording_finding(text: str, sentence: Segment) -> Finding:
    """A sentence that reads like a 服务禁语 with no listed wording in it: a polite stand-in replaces it whole."""
    original = text[sentence.start : sentence.end]
    return Finding("forbidden_phrase", "warning", sentence.start, sentence.end,
                   CHECKER_MESSAGES["harsh_wording"].format(sentence=original.rstrip(TRAILING)),
                   _clause_replacement(CHECKER_REWRITES["harsh_wording"], original))


def find_forbidden_phrases(text: str, form: str) -> list[Finding]:
    """One warning per forbidden wording; insults and sarcasm with no polite equivalent take their clause with them,
    and so do wordings found by a pattern (the polite replacement stands for the clause)."""
    exempt = _exempt_spans(form)
    findings: list[Finding] = []
    for start, end, category, replacement, is_pattern in _matches(form):
        before = form[max(0, start - 5) : start]
        if (
            any(s <= start and end <= e for s, e in exempt)
            or _WAIVED.search(before)
            or (category == SHIFTING and (_OFFERED.search(before) or _SUPPOSED.search(before)))
            or (category == OFF_PLATFORM and _WARNED.search(form[_clause_around(form, start, end)[0] : start]))
        ):
            continue
        message = CHECKER_MESSAGES["forbidden_phrase"].format(category=category, phrase=text[start:end])
        suggestion: str | None = replacement
        if replacement == DROP or is_pattern:  # a pattern's replacement stands for its whole clause
            start, end = _clause_around(form, start, end)
            suggestion = None if replacement == DROP else _clause_replacement(replacement, text[start:end])
        if not any(f.start == start and f.end == end for f in findings):
            findings.append(Finding("forbidden_phrase", "warning", start, end, message, suggestion))
    if findings:
        return findings
    return _harsh_sentences(text, form)
