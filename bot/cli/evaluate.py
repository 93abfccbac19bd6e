"""`xiaoer eval`: measure the intent classifier on its held-out split (and, with flags, the checkers)."""

from __future__ import annotations

import argparse
from pathlib import Path

from bot.cli.output import say
from bot.texts import CLI_HELP
from nlp.texts import INTENT_NAMES


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("eval", help=CLI_HELP["eval"])
    parser.add_argument("--checker", action="store_true", help=CLI_HELP["eval.checker"])
    parser.add_argument("--typos", action="store_true", help=CLI_HELP["eval.typos"])
    parser.add_argument("--data", type=Path, default=None, help=CLI_HELP["eval.data"])
    parser.set_defaults(handler=run)


def _pad(text: str, width: int) -> str:
    """Left-justify mixing CJK (two columns) and ASCII (one column)."""
    used = sum(2 if ord(c) > 0x2E80 else 1 for c in text)
    return text + " " * max(width - used, 1)


def _print_intent_figures(result) -> None:
    say("eval_header")
    for label, scores in result.per_intent.items():
        print(
            _pad(f"{label} {INTENT_NAMES[label]}", 18)
            + f"{scores['precision']:.3f}   {scores['recall']:.3f}   {scores['f1']:.3f}  {scores['support']}"
        )
    say("eval_macro", macro_f1=result.macro_f1, accuracy=result.accuracy)
    say("eval_needs_human", share=result.needs_human_share, accuracy=result.confident_accuracy)


def print_intent_evaluation() -> None:
    from nlp.intent_eval import evaluate_held_out, evaluate_independent, independent_files

    train_size, result = evaluate_held_out()
    say("eval_title", train_size=train_size, test_size=result.size)
    _print_intent_figures(result)
    say("eval_confusion")
    print(_pad("", 16) + "".join(f"{label[:6]:>7}" for label in INTENT_NAMES))
    for label, row in zip(INTENT_NAMES, result.confusion):
        print(_pad(label, 16) + "".join(f"{count:>7}" for count in row))
    for path in independent_files():
        independent = evaluate_independent(path)
        say("eval_independent", name=path.name, size=independent.size)
        _print_intent_figures(independent)


def print_checker_evaluation() -> None:
    from nlp.checker_eval import SPLIT_FILES, evaluate_checker, labelled_replies
    from nlp.texts import RULE_NAMES

    for split in SPLIT_FILES:
        result = evaluate_checker(labelled_replies(split))
        say("checker_title", split=split, replies=result.replies, good=result.good_replies)
        say("checker_header")
        for rule in result.rules:
            print(_pad(f"{rule.rule} {RULE_NAMES[rule.rule]}", 34) + f"{rule.precision:.3f}   {rule.recall:.3f}   {rule.support}")
        say("checker_false_alarms", rate=result.false_alarm_rate)


def print_typo_benchmark(data_dir: Path) -> None:
    from nlp.typos.evaluation import evaluate

    report = evaluate(data_dir)
    for name, scores in (("SIGHAN-15", report.sighan15), ("SIGHAN-14", report.sighan14_dev)):
        say("typos_scores", name=name, sentences=scores.sentences, precision=scores.precision,
            recall=scores.recall, f1=scores.f1)
    say("typos_false_alarms", clean=report.clean_false_alarm_rate, shop=report.shop_false_alarm_rate)
    say("typos_latency", p50=report.latency_p50_ms, p99=report.latency_p99_ms)


def run(args: argparse.Namespace) -> int:
    if args.checker:
        print_checker_evaluation()
    if args.typos:
        from nlp.typos.evaluation import DEFAULT_DATA_DIR

        data_dir = args.data or DEFAULT_DATA_DIR
        if not data_dir.is_dir():
            say("typos_no_data", path=data_dir)
            return 2
        print_typo_benchmark(data_dir)
    if not (args.checker or args.typos):
        print_intent_evaluation()
    return 0
