"""替买家做决定: wordings that decide for the buyer or pressure them (nlp/data/checker/pushy.txt)."""

from __future__ import annotations

from nlp.checker.resources import alternation, data_lines
from nlp.checker.sentences import clauses, sentences
from nlp.findings import Finding
from nlp.texts import CHECKER_MESSAGES, CHECKER_REWRITES

_PUSHY = alternation(data_lines("pushy.txt"))
_PUSHY_SENTENCE = alternation(data_lines("pushy_sentences.txt"))
_CHOICE_RETURNED = alternation(data_lines("choice_returned.txt"))


def pushy_finding(start: int, end: int) -> Finding:
    """The warning for a pushy span, suggesting to hand the choice back."""
    return Finding("pushy", "warning", start, end, CHECKER_MESSAGES["pushy"], CHECKER_REWRITES["pushy"])


def find_pushy(text: str, form: str) -> list[Finding]:
    """One warning per run of consecutive pushy clauses (or per pushy sentence), suggesting to hand the choice back
    (unless the sentence does)."""
    spans: list[list[int]] = []
    for sentence in sentences(form):
        if _CHOICE_RETURNED.search(sentence.text):
            continue
        if _PUSHY_SENTENCE.search(sentence.text):
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
