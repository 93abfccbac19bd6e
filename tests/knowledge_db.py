"""Test databases for the knowledge base: a SQLite file, and PostgreSQL when `XIAOER_TEST_PG_URL` is set.

Each PostgreSQL test gets a schema of its own, created by the migrations and dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine

from knowledge.db import create_engine, prepare

PG_URL = os.environ.get("XIAOER_TEST_PG_URL")

BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgresql", id="postgresql", marks=pytest.mark.skipif(not PG_URL, reason="XIAOER_TEST_PG_URL unset")),
]


async def ensure_pg_database() -> None:
    """Create the test database on the server when it does not exist yet."""
    target = make_url(PG_URL)
    server = create_engine(target.set(database="postgres").render_as_string(hide_password=False),
                           isolation_level="AUTOCOMMIT")
    try:
        async with server.connect() as connection:
            exists = await connection.scalar(
                text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": target.database}
            )
            if not exists:
                await connection.execute(text(f'CREATE DATABASE "{target.database}"'))
    finally:
        await server.dispose()


def pg_engine(schema: str) -> AsyncEngine:
    """An engine whose connections work inside `schema`."""
    return create_engine(PG_URL, connect_args={"server_settings": {"search_path": schema}})


@pytest.fixture(params=BACKENDS)
async def engine(request, tmp_path) -> AsyncIterator[AsyncEngine]:
    """A migrated engine holding the default knowledge, on each backend."""
    if request.param == "sqlite":
        engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'kb.db'}")
        await prepare(engine)
        yield engine
        await engine.dispose()
        return
    await ensure_pg_database()
    schema = "t_" + uuid.uuid4().hex[:12]
    admin = create_engine(PG_URL)
    async with admin.begin() as connection:
        await connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = pg_engine(schema)
    try:
        await prepare(engine)
        yield engine
    finally:
        await engine.dispose()
        async with admin.begin() as connection:
            await connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        await admin.dispose()


@pytest.fixture
def url(engine: AsyncEngine) -> str:
    """The URL of the test database, with its password."""
    return engine.url.render_as_string(hide_password=False)
