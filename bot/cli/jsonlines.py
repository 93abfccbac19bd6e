"""One JSON object per message: the shared loop of `xiaoer analyze` and `xiaoer check`.

`TEXT` gives one object; `-` reads one message per line from standard input
and prints one object per line. A bad line (empty, not UTF-8, too long) gets
an error object in Chinese and the batch goes on; the exit code stays 0.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable

from nlp.messages import message_problem, problem_message

Handler = Callable[[str], dict]


def error_object(key: str, line: int | None = None) -> dict:
    error: dict = {"error": {"code": key, "message": problem_message(key)}}
    if line is not None:
        error["line"] = line
    return error


def respond(text: str, handle: Handler, line: int | None = None) -> dict:
    """`handle(text)`, or the error object when the text cannot be processed."""
    problem = message_problem(text)
    return error_object(problem, line) if problem else handle(text)


def _print(obj: dict) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def run_json_lines(text: str, handle: Handler) -> int:
    """Answer one message, or every line of standard input when `text` is "-"."""
    if text != "-":
        _print(respond(text, handle))
        return 0
    for number, raw in enumerate(sys.stdin.buffer, start=1):
        try:
            line = raw.decode("utf-8").rstrip("\r\n")
        except UnicodeDecodeError:
            _print(error_object("bad_encoding", number))
            continue
        _print(respond(line, handle, number))
    return 0
