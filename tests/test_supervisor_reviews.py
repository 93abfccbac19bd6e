"""Shop reviews in bulk and the positive-review standing: workbench CSVs in their usual shapes, row errors."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from knowledge.db import session_factory
from knowledge.errors import KnowledgeError, ValidationError
from knowledge.models import Buyer, ShopFacts
from knowledge.shop_reviews import decode, parse_reviews_csv, record_reviews, standing
from knowledge.texts import ERRORS

pytest_plugins = ("knowledge_db",)  # the `engine` fixture, on both databases

SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_chinese_and_english_headers_star_ratings_and_shop_dates():
    chinese = (
        "订单编号,买家昵称,评分,评价内容,评价时间\nT1,小明,5,很好,2026年11月20日 10:00\n\nT2,小红,1,差,2026/11/21\n"
    )
    rows = parse_reviews_csv(chinese, SHANGHAI)
    assert [(r.order_id, r.buyer, r.rating) for r in rows] == [("T1", "小明", "good"), ("T2", "小红", "bad")]
    assert rows[0].reviewed_on == datetime(2026, 11, 20, 2, 0, tzinfo=UTC)  # shop time, kept in UTC
    english = "order,buyer,rating,text\nE1,amy,neutral,\n"
    [row] = parse_reviews_csv(english, SHANGHAI)
    assert (row.rating, row.text, row.reviewed_on) == ("neutral", "", None)


def test_every_bad_row_is_named_with_its_field():
    content = "订单号,买家,评价,评价时间\nA1,甲,好评,2026-11-20\nA2,乙,超好,2026-11-20\n,丙,差评,昨天\n"
    with pytest.raises(ValidationError) as raised:
        parse_reviews_csv(content, SHANGHAI)
    message = str(raised.value)
    assert "第 2 行" in message and "rating" in message and "超好" in message
    assert "第 3 行" in message and "order" in message and "昨天" in message
    assert "第 1 行" not in message
    with pytest.raises(KnowledgeError, match="缺少列"):
        parse_reviews_csv("订单号,评价\nA1,好评\n", SHANGHAI)
    with pytest.raises(KnowledgeError, match=ERRORS["file_structure"].split("：")[0]):
        parse_reviews_csv("", SHANGHAI)


def test_workbench_files_in_gb18030_are_read():
    text = "订单号,买家,评价\nG1,老顾客,好评\n"
    assert decode(text.encode("gb18030")) == text
    assert decode(("\ufeff" + text).encode("utf-8")) == text


async def test_known_orders_are_skipped_and_bad_reviews_count_toward_the_tier(engine):
    sessions = session_factory(engine)
    rows = parse_reviews_csv("订单号,买家,评价\nK1,回头客,好评\nK2,回头客,好评\nK3,挑剔客,差评\n", SHANGHAI)
    async with sessions.begin() as session:
        first = await record_reviews(session, rows)
    async with sessions.begin() as session:
        again = await record_reviews(session, rows)
        tiers = dict((await session.execute(select(Buyer.nickname, Buyer.tier))).all())
    assert (first.added, first.bad, first.skipped) == (3, 1, 0)
    assert (again.added, again.skipped) == (0, 3)
    assert tiers == {"回头客": "green", "挑剔客": "orange"}


async def test_standing_covers_thirty_days_against_the_shop_floor(engine):
    sessions = session_factory(engine)
    now = datetime.now(UTC)
    async with sessions.begin() as session:
        empty = await standing(session)
        old = (now - timedelta(days=40)).astimezone(SHANGHAI).strftime("%Y-%m-%d")
        content = "订单号,买家,评价,评价时间\n" + "".join(f"S{n},买家{n},好评,\n" for n in range(31))
        content += f"S-bad,差评人,差评,\nS-old,旧差评,差评,{old}\n"
        await record_reviews(session, parse_reviews_csv(content, SHANGHAI))
        current = await standing(session)
        (await session.scalar(select(ShopFacts))).review_floor = Decimal("0.95")
    async with sessions() as session:
        relaxed = await standing(session)
    assert empty.rate is None and not empty.below_floor and empty.floor == Decimal("0.97")
    assert (current.good, current.total) == (31, 32) and current.below_floor  # 96.9%; the 40-day-old one is out
    assert not relaxed.below_floor
