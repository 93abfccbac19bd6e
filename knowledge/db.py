"""Where the database is, how to connect, and bringing its schema up to date."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from sqlalchemy import Connection, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from knowledge.migrations import HEAD
from knowledge.sqlite_inline import inline_creator

MIGRATIONS = "knowledge:migrations"


def data_dir() -> Path:
    """The user's data directory for xiaoer: `$XIAOER_HOME`, else `$XDG_DATA_HOME/xiaoer`."""
    if home := os.environ.get("XIAOER_HOME"):
        return Path(home)
    xdg = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(xdg) / "xiaoer"


def database_url(url: str | None = None) -> str:
    """`url`, else `DATABASE_URL`, else a SQLite file in the data dir; plain PostgreSQL/SQLite URLs get the async driver.

    Every way of naming the database (environment, the bot's settings or `.env`, a command-line
    option) goes through here, so `postgres://...` from a hosting provider works everywhere.
    """
    url = url or os.environ.get("DATABASE_URL")
    if not url:
        return f"sqlite+aiosqlite:///{data_dir() / 'xiaoer.db'}"
    for plain, driver in (
        ("postgres://", "postgresql+asyncpg://"),
        ("postgresql://", "postgresql+asyncpg://"),
        ("sqlite://", "sqlite+aiosqlite://"),
    ):
        if url.startswith(plain):
            return driver + url.removeprefix(plain)
    return url


def _configure_sqlite(dbapi_connection, _record) -> None:
    """Foreign keys on; write-ahead log so the bot and the command line can share a file."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def create_engine(url: str | None = None, **options) -> AsyncEngine:
    """An async engine for `database_url(url)`; SQLite (its folder created) runs on the event loop: `sqlite_inline`."""
    url = database_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    if parsed.get_backend_name() != "sqlite":
        return create_async_engine(url, **options)
    engine = create_async_engine(url, async_creator=inline_creator(parsed), **options)
    event.listen(engine.sync_engine, "connect", _configure_sqlite)
    return engine


def _at_head(connection: Connection) -> bool:
    """True when the schema is already at the newest migration (checked without importing Alembic)."""
    if not inspect(connection).has_table("alembic_version"):
        return False
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == [HEAD]


def _run_migrations(connection: Connection, revision: str) -> None:
    from alembic import command  # imported only when there is work: it costs most of a second
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", MIGRATIONS)
    config.attributes["connection"] = connection
    command.upgrade(config, revision)


async def upgrade(engine: AsyncEngine, revision: str = "head") -> None:
    """Apply every Alembic migration up to `revision`."""
    async with engine.begin() as connection:
        if revision == "head" and await connection.run_sync(_at_head):
            return
        await connection.run_sync(_run_migrations, revision)


class SerialWrites:
    """A sessionmaker whose `begin()` transactions run one at a time within this process.

    SQLite has a single writer, and two transactions that read and then write fail at once
    with "database is locked" instead of waiting; queueing them in the event loop avoids that.
    Plain `sessions()` (reads) are not queued. Servers such as PostgreSQL need no queue.
    """

    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession], serialise: bool) -> None:
        self.sessionmaker = sessionmaker
        self._turn = asyncio.Lock() if serialise else None

    def __call__(self) -> AsyncSession:
        return self.sessionmaker()

    @asynccontextmanager
    async def begin(self) -> AsyncIterator[AsyncSession]:
        if self._turn is None:
            async with self.sessionmaker.begin() as session:
                yield session
            return
        async with self._turn, self.sessionmaker.begin() as session:
            yield session


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions that keep loaded objects usable after commit."""
    return async_sessionmaker(engine, expire_on_commit=False)


async def prepare(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Bring the schema up to date and load the default knowledge into an empty database."""
    from knowledge.defaults import ensure_defaults

    await upgrade(engine)
    sessions = session_factory(engine)
    async with sessions.begin() as session:
        await ensure_defaults(session)
    return sessions


@asynccontextmanager
async def open_database(url: str | None = None) -> AsyncIterator[SerialWrites]:
    """Sessions on an up-to-date database (`database_url(url)`), writes queued on SQLite, disposed of on exit."""
    engine = create_engine(url)
    try:
        yield SerialWrites(await prepare(engine), serialise=engine.dialect.name == "sqlite")
    finally:
        await engine.dispose()
