"""Entities: every kind with exact spans on the original text."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlp.entities import find_entities
from nlp.texts import ENTITY_NAMES


def found(text: str) -> list[tuple[str, str]]:
    return [(e.kind, e.text) for e in find_entities(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("订单号123456789012345678，麻烦查一下", [("order_id", "123456789012345678")]),
        ("我的订单3456789012345678还没发", [("order_id", "3456789012345678")]),
        ("订单 1234567890 怎么还没发", [("order_id", "1234567890")]),
        ("单号:123456789 是京东的", [("order_id", "123456789")]),
        ("订单号ABC12345678", [("order_id", "ABC12345678")]),
        ("电话13812345678", [("phone", "13812345678")]),
        ("手机 +86 138-1234-5678 谢谢", [("phone", "+86 138-1234-5678")]),
        ("打 139 1234 5678", [("phone", "139 1234 5678")]),
        ("座机010-12345678", [("phone", "010-12345678")]),
        ("快递单号SF1234567890123到哪了", [("tracking_no", "SF1234567890123")]),
        ("JDVA12345678901 还没动", [("tracking_no", "JDVA12345678901")]),
        ("YT1234567890123 帮我看看", [("tracking_no", "YT1234567890123")]),
        ("快递单号：773012345678901", [("tracking_no", "773012345678901")]),
        ("运单号是 1234567890", [("tracking_no", "1234567890")]),
        ("物流 75123456789012 一直不更新", [("tracking_no", "75123456789012")]),
        ("中通单号753124688099", [("tracking_no", "753124688099")]),
        ("圆通 1234567890 到哪了", [("tracking_no", "1234567890")]),
        ("¥39.9 太贵了", [("money", "¥39.9")]),
        ("39.9元包邮吗", [("money", "39.9元")]),
        ("便宜50块钱吧", [("money", "50块钱")]),
        ("便宜50块吧", [("money", "50块")]),
        ("一百块卖不卖", [("money", "一百块")]),
        ("少二十元", [("money", "二十元")]),
        ("打3.5折吗", []),
        ("便宜几十块就行", []),
        ("两百块包邮吗", [("money", "两百块")]),
        ("我要XL的", [("size", "XL")]),
        ("有没有2XL", [("size", "2XL")]),
        ("要M码", [("size", "M码")]),
        ("平时穿38码", [("size", "38码")]),
        ("身高175/92A合适吗", [("size", "175/92A")]),
        ("均码吗", [("size", "均码")]),
        ("m换成l可以吗", [("size", "m"), ("size", "l")]),
        ("i want to exchange for size L", [("size", "L")]),
        ("脚长13.5厘米", [("size", "13.5厘米")]),
        ("我160cm穿什么码", [("size", "160cm")]),
        ("11/11 买的", []),
    ],
)
def test_each_kind(text, expected):
    assert found(text) == expected


def test_exact_spans_after_emoji_and_full_width_digits():
    text = "😡😡订单号１２３４５６７８９０１２３４５６７８，电话１３８１２３４５６７８"
    entities = find_entities(text)
    assert [(e.kind, e.start, e.end) for e in entities] == [("order_id", 5, 23), ("phone", 26, 37)]
    for entity in entities:
        assert text[entity.start : entity.end] == entity.text


def test_phone_inside_longer_digit_run_is_not_a_phone():
    assert found("1381234567890") == []
    assert all(kind != "phone" for kind, _ in found("订单号123813812345678999"))


def test_order_id_is_not_also_a_tracking_number():
    assert found("订单号 123456789012345678") == [("order_id", "123456789012345678")]


def test_several_entities_sorted_and_non_overlapping():
    entities = find_entities("快递SF1234567890123，电话13812345678，退39.9元，换L码")
    assert [e.kind for e in entities] == ["tracking_no", "phone", "money", "size"]
    assert all(a.end <= b.start for a, b in zip(entities, entities[1:]))


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_spans_are_valid_on_any_text(text):
    entities = find_entities(text)
    for entity in entities:
        assert entity.kind in ENTITY_NAMES
        assert 0 <= entity.start < entity.end <= len(text)
        assert text[entity.start : entity.end] == entity.text
    assert all(a.end <= b.start for a, b in zip(entities, entities[1:]))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789０１２３ -+订单号快递元块码XLSM¥/", max_size=60))
def test_spans_are_valid_on_entity_like_text(text):
    for entity in find_entities(text):
        assert text[entity.start : entity.end] == entity.text


def test_huge_input():
    assert len(find_entities("电话13812345678" * 10_000)) > 0
