"""Test databases for the knowledge base: a SQLite file, and PostgreSQL when `XIAOER_TEST_PG_URL` is set.

Each PostgreSQL test gets a database of its own on that server (named after the
URL's database), brought up by the migrations and dropped afterwards, so the
command line can reach it through `DATABASE_URL` too.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.ext.asyncio import AsyncEngine

from knowledge.db import create_engine, prepare

PG_URL = os.environ.get("XIAOER_TEST_PG_URL")

BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param(
        "postgresql", id="postgresql", marks=pytest.mark.skipif(not PG_URL, reason="XIAOER_TEST_PG_URL unset")
    ),
]


async def _on_server(statement: str) -> None:
    """Run one statement outside a transaction on the test server's maintenance database."""
    server = create_engine(
        make_url(PG_URL).set(database="postgres").render_as_string(hide_password=False), isolation_level="AUTOCOMMIT"
    )
    try:
        async with server.connect() as connection:
            await connection.execute(text(statement))
    finally:
        await server.dispose()


@pytest.fixture(params=BACKENDS)
async def engine(request, tmp_path) -> AsyncIterator[AsyncEngine]:
    """A migrated engine holding the default knowledge, on each backend."""
    if request.param == "sqlite":
        url: URL | str = f"sqlite+aiosqlite:///{tmp_path / 'kb.db'}"
    else:
        name = f"{make_url(PG_URL).database}_{uuid.uuid4().hex[:10]}"
        await _on_server(f'CREATE DATABASE "{name}"')
        url = make_url(PG_URL).set(database=name)
    engine = create_engine(url if isinstance(url, str) else url.render_as_string(hide_password=False))
    try:
        await prepare(engine)
        yield engine
    finally:
        await engine.dispose()
        if request.param == "postgresql":
            await _on_server(f'DROP DATABASE "{name}" WITH (FORCE)')


@pytest.fixture
def url(engine: AsyncEngine) -> str:
    """The URL of the test database, with its password."""
    return engine.url.render_as_string(hide_password=False)
