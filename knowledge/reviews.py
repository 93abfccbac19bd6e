"""Shop reviews: recording them, and following up bad ones, with the buyer events the tier rules read.

A review stands for an order, so it records a purchase (repeat buyers turn green);
a bad review records a bad-review event (orange); a bad review the buyer refuses
to change after follow-up records a refusal (black).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from knowledge.errors import FieldError, NotFoundError
from knowledge.models import REVIEW_RATINGS, Buyer, Review, Staff, utcnow
from knowledge.tiers import TierDecision, apply_tier_rules, record_event


async def record_review(
    session: AsyncSession,
    buyer: Buyer,
    order_id: str,
    rating: str,
    text: str = "",
    reviewed_on: datetime | None = None,
) -> tuple[Review, TierDecision]:
    """Store a buyer's review of an order and update their tier by rule."""
    if rating not in REVIEW_RATINGS:
        raise FieldError("rating", "unknown_rating", value=rating)
    if not order_id.strip():
        raise FieldError("order_id", "empty_field")
    review = Review(
        order_id=order_id.strip(),
        buyer_id=buyer.id,
        rating=rating,
        text=text,
        reviewed_on=reviewed_on or utcnow(),
        handled=rating != "bad",
    )
    session.add(review)
    await record_event(session, buyer, "purchased", message=order_id.strip())
    if rating == "bad":
        await record_event(session, buyer, "bad_review", message=text or None)
    return review, await apply_tier_rules(session, buyer)


async def settle_bad_review(
    session: AsyncSession, review_id: int, staff: Staff, buyer_changed_it: bool
) -> TierDecision:
    """Close the follow-up of a bad review: changed to good, or refused (which makes the buyer black)."""
    review = await session.get(Review, review_id)
    if review is None:
        raise NotFoundError("review_not_found", review_id=review_id)
    if review.rating != "bad":
        raise NotFoundError("not_bad_review", review_id=review_id)
    buyer = await session.get(Buyer, review.buyer_id)
    review.handled = True
    if buyer_changed_it:
        review.rating = "good"
    else:
        await record_event(session, buyer, "refused_review_change", staff, review.text or None)
    return await apply_tier_rules(session, buyer)


async def unhandled_reviews(session: AsyncSession) -> list[Review]:
    """Bad reviews still waiting for follow-up, oldest first."""
    return list(await session.scalars(select(Review).where(Review.handled.is_(False)).order_by(Review.reviewed_on)))
