"""The answer card's buttons: use a reply, more suggestions, not this intent, flag the buyer."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot import texts
from nlp.intents import INTENTS
from nlp.texts import INTENT_NAMES


class CardAction(CallbackData, prefix="card"):
    """A button under a card: `action` is use, more, wrong or flag; `number` counts suggestions from 1."""

    action: str
    message_id: int
    number: int = 0


class IntentPick(CallbackData, prefix="intent"):
    """The right intent picked after "not this intent"; `intent` is an ASCII key, never a name."""

    message_id: int
    intent: str


def card_keyboard(message_id: int, numbers: range, more: bool, flag: bool) -> InlineKeyboardMarkup:
    """Use buttons for the suggestions shown, then more / not this intent / flag as tricky."""
    builder = InlineKeyboardBuilder()
    for number in numbers:
        builder.button(
            text=texts.BUTTON_USE.format(number=number),
            callback_data=CardAction(action="use", message_id=message_id, number=number),
        )
    extras = [("wrong", texts.BUTTON_WRONG_INTENT)]
    if more:
        extras.insert(0, ("more", texts.BUTTON_MORE))
    if flag:
        extras.append(("flag", texts.BUTTON_FLAG))
    for action, label in extras:
        builder.button(text=label, callback_data=CardAction(action=action, message_id=message_id))
    builder.adjust(max(len(numbers), 1), len(extras))
    return builder.as_markup()


def intent_keyboard(message_id: int) -> InlineKeyboardMarkup:
    """Every intent by its Chinese name, two per row."""
    builder = InlineKeyboardBuilder()
    for intent in INTENTS:
        builder.button(text=INTENT_NAMES[intent], callback_data=IntentPick(message_id=message_id, intent=intent))
    builder.adjust(2)
    return builder.as_markup()
