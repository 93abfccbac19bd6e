"""The typo checker (错别字): `find_typos(text)` returns one finding per suspected wrong span."""

from __future__ import annotations

import threading

from nlp.findings import Finding
from nlp.typos.candidate_model import CandidateModel
from nlp.typos.char_lm import CharBigramLM
from nlp.typos.checker import TypoChecker
from nlp.typos.lexicon import build_lexicon

_lock = threading.Lock()
_checker: TypoChecker | None = None


def checker() -> TypoChecker:
    """The shared checker, built on first use (one to two seconds) and read-only afterwards."""
    global _checker
    if _checker is None:
        with _lock:
            if _checker is None:
                _checker = TypoChecker(build_lexicon(), CharBigramLM.load(), CandidateModel.load())
    return _checker


def find_typos(text: str) -> list[Finding]:
    """Suspected wrong characters of `text`: rule "typo", severity "warning", offsets into `text`."""
    if not text:
        return []
    return checker().find(text)


__all__ = ["checker", "find_typos"]
