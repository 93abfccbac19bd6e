"""Greeting, /help by role, and the command menu registered with setMyCommands."""

from __future__ import annotations

import html

from aiogram import Bot, Router
from aiogram.filters import Command, CommandStart
from aiogram.types import BotCommand, BotCommandScopeChat, BotCommandScopeDefault, Message

from bot import texts
from bot.config import Settings
from bot.middlewares.access import ROLE_RANK, HasRole
from knowledge.texts import ROLE_NAMES

router = Router(name="common")
router.message.filter(HasRole("agent"))


def commands_for(role: str) -> list[BotCommand]:
    """The commands a role may use, in menu order."""
    return [
        BotCommand(command=name, description=description)
        for name, description in texts.COMMANDS.items()
        if ROLE_RANK[role] >= ROLE_RANK[texts.COMMAND_ROLES[name]]
    ]


async def set_commands(bot: Bot, settings: Settings) -> None:
    """Register the agent menu for everyone and the full menu in each supervisor's or admin's chat."""
    await bot.set_my_commands(commands_for("agent"), scope=BotCommandScopeDefault())
    for user_id, role in settings.roles_from_environment().items():
        if role != "agent":
            await bot.set_my_commands(commands_for(role), scope=BotCommandScopeChat(chat_id=user_id))


def help_text(role: str) -> str:
    """The help message for a role: usage, then the commands it may use."""
    lines = [texts.HELP_TITLE.format(role=ROLE_NAMES[role]), texts.HELP_USAGE, ""]
    lines += [f"/{command.command} — {command.description}" for command in commands_for(role)]
    return "\n".join(lines)


@router.message(CommandStart())
async def start(message: Message, role: str) -> None:
    name = html.escape(message.from_user.first_name) if message.from_user else ""
    await message.answer(texts.START.format(name=name) + "\n\n" + help_text(role))


@router.message(Command("help"))
async def show_help(message: Message, role: str) -> None:
    await message.answer(help_text(role))
