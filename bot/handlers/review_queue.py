"""`/review`: the supervisors' queue of replies and template edits, with approve, reject and promote."""

from __future__ import annotations

import html

from aiogram import Bot, F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from sqlalchemy.ext.asyncio import AsyncSession

from bot import texts
from bot.assist import AssistService
from bot.filters import OnLoop
from bot.handlers.kb_edit import start_add
from bot.handlers.sending import answer_in_parts
from bot.keyboards.supervision import QueueAction, queue_keyboard
from bot.middlewares.access import HasRole
from bot.middlewares.database import SerialWrites
from knowledge.editing import approve_revision, get_template, pending_revisions, reject_revision
from knowledge.errors import KnowledgeError
from knowledge.models import TemplateRevision
from knowledge.review_queue import (
    LOW_SCORE,
    QueuedReply,
    claim_revision,
    queue_size,
    queued_replies,
    review_reply,
    revision_author,
)
from knowledge.staff import staff_member
from nlp.texts import RULE_NAMES

SHOWN = 5

router = Router(name="review_queue")
router.message.filter(HasRole("agent"))
router.callback_query.filter(HasRole("agent"))


class RejectReason(StatesGroup):
    """Waiting for the reason of a rejection (kind and id in the state data)."""

    reason = State()


def render_reply(item: QueuedReply, assist: AssistService) -> str:
    """A queued reply: why it is here, the buyer's message, the suggestion, what was sent, the findings."""
    why = []
    if item.rewrote:
        why.append(texts.REVIEW_WHY_REWROTE)
    if item.checker_score is not None and item.checker_score < LOW_SCORE:
        why.append(texts.REVIEW_WHY_LOW.format(score=item.checker_score))
    if item.risk_level == "high":
        why.append(texts.REVIEW_WHY_RISK)
    lines = [texts.REVIEW_ITEM.format(id=item.suggestion_id, why=f"（{'，'.join(why)}）" if why else "")]
    buyer_text = html.escape(item.buyer_message) if item.buyer_message is not None else texts.REVIEW_MESSAGE_PURGED
    lines.append(
        texts.REVIEW_BUYER_MESSAGE.format(buyer=html.escape(item.buyer or texts.REVIEW_NO_BUYER), text=buyer_text)
    )
    if item.suggested:
        lines.append(texts.REVIEW_SUGGESTED.format(text=html.escape(item.suggested)))
    lines.append(texts.REVIEW_SENT.format(text=html.escape(item.sent)))
    warnings = assist.checker(item.sent).warnings if item.sent else []
    if warnings:
        lines.append(texts.REVIEW_FINDINGS)
        lines += [
            texts.REVIEW_FINDING.format(
                rule=RULE_NAMES.get(f.rule, f.rule),
                span=html.escape(item.sent[f.start : f.end]),
                message=html.escape(f.message),
            )
            for f in warnings
        ]
    else:
        lines.append(texts.REVIEW_NO_FINDINGS)
    return "\n".join(lines)


async def render_revision(session: AsyncSession, revision: TemplateRevision) -> str:
    template = await get_template(session, revision.template_id)
    author = revision.author.name if revision.author else "-"
    return texts.REVIEW_REVISION.format(
        id=revision.id, author=html.escape(author), title=html.escape(template.title), text=html.escape(revision.text)
    )


@router.message(Command("review"))
async def show_queue(message: Message, session: AsyncSession, role: str, assist: AssistService) -> None:
    if not await HasRole("supervisor")(message, role):
        await message.answer(texts.NEEDS_SUPERVISOR)
        return
    replies = await queued_replies(session, SHOWN)
    waiting = await pending_revisions(session)
    revisions = waiting[:SHOWN]
    if not replies and not revisions:
        await message.answer(texts.REVIEW_EMPTY)
        return
    total = await queue_size(session) + len(waiting)
    await message.answer(texts.REVIEW_HEADER.format(count=total, shown=len(replies) + len(revisions)))
    for revision in revisions:
        await session.refresh(revision, ["author"])
        await answer_in_parts(message, await render_revision(session, revision), queue_keyboard("t", revision.id))
    for item in replies:
        await answer_in_parts(message, render_reply(item, assist), queue_keyboard("r", item.suggestion_id))


async def _approve(query: CallbackQuery, data: QueueAction, sessions: SerialWrites, role: str, bot: Bot) -> str:
    """Apply the verdict "approved"; returns what to tell the supervisor."""
    async with sessions.begin() as session:
        reviewer = await staff_member(session, query.from_user.id, query.from_user.full_name, role)
        if data.kind == "r":
            await review_reply(session, data.item_id, reviewer, "approved")
            return texts.REVIEW_APPROVED.format(id=data.item_id)
        await claim_revision(session, data.item_id, reviewer)
        await approve_revision(session, data.item_id, reviewer)
        author = await revision_author(session, data.item_id)
    if author:
        await bot.send_message(author, texts.REVISION_AGENT_APPROVED.format(id=data.item_id))
    return texts.REVISION_APPROVED.format(id=data.item_id)


@router.callback_query(QueueAction.filter())
async def queue_button(
    query: CallbackQuery,
    callback_data: QueueAction,
    state: FSMContext,
    sessions: SerialWrites,
    role: str,
    bot: Bot,
) -> None:
    if not await HasRole("supervisor")(query, role):
        await query.answer(texts.NEEDS_SUPERVISOR, show_alert=True)
        return
    if callback_data.kind not in ("r", "t") or callback_data.action not in ("approve", "reject", "promote"):
        await query.answer(texts.BUTTON_EXPIRED, show_alert=True)
        return
    if callback_data.action == "reject":
        await state.set_state(RejectReason.reason)
        await state.update_data(reject_kind=callback_data.kind, reject_id=callback_data.item_id)
        await query.message.answer(texts.REVIEW_ASK_REASON.format(id=callback_data.item_id))
        await query.answer()
        return
    if callback_data.action == "promote" and callback_data.kind == "r":
        try:
            async with sessions.begin() as session:
                reviewer = await staff_member(session, query.from_user.id, query.from_user.full_name, role)
                item = await review_reply(session, callback_data.item_id, reviewer, "approved")
        except KnowledgeError as error:
            await query.answer(str(error), show_alert=True)
            return
        await query.answer(texts.REVIEW_APPROVED.format(id=callback_data.item_id))
        await start_add(query.message, state, prefilled_text=item.sent)
        return
    try:
        done = await _approve(query, callback_data, sessions, role, bot)
    except KnowledgeError as error:
        await query.answer(str(error), show_alert=True)
        return
    await query.message.edit_reply_markup(reply_markup=None)
    await query.answer(done, show_alert=True)


@router.message(StateFilter(RejectReason.reason), Command("cancel"))
async def cancel_reject(message: Message, state: FSMContext) -> None:
    await state.set_state(None)
    await message.answer(texts.CANCELLED)


@router.message(StateFilter(RejectReason.reason), OnLoop(F.text))
async def reject_with_reason(message: Message, state: FSMContext, sessions: SerialWrites, role: str, bot: Bot) -> None:
    if not await HasRole("supervisor")(message, role):  # demoted while typing
        await state.set_state(None)
        await message.answer(texts.NEEDS_SUPERVISOR)
        return
    reason = (message.text or "").strip()
    if not reason or reason.startswith("/"):
        await message.answer(texts.REASON_EMPTY)
        return
    data = await state.get_data()
    kind, item_id = data.get("reject_kind"), int(data.get("reject_id") or 0)
    await state.set_state(None)
    try:
        async with sessions.begin() as session:
            reviewer = await staff_member(session, message.from_user.id, message.from_user.full_name, role)
            if kind == "r":
                item = await review_reply(session, item_id, reviewer, "rejected", reason)
                agent, told = (
                    item.agent_telegram_id,
                    texts.REVIEW_AGENT_TOLD.format(id=item_id, sent=html.escape(item.sent), reason=html.escape(reason)),
                )
            else:
                await claim_revision(session, item_id, reviewer)
                await reject_revision(session, item_id, reviewer)
                agent = await revision_author(session, item_id)
                told = texts.REVISION_AGENT_TOLD.format(id=item_id, reason=html.escape(reason))
    except KnowledgeError as error:
        await message.answer(html.escape(str(error)))
        return
    if agent:
        await bot.send_message(agent, told)
    await message.answer((texts.REVIEW_REJECTED if kind == "r" else texts.REVISION_REJECTED).format(id=item_id))
