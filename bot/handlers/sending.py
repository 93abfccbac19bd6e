"""Sending answers of any length: split under Telegram's 4096 characters, buttons on the last part."""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup, Message

from bot.render import split_message


async def answer_in_parts(message: Message, text: str, reply_markup: InlineKeyboardMarkup | None = None) -> Message:
    """Answer `message` with `text` in as many messages as it takes; return the last one sent."""
    parts = split_message(text)
    for part in parts[:-1]:
        await message.answer(part)
    return await message.answer(parts[-1], reply_markup=reply_markup)
