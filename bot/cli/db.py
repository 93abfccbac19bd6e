"""`xiaoer db upgrade` and `xiaoer db purge --older-than DAYS`; also runs database commands for the CLI."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Awaitable, Callable

from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from knowledge.db import database_url, open_database
from knowledge.errors import KnowledgeError
from knowledge.privacy import DEFAULT_RETENTION_DAYS, purge_message_text
from bot.cli.output import say
from bot.texts import CLI_HELP
from knowledge.texts import ERRORS


def run_database_command(work: Callable[[], Awaitable[int]]) -> int:
    """Run an async command; knowledge and database errors become a Chinese message and exit code 1."""
    try:
        return asyncio.run(work())
    except KnowledgeError as error:
        sys.stderr.write(f"{error}\n")
    except (OSError, SQLAlchemyError) as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        sys.stderr.write(ERRORS["database"].format(reason=reason) + "\n")
    return 1


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("db", help=CLI_HELP["db"])
    commands = parser.add_subparsers(dest="db_command", required=True)
    upgrade = commands.add_parser("upgrade", help=CLI_HELP["db.upgrade"])
    upgrade.set_defaults(handler=run_upgrade)
    purge = commands.add_parser("purge", help=CLI_HELP["db.purge"])
    purge.add_argument(
        "--older-than",
        type=int,
        default=DEFAULT_RETENTION_DAYS,
        metavar="DAYS",
        help=CLI_HELP["db.older_than"].format(days=DEFAULT_RETENTION_DAYS),
    )
    purge.set_defaults(handler=run_purge)


def run_upgrade(args: argparse.Namespace) -> int:
    async def work() -> int:
        async with open_database():
            pass
        shown = make_url(database_url()).render_as_string(hide_password=True)
        say("upgraded", url=shown)
        return 0

    return run_database_command(work)


def run_purge(args: argparse.Namespace) -> int:
    async def work() -> int:
        async with open_database() as sessions, sessions.begin() as session:
            result = await purge_message_text(session, args.older_than)
        say("purged", messages=result.messages, days=args.older_than)
        return 0

    return run_database_command(work)
