"""The bot's feature routers, in the order they are tried."""

from __future__ import annotations

from aiogram import Router

from bot.handlers import buyers, card, check, common, content, errors, kb_edit, review_queue, reviews, staff, stats


def get_routers() -> list[Router]:
    """Specific commands first, the buyer-message catch-all after them, fallbacks last."""
    return [
        errors.router,
        common.router,
        review_queue.router,
        kb_edit.router,
        reviews.router,
        staff.router,
        stats.router,
        check.router,
        buyers.router,
        card.router,
        content.router,
    ]
