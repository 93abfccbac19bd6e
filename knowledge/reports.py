"""Figures for supervisors' reports: what buyers asked, how agents used the suggestions, review rates.

Every figure covers the messages (or reviews) since a start time; corrected intents count
as the intent the agent chose.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import case, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from knowledge.models import Conversation, Message, Review, Staff, Suggestion

PERIODS: dict[str, int] = {"today": 0, "7d": 7, "30d": 30}


def period_start(period: str, now: datetime, timezone: ZoneInfo) -> datetime:
    """Where a period begins (in UTC, as the database keeps times): shop midnight for `today`, else days back."""
    days = PERIODS[period]
    if days == 0:
        return datetime.combine(now.astimezone(timezone).date(), time(0), timezone).astimezone(UTC)
    return (now - timedelta(days=days)).astimezone(UTC)


@dataclass(frozen=True, slots=True)
class AgentScore:
    name: str
    average: float
    replies: int


@dataclass(frozen=True, slots=True)
class Usage:
    """How agents used the cards of a period."""

    cards: int
    used: int  # a suggestion was sent as it was
    rewrote: int  # the agent sent their own text

    @property
    def use_rate(self) -> float | None:
        return self.used / self.cards if self.cards else None

    @property
    def rewrite_rate(self) -> float | None:
        return self.rewrote / self.cards if self.cards else None


async def intent_mix(session: AsyncSession, since: datetime) -> dict[str, int]:
    """Messages per intent since `since`, most frequent first."""
    intent = func.coalesce(Message.corrected_intent, Message.intent)
    rows = await session.execute(
        select(intent, func.count()).where(Message.created_at >= since).group_by(intent).order_by(func.count().desc())
    )
    return {name: count for name, count in rows}


async def usage(session: AsyncSession, since: datetime) -> Usage:
    """Cards shown, suggestions used and replies rewritten since `since`."""
    cards, used, rewrote = (
        await session.execute(
            select(
                func.count(),
                func.coalesce(func.sum(case((Suggestion.used_template_id.is_not(None), 1), else_=0)), 0),
                func.coalesce(func.sum(case((Suggestion.edited_text.is_not(None), 1), else_=0)), 0),
            )
            .join(Message, Message.id == Suggestion.message_id)
            .where(Message.created_at >= since)
        )
    ).one()
    return Usage(int(cards), int(used), int(rewrote))


async def agent_scores(session: AsyncSession, since: datetime) -> list[AgentScore]:
    """Average checker score of each agent's own replies since `since`, best first."""
    rows = await session.execute(
        select(Staff.name, func.avg(Suggestion.checker_score), func.count())
        .join(Message, Message.id == Suggestion.message_id)
        .join(Conversation, Conversation.id == Message.conversation_id)
        .join(Staff, Staff.id == Conversation.agent_id)
        .where(Message.created_at >= since, Suggestion.checker_score.is_not(None))
        .group_by(Staff.name)
        .order_by(func.avg(Suggestion.checker_score).desc())
    )
    return [AgentScore(name, float(average), int(count)) for name, average, count in rows]


async def daily_review_rates(
    session: AsyncSession, first_day: date, last_day: date, timezone: ZoneInfo
) -> list[tuple[date, float | None]]:
    """The positive-review rate of each shop day from `first_day` to `last_day` (None: no reviews)."""
    start = datetime.combine(first_day, time(0), timezone).astimezone(UTC)
    end = datetime.combine(last_day + timedelta(days=1), time(0), timezone).astimezone(UTC)
    reviews = await session.execute(
        select(Review.reviewed_on, Review.rating).where(Review.reviewed_on >= start, Review.reviewed_on < end)
    )
    good: dict[date, int] = {}
    total: dict[date, int] = {}
    for reviewed_on, rating in reviews:
        day = as_utc(reviewed_on).astimezone(timezone).date()
        total[day] = total.get(day, 0) + 1
        good[day] = good.get(day, 0) + (rating == "good")
    days = [first_day + timedelta(days=n) for n in range((last_day - first_day).days + 1)]
    return [(day, good.get(day, 0) / total[day] if total.get(day) else None) for day in days]


def as_utc(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; every time here was stored in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
