"""Everything that is not a buyer message: stickers, media, files, edits, unknown commands."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import CallbackQuery, Message

from bot import texts
from bot.filters import OnLoop
from bot.middlewares.access import HasRole

router = Router(name="content")
router.message.filter(HasRole("agent"))
router.edited_message.filter(HasRole("agent"))
router.callback_query.filter(HasRole("agent"))


@router.edited_message()
async def edited(message: Message) -> None:
    await message.answer(texts.EDITED)


@router.message(OnLoop(F.text.startswith("/")))
async def unknown_command(message: Message) -> None:
    await message.answer(texts.UNKNOWN_COMMAND)


@router.message(OnLoop(~F.text))
async def not_text(message: Message) -> None:
    await message.answer(texts.NON_TEXT)


@router.callback_query()
async def stale_button(query: CallbackQuery) -> None:
    await query.answer(texts.BUTTON_EXPIRED, show_alert=True)
