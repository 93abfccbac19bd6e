"""Telling every supervisor at once: floor alerts and the scheduled bad-review check."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from sqlalchemy.ext.asyncio import AsyncSession

from knowledge.staff_admin import supervisor_chats

logger = logging.getLogger(__name__)

Send = Callable[[int, str], Awaitable[object]]


async def tell_supervisors(session: AsyncSession, send: Send, text: str) -> int:
    """Send `text` to every active supervisor and admin; returns how many got it."""
    delivered = 0
    for chat_id in await supervisor_chats(session):
        try:
            await send(chat_id, text)
            delivered += 1
        except Exception:  # one unreachable supervisor must not keep the others from the news
            logger.exception("message to supervisor %s not delivered", chat_id)
    return delivered
