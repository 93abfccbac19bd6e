"""Report figures from the database, and the chart: a PNG whose Chinese labels have real glyphs."""

from __future__ import annotations

import logging
import os
import warnings
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from bot.charts import CJK_FONTS, cjk_font, stats_chart
from knowledge.db import session_factory
from knowledge.models import Conversation, Message, Staff, Suggestion, Template
from knowledge.reports import agent_scores, daily_review_rates, intent_mix, period_start, usage
from knowledge.reviews import record_review
from knowledge.tiers import buyer_by_nickname

pytest_plugins = ("knowledge_db",)  # the `engine` fixture, on both databases

SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_periods_start_at_shop_midnight_or_days_back():
    now = datetime(2026, 11, 28, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai
    assert period_start("today", now, SHANGHAI) == datetime(2026, 11, 27, 16, 0, tzinfo=UTC)
    assert period_start("7d", now, SHANGHAI) == now - timedelta(days=7)


async def test_figures_count_intents_use_rewrites_scores_and_daily_rates(engine):
    sessions = session_factory(engine)
    async with sessions.begin() as session:
        agent = Staff(telegram_id=5, name="小王", role="agent")
        session.add(agent)
        await session.flush()
        conversation = Conversation(agent_id=agent.id)
        session.add(conversation)
        await session.flush()
        template = await session.scalar(select(Template.id).limit(1))
        for intent, corrected, used, edited, score in (
            ("bargain", None, template, None, None),
            ("bargain", None, None, "不行", 40),
            ("logistics", None, None, "亲，马上为您查询～", 100),
            ("other", "logistics", None, None, None),
        ):
            message = Message(
                conversation_id=conversation.id,
                text="x",
                intent=intent,
                corrected_intent=corrected,
                confidence=0.9,
                mood="neutral",
                risk_level="none",
            )
            session.add(message)
            await session.flush()
            session.add(
                Suggestion(message_id=message.id, used_template_id=used, edited_text=edited, checker_score=score)
            )
        buyer = await buyer_by_nickname(session, "评价人")
        for order, rating, day in (("1", "good", 26), ("2", "bad", 26), ("3", "good", 27)):
            when = datetime(2026, 11, day, 12, tzinfo=SHANGHAI).astimezone(UTC)
            await record_review(session, buyer, order, rating, reviewed_on=when)
    since = datetime.now(UTC) - timedelta(days=1)
    async with sessions() as session:
        assert await intent_mix(session, since) == {"bargain": 2, "logistics": 2}
        used = await usage(session, since)
        assert (used.cards, used.use_rate, used.rewrite_rate) == (4, 0.25, 0.5)
        scores = await agent_scores(session, since)
        assert [(s.name, s.average, s.replies) for s in scores] == [("小王", 70.0, 2)]
        rates = await daily_review_rates(session, date(2026, 11, 25), date(2026, 11, 27), SHANGHAI)
    assert rates == [(date(2026, 11, 25), None), (date(2026, 11, 26), 0.5), (date(2026, 11, 27), 1.0)]


def _render_warnings(intents, rates) -> tuple[bytes, list[str]]:
    """The chart and every warning matplotlib gave while drawing it (warnings and log records)."""
    records: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record.getMessage())

    handler = Collect(level=logging.WARNING)
    logging.getLogger("matplotlib").addHandler(handler)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            png = stats_chart(intents, rates, 0.97)
    finally:
        logging.getLogger("matplotlib").removeHandler(handler)
    return png, records + [str(w.message) for w in caught]


def require_cjk_font() -> None:
    """Skip where no CJK font is installed; CI installs one (.ci/run) and must draw with it."""
    if cjk_font() is None:
        assert not os.environ.get("CI"), "CI must install fonts-wqy-microhei (see .ci/run)"
        pytest.skip("no CJK font installed here: install fonts-wqy-microhei to check the chart's glyphs")


def test_chart_is_a_png_with_every_chinese_glyph_found():
    require_cjk_font()
    intents = {"bargain": 5, "return_refund": 3, "complaint": 1, "order_change": 2}
    rates = [(date(2026, 11, d), 0.95 + d / 1000) for d in range(20, 28)]
    png, problems = _render_warnings(intents, rates)
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 10_000
    assert not [p for p in problems if "missing from font" in p or "Glyph" in p]


def test_chart_without_messages_or_reviews_still_renders():
    require_cjk_font()
    png, problems = _render_warnings({}, [(date(2026, 11, 27), None)])
    assert png.startswith(b"\x89PNG") and not [p for p in problems if "Glyph" in p]


def test_the_glyph_check_would_catch_a_font_without_chinese(monkeypatch):
    monkeypatch.setattr("bot.charts.cjk_font", lambda: None)  # as on a machine without a CJK font
    _, problems = _render_warnings({"bargain": 1}, [(date(2026, 11, 27), 1.0)])
    assert [p for p in problems if "missing from font" in p]


def test_a_font_installed_after_matplotlib_cached_its_list_is_found(monkeypatch):
    """matplotlib keeps one font list per user; a CJK font installed later must still be used."""
    require_cjk_font()
    from matplotlib import font_manager

    stale = [font for font in font_manager.fontManager.ttflist if font.name not in CJK_FONTS]
    monkeypatch.setattr(font_manager.fontManager, "ttflist", stale)
    cjk_font.cache_clear()
    try:
        assert cjk_font() in CJK_FONTS
    finally:
        cjk_font.cache_clear()
