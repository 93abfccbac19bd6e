"""The `xiaoer` command line: each subcommand lives in a module of its own with a `register` function.

Only the module of the command being run is imported (plus all of them for
`xiaoer --help`), so `xiaoer analyze` does not pay for the bot or the database.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib import import_module

from bot.texts import CLI, CLI_HELP

# command name -> module in bot.cli, in the order `xiaoer --help` lists them
COMMANDS: dict[str, str] = {
    "chat": "chat",
    "run": "run",
    "analyze": "analyze",
    "check": "check",
    "suggest": "suggest",
    "kb": "kb",
    "db": "db",
    "train": "train",
    "eval": "evaluate",
}


class Parser(argparse.ArgumentParser):
    """An argument parser that explains a mistake in Chinese (its sub-parsers inherit this)."""

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(2, CLI["bad_arguments"].format(prog=self.prog, reason=message) + "\n")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser for one command, or for all of them when `command` is None."""
    parser = Parser(prog="xiaoer", description=CLI_HELP["xiaoer"])
    subparsers = parser.add_subparsers(dest="command", required=True)
    for name, module in COMMANDS.items():
        if command is None or name == command:
            import_module(f"bot.cli.{module}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `xiaoer` console script."""
    argv = list(sys.argv[1:] if argv is None else argv)
    command = argv[0] if argv and argv[0] in COMMANDS else None
    args = build_parser(command).parse_args(argv)
    return int(args.handler(args) or 0)
