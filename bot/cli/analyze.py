"""`xiaoer analyze TEXT` / `xiaoer analyze -`: the analysis of buyer messages as JSON."""

from __future__ import annotations

import argparse

from bot.cli.jsonlines import run_json_lines
from bot.texts import CLI_HELP


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("analyze", help=CLI_HELP["analyze"])
    parser.add_argument("text", help=CLI_HELP["analyze.text"])
    parser.set_defaults(handler=run)


def _analysis(text: str) -> dict:
    from nlp import analyze

    return analyze(text).to_dict()


def run(args: argparse.Namespace) -> int:
    return run_json_lines(args.text, _analysis)
