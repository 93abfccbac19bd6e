"""Database access for the bot: one session per update (write transactions queue through `SerialWrites`)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from knowledge.db import SerialWrites

__all__ = ["DbSessionMiddleware", "SerialWrites"]  # SerialWrites lives in knowledge.db; handlers import it here


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
