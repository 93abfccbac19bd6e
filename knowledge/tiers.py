"""Buyer tiers by the shop's rules, buyer events, and manual overrides that rules respect.

The rules, strongest first:
- blacklisted by hand, two tricky events, or a bad review the buyer refuses to change: black;
- one tricky event or a bad review: orange;
- bargaining: yellow;
- a repeat buyer (two purchases or more) with none of the above: green;
- anyone else, a new buyer asking questions: blue.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from knowledge.errors import FieldError, NotFoundError
from knowledge.models import BUYER_EVENTS, TIERS, Buyer, BuyerEvent, Staff


def tier_by_rule(event_kinds: Iterable[str]) -> str:
    """The tier the shop rules give a buyer with these events."""
    counts = Counter(event_kinds)
    if counts["blacklisted"] or counts["tricky"] >= 2 or counts["refused_review_change"]:
        return "black"
    if counts["tricky"] or counts["bad_review"]:
        return "orange"
    if counts["bargained"]:
        return "yellow"
    if counts["purchased"] >= 2:
        return "green"
    return "blue"


@dataclass(frozen=True, slots=True)
class TierDecision:
    """A buyer's tier after the rules ran; `rule_tier` differs from `tier` when an override holds."""

    tier: str
    rule_tier: str
    source: str
    changed: bool

    @property
    def overridden(self) -> bool:
        return self.source == "manual" and self.tier != self.rule_tier


def new_buyer(nickname: str) -> Buyer:
    """A buyer seen for the first time: blue by rule, no events yet (not yet added to a session)."""
    return Buyer(nickname=nickname, tier="blue", tier_source="rule", events=[])


async def buyer_by_nickname(session: AsyncSession, nickname: str, create: bool = True) -> Buyer:
    """The buyer with this nickname; a new one (blue, by rule) is created when `create`."""
    nickname = nickname.strip()
    buyer = await session.scalar(select(Buyer).where(Buyer.nickname == nickname))
    if buyer is None:
        if not create or not nickname:
            raise NotFoundError("buyer_not_found", nickname=nickname)
        buyer = new_buyer(nickname)
        session.add(buyer)
        await session.flush()
    return buyer


def new_event(buyer: Buyer, kind: str, staff: Staff | None = None, message: str | None = None) -> BuyerEvent:
    """A new event for something the buyer did (see `BUYER_EVENTS`), not yet added to a session."""
    if kind not in BUYER_EVENTS or kind == "tier_override":
        raise FieldError("kind", "unknown_event", value=kind)
    return BuyerEvent(buyer_id=buyer.id, kind=kind, staff_id=staff.id if staff else None, message=message)


async def record_event(
    session: AsyncSession, buyer: Buyer, kind: str, staff: Staff | None = None, message: str | None = None
) -> BuyerEvent:
    """Note something the buyer did (see `BUYER_EVENTS`)."""
    event = new_event(buyer, kind, staff, message)
    session.add(event)
    await session.flush()
    return event


async def _event_kinds(session: AsyncSession, buyer: Buyer) -> list[str]:
    return list(await session.scalars(select(BuyerEvent.kind).where(BuyerEvent.buyer_id == buyer.id)))


def tier_decision(tier: str, tier_source: str, event_kinds: Iterable[str]) -> TierDecision:
    """The tier a buyer with this tier, source and these events (all of them) has after the rules run.

    A manual override holds (and is reported); otherwise the rules' tier is the tier.
    """
    rule_tier = tier_by_rule(event_kinds)
    if tier_source == "manual":
        return TierDecision(tier, rule_tier, "manual", changed=False)
    return TierDecision(rule_tier, rule_tier, "rule", changed=tier != rule_tier)


def decide_tier(buyer: Buyer, event_kinds: Iterable[str]) -> TierDecision:
    """Set the tier the rules give for these events (all the buyer's), unless a manual override holds."""
    decision = tier_decision(buyer.tier, buyer.tier_source, event_kinds)
    buyer.tier = decision.tier
    return decision


async def apply_tier_rules(session: AsyncSession, buyer: Buyer) -> TierDecision:
    """Set the tier the rules give, unless a manual override holds (which is then reported, not undone)."""
    decision = decide_tier(buyer, await _event_kinds(session, buyer))
    await session.flush()
    return decision


async def override_tier(session: AsyncSession, buyer: Buyer, tier: str, staff: Staff, reason: str) -> BuyerEvent:
    """Set a tier by hand, recording who and why; rules keep it until `release_override`."""
    if tier not in TIERS:
        raise FieldError("tier", "unknown_tier", value=tier)
    if not reason.strip():
        raise FieldError("reason", "empty_field")
    buyer.tier = tier
    buyer.tier_source = "manual"
    event = BuyerEvent(buyer_id=buyer.id, kind="tier_override", staff_id=staff.id, message=reason.strip(), tier=tier)
    session.add(event)
    await session.flush()
    return event


async def release_override(session: AsyncSession, buyer: Buyer) -> TierDecision:
    """Hand the buyer's tier back to the rules."""
    buyer.tier_source = "rule"
    return await apply_tier_rules(session, buyer)
