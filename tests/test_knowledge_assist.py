"""The assist service: message → buyer, conversation, events, tier, ranked and filled suggestions."""

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from bot.assist import AssistService, MessageRejected
from knowledge.db import session_factory
from knowledge.errors import NotFoundError, PermissionDeniedError
from knowledge.models import BuyerEvent, Conversation, Message, Suggestion, utcnow
from knowledge.review_queue import review_reply
from knowledge.staff import staff_member
from nlp.analysis import Analysis, Entity, Mood, Risk
from nlp.findings import ReplyCheck
from nlp.messages import problem_message

pytest_plugins = ("knowledge_db",)  # the `engine` and `url` fixtures

RULES = {  # keyword → (intent, risk level): a stand-in analyser with predictable answers
    "便宜": ("bargain", "none"),
    "差评": ("complaint", "high"),
    "发货": ("logistics", "none"),
}


def fake_analyze(text: str) -> Analysis:
    intent, risk = next((v for k, v in RULES.items() if k in text), ("other", "none"))
    entities = tuple(Entity("order_id", text[i : i + 12], i, i + 12) for i in [text.find("123456789012")] if i >= 0)
    return Analysis(
        text=text,
        intent=intent,
        intents=((intent, 0.9), ("other", 0.1)),
        confidence=0.9,
        needs_human=False,
        mood=Mood("neutral", 0.0),
        risk=Risk(risk, ("threat_bad_review",) if risk == "high" else ()),
        entities=entities,
    )


def service(engine) -> AssistService:
    return AssistService(
        session_factory(engine), analyzer=fake_analyze, checker=lambda text: ReplyCheck(text, (), 88, text)
    )


async def test_card_has_ranked_filled_suggestions_and_records_what_was_shown(engine):
    card = await service(engine).assist("订单123456789012什么时候发货")
    assert card.analysis.intent == "logistics" and len(card.suggestions) == 3
    assert all("{" not in s.text for s in card.suggestions)
    assert any("123456789012" in s.text for s in card.suggestions)
    assert [s.score for s in card.suggestions] == sorted((s.score for s in card.suggestions), reverse=True)
    assert set(card.to_dict()) == {"analysis", "suggestions"}
    assert set(card.to_dict()["suggestions"][0]) == {"template_id", "text", "score", "reasons"}
    async with session_factory(engine)() as session:
        shown = await session.scalar(select(Suggestion).where(Suggestion.message_id == card.message_id))
    assert shown.shown_template_ids == [s.template_id for s in card.suggestions]


async def test_yellow_buyer_climbs_the_concession_ladder_in_one_conversation(engine):
    assist = service(engine)
    cards = [await assist.assist("能便宜点吗", "小王") for _ in range(4)]
    assert {c.conversation_id for c in cards} == {cards[0].conversation_id}
    assert [c.buyer.tier for c in cards] == ["yellow"] * 4
    assert [c.concession.kind for c in cards] == ["gift", "shipping_discount", "price_step", "price_step"]
    assert "小礼品" in cards[0].suggestions[0].reasons[2] or "礼品" in cards[0].suggestions[0].text
    assert "0.4" in cards[3].suggestions[0].text


async def test_high_risk_messages_make_a_buyer_orange_then_black_across_conversations(engine):
    assist = service(engine)
    first = await assist.assist("不给退我就给差评", "阿强")
    second = await assist.assist("再不处理还给差评", "阿强")
    assert first.buyer.tier == second.buyer.tier == "orange"  # one tricky event per conversation
    assert (
        first.escalate
        and first.suggestions[0].template_id != (await assist.assist("差评", None)).suggestions[0].template_id
    )
    async with session_factory(engine).begin() as session:
        tricky = (await session.scalars(select(BuyerEvent).where(BuyerEvent.kind == "tricky"))).one()
        assert tricky.message == "不给退我就给差评"
        await session.execute(
            update(Conversation).values(
                started_at=utcnow() - timedelta(days=2), last_message_at=utcnow() - timedelta(days=2)
            )
        )
    third = await assist.assist("差评等着吧", "阿强")
    assert third.conversation_id != first.conversation_id
    assert third.buyer.tier == "black"
    assert "主管" in third.suggestions[0].text


async def test_manual_override_is_kept_and_reported_not_undone(engine):
    assist = service(engine)
    async with session_factory(engine).begin() as session:
        boss = await staff_member(session, 2, "主管老王", "supervisor")
    view = await assist.set_tier("老李", "green", boss, "十年老客户")
    assert (view.tier, view.tier_source) == ("green", "manual")
    card = await assist.assist("能便宜点吗", "老李")
    assert card.buyer.tier == "green" and card.buyer.rule_tier == "yellow"
    profile = await assist.buyer_profile("老李")
    kinds = [kind for kind, _, _ in profile.events]
    assert kinds == ["bargained", "tier_override"]
    assert profile.events[1][2] == "十年老客户"


async def test_agent_actions_are_recorded_and_feed_the_usage_ranking(engine):
    assist = service(engine)
    card = await assist.assist("什么时候发货")
    least = card.suggestions[-1].template_id
    assert await assist.use_suggestion(card.message_id, 3) == least
    check = await assist.submit_reply(card.message_id, "亲，马上为您发货～")
    assert check.score == 88
    await assist.correct_intent(card.message_id, "order_change")
    async with session_factory(engine)() as session:
        suggestion = await session.scalar(select(Suggestion).where(Suggestion.message_id == card.message_id))
        message = await session.get(Message, card.message_id)
    assert (suggestion.used_template_id, suggestion.edited_text, suggestion.checker_score) == (
        least,
        "亲，马上为您发货～",
        88,
    )
    assert message.corrected_intent == "order_change"
    async with session_factory(engine).begin() as session:
        agent = await staff_member(session, 1, "客服小李", "agent")
        boss = await staff_member(session, 2, "主管老王", "supervisor")
        with pytest.raises(PermissionDeniedError):
            await review_reply(session, suggestion.id, agent, "approved")
        await review_reply(session, suggestion.id, boss, "approved")
    async with session_factory(engine)() as session:
        suggestion = await session.scalar(select(Suggestion).where(Suggestion.message_id == card.message_id))
    assert suggestion.review_status == "approved"
    for _ in range(3):
        again = await assist.assist("什么时候发货")
        await assist.use_suggestion(again.message_id, [s.template_id for s in again.suggestions].index(least) + 1)
    assert (await assist.assist("什么时候发货")).suggestions[0].template_id == least


async def test_bad_input_gets_a_chinese_message(engine):
    assist = service(engine)
    with pytest.raises(MessageRejected) as rejected:
        await assist.assist("   ")
    assert str(rejected.value) == problem_message("empty")
    with pytest.raises(NotFoundError, match="找不到消息"):
        await assist.use_suggestion(999, 1)
    card = await assist.assist("什么时候发货")
    with pytest.raises(NotFoundError, match="第 9 条建议"):
        await assist.use_suggestion(card.message_id, 9)
    with pytest.raises(NotFoundError, match="找不到买家"):
        await assist.buyer_profile("没有这个人")
