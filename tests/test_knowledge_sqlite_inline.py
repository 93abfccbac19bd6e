"""SQLite on the event loop: no worker thread, and a locked database is waited for without blocking the loop."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from pathlib import Path

import pytest
from sqlalchemy import text

from knowledge import sqlite_inline
from knowledge.db import create_engine


@pytest.fixture
async def engine(tmp_path: Path):
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'inline.db'}")
    async with engine.begin() as connection:
        await connection.execute(text("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)"))
    yield engine
    await engine.dispose()


def hold_write_lock(engine) -> sqlite3.Connection:
    """Another connection (as another process would) taking SQLite's write lock and keeping it."""
    holder = sqlite3.connect(engine.url.database, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT INTO notes (body) VALUES ('held')")
    return holder


async def test_statements_run_without_a_worker_thread(engine):
    threads = threading.active_count()
    async with engine.begin() as connection:
        await connection.execute(text("INSERT INTO notes (body) VALUES ('亲，您好')"))
    async with engine.connect() as connection:
        assert (await connection.execute(text("SELECT body FROM notes"))).scalars().all() == ["亲，您好"]
    assert threading.active_count() == threads


async def test_a_locked_database_is_waited_for_while_the_loop_keeps_running(engine):
    holder = hold_write_lock(engine)
    ticks = 0

    async def tick_until(done: asyncio.Event) -> None:
        nonlocal ticks
        while not done.is_set():
            ticks += 1
            await asyncio.sleep(0.01)

    async def release_later() -> None:
        await asyncio.sleep(0.3)
        holder.execute("COMMIT")

    written = asyncio.Event()
    ticker = asyncio.create_task(tick_until(written))
    releaser = asyncio.create_task(release_later())
    async with engine.begin() as connection:
        await connection.execute(text("INSERT INTO notes (body) VALUES ('after the lock')"))
    written.set()
    await asyncio.gather(ticker, releaser)
    holder.close()
    assert ticks >= 10  # the loop ran other work while the write waited about 0.3 s
    async with engine.connect() as connection:
        bodies = (await connection.execute(text("SELECT body FROM notes ORDER BY id"))).scalars().all()
    assert bodies == ["held", "after the lock"]


async def test_a_lock_held_too_long_fails_with_database_is_locked(engine, monkeypatch):
    monkeypatch.setattr(sqlite_inline, "BUSY_TIMEOUT_SECONDS", 0.2)
    holder = hold_write_lock(engine)
    try:
        with pytest.raises(Exception, match="database is locked"):
            async with engine.begin() as connection:
                await connection.execute(text("INSERT INTO notes (body) VALUES ('too late')"))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
