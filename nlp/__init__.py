"""The analysis layer: pure, synchronous, loads once, then milliseconds per message.

`analyze` reads a buyer message; `check_reply` and `find_typos` read an agent's reply.
"""

from nlp.analysis import Analysis, Entity, Mood, Risk
from nlp.engine import analyze

__all__ = ["Analysis", "Entity", "Mood", "Risk", "analyze"]
