"""`xiaoer train`: retrain the intent classifier (corpus plus the agents' corrections), the mood and the checker model."""

from __future__ import annotations

import argparse
import time

from bot.cli.output import say
from bot.texts import CLI_HELP


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("train", help=CLI_HELP["train"])
    parser.set_defaults(handler=run)


async def _corrections() -> list[tuple[str, str]]:
    from knowledge.corrections import intent_corrections
    from knowledge.db import open_database

    async with open_database() as sessions:
        return await intent_corrections(sessions)


def run(args: argparse.Namespace) -> int:
    from bot.cli.db import run_database_command
    from nlp.model_store import checker_store, intent_store, mood_store

    corrections: list[tuple[str, str]] = []

    async def fetch() -> int:
        corrections.extend(await _corrections())
        return 0

    if run_database_command(fetch):
        return 1
    started = time.perf_counter()
    model = intent_store.retrain(corrections)
    say("trained", seconds=time.perf_counter() - started, features=len(model.vocabulary),
        corrections=len(corrections), path=intent_store.path)
    started = time.perf_counter()
    mood = mood_store.retrain()
    say("trained_mood", seconds=time.perf_counter() - started, features=len(mood.vocabulary), path=mood_store.path)
    started = time.perf_counter()
    checker = checker_store.retrain()
    say("trained_checker", seconds=time.perf_counter() - started, features=len(checker.vocabulary),
        path=checker_store.path)
    return 0
