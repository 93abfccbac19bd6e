"""Checks on a pasted message before it is analysed: what an interface must refuse politely."""

from __future__ import annotations

from nlp.texts import INPUT_ERRORS

MAX_MESSAGE_CHARS = 10_000


def message_problem(text: str) -> str | None:
    """The key of what is wrong with a pasted message (see `INPUT_ERRORS`), or None."""
    if not text.strip():
        return "empty"
    if len(text) > MAX_MESSAGE_CHARS:
        return "too_long"
    return None


def problem_message(key: str) -> str:
    """The Chinese explanation of a problem key."""
    return INPUT_ERRORS[key].format(limit=MAX_MESSAGE_CHARS)
