"""Buyer tiers by rule and the bargaining concession ladder (pure functions)."""

from decimal import Decimal

import pytest

from knowledge.concessions import concession_for
from knowledge.models import ShopFacts
from knowledge.tiers import tier_by_rule


@pytest.mark.parametrize(
    ("events", "tier"),
    [
        ([], "blue"),
        (["purchased"], "blue"),
        (["purchased", "purchased"], "green"),
        (["purchased", "purchased", "bargained"], "yellow"),
        (["bargained"], "yellow"),
        (["bargained", "tricky"], "orange"),
        (["bad_review"], "orange"),
        (["tricky", "tricky"], "black"),
        (["bad_review", "refused_review_change"], "black"),
        (["purchased", "purchased", "blacklisted"], "black"),
    ],
)
def test_tier_by_rule(events, tier):
    assert tier_by_rule(events) == tier


def facts(**changes) -> ShopFacts:
    values = dict(
        shop_name="店",
        shipping_fee=Decimal("8"),
        free_shipping_threshold=Decimal("99"),
        return_days=7,
        gifts=["小挂件"],
        shipping_discount=Decimal("3"),
        price_step=Decimal("0.2"),
        max_price_discount=Decimal("0.5"),
    )
    values.update(changes)
    return ShopFacts(**values)


def test_ladder_goes_gift_then_shipping_then_price_steps_capped():
    steps = [concession_for(n, facts()) for n in range(1, 7)]
    assert [s.kind for s in steps] == [
        "gift",
        "shipping_discount",
        "price_step",
        "price_step",
        "price_step",
        "price_step",
    ]
    assert steps[0].values() == {"gift": "小挂件"}
    assert steps[1].values()["shipping_discount"] == "3"
    assert [s.price_discount for s in steps[2:]] == [Decimal("0.2"), Decimal("0.4"), Decimal("0.5"), Decimal("0.5")]


def test_ladder_skips_what_the_shop_does_not_offer_and_caps_shipping_at_the_fee():
    no_gift = facts(gifts=[], shipping_fee=Decimal("2"))
    first = concession_for(1, no_gift)
    assert first.kind == "shipping_discount" and first.shipping_discount == Decimal("2")
    assert concession_for(2, no_gift).kind == "price_step"
    assert concession_for(1, facts(gifts=[], shipping_discount=Decimal(0), price_step=Decimal(0))) is None
