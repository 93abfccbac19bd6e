"""`xiaoer analyze TEXT` / `xiaoer analyze -`: the analysis of buyer messages as JSON."""

from __future__ import annotations

import argparse
import json
import sys

from nlp.messages import message_problem, problem_message


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("analyze", help="分析买家消息，输出 JSON")
    parser.add_argument("text", help="买家消息；用 - 从标准输入逐行读取")
    parser.set_defaults(handler=run)


def _error(key: str, line: int | None = None) -> dict:
    error: dict = {"error": {"code": key, "message": problem_message(key)}}
    if line is not None:
        error["line"] = line
    return error


def analyze_line(text: str, line: int | None = None) -> dict:
    """The JSON object for one message: its analysis, or an error object."""
    from nlp import analyze

    problem = message_problem(text)
    if problem:
        return _error(problem, line)
    return analyze(text).to_dict()


def _print(obj: dict) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def run(args: argparse.Namespace) -> int:
    if args.text != "-":
        _print(analyze_line(args.text))
        return 0
    for number, raw in enumerate(sys.stdin.buffer, start=1):
        try:
            text = raw.decode("utf-8").rstrip("\r\n")
        except UnicodeDecodeError:
            _print(_error("bad_encoding", number))
            continue
        _print(analyze_line(text, number))
    return 0
