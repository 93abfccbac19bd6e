"""`xiaoer run`: the Telegram bot with long polling."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys

from bot import texts


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("run", help=texts.RUN_HELP)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Start polling; settings problems and a rejected token end with a Chinese message, not a traceback."""
    from bot.config import SettingsError, load_settings

    try:
        settings = load_settings()
        settings.require_token()
    except SettingsError as error:
        print(error, file=sys.stderr)
        return 2

    from aiogram.exceptions import TelegramNetworkError, TelegramUnauthorizedError

    from bot.app import run_polling

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        asyncio.run(run_polling(settings))
    except TelegramUnauthorizedError:
        print(texts.RUN_UNAUTHORIZED, file=sys.stderr)
        return 1
    except TelegramNetworkError as error:
        print(texts.RUN_NETWORK_ERROR.format(reason=error.message), file=sys.stderr)
        return 1
    return 0
