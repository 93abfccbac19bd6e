"""否定句: a reply dominated by negations with no way forward for the buyer."""

from __future__ import annotations

import re

from nlp.checker.resources import PhraseIndex, alternation, data_lines, data_table
from nlp.checker.rewrite import tidy, without_address
from nlp.findings import Finding
from nlp.texts import CHECKER_MESSAGES, CHECKER_REWRITES

MIN_NEGATIONS = 2
MAX_NEGATIONS_WITH_ALTERNATIVE = 3
NEGATION_REACH = 5  # characters before an alternative in which a negation cancels it

_NEGATION = alternation(data_lines("negation.txt"))
_EXEMPT = PhraseIndex(list(data_lines("negation_exempt.txt")))
_ALTERNATIVE = alternation(data_lines("alternative.txt"), literal=True)
_SOFTENER = alternation(data_lines("negation_softeners.txt"), literal=True)
_PARALLEL = re.compile(r"[不没无][^，,。！!？?]{0,6}[，,、]?也[不没无]|不\w不\w")  # 没有X，也没有Y; 不退不换
_QUESTION_FORM = re.compile(r"(\w)[不没]\1")  # 烦不烦, 有没有: asking, not negating
_FIXES = dict(data_table("negation_fixes.tsv"))
_FIX_INDEX = PhraseIndex(list(_FIXES))
_EDGE = "，,。.！!？?；;～~ \n"
# The rewrite's own apology and offer, left by an earlier rewrite pass, are not wrapped twice.
_OWN_WORDINGS = re.compile("|".join(
    re.escape(w) for w in re.split(r"[，,？?]", CHECKER_REWRITES["negative"].replace("{core}", "，")) if len(w) > 1
))
_CLAUSE_REST = re.compile(r"[^，,。.！!？?；;～~\n]*")


def _masked(form: str) -> str:
    """`form` with negation-free wordings (不客气, 不起球, 特别…) blanked out."""
    chars = list(form)
    for start, end, _ in _EXEMPT.find(form):
        chars[start:end] = " " * (end - start)
    return _QUESTION_FORM.sub(lambda m: " " * len(m.group()), "".join(chars))


def offers_alternative(masked: str) -> bool:
    """An alternative wording that is not itself negated, before (不能补偿) or later in its clause (其他颜色也没了)."""
    return any(
        not _NEGATION.search(masked[max(0, m.start() - NEGATION_REACH) : m.start()])
        and not _NEGATION.search(_CLAUSE_REST.match(masked, m.end()).group())
        for m in _ALTERNATIVE.finditer(masked)
    )


def is_negative(form: str) -> bool:
    """Negations dominate: a pile of them, or two with no alternative offered.

    Two negations softened by 哦/您… are a reassurance (没有的哦，都不会收费), unless they are
    stacked in parallel (没有发票，也没有收据哦; 不退不换哦).
    """
    masked = _masked(form)
    count = len(_NEGATION.findall(masked))
    if count > MAX_NEGATIONS_WITH_ALTERNATIVE:
        return True
    if count > MIN_NEGATIONS:
        return not offers_alternative(masked)
    if count < MIN_NEGATIONS or offers_alternative(masked):
        return False
    return not _SOFTENER.search(masked) or _PARALLEL.search(masked) is not None


def turned_around(text: str, form: str) -> str:
    """`text` with known negative wordings replaced by positive ones."""
    pieces, position = [], 0
    for start, end, phrase in _FIX_INDEX.find(form):
        pieces += [text[position:start], _FIXES[phrase]]
        position = end
    return "".join(pieces) + text[position:]


def negative_finding(text: str, form: str) -> Finding:
    """The warning over the whole reply, with its negative wordings turned around and an alternative offered."""
    start = len(text) - len(text.lstrip(_EDGE))
    end = len(text.rstrip(_EDGE))
    core = turned_around(text[start:end], form[start:end])
    _, core = without_address(tidy(_OWN_WORDINGS.sub("", core)).rstrip(_EDGE))  # the rewrite opens with its own 亲
    return Finding("negative", "warning", start, end, CHECKER_MESSAGES["negative"],
                   CHECKER_REWRITES["negative"].format(core=core))


def find_negative(text: str, form: str) -> list[Finding]:
    """One warning over the whole reply when negations dominate it."""
    return [negative_finding(text, form)] if is_negative(form) else []
