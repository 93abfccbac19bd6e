"""The analysis layer: pure, synchronous, loads once, then milliseconds per message.

`analyze` reads a buyer message; `check_reply` and `find_typos` read an agent's reply.
"""

from nlp.analysis import Analysis, Entity, Mood, Risk
from nlp.checker import check_reply
from nlp.engine import analyze
from nlp.findings import Finding, ReplyCheck
from nlp.typos import find_typos

__all__ = ["Analysis", "Entity", "Finding", "Mood", "ReplyCheck", "Risk", "analyze", "check_reply", "find_typos"]
