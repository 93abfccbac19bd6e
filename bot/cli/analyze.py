"""`xiaoer analyze TEXT` / `xiaoer analyze -`: the analysis of buyer messages as JSON."""

from __future__ import annotations

import argparse

from bot.cli.jsonlines import run_json_lines


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("analyze", help="分析买家消息，输出 JSON")
    parser.add_argument("text", help="买家消息；用 - 从标准输入逐行读取")
    parser.set_defaults(handler=run)


def _analysis(text: str) -> dict:
    from nlp import analyze

    return analyze(text).to_dict()


def run(args: argparse.Namespace) -> int:
    return run_json_lines(args.text, _analysis)
