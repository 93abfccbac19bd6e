"""`xiaoer check TEXT` / `xiaoer check -`: the reply checker's findings, score and rewrite as JSON."""

from __future__ import annotations

import argparse

from bot.cli.jsonlines import run_json_lines


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("check", help="检查客服草稿回复的措辞与错别字，输出 JSON")
    parser.add_argument("text", help="草稿回复；用 - 从标准输入逐行读取")
    parser.set_defaults(handler=run)


def _verdict(text: str) -> dict:
    from nlp import check_reply

    return check_reply(text).to_dict()


def run(args: argparse.Namespace) -> int:
    return run_json_lines(args.text, _verdict)
