"""冷淡: one-word or curt replies with no warmth (curt words in nlp/data/checker/cold.tsv)."""

from __future__ import annotations

import re

from nlp.checker.resources import alternation, data_lines, data_table
from nlp.findings import Finding
from nlp.texts import CHECKER_MESSAGES, CHECKER_REWRITES

MAX_CURT_CHARS = 5
MAX_CURT_OPENING_CHARS = 8
MAX_PARTICLE_WARMED_CHARS = 4
MAX_CURT_PILE_CHARS = 16  # a reply of curt no's (不包邮，不议价，不退换) up to this long is cold

_WARM_REPLY = dict(data_table("cold.tsv"))
WARMTH = alternation(data_lines("warmth.txt"), literal=True)
_CURT_OPENING = re.compile(
    "^(?:" + "|".join(map(re.escape, sorted(_WARM_REPLY, key=len, reverse=True))) + r")(?=[\W_]|$)"
)
_NOISE = re.compile(r"[\W_]+")
_PARTICLE = re.compile(r"[呢哦哈啦呀哟噢喔嘛～~!]")
_EDGE = "，,。.！!？?；;～~ \n"
_CLAUSE_BREAK = re.compile(r"[，,。.！!？?；;、\s]+")
_CURT_NO = re.compile(r"^(?:也|还|都)?(?:不|没|无)")
_REASSURING = re.compile(r"担心|没问题|不会有问题|没关系|不客气|放心|不麻烦")  # 不会坏的，不用担心 comforts


def _words_only(form: str) -> str:
    """The reply without punctuation, spaces, symbols or emoji."""
    return _NOISE.sub("", form)


def _is_warm(rest: str, words: str) -> bool:
    """Warm words (亲, 您, 请…) warm any reply; particles alone (发了呀, 不知道哦) only one with some content."""
    warmth = [m.group() for m in WARMTH.finditer(rest)]
    if any(not _PARTICLE.fullmatch(word) for word in warmth):
        return True
    return bool(warmth) and len(_PARTICLE.sub("", words)) > MAX_PARTICLE_WARMED_CHARS


def is_cold(form: str) -> bool:
    """Only a curt word, or very short (or opened by a curt word) and without any warmth."""
    words = _words_only(form)
    if not words:
        return "?" in form  # a bare question mark (full-width ones are folded) answers nothing
    if words in _WARM_REPLY:
        return True
    trimmed = form.strip(_EDGE)
    opening = _CURT_OPENING.match(trimmed)
    rest = trimmed[opening.end():] if opening else trimmed
    if _is_warm(rest, words):
        return False
    return (len(words) <= MAX_CURT_CHARS or (opening is not None and len(words) <= MAX_CURT_OPENING_CHARS)
            or _is_pile_of_curt_nos(trimmed, words))


def _is_pile_of_curt_nos(trimmed: str, words: str) -> bool:
    """Two or more clauses, each a bare no (不包邮，不议价，不退换; 没有，不知道，也没法帮你查), and short."""
    parts = [part for part in _CLAUSE_BREAK.split(trimmed) if part]
    return (len(parts) >= 2 and len(words) <= MAX_CURT_PILE_CHARS and not _REASSURING.search(trimmed)
            and all(_CURT_NO.match(part) or part in _WARM_REPLY for part in parts))


def cold_finding(text: str, form: str) -> Finding:
    """The warning over the whole reply, with a warm reply to send instead."""
    start = len(form) - len(form.lstrip(_EDGE))
    end = len(form.rstrip(_EDGE))
    if start >= end:  # punctuation only: the whole reply
        return Finding("cold", "warning", 0, len(form), CHECKER_MESSAGES["cold"], CHECKER_REWRITES["cold_blank"])
    opening = _CURT_OPENING.match(form[start:end])
    if opening:
        suggestion = _WARM_REPLY[opening.group()]
    else:
        suggestion = CHECKER_REWRITES["cold"].format(core=text[start:end].rstrip("哦呢啦呀哈嘛喔噢～~!！ "))
    return Finding("cold", "warning", start, end, CHECKER_MESSAGES["cold"], suggestion)


def find_cold(text: str, form: str) -> list[Finding]:
    """One warning over the whole reply when it is cold, with a warm reply to send instead."""
    return [cold_finding(text, form)] if is_cold(form) else []
