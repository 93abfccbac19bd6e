"""The scale-out path end to end: FSM storage and event isolation in Redis, the database on PostgreSQL.

Runs when `XIAOER_TEST_REDIS_URL` / `XIAOER_TEST_PG_URL` point at real servers (CI sets both).
"""

from __future__ import annotations

import os
import random

import pytest
import redis
from fake_telegram import BotProcess, FakeTelegram, callback, message, sent_message

REDIS_URL = os.environ.get("XIAOER_TEST_REDIS_URL")


@pytest.mark.skipif(not REDIS_URL, reason="XIAOER_TEST_REDIS_URL is not set")
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


PG_URL = os.environ.get("XIAOER_TEST_PG_URL")


@pytest.fixture
def pg_database():
    """A fresh PostgreSQL database for one bot process, dropped afterwards."""
    if not PG_URL:
        pytest.skip("XIAOER_TEST_PG_URL is not set")
    import asyncio

    import asyncpg
    from sqlalchemy.engine import make_url

    server = make_url(PG_URL)
    name = f"xiaoer_bot_{random.randrange(16**8):08x}"

    async def admin(statement: str) -> None:
        connection = await asyncpg.connect(
            host=server.host, port=server.port, user=server.username, password=server.password, database=server.database
        )
        try:
            await connection.execute(statement)
        finally:
            await connection.close()

    asyncio.run(admin(f'CREATE DATABASE "{name}"'))
    yield server.set(database=name).render_as_string(hide_password=False)
    asyncio.run(admin(f'DROP DATABASE "{name}" WITH (FORCE)'))


def test_fifty_agents_at_once_on_postgresql(tmp_path, pg_database):
    crowd = list(range(7001, 7051))
    server = FakeTelegram().start()
    process = BotProcess(server, tmp_path, XIAOER_AGENT_IDS=",".join(map(str, crowd)), DATABASE_URL=pg_database)
    try:
        process.wait_ready()
        for agent in crowd:
            server.inject(message(agent, f"买家{agent}：这件能便宜点吗？"))
        server.wait_for(
            lambda calls: {c.chat_id for c in calls if c.method == "sendMessage" and "意图" in c.text} >= set(crowd),
            timeout=60,
        )
        assert all(f"买家{agent}" in server.calls_of("sendMessage", agent)[0].text for agent in crowd)
    finally:
        assert process.stop() == 0, process.output()
        server.stop()
