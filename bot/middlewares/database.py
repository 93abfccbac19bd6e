"""Database access for the bot: one session per update, and write transactions that take turns on SQLite."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker


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


class DbSessionMiddleware(BaseMiddleware):
    """Outer update middleware opening a session for the update and closing it afterwards."""

    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession] | SerialWrites) -> None:
        self.sessionmaker = sessionmaker

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        async with self.sessionmaker() as session:
            data["session"] = session
            return await handler(event, data)
