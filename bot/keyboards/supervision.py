"""Buttons of the supervisors' features: review-queue verdicts and settling bad reviews.

Callback data carries ids only; every handler checks the presser's role again.
"""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot import texts


class QueueAction(CallbackData, prefix="rq"):
    """A verdict on a queue item: `kind` r (an agent's reply) or t (a template revision)."""

    action: str  # approve, reject, promote
    kind: str
    item_id: int


class SettleReview(CallbackData, prefix="rs"):
    """A bad review followed up: the buyer changed it to good, or refused."""

    review_id: int
    changed: bool


def queue_keyboard(kind: str, item_id: int) -> InlineKeyboardMarkup:
    """Approve and reject; a reply can also become a template."""
    actions = [("approve", texts.BUTTON_APPROVE), ("reject", texts.BUTTON_REJECT)]
    if kind == "r":
        actions.append(("promote", texts.BUTTON_PROMOTE))
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(
                    text=label, callback_data=QueueAction(action=action, kind=kind, item_id=item_id).pack()
                )
                for action, label in actions
            ]
        ]
    )


def settle_keyboard(review_ids: list[int]) -> InlineKeyboardMarkup:
    """For each unhandled bad review: changed to good, or refused."""
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(
                    text=texts.BUTTON_REVIEW_CHANGED.format(id=review_id),
                    callback_data=SettleReview(review_id=review_id, changed=True).pack(),
                ),
                InlineKeyboardButton(
                    text=texts.BUTTON_REVIEW_REFUSED.format(id=review_id),
                    callback_data=SettleReview(review_id=review_id, changed=False).pack(),
                ),
            ]
            for review_id in review_ids
        ]
    )
