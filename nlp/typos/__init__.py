"""The typo checker (错别字): `find_typos(text)` returns one finding per suspected wrong span."""

from __future__ import annotations

import threading

from nlp.findings import Finding
from nlp.texts import CHECKER_REWRITES
from nlp.typos.candidate_model import CandidateModel
from nlp.typos.char_lm import CharBigramLM
from nlp.typos.checker import TypoChecker, han_runs
from nlp.typos.lexicon import build_lexicon

_lock = threading.Lock()
_checker: TypoChecker | None = None


def own_wording_runs() -> frozenset[str]:
    """Runs of Chinese characters that the checker's rewrites write themselves (非常抱歉, 您看可以吗):
    a rewrite is checked again, and these are known to be right. A run touching the agent's words is not one."""
    runs = set()
    for template in CHECKER_REWRITES.values():
        text = template.replace("{core}", "\0")
        runs.update(text[start:end] for start, end in han_runs(text)
                    if text[start - 1 : start] != "\0" and text[end : end + 1] != "\0")
    return frozenset(runs)


def checker() -> TypoChecker:
    """The shared checker, built on first use (one to two seconds) and read-only afterwards."""
    global _checker
    if _checker is None:
        with _lock:
            if _checker is None:
                _checker = TypoChecker(build_lexicon(), CharBigramLM.load(), CandidateModel.load(),
                                       trusted_runs=own_wording_runs())
    return _checker


def find_typos(text: str) -> list[Finding]:
    """Suspected wrong characters of `text`: rule "typo", severity "warning", offsets into `text`."""
    if not text:
        return []
    return checker().find(text)


__all__ = ["checker", "find_typos"]
