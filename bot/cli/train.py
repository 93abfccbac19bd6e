"""`xiaoer train`: retrain the intent classifier from the corpus and cache it."""

from __future__ import annotations

import argparse
import time

from bot.cli.output import say


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("train", help="重新训练意图分类模型")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from nlp.model_store import intent_store

    started = time.perf_counter()
    model = intent_store.retrain()
    say("trained", seconds=time.perf_counter() - started, features=len(model.vocabulary), path=intent_store.path)
    return 0
