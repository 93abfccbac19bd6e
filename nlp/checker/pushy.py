"""替买家做决定: wordings that decide for the buyer or pressure them (nlp/data/checker/pushy.txt)."""

from __future__ import annotations

import re

from nlp.checker.resources import alternation, data_lines
from nlp.checker.sentences import clauses, sentences
from nlp.findings import Finding
from nlp.texts import CHECKER_MESSAGES, CHECKER_REWRITES

_PUSHY = alternation(data_lines("pushy.txt"))
_PUSHY_SENTENCE = alternation(data_lines("pushy_sentences.txt"))
_CHOICE_RETURNED = alternation(data_lines("choice_returned.txt"))
# The agent has already changed the buyer's order for them (我直接帮您拍了M码, 已经给您改成顺丰到付了),
# unless the reply answers a request (好的，已经帮您改成…), asks for consent, or the change costs nothing.
_DONE_FOR_BUYER = re.compile(
    r"(?:我|这边|已经|已|先|直接)[^，,。！!？?]{0,4}(?<!可以)(?<!能)(?<!会)(?:帮|给|替)(?:您|你)(?:把[^，,。！!？?]{0,10})?"
    r"(?:直接)?(?:改成|改到|改为|换成|升级成|升级为|拍了|拍下了|多加了|加了一|下单了|下了一?单|发成|锁定|选了|定了|留了一?|开通了)"
    r"|(?:给|帮)(?:您|你)备注(?:了|好了)?(?:发|[^，,。！!？?]{0,4}(?:码|号|色|款|段|套装)(?:了|啦|发))"
    r"|(?:我|这边)\w{0,3}(?:就|直接|默认)\w{0,2}(?:按[^，,。！!？?]{1,6})?(?:给|帮)(?:您|你)(?:按[^，,。！!？?]{1,6})?(?:发|寄|换)"
)
_ACKNOWLEDGED = re.compile(r"^\W*(?:亲亲?|宝|您好)?[，,\s]*(?:好的|好嘞|好哒|好滴|收到|没问题|可以的?|ok|嗯嗯|明白|了解|按您|根据您|已按|已经按)")
_CONSENT_ASKED = re.compile(r"[？?]|您看(?:可以|行|合适)|可以吗|行吗")
_FREE_OF_CHARGE = re.compile(r"不加钱|免费|(?:我们|店里|商家)来?(?:承担|出)|不用补|无需补|送(?:您|你)")


def pushy_finding(start: int, end: int) -> Finding:
    """The warning for a pushy span, suggesting to hand the choice back."""
    return Finding("pushy", "warning", start, end, CHECKER_MESSAGES["pushy"], CHECKER_REWRITES["pushy"])


def find_pushy(text: str, form: str) -> list[Finding]:
    """One warning per run of consecutive pushy clauses (or per pushy sentence), suggesting to hand the choice back
    (unless the sentence does)."""
    spans: list[list[int]] = []
    unasked = not _ACKNOWLEDGED.match(form) and not _CONSENT_ASKED.search(form)
    for sentence in sentences(form):
        if _CHOICE_RETURNED.search(sentence.text):
            continue
        if _PUSHY_SENTENCE.search(sentence.text) or (
            unasked and _DONE_FOR_BUYER.search(sentence.text) and not _FREE_OF_CHARGE.search(sentence.text)
        ):
            spans.append([sentence.start, sentence.end])
            continue
        for clause in clauses(sentence):
            if not _PUSHY.search(clause.text):
                continue
            if spans and spans[-1][1] == clause.start:
                spans[-1][1] = clause.end
            else:
                spans.append([clause.start, clause.end])
    return [pushy_finding(start, end) for start, end in spans]
