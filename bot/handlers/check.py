"""Checking an agent's own draft: `/check 草稿`, or a reply to a card with the agent's wording."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.fsm.context import FSMContext
from aiogram.types import Message

from bot import texts
from bot.assist import AssistService
from bot.filters import OnLoop
from bot.handlers.memory import CardMemory, card_replied_to, last_card
from bot.handlers.sending import answer_in_parts
from bot.middlewares.access import HasRole
from bot.render import HTML, render_check

router = Router(name="check")
router.message.filter(HasRole("agent"))


async def check_and_store(message: Message, draft: str, card: CardMemory | None, assist: AssistService) -> None:
    """Run the checker; with a card, store the draft and its score for supervisor review."""
    if card is None:
        await answer_in_parts(message, render_check(assist.checker(draft), HTML))
        return
    check = await assist.submit_reply(card.message_id, draft)
    await answer_in_parts(message, render_check(check, HTML) + "\n\n" + texts.CHECK_SAVED)


@router.message(Command("check"))
async def check_command(message: Message, command: CommandObject, state: FSMContext, assist: AssistService) -> None:
    draft = (command.args or "").strip()
    if not draft:
        await message.answer(texts.CHECK_USAGE)
        return
    await check_and_store(message, draft, await last_card(state), assist)


async def _replied_card(message: Message, state: FSMContext) -> dict[str, CardMemory] | bool:
    """Filter: the message replies to one of the agent's cards (handed to the handler as `card`)."""
    card = await card_replied_to(state, message.reply_to_message.message_id)
    return {"card": card} if card is not None else False


@router.message(OnLoop(F.text & F.reply_to_message), _replied_card)
async def draft_reply(message: Message, card: CardMemory, assist: AssistService) -> None:
    await check_and_store(message, message.text or "", card, assist)
