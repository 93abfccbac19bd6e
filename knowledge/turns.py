"""Recording one buyer turn: the buyer, their conversation, the message and the events it shows.

This runs for every answer card, so it speaks Core SQL on the transaction's connection instead
of going through the ORM's unit of work: one read (the buyer with their events and their
conversation still going on) and then only the inserts and updates the turn needs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Insert, and_, bindparam, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from knowledge.models import Buyer, BuyerEvent, Conversation, Message, utcnow
from knowledge.tiers import TierDecision, tier_decision
from nlp.analysis import Analysis

CONVERSATION_IDLE = timedelta(hours=6)  # a buyer's next message after this starts a new conversation


@dataclass(frozen=True, slots=True)
class Turn:
    """What recording a turn produced; `decision` is the buyer's tier after this message (None without a buyer)."""

    message_id: int
    conversation_id: int
    nickname: str | None
    decision: TierDecision | None


@dataclass(slots=True)
class _BuyerState:
    id: int
    tier: str
    tier_source: str
    events: list[tuple[str, datetime]]  # (kind, created_at), every event of the buyer
    conversation_id: int | None = None  # their conversation still going on, if any
    conversation_started: datetime | None = None


def events_shown(analysis: Analysis) -> list[str]:
    """The buyer events a message shows: bargaining, and a tricky buyer (high risk)."""
    kinds = []
    if analysis.intent == "bargain":
        kinds.append("bargained")
    if analysis.risk.level == "high":
        kinds.append("tricky")
    return kinds


# Built once: a statement object reused with new parameters skips construction and cache-key work.
_BUYER_STATE = (
    select(
        Buyer.id,
        Buyer.tier,
        Buyer.tier_source,
        Conversation.id,
        Conversation.started_at,
        Conversation.last_message_at,
        BuyerEvent.id,
        BuyerEvent.kind,
        BuyerEvent.created_at,
    )
    .outerjoin(
        Conversation,
        and_(Conversation.buyer_id == Buyer.id, Conversation.last_message_at > bindparam("going_on_since")),
    )
    .outerjoin(BuyerEvent, BuyerEvent.buyer_id == Buyer.id)
    .where(Buyer.nickname == bindparam("nickname"))
)
_INSERT_BUYER = insert(Buyer)
_INSERT_CONVERSATION = insert(Conversation)
_INSERT_MESSAGE = insert(Message)
_INSERT_EVENT = insert(BuyerEvent)
_TOUCH_CONVERSATION = (
    update(Conversation).where(Conversation.id == bindparam("conversation_id")).values(last_message_at=bindparam("now"))
)
_SET_TIER = update(Buyer).where(Buyer.id == bindparam("buyer_id")).values(tier=bindparam("tier"))


async def _buyer_state(connection: AsyncConnection, nickname: str, now: datetime) -> _BuyerState | None:
    """The buyer with this nickname, their events and their latest conversation still going on, in one query."""
    rows = await connection.execute(_BUYER_STATE, {"nickname": nickname, "going_on_since": now - CONVERSATION_IDLE})
    state: _BuyerState | None = None
    latest: datetime | None = None
    seen_events: set[int] = set()
    for buyer_id, tier, source, conversation_id, started, last, event_id, kind, created in rows:
        if state is None:
            state = _BuyerState(buyer_id, tier, source, [])
        if conversation_id is not None and (latest is None or last > latest):
            state.conversation_id, state.conversation_started, latest = conversation_id, started, last
        if event_id is not None and event_id not in seen_events:
            seen_events.add(event_id)
            state.events.append((kind, created))
    return state


async def _insert(connection: AsyncConnection, statement: Insert, **values) -> int:
    """Insert one row (Python-side column defaults apply) and return its id."""
    result = await connection.execute(statement, values)
    return result.inserted_primary_key[0]


async def record_turn(
    connection: AsyncConnection, text: str, analysis: Analysis, nickname: str | None, agent_id: int | None
) -> Turn:
    """Record a pasted buyer message: find or create the buyer and their conversation, note events, apply tier rules.

    At most one event of each kind is noted per conversation; a manual tier override is kept.
    """
    now = utcnow()
    buyer = await _buyer_state(connection, nickname, now) if nickname else None
    if nickname and buyer is None:
        buyer_id = await _insert(connection, _INSERT_BUYER, nickname=nickname, tier="blue", tier_source="rule")
        buyer = _BuyerState(buyer_id, "blue", "rule", [])
    if buyer is not None and buyer.conversation_id is not None:
        conversation_id = buyer.conversation_id
        await connection.execute(_TOUCH_CONVERSATION, {"conversation_id": conversation_id, "now": now})
    else:
        conversation_id = await _insert(
            connection,
            _INSERT_CONVERSATION,
            buyer_id=buyer.id if buyer else None,
            agent_id=agent_id,
            started_at=now,
            last_message_at=now,
        )
    message_id = await _insert(
        connection,
        _INSERT_MESSAGE,
        conversation_id=conversation_id,
        text=text,
        created_at=now,
        intent=analysis.intent,
        confidence=analysis.confidence,
        mood=analysis.mood.label,
        risk_level=analysis.risk.level,
    )
    if buyer is None:
        return Turn(message_id, conversation_id, None, None)
    started = buyer.conversation_started
    noted = {kind for kind, created in buyer.events if started is not None and created >= started}
    new_kinds = [kind for kind in events_shown(analysis) if kind not in noted]
    if new_kinds:
        await connection.execute(
            _INSERT_EVENT,
            [
                {"buyer_id": buyer.id, "kind": kind, "staff_id": agent_id, "message": text, "created_at": now}
                for kind in new_kinds
            ],
        )
    decision = tier_decision(buyer.tier, buyer.tier_source, [kind for kind, _ in buyer.events] + new_kinds)
    if decision.changed:
        await connection.execute(_SET_TIER, {"buyer_id": buyer.id, "tier": decision.tier})
    return Turn(message_id, conversation_id, nickname, decision)
