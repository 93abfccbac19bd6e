"""`xiaoer eval`: measure the intent classifier on its held-out split (and, with flags, the checkers)."""

from __future__ import annotations

import argparse

from bot.cli.output import say
from nlp.texts import INTENT_NAMES


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("eval", help="评估意图分类（及回复检查、错别字检查）")
    parser.set_defaults(handler=run)


def _pad(text: str, width: int) -> str:
    """Left-justify mixing CJK (two columns) and ASCII (one column)."""
    used = sum(2 if ord(c) > 0x2E80 else 1 for c in text)
    return text + " " * max(width - used, 1)


def print_intent_evaluation() -> None:
    from nlp.intent_training import evaluate, load_corpus, split

    train_set, held_out = split(load_corpus())
    result = evaluate(train_set, held_out)
    say("eval_title", train_size=result.train_size, test_size=result.test_size)
    say("eval_header")
    for label in result.labels:
        print(
            _pad(f"{label} {INTENT_NAMES[label]}", 18)
            + f"{result.precision[label]:.3f}   {result.recall[label]:.3f}   {result.f1[label]:.3f}  {result.support[label]}"
        )
    say("eval_macro", macro_f1=result.macro_f1, accuracy=result.accuracy)
    say("eval_needs_human", share=result.needs_human_share, accuracy=result.confident_accuracy)
    say("eval_confusion")
    print(_pad("", 16) + "".join(f"{label[:6]:>7}" for label in result.labels))
    for label, row in zip(result.labels, result.confusion):
        print(_pad(label, 16) + "".join(f"{count:>7}" for count in row))


def run(args: argparse.Namespace) -> int:
    print_intent_evaluation()
    return 0
