"""The bargaining concession ladder for yellow buyers: gift, then shipping discount, then small price steps.

The n-th bargaining message of a conversation gets the n-th step; price steps
grow by `price_step` per message and never pass `max_price_discount`. A step
the shop facts leave at zero (no gift, no discount) is skipped.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from knowledge.models import ShopFacts
from knowledge.shop import money

LADDER = ("gift", "shipping_discount", "price_step")


@dataclass(frozen=True, slots=True)
class Concession:
    """What to offer at one step, and the placeholder values that say it."""

    step: int
    kind: str
    gift: str | None
    shipping_discount: Decimal
    price_discount: Decimal

    @property
    def tag(self) -> str:
        """The template tag of texts that offer this step."""
        return f"ladder:{self.kind}"

    def values(self) -> dict[str, str]:
        values = {"gift": self.gift or ""}
        if self.shipping_discount:
            values["shipping_discount"] = money(self.shipping_discount)
        if self.price_discount:
            values["price_discount"] = money(self.price_discount)
        return values


def concession_for(n: int, facts: ShopFacts) -> Concession | None:
    """The concession for the n-th bargaining message (n from 1), or None when the shop offers none."""
    offered = [
        kind
        for kind, available in zip(
            LADDER,
            (bool(facts.gifts), facts.shipping_discount > 0, facts.price_step > 0 and facts.max_price_discount > 0),
        )
        if available
    ]
    if n < 1 or not offered:
        return None
    kind = offered[min(n, len(offered)) - 1]
    gift = facts.gifts[0] if facts.gifts else None
    shipping = (
        min(Decimal(facts.shipping_discount), Decimal(facts.shipping_fee))
        if "shipping_discount" in offered[:n]
        else Decimal(0)
    )
    price = Decimal(0)
    if kind == "price_step":
        steps = n - offered.index("price_step")
        price = min(Decimal(facts.price_step) * steps, Decimal(facts.max_price_discount))
    return Concession(step=n, kind=kind, gift=gift, shipping_discount=shipping, price_discount=price)
