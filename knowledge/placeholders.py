"""Safe placeholder substitution: `{name}` only, one pass, never a raw placeholder left over.

Unlike `str.format`, nothing in a template can reach attributes or indexes, and a
value (say, a buyer's text) is inserted literally: it is never scanned again.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from knowledge.errors import FieldError
from knowledge.texts import PLACEHOLDER_FALLBACKS

PLACEHOLDERS: tuple[str, ...] = tuple(PLACEHOLDER_FALLBACKS)

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
_BRACE = re.compile(r"[{}]")


def placeholders_in(text: str) -> list[str]:
    """Names of the placeholders a template uses, in order of appearance."""
    return _PLACEHOLDER.findall(text)


def validate_placeholders(text: str, field: str = "text") -> None:
    """Raise `FieldError` for an unknown placeholder or a stray brace."""
    for name in placeholders_in(text):
        if name not in PLACEHOLDER_FALLBACKS:
            raise FieldError(field, "unknown_placeholder", name=name, known="、".join(PLACEHOLDERS))
    leftover = _BRACE.search(_PLACEHOLDER.sub("", text))
    if leftover:
        start = max(0, leftover.start() - 5)
        raise FieldError(field, "bad_placeholder", text=text[start : leftover.end() + 5])


def fill(text: str, values: Mapping[str, object]) -> str:
    """Replace each `{name}` by its value, or by a neutral wording when the value is missing."""

    def substitute(match: re.Match[str]) -> str:
        name = match.group(1)
        value = values.get(name)
        if value is None or value == "":
            return PLACEHOLDER_FALLBACKS.get(name, "")
        return str(value)

    return _PLACEHOLDER.sub(substitute, text)
