"""`/staff` for admins: list the team, add someone, change a role, deactivate (access ends at once)."""

from __future__ import annotations

import html

from aiogram import Bot, F, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import BotCommandScopeChat, Message
from sqlalchemy.ext.asyncio import AsyncSession

from bot import texts
from bot.config import Settings
from bot.filters import OnLoop
from bot.handlers.common import commands_for
from bot.handlers.sending import answer_in_parts
from bot.middlewares.access import HasRole
from bot.middlewares.database import SerialWrites
from knowledge.errors import KnowledgeError
from knowledge.models import ROLES
from knowledge.staff import staff_member
from knowledge.staff_admin import add_staff, change_role, deactivate, team
from knowledge.texts import ROLE_NAMES

router = Router(name="staff")
router.message.filter(HasRole("agent"))

ROLE_CHOICES = "、".join(f"{key}（{name}）" for key, name in ROLE_NAMES.items())


def role_of(value: str) -> str | None:
    """A role from its key or Chinese name."""
    value = value.strip().lower()
    return value if value in ROLES else next((key for key, name in ROLE_NAMES.items() if name == value), None)


async def _list(message: Message, session: AsyncSession) -> None:
    people = await team(session)
    lines = [texts.STAFF_LIST_TITLE.format(count=len(people))]
    lines += [
        texts.STAFF_LINE.format(
            name=html.escape(p.name),
            telegram_id=p.telegram_id,
            role=ROLE_NAMES[p.role],
            inactive="" if p.active else texts.STAFF_INACTIVE,
        )
        for p in people
    ]
    await answer_in_parts(message, "\n".join(lines))


@router.message(Command("staff"), OnLoop(F.text))
async def staff_command(
    message: Message,
    command: CommandObject,
    session: AsyncSession,
    sessions: SerialWrites,
    role: str,
    bot: Bot,
    settings: Settings,
) -> None:
    if not await HasRole("admin")(message, role):
        await message.answer(texts.NEEDS_ADMIN)
        return
    args = (command.args or "").split(maxsplit=3)
    if not args:
        await _list(message, session)
        return
    action = args[0].lower()
    if action not in ("add", "role", "off") or len(args) < 2 or (action != "off" and len(args) < 3):
        await message.answer(texts.STAFF_USAGE.format(roles=ROLE_CHOICES))
        return
    if not args[1].lstrip("-").isdigit():
        await message.answer(texts.STAFF_BAD_ID.format(value=html.escape(args[1])))
        return
    telegram_id = int(args[1])
    if action != "add" and telegram_id in settings.roles_from_environment():
        # the environment's grant outranks the database: changing the record would not take effect
        await message.answer(texts.STAFF_FROM_ENVIRONMENT.format(telegram_id=telegram_id))
        return
    new_role = role_of(args[2]) if action != "off" else None
    if action != "off" and new_role is None:
        await message.answer(texts.STAFF_BAD_ROLE.format(value=html.escape(args[2]), roles=ROLE_CHOICES))
        return
    try:
        async with sessions.begin() as write:
            actor = await staff_member(write, message.from_user.id, message.from_user.full_name, role)
            if action == "add":
                person = await add_staff(write, actor, telegram_id, args[3] if len(args) > 3 else "", new_role)
                done = texts.STAFF_ADDED.format(
                    name=html.escape(person.name), telegram_id=telegram_id, role=ROLE_NAMES[new_role]
                )
            elif action == "role":
                await change_role(write, actor, telegram_id, new_role)
                done = texts.STAFF_ROLE_CHANGED.format(telegram_id=telegram_id, role=ROLE_NAMES[new_role])
            else:
                await deactivate(write, actor, telegram_id)
                done = texts.STAFF_DEACTIVATED.format(telegram_id=telegram_id)
    except KnowledgeError as error:
        await message.answer(html.escape(str(error)))
        return
    scope = BotCommandScopeChat(chat_id=telegram_id)
    if new_role is None:
        await bot.delete_my_commands(scope=scope)
    else:
        await bot.set_my_commands(commands_for(new_role), scope=scope)  # their menu matches the new role
    await message.answer(done)
