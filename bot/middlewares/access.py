"""Serve known staff only: resolve the sender's role on every update, refuse everyone else politely."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.filters import Filter
from aiogram.types import TelegramObject, Update, User

from bot import texts

ROLE_RANK: dict[str, int] = {"agent": 1, "supervisor": 2, "admin": 3}

RoleLookup = Callable[[int], Awaitable[str | None]]  # e.g. `knowledge.staff.StaffRoles`


def higher_role(first: str | None, second: str | None) -> str | None:
    """The more powerful of two roles (None means no role)."""
    return max((first, second), key=lambda role: ROLE_RANK.get(role or "", 0))


class AccessMiddleware(BaseMiddleware):
    """Outer update middleware: puts `role` into the handler data or answers "not registered".

    The role is the higher of the one granted by the environment and the one kept in the
    database (`lookup(telegram_id)`, which opens its own short session when it reads, so no
    connection is held while the update waits), checked again for every update, buttons included.
    """

    def __init__(self, environment_roles: dict[int, str], lookup: RoleLookup) -> None:
        self.environment_roles = environment_roles
        self.lookup = lookup

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        user: User | None = data.get("event_from_user")
        if user is None or user.is_bot:
            return None
        role = higher_role(self.environment_roles.get(user.id), await self.lookup(user.id))
        if role is None:
            await refuse(event)
            return None
        data["role"] = role
        return await handler(event, data)


async def refuse(update: TelegramObject) -> None:
    """Tell a stranger, in one line and nothing more, that they are not registered."""
    if not isinstance(update, Update):
        return
    if update.message is not None:
        await update.message.answer(texts.NOT_REGISTERED)
    elif update.callback_query is not None:
        await update.callback_query.answer(texts.NOT_REGISTERED, show_alert=True)


class HasRole(Filter):
    """Router or handler filter: the sender's role is at least `minimum`."""

    def __init__(self, minimum: str) -> None:
        self.minimum = minimum

    async def __call__(self, event: TelegramObject, role: str | None = None) -> bool:
        return ROLE_RANK.get(role or "", 0) >= ROLE_RANK[self.minimum]
