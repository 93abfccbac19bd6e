"""Splitting a reply into sentences and clauses, keeping their spans in the original text."""

from __future__ import annotations

import re
from dataclasses import dataclass

_SENTENCE_END = re.compile(r"[^。！？!?；;\n]+[。！？!?；;\n]*")
_CLAUSE = re.compile(r"[^，,、～~ 。！？!?；;\n]+[，,、～~ 。！？!?；;\n]*")
TRAILING = "，,、～~ 。！？!?；;\n…."


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of the reply: `text` is `reply[start:end]`, trailing punctuation included."""

    start: int
    end: int
    text: str

    @property
    def core(self) -> str:
        """The words of the segment without trailing punctuation."""
        return self.text.rstrip(TRAILING)


def sentences(text: str) -> list[Segment]:
    """Sentences of `text`, each with its closing punctuation."""
    return [Segment(m.start(), m.end(), m.group()) for m in _SENTENCE_END.finditer(text)]


def clauses(sentence: Segment) -> list[Segment]:
    """Comma-separated clauses of a sentence, spans in the original text."""
    return [
        Segment(sentence.start + m.start(), sentence.start + m.end(), m.group())
        for m in _CLAUSE.finditer(sentence.text)
    ]
