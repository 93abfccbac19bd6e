"""`xiaoer check TEXT` / `xiaoer check -`: the reply checker's findings, score and rewrite as JSON."""

from __future__ import annotations

import argparse

from bot.cli.jsonlines import run_json_lines
from bot.texts import CLI_HELP


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("check", help=CLI_HELP["check"])
    parser.add_argument("text", help=CLI_HELP["check.text"])
    parser.set_defaults(handler=run)


def _verdict(text: str) -> dict:
    from nlp import check_reply

    return check_reply(text).to_dict()


def run(args: argparse.Namespace) -> int:
    return run_json_lines(args.text, _verdict)
