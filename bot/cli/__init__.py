"""The `xiaoer` command line: each subcommand lives in a module of its own with a `register` function."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from bot.cli import analyze, chat, check, db, evaluate, kb, run, suggest, train

COMMAND_MODULES = (chat, run, analyze, check, suggest, kb, db, train, evaluate)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="xiaoer", description="店小二：网店客服助手")
    subparsers = parser.add_subparsers(dest="command", required=True)
    for module in COMMAND_MODULES:
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `xiaoer` console script."""
    args = build_parser().parse_args(argv)
    return int(args.handler(args) or 0)

