"""The scheduled bad-review check: at fixed shop times every supervisor gets the shop's review standing.

Each fire time is a slot (a date and a time of day in the shop's timezone). A slot
fires when its `scheduled_runs` row is inserted: the unique row makes the slot fire
once, even when the bot restarts close to the hour or several instances run. A slot
missed while the bot was down is caught up on start (within `CATCH_UP`), provided
the schedule has fired before, so a brand-new database starts at its next slot.
"""

from __future__ import annotations

import asyncio
import html
import logging
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot import texts
from bot.middlewares.database import SerialWrites
from bot.supervisors import Send, tell_supervisors
from knowledge.models import Review, utcnow
from knowledge.reports import as_utc
from knowledge.schedule import claim_slot, latest_run
from knowledge.shop_reviews import Standing, bad_reviews_after, risky_buyers, standing
from knowledge.texts import TIER_NAMES

logger = logging.getLogger(__name__)

JOB = "bad_review_check"
CATCH_UP = timedelta(hours=2)  # a slot missed by less than this while down fires on start
MAX_SLEEP = 30.0  # seconds between looks at the clock

Clock = Callable[[], datetime]


def parse_times(value: str) -> tuple[time, ...]:
    """Fire times from `08:00,13:30` (sorted, duplicates dropped); ValueError in Chinese otherwise."""
    times: set[time] = set()
    for part in value.replace("，", ",").split(","):
        part = part.strip()
        if not part:
            continue
        try:
            hours, minutes = part.split(":")
            times.add(time(int(hours), int(minutes)))
        except ValueError as error:
            raise ValueError(texts.SETTINGS_BAD_TIMES.format(value=value)) from error
    return tuple(sorted(times))


def latest_slot(now: datetime, times: Sequence[time], timezone: ZoneInfo) -> datetime | None:
    """The newest slot at or before `now` (aware, UTC), looking back one day at most."""
    local = now.astimezone(timezone)
    candidates = [
        datetime.combine(day, at, timezone).astimezone(UTC)
        for day in (local.date(), local.date() - timedelta(days=1))
        for at in times
    ]
    due = [slot for slot in candidates if slot <= now]
    return max(due) if due else None


def next_slot(now: datetime, times: Sequence[time], timezone: ZoneInfo) -> datetime | None:
    """The first slot after `now` (aware, UTC)."""
    local = now.astimezone(timezone)
    candidates = [
        datetime.combine(day, at, timezone).astimezone(UTC)
        for day in (local.date(), local.date() + timedelta(days=1))
        for at in times
    ]
    upcoming = [slot for slot in candidates if slot > now]
    return min(upcoming) if upcoming else None


def _percent(value: float) -> str:
    return f"{value:.1%}"


def render_standing(current: Standing, days: int) -> str:
    """The rate line: rate, counts and floor, or that there are no reviews yet."""
    floor = _percent(float(current.floor))
    if current.rate is None:
        return texts.REVIEWS_NO_RATE.format(days=days, floor=floor)
    line = texts.REVIEWS_RATE.format(
        days=days, rate=_percent(current.rate), good=current.good, total=current.total, floor=floor
    )
    return line + ("\n" + texts.REVIEWS_BELOW.format(floor=floor) if current.below_floor else "")


def review_line(review: Review, nickname: str | None, timezone: ZoneInfo) -> str:
    """One bad review: id, shop date, order, buyer and text."""
    return texts.REVIEWS_ITEM.format(
        id=review.id,
        date=as_utc(review.reviewed_on).astimezone(timezone).strftime("%m-%d"),
        order=html.escape(review.order_id),
        buyer=html.escape(nickname or texts.REVIEW_NO_BUYER),
        text=html.escape(review.text or "-"),
    )


async def check_report(
    session: AsyncSession, after_review: int, up_to_review: int, slot_label: str, timezone: ZoneInfo
) -> str:
    """The bad-review check: new bad reviews in the id range, the rate, the orange and black buyers."""
    new = [(r, n) for r, n in await bad_reviews_after(session, after_review) if r.id <= up_to_review]
    lines = [texts.CHECK_REPORT_TITLE.format(time=slot_label)]
    if new:
        lines.append(texts.CHECK_REPORT_NEW.format(count=len(new)))
        lines += [review_line(review, nickname, timezone) for review, nickname in new]
    else:
        lines.append(texts.CHECK_REPORT_NO_NEW)
    lines.append(render_standing(await standing(session), 30))
    buyers = await risky_buyers(session)
    lines.append(texts.CHECK_REPORT_RISKY if buyers else texts.CHECK_REPORT_NO_RISKY)
    lines += [
        texts.CHECK_REPORT_BUYER.format(nickname=html.escape(b.nickname), tier=TIER_NAMES[b.tier]) for b in buyers
    ]
    return "\n".join(lines)


class BadReviewCheck:
    """Fires the bad-review check at its slots; `tick()` looks once, `run()` keeps looking until cancelled."""

    def __init__(
        self,
        sessions: SerialWrites,
        send: Send,
        times: Sequence[time],
        timezone: ZoneInfo,
        clock: Clock = utcnow,
    ) -> None:
        self.sessions = sessions
        self.send = send
        self.times = tuple(times)
        self.timezone = timezone
        self.clock = clock
        self.started = clock()

    async def tick(self) -> bool:
        """Fire the due slot unless it fired already (anywhere); True when this call fired it."""
        now = self.clock()
        slot = latest_slot(now, self.times, self.timezone)
        if slot is None or now - slot > CATCH_UP:
            return False
        async with self.sessions.begin() as session:
            if slot < self.started and await latest_run(session, JOB) is None:
                return False  # a brand-new schedule starts at its next slot
            claimed = await claim_slot(session, JOB, slot)
        if claimed is None:
            return False
        label = slot.astimezone(self.timezone).strftime("%Y-%m-%d %H:%M")
        async with self.sessions() as session:
            report = await check_report(session, *claimed, label, self.timezone)
            delivered = await tell_supervisors(session, self.send, report)
        logger.info("bad-review check %s sent to %d supervisors", label, delivered)
        return True

    def seconds_to_next(self) -> float:
        """How long to sleep before looking again: until the next slot, at most `MAX_SLEEP`."""
        now = self.clock()
        upcoming = next_slot(now, self.times, self.timezone)
        if upcoming is None:
            return MAX_SLEEP
        return max(0.0, min(MAX_SLEEP, (upcoming - now).total_seconds()))

    async def run(self) -> None:
        """Look at the clock until cancelled; a failed look (database down) is logged and retried."""
        while True:
            try:
                await self.tick()
            except Exception:
                logger.exception("bad-review check failed; trying again later")
            await asyncio.sleep(self.seconds_to_next())
