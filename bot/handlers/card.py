"""The answer card: a pasted buyer message in, intent, mood, tier, risk and replies out; its buttons."""

from __future__ import annotations

import html
from dataclasses import replace

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot import texts
from bot.assist import AssistService
from bot.filters import OnLoop
from bot.handlers.forwarded import ForwardedBatches, origin_name
from bot.handlers.memory import CardMemory, current_buyer, recall_card, remember_card
from bot.handlers.sending import answer_in_parts
from bot.keyboards.card import CardAction, IntentPick, card_keyboard, intent_keyboard
from bot.middlewares.access import HasRole
from bot.middlewares.inflight import InFlightMiddleware
from bot.paste import Paste, parse_paste
from bot.render import HTML, render_card, suggestion_lines
from knowledge.errors import KnowledgeError
from knowledge.models import Staff
from knowledge.staff import StaffDirectory
from nlp.texts import INTENT_NAMES

SHOWN = 3

router = Router(name="card")
router.message.filter(HasRole("agent"))
router.callback_query.filter(HasRole("agent"))


def card_buttons(message_id: int, suggestions: int, has_buyer: bool, more: bool) -> InlineKeyboardMarkup:
    """The card's keyboard: use buttons for the replies on the card, "more" only when there may be more."""
    numbers = range(1, min(SHOWN, suggestions) + 1)
    return card_keyboard(message_id, numbers, more=more, flag=has_buyer)


async def answer_card(message: Message, paste: Paste, agent: Staff, state: FSMContext, assist: AssistService) -> None:
    """Analyse one turn, answer with its card and buttons, and remember the card for them."""
    try:
        card = await assist.assist(paste.text, paste.nickname, agent, k=SHOWN)
    except KnowledgeError as error:
        await message.answer(html.escape(str(error)))
        return
    keyboard = card_buttons(card.message_id, len(card.suggestions), card.buyer is not None, card.more)
    sent = await answer_in_parts(message, render_card(card, SHOWN, HTML), keyboard)
    memory = CardMemory(card.message_id, sent.message_id, paste.nickname, tuple(s.text for s in card.suggestions))
    await remember_card(state, memory)


@router.message(OnLoop(F.forward_origin))
async def forwarded_message(
    message: Message,
    state: FSMContext,
    role: str,
    staff: StaffDirectory,
    assist: AssistService,
    batches: ForwardedBatches,
    inflight: InFlightMiddleware,
) -> None:
    """A forwarded batch arrives as separate updates: gather them, then answer one card for all."""

    async def answer_batch(batch: list[Message]) -> None:
        lines = [m.text or m.caption for m in batch if m.text or m.caption]
        if not lines:
            await message.answer(texts.NON_TEXT)
            return
        origins = {origin_name(m) for m in batch}
        paste = parse_paste("\n".join(lines), await current_buyer(state))
        if len(origins) == 1 and None not in origins:
            paste = Paste(origins.pop(), paste.text)
        agent = await staff.member(message.from_user.id, message.from_user.full_name, role)
        await answer_card(message, paste, agent, state, assist)

    if batches.add(message.from_user.id, message):
        inflight.spawn(batches.answer_when_complete(message.from_user.id, answer_batch, message))


@router.message(OnLoop(F.text & ~F.text.startswith("/")))
async def buyer_message(
    message: Message, state: FSMContext, role: str, staff: StaffDirectory, assist: AssistService
) -> None:
    paste = parse_paste(message.text or "", await current_buyer(state))
    agent = await staff.member(message.from_user.id, message.from_user.full_name, role)
    await answer_card(message, paste, agent, state, assist)


async def replace_buttons(query: CallbackQuery, keyboard: InlineKeyboardMarkup) -> None:
    """Swap the buttons under the card pressed (by chat and message id: old cards are "inaccessible")."""
    await query.bot.edit_message_reply_markup(
        chat_id=query.message.chat.id, message_id=query.message.message_id, reply_markup=keyboard
    )


@router.callback_query(CardAction.filter(F.action == "use"))
async def use_reply(query: CallbackQuery, callback_data: CardAction, state: FSMContext, assist: AssistService) -> None:
    card = await recall_card(state, callback_data.message_id)
    if card is None or not 1 <= callback_data.number <= len(card.suggestions):
        await query.answer(texts.BUTTON_EXPIRED, show_alert=True)
        return
    await assist.use_suggestion(card.message_id, callback_data.number)
    await query.message.answer(html.escape(card.suggestions[callback_data.number - 1]))
    await query.answer(texts.USED.format(number=callback_data.number))


@router.callback_query(CardAction.filter(F.action == "more"))
async def more_replies(
    query: CallbackQuery, callback_data: CardAction, state: FSMContext, assist: AssistService
) -> None:
    """The next replies, numbered after those already shown, recorded as shown and remembered for their buttons."""
    card = await recall_card(state, callback_data.message_id)
    if card is None:
        await query.answer(texts.BUTTON_EXPIRED, show_alert=True)
        return
    extra = [s.text for s in await assist.more_suggestions(card.message_id, SHOWN)]
    if not extra:
        await query.answer(texts.NO_MORE)
        return
    first = len(card.suggestions) + 1
    await remember_card(state, replace(card, suggestions=card.suggestions + tuple(extra)))
    keyboard = card_keyboard(card.message_id, range(first, first + len(extra)), more=False, flag=False)
    await query.message.answer(
        "\n".join([texts.CARD_SUGGESTIONS, *suggestion_lines(extra, first, HTML)]), reply_markup=keyboard
    )
    await query.answer()


@router.callback_query(CardAction.filter(F.action == "wrong"))
async def pick_intent(query: CallbackQuery, callback_data: CardAction, state: FSMContext) -> None:
    if await recall_card(state, callback_data.message_id) is None:
        await query.answer(texts.BUTTON_EXPIRED, show_alert=True)
        return
    await replace_buttons(query, intent_keyboard(callback_data.message_id))
    await query.answer(texts.PICK_INTENT)


@router.callback_query(IntentPick.filter())
async def correct_intent(
    query: CallbackQuery, callback_data: IntentPick, state: FSMContext, assist: AssistService
) -> None:
    card = await recall_card(state, callback_data.message_id)
    if card is None or callback_data.intent not in INTENT_NAMES:
        await query.answer(texts.BUTTON_EXPIRED, show_alert=True)
        return
    await assist.correct_intent(card.message_id, callback_data.intent)
    keyboard = card_buttons(card.message_id, len(card.suggestions), card.buyer is not None, more=True)
    await replace_buttons(query, keyboard)
    await query.answer(texts.CORRECTION_SAVED.format(intent=INTENT_NAMES[callback_data.intent]), show_alert=True)


@router.callback_query(CardAction.filter(F.action == "flag"))
async def flag_buyer(
    query: CallbackQuery,
    callback_data: CardAction,
    state: FSMContext,
    staff: StaffDirectory,
    role: str,
    assist: AssistService,
) -> None:
    card = await recall_card(state, callback_data.message_id)
    if card is None:
        await query.answer(texts.BUTTON_EXPIRED, show_alert=True)
        return
    if card.buyer is None:
        await query.answer(texts.FLAG_NEEDS_BUYER, show_alert=True)
        return
    flagged_by = await staff.member(query.from_user.id, query.from_user.full_name, role)
    buyer = await assist.flag_tricky(card.buyer, flagged_by)
    done = texts.BLACKLISTED if buyer.tier == "black" else texts.FLAGGED
    await query.message.answer(done.format(nickname=html.escape(card.buyer)))
    await query.answer()
