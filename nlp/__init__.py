"""The analysis layer: pure, synchronous, loads once, then milliseconds per message.

`analyze` reads a buyer message; `check_reply` and `find_typos` read an agent's reply.
The public names are imported on first use, so `import nlp.normalize` (or a
command line that never analyses anything) does not pay for the whole layer.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nlp.analysis import Analysis, Entity, Mood, Risk
    from nlp.checker import check_reply
    from nlp.engine import analyze
    from nlp.findings import Finding, ReplyCheck
    from nlp.typos import find_typos

_EXPORTS = {
    "Analysis": "nlp.analysis",
    "Entity": "nlp.analysis",
    "Mood": "nlp.analysis",
    "Risk": "nlp.analysis",
    "Finding": "nlp.findings",
    "ReplyCheck": "nlp.findings",
    "analyze": "nlp.engine",
    "check_reply": "nlp.checker",
    "find_typos": "nlp.typos",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module 'nlp' has no attribute {name!r}")
    value = getattr(import_module(_EXPORTS[name]), name)
    globals()[name] = value
    return value
