"""Shop reviews feed the tier rules: repeat buyers turn green, refused bad reviews turn black."""

import pytest

from knowledge.db import session_factory
from knowledge.errors import FieldError, NotFoundError
from knowledge.reviews import record_review, settle_bad_review, unhandled_reviews
from knowledge.staff import staff_member
from knowledge.tiers import buyer_by_nickname

pytest_plugins = ("knowledge_db",)  # the `engine` and `url` fixtures


async def test_two_good_reviews_make_a_repeat_buyer_green(engine):
    async with session_factory(engine).begin() as session:
        buyer = await buyer_by_nickname(session, "回头客")
        _, first = await record_review(session, buyer, "1001", "good", "很好")
        _, second = await record_review(session, buyer, "1002", "good", "又来了")
    assert (first.tier, second.tier) == ("blue", "green")


async def test_a_bad_review_is_orange_and_refusing_to_change_it_is_black(engine):
    async with session_factory(engine).begin() as session:
        agent = await staff_member(session, 1, "客服小李")
        buyer = await buyer_by_nickname(session, "难缠")
        review, decision = await record_review(session, buyer, "2001", "bad", "质量差")
        assert decision.tier == "orange"
        assert [r.id for r in await unhandled_reviews(session)] == [review.id]
        settled = await settle_bad_review(session, review.id, agent, buyer_changed_it=False)
        assert settled.tier == "black" and await unhandled_reviews(session) == []


async def test_a_changed_bad_review_becomes_good_and_does_not_blacklist(engine):
    async with session_factory(engine).begin() as session:
        agent = await staff_member(session, 1, "客服小李")
        buyer = await buyer_by_nickname(session, "讲理")
        review, _ = await record_review(session, buyer, "3001", "bad", "发货慢")
        settled = await settle_bad_review(session, review.id, agent, buyer_changed_it=True)
    assert review.rating == "good" and settled.tier == "orange"


async def test_bad_review_input_is_refused_clearly(engine):
    async with session_factory(engine).begin() as session:
        buyer = await buyer_by_nickname(session, "某人")
        agent = await staff_member(session, 1, "客服小李")
        with pytest.raises(FieldError, match="未知的评价"):
            await record_review(session, buyer, "1", "excellent")
        review, _ = await record_review(session, buyer, "4001", "good")
        with pytest.raises(NotFoundError, match="不是差评"):
            await settle_bad_review(session, review.id, agent, buyer_changed_it=False)
