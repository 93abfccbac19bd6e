"""The supervisors' review queue: replies worth a second look, and verdicts given exactly once.

A reply is queued when the agent rewrote the suggestion, when its checker score
was low, or when it went to a high-risk buyer (a high-risk message, or an orange
or black buyer). A verdict is a conditional UPDATE on the still-unreviewed row,
so when two supervisors press at the same time exactly one of them wins.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from knowledge.errors import FieldError, KnowledgeError, PermissionDeniedError
from knowledge.models import (
    Buyer,
    Conversation,
    Message,
    ReplyReview,
    Staff,
    Suggestion,
    Template,
    TemplateRevision,
)

LOW_SCORE = 80  # a checker score below this sends the reply to the queue
RISKY_TIERS = ("orange", "black")
VERDICTS = ("approved", "rejected")


class AlreadyReviewedError(KnowledgeError):
    """Another supervisor gave this item its verdict first; nothing was written."""


@dataclass(frozen=True, slots=True)
class QueuedReply:
    """One reply waiting for review, with everything a supervisor needs to judge it."""

    suggestion_id: int
    buyer_message: str | None  # None once purged with age
    buyer: str | None
    suggested: str | None  # the template the agent used, else the first one shown
    sent: str  # what the agent sent: their own text, or the template used
    rewrote: bool
    checker_score: int | None
    risk_level: str
    agent_telegram_id: int | None


def _queued():
    """The condition of a reply that needs review."""
    sent = or_(Suggestion.edited_text.is_not(None), Suggestion.used_template_id.is_not(None))
    risky = or_(Message.risk_level == "high", Buyer.tier.in_(RISKY_TIERS))
    return and_(
        Suggestion.review_status == "unreviewed",
        or_(Suggestion.edited_text.is_not(None), Suggestion.checker_score < LOW_SCORE, and_(sent, risky)),
    )


def _queue_query():
    return (
        select(Suggestion, Message, Buyer.nickname, Staff.telegram_id)
        .join(Message, Message.id == Suggestion.message_id)
        .join(Conversation, Conversation.id == Message.conversation_id)
        .outerjoin(Buyer, Buyer.id == Conversation.buyer_id)
        .outerjoin(Staff, Staff.id == Conversation.agent_id)
        .where(_queued())
    )


async def _template_text(session: AsyncSession, template_id: int | None) -> str | None:
    if template_id is None:
        return None
    return await session.scalar(select(Template.text).where(Template.id == template_id))


async def _item(session: AsyncSession, row) -> QueuedReply:
    suggestion, message, nickname, agent_telegram_id = row
    shown = suggestion.used_template_id or next(iter(suggestion.shown_template_ids), None)
    suggested = await _template_text(session, shown)
    used = await _template_text(session, suggestion.used_template_id)
    return QueuedReply(
        suggestion_id=suggestion.id,
        buyer_message=message.text,
        buyer=nickname,
        suggested=suggested,
        sent=suggestion.edited_text or used or "",
        rewrote=suggestion.edited_text is not None,
        checker_score=suggestion.checker_score,
        risk_level=message.risk_level,
        agent_telegram_id=agent_telegram_id,
    )


async def queued_replies(session: AsyncSession, limit: int = 10) -> list[QueuedReply]:
    """Replies waiting for review, oldest first."""
    rows = await session.execute(_queue_query().order_by(Suggestion.id).limit(limit))
    return [await _item(session, row) for row in rows]


async def queue_size(session: AsyncSession) -> int:
    """How many replies wait for review."""
    return await session.scalar(select(func.count()).select_from(_queue_query().subquery()))


async def queued_reply(session: AsyncSession, suggestion_id: int) -> QueuedReply | None:
    """One reply of the queue, or None when it is reviewed already or was never queued."""
    row = (await session.execute(_queue_query().where(Suggestion.id == suggestion_id))).first()
    return await _item(session, row) if row is not None else None


async def review_reply(
    session: AsyncSession, suggestion_id: int, reviewer: Staff, verdict: str, reason: str = ""
) -> QueuedReply:
    """Give a queued reply its verdict, once; `AlreadyReviewedError` when someone else was first."""
    if not reviewer.can_approve:
        raise PermissionDeniedError("needs_supervisor")
    if verdict not in VERDICTS:
        raise FieldError("verdict", "unknown_status", value=verdict)
    item = await queued_reply(session, suggestion_id)
    if item is None:
        raise AlreadyReviewedError("already_reviewed", item=suggestion_id)
    claimed = await session.execute(
        update(Suggestion)
        .where(Suggestion.id == suggestion_id, Suggestion.review_status == "unreviewed")
        .values(review_status=verdict)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:
        raise AlreadyReviewedError("already_reviewed", item=suggestion_id)
    session.add(ReplyReview(suggestion_id=suggestion_id, reviewer_id=reviewer.id, verdict=verdict, reason=reason))
    await session.flush()
    return item


async def claim_revision(session: AsyncSession, revision_id: int, reviewer: Staff) -> None:
    """Take an agent's pending template edit for review, once; `AlreadyReviewedError` when taken.

    Call it before `approve_revision` or `reject_revision` in the same transaction: the
    conditional UPDATE holds the row, so a second supervisor's claim finds it taken.
    """
    if not reviewer.can_approve:
        raise PermissionDeniedError("needs_supervisor")
    claimed = await session.execute(
        update(TemplateRevision)
        .where(
            TemplateRevision.id == revision_id,
            TemplateRevision.state == "pending",
            TemplateRevision.approved_by_id.is_(None),
        )
        .values(approved_by_id=reviewer.id)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:
        raise AlreadyReviewedError("already_reviewed", item=revision_id)


async def revision_author(session: AsyncSession, revision_id: int) -> int | None:
    """The Telegram id of the agent who proposed a revision (to tell them the verdict)."""
    return await session.scalar(
        select(Staff.telegram_id)
        .join(TemplateRevision, TemplateRevision.author_id == Staff.id)
        .where(TemplateRevision.id == revision_id)
    )
