"""Placeholder substitution is safe and never leaves a raw placeholder in a reply."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from knowledge.errors import FieldError
from knowledge.placeholders import PLACEHOLDERS, fill, placeholders_in, validate_placeholders


def test_fills_known_values():
    assert (
        fill("亲，{shop}欢迎您，订单{order_id}已发出", {"shop": "小店", "order_id": "123"})
        == "亲，小店欢迎您，订单123已发出"
    )


def test_missing_value_becomes_a_neutral_wording():
    text = fill("{product}现价{price}，{return_days}天无理由", {})
    assert "{" not in text and "}" not in text
    assert text.startswith("这款宝贝")


def test_values_are_inserted_literally_never_reinterpreted():
    buyer_text = "{shop}{0}{price.__class__}%s"
    assert fill("订单{order_id}", {"order_id": buyer_text}) == "订单" + buyer_text


@pytest.mark.parametrize("text", ["{price.__class__}", "{price[0]}", "{0}", "{}", "{shop!r}", "{shop:>10}"])
def test_attribute_index_and_format_specs_are_not_placeholders(text):
    assert placeholders_in(text) == []
    with pytest.raises(FieldError):
        validate_placeholders(text)


def test_unknown_placeholder_is_refused_with_the_known_ones_listed():
    with pytest.raises(FieldError) as error:
        validate_placeholders("亲，{discount}")
    assert error.value.field == "text"
    assert "{discount}" in str(error.value) and "shop" in str(error.value)


@given(st.lists(st.sampled_from(PLACEHOLDERS), max_size=6), st.text(max_size=20))
def test_no_known_placeholder_survives_filling(names, filler):
    template = filler.replace("{", "").replace("}", "") + "".join("{" + n + "}" for n in names)
    filled = fill(template, {})
    assert not any("{" + n + "}" in filled for n in PLACEHOLDERS)
