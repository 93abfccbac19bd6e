"""Privacy: phone numbers and addresses masked in logs, old message text purged, statistics kept."""

import logging
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from bot.assist import AssistService
from knowledge.db import session_factory
from knowledge.errors import FieldError
from knowledge.models import BuyerEvent, Message, utcnow
from knowledge.privacy import mask_pii, purge_message_text
from nlp.analysis import Analysis, Mood, Risk

pytest_plugins = ("knowledge_db",)  # the `engine` and `url` fixtures


def test_phone_numbers_keep_only_their_ends():
    masked = mask_pii("电话13812345678，座机010-12345678")
    assert "13812345678" not in masked and "138****5678" in masked
    assert "12345678" not in masked


def test_addresses_are_replaced():
    masked = mask_pii("寄到浙江省杭州市西湖区文三路100号3栋201室，谢谢")
    assert "文三路" not in masked and "[地址]" in masked and masked.endswith("谢谢")


def test_ordinary_messages_are_unchanged():
    assert mask_pii("这件衣服有M码吗？多少钱") == "这件衣服有M码吗？多少钱"


def analysis(text: str) -> Analysis:
    return Analysis(text, "bargain", (("bargain", 1.0),), 1.0, False, Mood("neutral", 0.0), Risk("none", ()), ())


async def test_assist_logs_mask_the_buyer_phone(engine, caplog):
    assist = AssistService(session_factory(engine), analyzer=analysis)
    with caplog.at_level(logging.INFO, logger="bot.assist"):
        await assist.assist("便宜点，我电话13812345678")
    assert "13812345678" not in caplog.text and "138****5678" in caplog.text


async def test_purge_deletes_old_text_and_keeps_statistics(engine):
    assist = AssistService(session_factory(engine), analyzer=analysis)
    old = await assist.assist("很久以前：便宜点吧", "老王")
    new = await assist.assist("今天：便宜点吧", "小张")
    sessions = session_factory(engine)
    async with sessions.begin() as session:
        long_ago = utcnow() - timedelta(days=200)
        await session.execute(update(Message).where(Message.id == old.message_id).values(created_at=long_ago))
        await session.execute(
            update(BuyerEvent).where(BuyerEvent.message.like("很久以前%")).values(created_at=long_ago)
        )
        result = await purge_message_text(session, 180)
    assert (result.messages, result.events) == (1, 1)
    async with sessions() as session:
        purged = await session.get(Message, old.message_id)
        kept = await session.get(Message, new.message_id)
        bargains = await session.scalar(select(func.count()).select_from(Message).where(Message.intent == "bargain"))
    assert purged.text is None and purged.intent == "bargain"
    assert kept.text == "今天：便宜点吧"
    assert bargains == 2


@pytest.mark.parametrize("days", [0, -3])
async def test_purge_refuses_a_bad_retention(engine, days):
    async with session_factory(engine).begin() as session:
        with pytest.raises(FieldError, match="正整数"):
            await purge_message_text(session, days)
