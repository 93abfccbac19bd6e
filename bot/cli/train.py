"""`xiaoer train`: retrain the intent classifier from the corpus and cache it."""

from __future__ import annotations

import argparse
import time

from bot.cli.output import say


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("train", help="重新训练意图分类模型")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from nlp.model_store import model_path, retrain

    started = time.perf_counter()
    model = retrain()
    say("trained", seconds=time.perf_counter() - started, features=len(model.vocabulary), path=model_path())
    return 0
