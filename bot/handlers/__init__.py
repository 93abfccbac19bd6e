"""The bot's feature routers, in the order they are tried."""

from __future__ import annotations

from aiogram import Router

from bot.handlers import buyers, card, check, common, content, errors


def get_routers() -> list[Router]:
    """Specific commands first, the buyer-message catch-all after them, fallbacks last."""
    return [errors.router, common.router, check.router, buyers.router, card.router, content.router]
