"""Tests of the grammar patterns for 的/得, 在/再, 以/已 and 以下/一下 (nlp/typos/grammar.py)."""

from __future__ import annotations

import pytest

from nlp.typos import find_typos


def _fixes(text: str) -> list[tuple[str, str]]:
    """(wrong span, suggestion) of every finding."""
    return [(text[f.start : f.end], f.suggestion) for f in find_typos(text)]


@pytest.mark.parametrize(
    ("text", "wrong", "right"),
    [
        ("这件衣服洗的很干净，您放心", "的", "得"),
        ("说明书上写的明明白白", "的", "得"),
        ("单号都记的清清楚楚", "的", "得"),
        ("这双鞋码数做的非常标准", "的", "得"),
        ("亲，这么大的箱子装的下吗", "的", "得"),
        ("这件外套穿上显的人很精神", "的", "得"),
        ("这个价格真的值的入手", "的", "得"),
        ("您先别急，等快递到了在联系我们", "在", "再"),
        ("亲，下次在来哦", "在", "再"),
        ("这已经是底价了，真的不能在便宜了", "在", "再"),
        ("规定就是这样，您在催也没办法", "在", "再"),
        ("麻烦您先确认地址在付款", "在", "再"),
        ("这款很划算，您不用在犹豫了", "在", "再"),  # after "no need"
        ("别在催了，已经在加急了", "在", "再"),
        ("您的包裹以入境，正在清关", "以", "已"),
        ("亲，您的快递以签收了", "以", "已"),
        ("嗯，以处理", "以", "已"),
        ("稍等，我帮您核对以下订单", "以", "一"),
        ("这款鞋偏大，您选小半吗就好", "吗", "码"),
    ],
)
def test_function_word_typos_are_found(text: str, wrong: str, right: str) -> None:
    assert (wrong, right) in _fixes(text)


@pytest.mark.parametrize(
    "text",
    [
        "我买的很好看，朋友都夸",  # 的 ends a noun phrase after a pronoun
        "我做的蛋糕很好吃",
        "我们定的下下周发货",
        "这款卖的很多，库存不多了",
        "看起来好看的很多",
        "明天在家等快递就好",  # 在 before a place
        "我们会在发货前通知您",
        "我正在查物流，请稍等",
        "您的包裹还在路上，别着急",
        "这款可以发顺丰",  # 可以 is a word
        "所以发货慢了一点",
        "您不用在家等，放驿站就行",  # 在 before a place after "no need"
        "别在意这些小细节",
        "可以到货后再付尾款",
        "请您参考以下说明",  # 以下 = the following
        "不喜欢再退，先拍照再退货",
        "已为您申请退款，请留意短信",
        "您平时穿大一码吗？",
    ],
)
def test_correct_function_words_are_not_flagged(text: str) -> None:
    assert _fixes(text) == []


@pytest.mark.parametrize("text", ["颜色请以收到的实物为准哦", "还没排到，不知道哪天能发", "您看哪里方便收货"])
def test_the_standard_and_questions_inside_statements_are_not_typos(text: str) -> None:
    assert _fixes(text) == []
