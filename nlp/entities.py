"""Concrete things in a buyer message: order ids, phones, tracking numbers, money, sizes.

Matching runs on `fold_width(text)`, which is length-preserving, so every span
indexes the original text. Candidates are taken kind by kind in priority order
(a number introduced by a keyword beats a bare number, a longer id beats a
phone inside it) and a candidate overlapping an accepted one is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from nlp.analysis import Entity
from nlp.normalize import MAX_ANALYSED_CHARS, fold_width

_NOT_ALNUM_BEFORE = r"(?<![0-9A-Za-z])"
_NOT_ALNUM_AFTER = r"(?![0-9A-Za-z])"
_FILLER = r"[\s:：#是为]{0,4}"

# Each pattern marks the entity with the group "e"; the keyword around it is context only.
# The cue is a cheap regex that must match somewhere for the pattern to be tried;
# it keeps a typical message to a few regex scans.
_DIGITS = re.compile(r"\d")
# Every entity below needs a digit, a Latin letter, a money sign or unit, or 均码/均号:
# a message with none of them (most messages) has no entity.
_ANY_ENTITY_CUE = re.compile(r"[\dA-Za-z元块¥￥]|均[码号]")
_CARRIERS = "顺丰|中通|圆通|申通|韵达|极兔|百世|邮政|德邦|ems"
_COURIER_CUE = re.compile("快递|运单|物流|" + _CARRIERS, re.IGNORECASE)
_ANYWHERE = re.compile("")
_PATTERNS: tuple[tuple[str, re.Pattern[str], re.Pattern[str]], ...] = (
    # Courier numbers with a carrier prefix.
    (
        "tracking_no",
        _DIGITS,
        re.compile(
            _NOT_ALNUM_BEFORE
            + r"(?P<e>(?:SF\d{12,15}|JD[A-Z]{0,3}\d{10,16}|YT\d{10,16}|ZTO\d{10,15}|YD\d{10,15}|JT\d{10,15}))"
            + _NOT_ALNUM_AFTER,
            re.IGNORECASE,
        ),
    ),
    # Numbers after a courier keyword or carrier name (快递单号, 运单号, 物流, 中通单号...).
    (
        "tracking_no",
        _COURIER_CUE,
        re.compile(
            r"(?:快递|运单|物流|" + _CARRIERS + r")(?:快递)?(?:单号|号码|号)?"
            + _FILLER
            + r"(?<!\d)(?P<e>\d{10,15})(?!\d)",
            re.IGNORECASE,
        ),
    ),
    # Ids after 订单号 / 订单编号 (digits or letters and digits).
    (
        "order_id",
        re.compile("订单"),
        re.compile(
            r"订单(?:编号|号码|号)" + _FILLER + _NOT_ALNUM_BEFORE
            + r"(?P<e>(?=[A-Za-z]*\d)[A-Za-z0-9]{6,32})" + _NOT_ALNUM_AFTER
        ),
    ),
    # JD-style ids (9-20 digits) after 订单 / 单号.
    (
        "order_id",
        re.compile("订单|单号"),
        re.compile(r"(?:订单|(?<![快运流])单号)" + _FILLER + r"(?<!\d)(?P<e>\d{9,12}|\d{16,20})(?!\d)"),
    ),
    # Bare 单号 with a courier-length number.
    ("tracking_no", re.compile("单号"), re.compile(r"单号" + _FILLER + r"(?<!\d)(?P<e>\d{13,15})(?!\d)")),
    # Taobao/Tmall ids: a bare run of 16-20 digits.
    ("order_id", _DIGITS, re.compile(r"(?<!\d)(?P<e>\d{16,20})(?!\d)")),
    # Mainland mobiles, optionally +86 and grouped 3-4-4 with spaces or dashes.
    (
        "phone",
        _DIGITS,
        re.compile(r"(?<![\d+])(?P<e>(?:\+?86[- ]?)?1[3-9]\d(?:[- ]?\d{4}){2})(?![\d])"),
    ),
    # Landlines: area code 0xx/0xxx with a dash, space or brackets, then 7-8 digits.
    ("phone", re.compile("0"), re.compile(r"(?<![\d(])(?P<e>(?:\(0\d{2,3}\)|0\d{2,3}[- ])\d{7,8})(?!\d)")),
    # Money: a currency sign, or an amount with a unit.
    (
        "money",
        re.compile("[元块¥￥]|rmb|RMB|人民币"),
        re.compile(
            r"(?P<e>[¥￥]\s?\d+(?:\.\d{1,2})?(?:\s?(?:元|块钱|块))?"
            r"|(?<![\d.])\d+(?:\.\d{1,2})?\s?[万千]?(?:块钱|块(?!儿)|元|rmb|RMB|人民币)"
            r"|(?<![几多数零一二两三四五六七八九十百千万])[零一二两三四五六七八九十百千万]+(?:块钱|块(?!儿)|元))"
        ),
    ),
    # Sizes: letter sizes, shoe sizes, height/chest codes, one-size, heights in cm.
    (
        "size",
        _ANYWHERE,
        re.compile(
            r"(?P<e>"
            r"(?<![0-9A-Za-z])(?:[2-6]XL|X{1,3}L|XS|[SML])(?:码|号)?(?![0-9A-Za-z])"
            r"|(?<![0-9A-Za-z])(?:[2-6]xl|x{1,3}l|xs|[sml])(?:码|号)(?![0-9A-Za-z])"
            r"|(?<![0-9A-Za-z])(?:[2-6]xl|x{1,3}l|xs)(?![0-9A-Za-z])"
            r"|(?<=[\u4e00-\u9fff])[sml](?![0-9A-Za-z])|(?<![0-9A-Za-z])[sml](?=[\u4e00-\u9fff])"
            r"|(?<![\d.])1[4-9]\d/(?:[6-9]\d|1[0-3]\d)[A-Z]?(?![\dA-Za-z])"
            r"|(?<![\d.])\d{2}(?:\.5)?码"
            r"|均码|均号|(?<![A-Za-z])free\s?size(?![A-Za-z])"
            r"|(?<![\d.])\d{2,3}(?:\.\d)?(?:cm|CM|厘米)(?![A-Za-z])"
            r")"
        ),
    ),
)


def _candidates(folded: str) -> Iterator[tuple[str, int, int]]:
    """Every match of every pattern, in priority order."""
    for kind, cue, pattern in _PATTERNS:
        if cue.search(folded) is None:
            continue
        for match in pattern.finditer(folded):
            yield kind, match.start("e"), match.end("e")


def find_entities(text: str) -> tuple[Entity, ...]:
    """Order ids, phones, tracking numbers, money and sizes in `text`, non-overlapping, by start."""
    folded = fold_width(text[:MAX_ANALYSED_CHARS])
    if _ANY_ENTITY_CUE.search(folded) is None:
        return ()
    taken: list[tuple[str, int, int]] = []
    for kind, start, end in _candidates(folded):
        if start < end and all(end <= s or start >= e for _, s, e in taken):
            taken.append((kind, start, end))
    taken.sort(key=lambda item: item[1])
    return tuple(Entity(kind, text[start:end], start, end) for kind, start, end in taken)
