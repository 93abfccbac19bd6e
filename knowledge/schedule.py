"""Scheduled runs: claiming a slot so that it fires once, across restarts and instances."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from knowledge.models import ScheduledRun
from knowledge.shop_reviews import last_review_id


async def latest_run(session: AsyncSession, job: str) -> ScheduledRun | None:
    """The newest fired slot of a job, if it ever fired."""
    return await session.scalar(
        select(ScheduledRun).where(ScheduledRun.job == job).order_by(ScheduledRun.slot.desc()).limit(1)
    )


async def claim_slot(session: AsyncSession, job: str, slot: datetime) -> tuple[int, int] | None:
    """Record that `slot` of `job` fires now; None when it already fired (here or in another instance).

    Returns the range of review ids the run covers: (after the previous run's last, up to now's last).
    The unique (job, slot) row decides: the insert runs in a savepoint, so losing the race
    leaves the surrounding transaction usable.
    """
    previous = await latest_run(session, job)
    newest = await last_review_id(session)
    try:
        async with session.begin_nested():
            session.add(ScheduledRun(job=job, slot=slot, last_review_id=newest))
    except IntegrityError:
        return None
    return (previous.last_review_id if previous else 0, newest)
