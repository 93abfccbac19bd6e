"""Per-user flood protection (an outer update middleware): a token bucket, with one polite warning per burst."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, Update, User

from bot import texts


@dataclass
class _Bucket:
    tokens: float
    updated: float
    warned: bool = False


class ThrottlingMiddleware(BaseMiddleware):
    """Let each user send `burst` updates at once and `rate` per second after that.

    Forwarded messages are exempt: a forwarded batch is one conversation turn, not a flood.
    """

    def __init__(self, rate: float = 2.0, burst: int = 10) -> None:
        self.rate = rate
        self.burst = burst
        self._buckets: dict[int, _Bucket] = {}

    def allow(self, user_id: int, now: float) -> tuple[bool, bool]:
        """Take one token for `user_id`; return (allowed, warn_now)."""
        bucket = self._buckets.get(user_id)
        if bucket is None:
            bucket = self._buckets[user_id] = _Bucket(tokens=self.burst, updated=now)
        bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.updated) * self.rate)
        bucket.updated = now
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            bucket.warned = False
            return True, False
        warn = not bucket.warned
        bucket.warned = True
        return False, warn

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        user: User | None = data.get("event_from_user")
        message = event.message if isinstance(event, Update) else None
        if user is None or (message is not None and message.forward_origin is not None):
            return await handler(event, data)
        allowed, warn = self.allow(user.id, time.monotonic())
        if allowed:
            return await handler(event, data)
        if isinstance(event, Update) and event.callback_query is not None:
            await event.callback_query.answer(texts.THROTTLED)
        elif warn and message is not None:
            await message.answer(texts.THROTTLED)
        return None
