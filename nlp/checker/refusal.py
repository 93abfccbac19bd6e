"""拒绝未致歉: turning the buyer down without an apology anywhere in the reply."""

from __future__ import annotations

import re

from nlp.checker.resources import alternation, data_lines
from nlp.checker.sentences import Segment, sentences
from nlp.findings import Finding
from nlp.texts import CHECKER_MESSAGES, CHECKER_REWRITES

_REFUSAL = alternation(data_lines("refusal.txt"))
_EXEMPT = alternation(data_lines("refusal_exempt.txt"))
_APOLOGY = alternation(data_lines("apology.txt"), literal=True)
_PRICE = re.compile(r"便宜|优惠|价|少|折|贵")
_CONDITIONAL = re.compile(r"^(?:如果|若|要是|万一)")


def has_apology(form: str) -> bool:
    """Whether the reply apologises or shows sympathy somewhere."""
    return _APOLOGY.search(form) is not None


def refusals(form: str) -> list[Segment]:
    """Sentences of `form` that turn the buyer down (conditionals and exempt wordings aside)."""
    found = []
    for sentence in sentences(form):
        masked = _EXEMPT.sub(lambda m: " " * len(m.group()), sentence.text)
        if _REFUSAL.search(masked) and not _CONDITIONAL.match(sentence.text.lstrip("亲，, ")):
            found.append(sentence)
    return found


def _suggestion(sentence: Segment, original: str) -> str:
    if _PRICE.search(sentence.text):
        return CHECKER_REWRITES["refusal_price"]
    return CHECKER_REWRITES["refusal_other"].format(core=original.rstrip("，,。.！!；;～~ "))


def find_refusals(text: str, form: str) -> list[Finding]:
    """One warning per refusing sentence when the reply has no apology at all."""
    if has_apology(form):
        return []
    return [
        Finding("refusal_without_apology", "warning", s.start, s.end, CHECKER_MESSAGES["refusal_without_apology"],
                _suggestion(s, text[s.start : s.end]))
        for s in refusals(form)
    ]
