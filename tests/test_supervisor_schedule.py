"""The scheduled bad-review check under a controllable clock, and once end to end through the real bot.

Slots are shop times; a slot fires once whatever restarts or second instances happen around
it, a slot missed while the bot was down is caught up on start, a stale one is not.
"""

from __future__ import annotations

import asyncio
import time as wall
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from fake_telegram import BotProcess, FakeTelegram
from sqlalchemy import select

from bot.middlewares.database import SerialWrites
from bot.scheduler import JOB, BadReviewCheck, latest_slot, next_slot, parse_times
from knowledge.db import create_engine, prepare, session_factory
from knowledge.models import ScheduledRun, Staff
from knowledge.reviews import record_review
from knowledge.tiers import buyer_by_nickname

pytest_plugins = ("knowledge_db",)  # the `engine` fixture, on both databases

SHANGHAI = ZoneInfo("Asia/Shanghai")
TIMES = parse_times("08:00,13:30")


def shop_time(day: int, hour: int, minute: int, second: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, second, tzinfo=SHANGHAI).astimezone(UTC)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


class Outbox:
    """What the check sent, as (chat, text)."""

    def __init__(self) -> None:
        self.sent: list[tuple[int, str]] = []

    async def __call__(self, chat_id: int, text: str) -> None:
        self.sent.append((chat_id, text))


def test_times_parse_and_bad_times_are_refused_in_chinese():
    assert parse_times(" 13:30，08:00,08:00 ") == (time(8, 0), time(13, 30))
    for bad in ("8", "25:00", "08:61", "早上八点"):
        with pytest.raises(ValueError, match="检查时间"):
            parse_times(bad)


def test_slots_are_shop_times():
    assert latest_slot(shop_time(28, 8, 0, 1), TIMES, SHANGHAI) == shop_time(28, 8, 0)
    assert latest_slot(shop_time(28, 7, 59), TIMES, SHANGHAI) == shop_time(27, 13, 30)
    assert next_slot(shop_time(28, 13, 30), TIMES, SHANGHAI) == shop_time(29, 8, 0)
    assert next_slot(shop_time(28, 9, 0), TIMES, SHANGHAI) == shop_time(28, 13, 30)


async def setup(engine) -> SerialWrites:
    sessions = SerialWrites(session_factory(engine), serialise=engine.dialect.name == "sqlite")
    async with sessions.begin() as session:
        session.add_all(
            [
                Staff(telegram_id=11, name="主管", role="supervisor"),
                Staff(telegram_id=12, name="管理员", role="admin"),
                Staff(telegram_id=13, name="客服", role="agent"),
                Staff(telegram_id=14, name="离职主管", role="supervisor", active=False),
            ]
        )
    return sessions


async def bad_review(sessions: SerialWrites, nickname: str, order: str) -> None:
    async with sessions.begin() as session:
        buyer = await buyer_by_nickname(session, nickname)
        await record_review(session, buyer, order, "bad", "质量差")


async def test_fires_each_slot_once_through_restarts_and_second_instances(engine):
    sessions, outbox = await setup(engine), Outbox()
    clock = Clock(shop_time(28, 8, 10))

    def instance() -> BadReviewCheck:
        return BadReviewCheck(sessions, outbox, TIMES, SHANGHAI, clock)

    first = instance()
    assert not await first.tick()  # a brand-new schedule does not fire a slot from before its start
    clock.now = shop_time(28, 13, 29, 59)
    assert not await first.tick()
    await bad_review(sessions, "老差评", "O-1")
    clock.now = shop_time(28, 13, 30, 2)
    assert await first.tick()
    assert [chat for chat, _ in outbox.sent] == [11, 12]  # supervisors and admins, active ones only
    report = outbox.sent[0][1]
    assert "差评巡检" in report and "2026-11-28 13:30" in report and "新增差评 1 条" in report
    assert "老差评" in report and "橙色" in report and "好评率" in report

    clock.now = shop_time(28, 13, 30, 40)  # restarted close to the hour: nothing fires again
    assert not await instance().tick()
    assert not await first.tick()
    assert len(outbox.sent) == 2

    await bad_review(sessions, "新差评", "O-2")
    clock.now = shop_time(29, 8, 0, 1)  # two instances look at the same moment: one fires
    fired = await asyncio.gather(instance().tick(), instance().tick())
    assert sorted(fired) == [False, True]
    report = outbox.sent[-1][1]
    assert "新增差评 1 条" in report and "O-2" in report and "O-1" not in report


async def test_a_slot_missed_while_down_is_caught_up_once_a_stale_one_is_not(engine):
    sessions, outbox = await setup(engine), Outbox()
    clock = Clock(shop_time(28, 8, 0, 5))
    check = BadReviewCheck(sessions, outbox, TIMES, SHANGHAI, clock)
    check.started = shop_time(28, 7, 0)
    assert await check.tick()
    clock.now = shop_time(28, 14, 10)  # down from 13:00 to 14:10: the 13:30 check comes on start
    restarted = BadReviewCheck(sessions, outbox, TIMES, SHANGHAI, clock)
    assert await restarted.tick() and not await restarted.tick()
    clock.now = shop_time(29, 11, 0)  # down over the 08:00 slot for three hours: too late to send
    assert not await BadReviewCheck(sessions, outbox, TIMES, SHANGHAI, clock).tick()
    async with sessions() as session:
        slots = list(await session.scalars(select(ScheduledRun.slot).order_by(ScheduledRun.slot)))
    assert [s.astimezone(UTC) for s in slots] == [shop_time(28, 8, 0), shop_time(28, 13, 30)]


def test_sleeps_until_the_next_slot_at_most_half_a_minute():
    clock = Clock(shop_time(28, 7, 59, 50))
    check = BadReviewCheck(None, Outbox(), TIMES, SHANGHAI, clock)  # type: ignore[arg-type]
    assert check.seconds_to_next() == 10
    clock.now = shop_time(28, 9, 0)
    assert check.seconds_to_next() == 30


async def _seed_schedule(url: str) -> None:
    """A database whose check has fired before (yesterday), so a slot due now is caught up on start."""
    engine = create_engine(url)
    try:
        sessions = await prepare(engine)
        async with sessions.begin() as session:
            session.add(ScheduledRun(job=JOB, slot=datetime.now(UTC) - timedelta(days=1), last_review_id=0))
    finally:
        await engine.dispose()


def test_the_running_bot_sends_the_check_once_across_a_restart(tmp_path):
    supervisors = (9101, 9102)
    url = f"sqlite+aiosqlite:///{tmp_path / 'xiaoer.db'}"
    asyncio.run(_seed_schedule(url))
    now = datetime.now(SHANGHAI)
    environment = {
        "XIAOER_SUPERVISOR_IDS": ",".join(map(str, supervisors)),
        "XIAOER_CHECK_TIMES": now.strftime("%H:%M"),  # due a few seconds ago
    }
    server = FakeTelegram().start()
    try:
        bot = BotProcess(server, tmp_path, **environment)
        bot.wait_ready()
        for chat in supervisors:
            report = server.wait_for_messages(chat)[0]
            assert "差评巡检" in report.text and "没有新增差评" in report.text
        bot.stop()
        ready = len(server.calls_of("getUpdates"))
        again = BotProcess(server, tmp_path, **environment)
        server.wait_for(lambda calls: len([c for c in calls if c.method == "getUpdates"]) > ready, timeout=60)
        wall.sleep(3)
        again.stop()
        for chat in supervisors:
            assert len(server.calls_of("sendMessage", chat)) == 1
    finally:
        server.stop()
