"""Buyers: `/buyer 昵称` shows the profile and makes them the current buyer; `/tier` sets a tier by hand."""

from __future__ import annotations

import html

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.fsm.context import FSMContext
from aiogram.types import Message
from sqlalchemy.ext.asyncio import AsyncSession

from bot import texts
from bot.assist import AssistService
from bot.config import Settings
from bot.handlers.memory import set_current_buyer
from bot.handlers.sending import answer_in_parts
from bot.middlewares.access import HasRole
from bot.render import HTML, render_profile
from knowledge.errors import KnowledgeError, NotFoundError
from knowledge.staff import staff_member
from knowledge.texts import TIER_NAMES

router = Router(name="buyers")
router.message.filter(HasRole("agent"))


def tier_aliases() -> dict[str, str]:
    """Every way an agent may write a tier: `orange`, `橙`, `橙色`, `橙色·棘手客户`, `棘手客户`."""
    aliases: dict[str, str] = {}
    for key, name in TIER_NAMES.items():
        colour, _, label = name.partition("·")
        for alias in (key, name, colour, colour[:1], label):
            aliases[alias.lower()] = key
    return aliases


TIER_CHOICES = "、".join(name.partition("·")[0] for name in TIER_NAMES.values())


@router.message(Command("buyer"))
async def show_buyer(
    message: Message, command: CommandObject, state: FSMContext, assist: AssistService, settings: Settings
) -> None:
    nickname = (command.args or "").strip()
    if not nickname:
        await message.answer(texts.BUYER_USAGE)
        return
    await set_current_buyer(state, nickname)
    current = texts.BUYER_CURRENT.format(nickname=html.escape(nickname))
    try:
        profile = await assist.buyer_profile(nickname)
    except NotFoundError:
        await message.answer(texts.BUYER_UNKNOWN.format(nickname=html.escape(nickname)) + "\n" + current)
        return
    await answer_in_parts(message, render_profile(profile, settings.timezone, HTML) + "\n\n" + current)


@router.message(Command("tier"))
async def set_tier(
    message: Message, command: CommandObject, session: AsyncSession, role: str, assist: AssistService
) -> None:
    if not await HasRole("supervisor")(message, role):
        await message.answer(texts.NEEDS_SUPERVISOR)
        return
    parts = (command.args or "").split(maxsplit=2)
    if len(parts) < 3:
        await message.answer(texts.TIER_USAGE.format(colors=TIER_CHOICES))
        return
    nickname, colour, reason = parts
    tier = tier_aliases().get(colour.lower())
    if tier is None:
        await message.answer(texts.TIER_UNKNOWN.format(value=html.escape(colour), colors=TIER_CHOICES))
        return
    staff = await staff_member(session, message.from_user.id, message.from_user.full_name, role)
    await session.commit()
    try:
        view = await assist.set_tier(nickname, tier, staff, reason)
    except KnowledgeError as error:
        await message.answer(html.escape(str(error)))
        return
    await message.answer(texts.TIER_SET.format(nickname=html.escape(view.nickname), tier=view.tier_name))
