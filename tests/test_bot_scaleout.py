"""The scale-out path end to end: FSM storage and event isolation in Redis (`REDIS_URL`).

Runs when `XIAOER_TEST_REDIS_URL` points at a real Redis (CI sets redis://127.0.0.1:6379/0).
"""

from __future__ import annotations

import os
import random

import pytest
import redis
from fake_telegram import BotProcess, FakeTelegram, callback, message, sent_message

REDIS_URL = os.environ.get("XIAOER_TEST_REDIS_URL")
pytestmark = pytest.mark.skipif(not REDIS_URL, reason="XIAOER_TEST_REDIS_URL is not set")


def test_card_buttons_and_draft_replies_work_with_redis_storage(tmp_path):
    agent = random.randrange(10**9, 2 * 10**9)  # fresh FSM keys in a shared Redis
    server = FakeTelegram().start()
    process = BotProcess(server, tmp_path, XIAOER_AGENT_IDS=str(agent), REDIS_URL=REDIS_URL)
    try:
        process.wait_ready()
        server.inject(message(agent, "/buyer 红姐"))
        server.wait_for_messages(agent, 1)
        server.inject(message(agent, "这件能便宜点吗"))
        card = server.wait_for_messages(agent, 2)[-1]
        assert "买家：红姐" in card.text  # the current buyer came back from Redis
        use = next(b["callback_data"] for b in card.buttons() if b["callback_data"].startswith("card:use:"))
        server.inject(callback(agent, use, sent_message(card)))
        server.wait_for_messages(agent, 3)
        server.inject(message(agent, "亲，可以的，给您包邮", reply_to_message=sent_message(card)))
        assert "草稿检查" in server.wait_for_messages(agent, 4)[-1].text
        keys = redis.Redis.from_url(REDIS_URL).keys(f"fsm:*:{agent}:*")
        assert keys  # the agent's memory really lives in Redis
        redis.Redis.from_url(REDIS_URL).delete(*keys)
    finally:
        assert process.stop() == 0
        server.stop()
