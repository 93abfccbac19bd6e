"""What the bot remembers per agent between updates (in FSM storage: memory or Redis).

The cards an agent was shown recently, so a button or a reply can be checked against the
agent's own cards (callback data is forgeable), and the buyer set with `/buyer`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from aiogram.fsm.context import FSMContext

RECENT_CARDS = 30


@dataclass(frozen=True, slots=True)
class CardMemory:
    """One card as the agent saw it: the assist message id, the Telegram message, the buyer, the replies."""

    message_id: int
    chat_message_id: int
    buyer: str | None
    suggestions: tuple[str, ...]


async def remember_card(state: FSMContext, card: CardMemory) -> None:
    cards: dict[str, dict] = (await state.get_data()).get("cards", {})
    cards[str(card.message_id)] = asdict(card)
    while len(cards) > RECENT_CARDS:
        cards.pop(next(iter(cards)))
    await state.update_data(cards=cards, last_card=card.message_id)


def _card(raw: dict | None) -> CardMemory | None:
    if raw is None:
        return None
    return CardMemory(raw["message_id"], raw["chat_message_id"], raw["buyer"], tuple(raw["suggestions"]))


async def recall_card(state: FSMContext, message_id: int) -> CardMemory | None:
    """The agent's own card with this assist message id, or None (expired or someone else's)."""
    return _card((await state.get_data()).get("cards", {}).get(str(message_id)))


async def card_replied_to(state: FSMContext, chat_message_id: int) -> CardMemory | None:
    """The agent's card shown in this Telegram message, or None."""
    cards = (await state.get_data()).get("cards", {}).values()
    return _card(next((raw for raw in cards if raw["chat_message_id"] == chat_message_id), None))


async def last_card(state: FSMContext) -> CardMemory | None:
    data = await state.get_data()
    return _card(data.get("cards", {}).get(str(data.get("last_card"))))


async def current_buyer(state: FSMContext) -> str | None:
    return (await state.get_data()).get("buyer")


async def set_current_buyer(state: FSMContext, nickname: str) -> None:
    await state.update_data(buyer=nickname)
