"""The shop's facts: reading, validating and the placeholder values they provide."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from knowledge.errors import FieldError, ValidationError
from knowledge.models import ShopFacts

MONEY_FIELDS = ("shipping_fee", "free_shipping_threshold", "shipping_discount", "price_step", "max_price_discount")
FACT_FIELDS = ("shop_name", *MONEY_FIELDS, "return_days", "gifts")


def money(value: Decimal) -> str:
    """A sum of money as buyers read it: `8`, `0.2`, `12.5`."""
    text = f"{Decimal(value):.2f}".rstrip("0").rstrip(".")
    return text or "0"


def clean_facts(raw: Mapping[str, object]) -> dict[str, object]:
    """Validated shop facts from a mapping (a YAML section); `ValidationError` lists every bad field."""
    errors: list[FieldError] = []
    facts: dict[str, object] = {}
    name = str(raw.get("shop_name") or "").strip()
    if not name:
        errors.append(FieldError("shop_name", "empty_field"))
    facts["shop_name"] = name
    for field in MONEY_FIELDS:
        try:
            amount = Decimal(str(raw.get(field)))
            if not amount.is_finite() or amount < 0:
                raise InvalidOperation
            facts[field] = amount.quantize(Decimal("0.01"))
        except InvalidOperation:
            errors.append(FieldError(field, "bad_number", value=raw.get(field)))
    try:
        days = int(str(raw.get("return_days")))
        if days < 0:
            raise ValueError
        facts["return_days"] = days
    except ValueError:
        errors.append(FieldError("return_days", "bad_number", value=raw.get("return_days")))
    gifts = raw.get("gifts") or []
    facts["gifts"] = [str(g).strip() for g in gifts if str(g).strip()] if isinstance(gifts, list) else [str(gifts)]
    if errors:
        raise ValidationError(errors)
    return facts


def facts_to_dict(facts: ShopFacts) -> dict[str, object]:
    """Shop facts as a plain mapping for export (money as strings, so files stay exact)."""
    result: dict[str, object] = {}
    for field in FACT_FIELDS:
        value = getattr(facts, field)
        result[field] = (
            f"{Decimal(value):.2f}" if field in MONEY_FIELDS else (list(value) if field == "gifts" else value)
        )
    return result


async def shop_facts(session: AsyncSession) -> ShopFacts | None:
    """The shop's facts, or None before the defaults are loaded."""
    return await session.scalar(select(ShopFacts).order_by(ShopFacts.id).limit(1))


async def save_facts(session: AsyncSession, facts: Mapping[str, object]) -> bool:
    """Store validated facts; True when anything changed."""
    row = await shop_facts(session)
    if row is None:
        session.add(ShopFacts(**facts))
        await session.flush()
        return True
    changed = False
    for field, value in facts.items():
        if getattr(row, field) != value:
            setattr(row, field, value)
            changed = True
    await session.flush()
    return changed


def fact_values(facts: ShopFacts | None) -> dict[str, str]:
    """Placeholder values the shop facts provide."""
    if facts is None:
        return {}
    return {
        "shop": facts.shop_name,
        "shipping_fee": money(facts.shipping_fee),
        "free_shipping_threshold": money(facts.free_shipping_threshold),
        "return_days": str(facts.return_days),
        "gift": facts.gifts[0] if facts.gifts else "",
    }
