"""The shop's review standing: the positive-review rate against its floor, and reviews in bulk.

The rate is the share of good reviews among all reviews (good, neutral, bad) of a
period, as the seller workbench counts it. A CSV exported from the workbench
(order, buyer, rating, text, date) is validated row by row first and written
only when every row is valid; orders already recorded are skipped, so a second
import of the same file changes nothing.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import case, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from knowledge.errors import FieldError, KnowledgeError, ValidationError
from knowledge.models import Buyer, Review, utcnow
from knowledge.review_queue import RISKY_TIERS, AlreadyReviewedError
from knowledge.reviews import record_review
from knowledge.shop import shop_facts
from knowledge.tiers import buyer_by_nickname

DEFAULT_FLOOR = Decimal("0.97")
RATE_DAYS = 30
COLUMNS: dict[str, tuple[str, ...]] = {
    "order": ("order", "order_id", "订单号", "订单编号"),
    "buyer": ("buyer", "nickname", "买家", "买家昵称", "会员名"),
    "rating": ("rating", "评价", "评价等级", "评分"),
    "text": ("text", "content", "评价内容", "内容"),
    "date": ("date", "评价时间", "日期", "时间"),
}
REQUIRED = ("order", "buyer", "rating")
RATINGS: dict[str, str] = {
    "good": "good",
    "neutral": "neutral",
    "bad": "bad",
    "好评": "good",
    "中评": "neutral",
    "差评": "bad",
    "好": "good",
    "中": "neutral",
    "差": "bad",
    "5": "good",
    "4": "good",
    "3": "neutral",
    "2": "bad",
    "1": "bad",
}
DATE_FORMATS = tuple(
    f"{day} {clock}".strip()
    for day in ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日")
    for clock in ("%H:%M:%S", "%H:%M", "")
)


@dataclass(frozen=True, slots=True)
class Standing:
    """Reviews of a period and the share of good ones; `rate` is None without reviews."""

    good: int
    total: int
    floor: Decimal

    @property
    def rate(self) -> float | None:
        return self.good / self.total if self.total else None

    @property
    def below_floor(self) -> bool:
        return self.rate is not None and self.rate < self.floor


@dataclass(frozen=True, slots=True)
class ReviewRow:
    """One valid review of a file, numbered from 1 like the data rows a spreadsheet shows."""

    number: int
    order_id: str
    buyer: str
    rating: str
    text: str
    reviewed_on: datetime | None


async def review_floor(session: AsyncSession) -> Decimal:
    """The shop's positive-review floor (97% unless the shop facts say otherwise)."""
    facts = await shop_facts(session)
    return Decimal(facts.review_floor) if facts is not None else DEFAULT_FLOOR


async def standing(session: AsyncSession, days: int = RATE_DAYS, now: datetime | None = None) -> Standing:
    """The positive-review rate over the last `days` days."""
    since = (now or utcnow()) - timedelta(days=days)
    good, total = (
        await session.execute(
            select(func.coalesce(func.sum(case((Review.rating == "good", 1), else_=0)), 0), func.count()).where(
                Review.reviewed_on >= since
            )
        )
    ).one()
    return Standing(int(good), int(total), await review_floor(session))


def parse_rating(value: str) -> str:
    """A rating as the database keeps it, from any way the workbench or a supervisor writes it."""
    rating = RATINGS.get(value.strip().lower())
    if rating is None:
        raise FieldError("rating", "unknown_rating", value=value)
    return rating


def parse_date(value: str, timezone: ZoneInfo) -> datetime | None:
    """A review date in UTC (as the database keeps times), read as shop time; empty means now."""
    value = value.strip()
    if not value:
        return None
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).replace(tzinfo=timezone).astimezone(UTC)
        except ValueError:
            continue
    raise FieldError("date", "bad_date", value=value)


def decode(content: bytes) -> str:
    """The text of an uploaded file: UTF-8 (with or without BOM), else GB18030 (a workbench export saved
    by Chinese Excel); UnicodeDecodeError when it is neither."""
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("gb18030")


def _column_map(header: Sequence[str]) -> dict[str, int]:
    cleaned = [name.strip().lower() for name in header]
    found = {}
    for column, names in COLUMNS.items():
        index = next((cleaned.index(name) for name in names if name in cleaned), None)
        if index is not None:
            found[column] = index
    missing = [column for column in REQUIRED if column not in found]
    if missing:
        raise KnowledgeError("missing_columns", columns="、".join(missing))
    return found


def parse_reviews_csv(content: str, timezone: ZoneInfo) -> list[ReviewRow]:
    """Every review of a workbench CSV; `ValidationError` naming each bad row and field."""
    lines = list(csv.reader(io.StringIO(content.lstrip("\ufeff"))))
    if not lines:
        raise KnowledgeError("empty_file")
    columns = _column_map(lines[0])
    rows: list[ReviewRow] = []
    errors: list[FieldError] = []
    for number, line in enumerate(lines[1:], start=1):
        if not any(cell.strip() for cell in line):
            continue
        cell = {column: (line[index] if index < len(line) else "").strip() for column, index in columns.items()}
        row_errors = [FieldError(name, "empty_field", row=number) for name in ("order", "buyer") if not cell[name]]
        try:
            rating = parse_rating(cell["rating"])
        except FieldError as error:
            row_errors.append(error.at_row(number))
        try:
            reviewed_on = parse_date(cell.get("date", ""), timezone)
        except FieldError as error:
            row_errors.append(error.at_row(number))
        if row_errors:
            errors.extend(row_errors)
            continue
        rows.append(ReviewRow(number, cell["order"], cell["buyer"], rating, cell.get("text", ""), reviewed_on))
    if errors:
        raise ValidationError(errors)
    return rows


@dataclass(frozen=True, slots=True)
class RecordedReviews:
    """What recording a batch of reviews did."""

    added: int
    bad: int
    skipped: int  # orders already recorded


async def record_reviews(session: AsyncSession, rows: Sequence[ReviewRow]) -> RecordedReviews:
    """Record valid reviews (each linked to its buyer, counting toward the tier); known orders are skipped."""
    known = set(
        await session.scalars(select(Review.order_id).where(Review.order_id.in_([row.order_id for row in rows])))
    )
    added = bad = 0
    buyers: dict[str, Buyer] = {}
    for row in rows:
        if row.order_id in known:
            continue
        known.add(row.order_id)
        buyer = buyers.get(row.buyer) or await buyer_by_nickname(session, row.buyer)
        buyers[row.buyer] = buyer
        await record_review(session, buyer, row.order_id, row.rating, row.text, row.reviewed_on)
        added += 1
        bad += row.rating == "bad"
    return RecordedReviews(added, bad, len(rows) - added)


async def unhandled_with_buyers(session: AsyncSession, limit: int = 20) -> list[tuple[Review, str | None]]:
    """Bad reviews not yet followed up, oldest first, with the buyer's nickname."""
    rows = await session.execute(
        select(Review, Buyer.nickname)
        .outerjoin(Buyer, Buyer.id == Review.buyer_id)
        .where(Review.handled.is_(False))
        .order_by(Review.reviewed_on, Review.id)
        .limit(limit)
    )
    return [(review, nickname) for review, nickname in rows]


async def bad_reviews_after(session: AsyncSession, review_id: int) -> list[tuple[Review, str | None]]:
    """Bad reviews recorded after the review with id `review_id`, with the buyer's nickname."""
    rows = await session.execute(
        select(Review, Buyer.nickname)
        .outerjoin(Buyer, Buyer.id == Review.buyer_id)
        .where(Review.id > review_id, Review.rating == "bad")
        .order_by(Review.id)
    )
    return [(review, nickname) for review, nickname in rows]


async def last_review_id(session: AsyncSession) -> int:
    """The id of the newest recorded review (0 when there is none)."""
    return int(await session.scalar(select(func.coalesce(func.max(Review.id), 0))))


async def risky_buyers(session: AsyncSession, limit: int = 30) -> list[Buyer]:
    """Buyers now orange or black, black first."""
    rows = await session.scalars(
        select(Buyer).where(Buyer.tier.in_(RISKY_TIERS)).order_by(Buyer.tier, Buyer.nickname).limit(limit)
    )
    return list(rows)


async def claim_bad_review(session: AsyncSession, review_id: int) -> None:
    """Mark an unhandled bad review as handled, once; `AlreadyReviewedError` when someone was first.

    Call before `settle_bad_review` in the same transaction, which then records the outcome.
    """
    claimed = await session.execute(
        update(Review)
        .where(Review.id == review_id, Review.rating == "bad", Review.handled.is_(False))
        .values(handled=True)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:
        raise AlreadyReviewedError("already_reviewed", item=review_id)
