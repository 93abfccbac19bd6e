"""The answer card's buttons: use a reply, more suggestions, not this intent, flag the buyer.

Built directly: InlineKeyboardBuilder took five times as long (about 1 ms per card here).
"""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

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
    uses = [
        InlineKeyboardButton(
            text=texts.BUTTON_USE.format(number=number),
            callback_data=CardAction(action="use", message_id=message_id, number=number).pack(),
        )
        for number in numbers
    ]
    extras = [("more", texts.BUTTON_MORE)] if more else []
    extras.append(("wrong", texts.BUTTON_WRONG_INTENT))
    if flag:
        extras.append(("flag", texts.BUTTON_FLAG))
    actions = [
        InlineKeyboardButton(text=label, callback_data=CardAction(action=action, message_id=message_id).pack())
        for action, label in extras
    ]
    return InlineKeyboardMarkup(inline_keyboard=[row for row in (uses, actions) if row])


def intent_keyboard(message_id: int) -> InlineKeyboardMarkup:
    """Every intent by its Chinese name, two per row."""
    buttons = [
        InlineKeyboardButton(
            text=INTENT_NAMES[intent], callback_data=IntentPick(message_id=message_id, intent=intent).pack()
        )
        for intent in INTENTS
    ]
    return InlineKeyboardMarkup(inline_keyboard=[buttons[i : i + 2] for i in range(0, len(buttons), 2)])
