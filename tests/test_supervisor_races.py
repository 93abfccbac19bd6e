"""Two supervisors at once, on SQLite and PostgreSQL: a queue item, a template edit, a bad review and a
scheduled slot are each taken by exactly one of them.

Each side runs in its own session and transaction, as two bot updates do. On SQLite the bot
queues write transactions (`SerialWrites`), so the loser runs second and finds the item taken;
on PostgreSQL they truly overlap and the row lock of the conditional UPDATE decides.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from sqlalchemy import func, select

from bot.middlewares.database import SerialWrites
from knowledge.db import session_factory
from knowledge.editing import edit_template
from knowledge.errors import KnowledgeError, StaleEditError
from knowledge.fields import TemplateFields
from knowledge.models import Conversation, Message, ReplyReview, ScheduledRun, Staff, Suggestion, Template
from knowledge.review_queue import AlreadyReviewedError, queue_size, queued_replies, review_reply
from knowledge.reviews import record_review
from knowledge.schedule import claim_slot
from knowledge.shop_reviews import claim_bad_review
from knowledge.tiers import buyer_by_nickname

pytest_plugins = ("knowledge_db",)  # the `engine` fixture, on both databases


def writes(engine) -> SerialWrites:
    return SerialWrites(session_factory(engine), serialise=engine.dialect.name == "sqlite")


async def supervisors(sessions: SerialWrites) -> tuple[int, int]:
    async with sessions.begin() as session:
        first, second = (
            Staff(telegram_id=1, name="甲", role="supervisor"),
            Staff(telegram_id=2, name="乙", role="supervisor"),
        )
        session.add_all([first, second])
    return first.id, second.id


async def queued_item(sessions: SerialWrites, risk: str = "none", **suggestion) -> int:
    async with sessions.begin() as session:
        conversation = Conversation()
        session.add(conversation)
        await session.flush()
        message = Message(
            conversation_id=conversation.id,
            text="能便宜点吗",
            intent="bargain",
            confidence=0.9,
            mood="neutral",
            risk_level=risk,
        )
        session.add(message)
        await session.flush()
        item = Suggestion(message_id=message.id, shown_template_ids=[], **suggestion)
        session.add(item)
    return item.id


async def race(sessions: SerialWrites, staff_ids: tuple[int, int], act) -> list[object]:
    """Run `act(session, staff)` for both supervisors at once; each result or the error raised."""

    async def one(staff_id: int) -> object:
        try:
            async with sessions.begin() as session:
                return await act(session, await session.get(Staff, staff_id))
        except KnowledgeError as error:
            return error

    return await asyncio.gather(one(staff_ids[0]), one(staff_ids[1]))


async def test_one_queue_item_gets_one_verdict(engine):
    sessions = writes(engine)
    staff = await supervisors(sessions)
    item = await queued_item(sessions, edited_text="不能便宜，爱买不买", checker_score=40)
    results = await race(sessions, staff, lambda s, who: review_reply(s, item, who, "approved"))
    assert sum(isinstance(r, AlreadyReviewedError) for r in results) == 1
    async with sessions() as session:
        assert await session.scalar(select(func.count()).select_from(ReplyReview)) == 1
        assert (await session.get(Suggestion, item)).review_status == "approved"
        assert await queued_replies(session) == []


async def test_replies_are_queued_for_rewrites_low_scores_and_risky_buyers_only(engine):
    sessions = writes(engine)
    async with sessions() as session:
        template = await session.scalar(select(Template.id).limit(1))
    rewrote = await queued_item(sessions, edited_text="好的亲，马上为您处理", checker_score=95)
    low = await queued_item(sessions, checker_score=50)
    risky = await queued_item(sessions, risk="high", used_template_id=template)
    plain = await queued_item(sessions, used_template_id=template)
    unsent_risky = await queued_item(sessions, risk="high")
    async with sessions() as session:
        queued = await queued_replies(session)
    assert [item.suggestion_id for item in queued] == [rewrote, low, risky]  # oldest first
    async with sessions() as session:
        assert await queue_size(session) == 3
    assert plain not in queued and unsent_risky not in queued
    assert queued[2].sent and queued[2].suggested == queued[2].sent and not queued[2].rewrote


async def test_two_supervisors_saving_one_template_the_second_is_stale(engine):
    sessions = writes(engine)
    staff = await supervisors(sessions)
    async with sessions() as session:
        template = await session.scalar(select(Template).where(Template.status == "live").order_by(Template.id))
    fields = TemplateFields.of(template)

    async def save(session, who):
        text = f"亲，感谢您的耐心，{who.name}马上为您处理～"
        changed = TemplateFields(fields.intent, fields.tiers, fields.title, text, fields.tags, fields.status)
        return await edit_template(session, template.id, template.version, who, changed, checker=None)

    results = await race(sessions, staff, save)
    assert sum(isinstance(r, StaleEditError) for r in results) == 1
    async with sessions() as session:
        assert (await session.get(Template, template.id)).version == template.version + 1


async def test_one_bad_review_is_settled_once(engine):
    sessions = writes(engine)
    staff = await supervisors(sessions)
    async with sessions.begin() as session:
        buyer = await buyer_by_nickname(session, "差评买家")
        review, _ = await record_review(session, buyer, "O-1", "bad", "太差")
    results = await race(sessions, staff, lambda s, who: claim_bad_review(s, review.id))
    assert sum(isinstance(r, AlreadyReviewedError) for r in results) == 1


async def test_one_scheduled_slot_fires_once_across_instances(engine):
    sessions = writes(engine)
    slot = datetime(2026, 11, 28, 0, 0, tzinfo=UTC)
    results = await race(sessions, await supervisors(sessions), lambda s, _: claim_slot(s, "check", slot))
    assert sum(r is None for r in results) == 1
    async with sessions() as session:
        assert await session.scalar(select(func.count()).select_from(ScheduledRun)) == 1
