"""Agents' intent corrections ("not this intent") as training examples for `xiaoer train`."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from knowledge.models import Message


async def intent_corrections(sessions: async_sessionmaker[AsyncSession]) -> list[tuple[str, str]]:
    """(message text, corrected intent) of every corrected message whose text is still kept, oldest first."""
    async with sessions() as session:
        rows = await session.execute(
            select(Message.text, Message.corrected_intent)
            .where(Message.corrected_intent.is_not(None), Message.text.is_not(None))
            .order_by(Message.id)
        )
        return [(text, intent) for text, intent in rows]
