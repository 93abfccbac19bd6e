"""Printing the command line's Chinese messages (texts live in `bot.texts.CLI`)."""

from __future__ import annotations

import sys

from bot.texts import CLI


def say(key: str, **values: object) -> None:
    """Print one message of the command line, filled with values."""
    sys.stdout.write(CLI[key].format(**values) + "\n")
