"""The last line of defence: log the failure and ask the agent to send again."""

from __future__ import annotations

import logging

from aiogram import Router
from aiogram.types import ErrorEvent

from bot import texts

logger = logging.getLogger(__name__)

router = Router(name="errors")


@router.errors()
async def apologise(event: ErrorEvent) -> None:
    """Any unhandled error (a database outage, a bug): keep the update id in the log, tell the agent."""
    logger.error("update %s failed", event.update.update_id, exc_info=event.exception)
    if event.update.message is not None:
        await event.update.message.answer(texts.TRY_AGAIN)
    elif event.update.callback_query is not None:
        await event.update.callback_query.answer(texts.TRY_AGAIN, show_alert=True)
