"""Forwarded batches: messages an agent forwards at once arrive as separate updates, a moment apart.

They are gathered per agent until none has arrived for `window` seconds, then answered as one
conversation turn. The answer runs outside the update that started the batch (so the per-user
event lock is free for the rest of the batch) and is counted as in flight for shutdown.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from aiogram.types import Message, MessageOriginChannel, MessageOriginChat, MessageOriginHiddenUser, MessageOriginUser

from bot import texts

logger = logging.getLogger(__name__)

BATCH_WINDOW_SECONDS = 0.8


def origin_name(message: Message) -> str | None:
    """Who wrote a forwarded message, as far as Telegram tells."""
    origin = message.forward_origin
    if isinstance(origin, MessageOriginUser):
        return origin.sender_user.full_name
    if isinstance(origin, MessageOriginHiddenUser):
        return origin.sender_user_name
    if isinstance(origin, (MessageOriginChat, MessageOriginChannel)):
        chat = origin.sender_chat if isinstance(origin, MessageOriginChat) else origin.chat
        return chat.title or chat.full_name
    return None


class ForwardedBatches:
    """Per agent, the forwarded messages received so far and when the last one came."""

    def __init__(self, window: float = BATCH_WINDOW_SECONDS) -> None:
        self.window = window
        self._pending: dict[int, list[Message]] = {}
        self._last: dict[int, float] = {}

    def add(self, user_id: int, message: Message) -> bool:
        """Add a message; True when it opens a new batch (the caller then schedules the answer)."""
        opens = user_id not in self._pending
        self._pending.setdefault(user_id, []).append(message)
        self._last[user_id] = asyncio.get_running_loop().time()
        return opens

    async def answer_when_complete(
        self, user_id: int, answer: Callable[[list[Message]], Awaitable[None]], first: Message
    ) -> None:
        """Wait for a quiet `window`, then answer the whole batch; failures get the usual apology."""
        loop = asyncio.get_running_loop()
        while (quiet := loop.time() - self._last[user_id]) < self.window:
            await asyncio.sleep(self.window - quiet)
        batch = self._pending.pop(user_id)
        del self._last[user_id]
        try:
            await answer(sorted(batch, key=lambda m: m.message_id))
        except Exception:
            logger.exception("forwarded batch of user %s failed", user_id)
            await first.answer(texts.TRY_AGAIN)
