"""`xiaoer suggest TEXT [--buyer NICK]`: the analysis and the ranked, filled suggestions as JSON."""

from __future__ import annotations

import argparse
import json
import sys

from bot.assist import AssistService, MessageRejected
from bot.cli.db import run_database_command
from bot.texts import CLI_HELP
from knowledge.db import open_database


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("suggest", help=CLI_HELP["suggest"])
    parser.add_argument("text", help=CLI_HELP["analyze.text"])
    parser.add_argument("--buyer", metavar="NICK", help=CLI_HELP["suggest.buyer"])
    parser.add_argument("-k", type=int, default=3, help=CLI_HELP["suggest.k"])
    parser.set_defaults(handler=run)


def _print(obj: dict) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
    sys.stdout.flush()


async def _suggest(service: AssistService, text: str, buyer: str | None, k: int) -> bool:
    try:
        card = await service.assist(text, buyer, k=max(1, k))
    except MessageRejected as rejected:
        _print({"error": {"code": rejected.key, "message": str(rejected)}})
        return False
    _print(card.to_dict())
    return True


def run(args: argparse.Namespace) -> int:
    async def work() -> int:
        async with open_database() as sessions:
            service = AssistService(sessions)
            if args.text != "-":
                return 0 if await _suggest(service, args.text, args.buyer, args.k) else 1
            for raw in sys.stdin.buffer:
                try:
                    text = raw.decode("utf-8").rstrip("\r\n")
                except UnicodeDecodeError:
                    _print({"error": {"code": "bad_encoding", "message": MessageRejected("bad_encoding").args[0]}})
                    continue
                await _suggest(service, text, args.buyer, args.k)
            return 0

    return run_database_command(work)
