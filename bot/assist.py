"""The assist service: one buyer message in, one card out, for every interface.

analyse → find or create the buyer and the conversation → record the message →
note buyer events and update the tier by rule → rank and fill suggestions →
record what was shown. It also records what the agent did with the card: the
suggestion used, an own edited reply with its checker score, or a corrected intent.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from knowledge.checking import Checker, default_checker
from knowledge.concessions import Concession, concession_for
from knowledge.db import SerialWrites
from knowledge.errors import FieldError, KnowledgeError, NotFoundError
from knowledge.models import (
    Buyer,
    BuyerEvent,
    Conversation,
    Message,
    ShopFacts,
    Staff,
    Suggestion,
)
from knowledge.privacy import mask_pii
from knowledge.shop import fact_values
from knowledge.suggestions import FilledSuggestion, Suggester
from knowledge.texts import TIER_NAMES, TIER_SOURCE_NAMES
from knowledge.tiers import (
    TierDecision,
    apply_tier_rules,
    buyer_by_nickname,
    override_tier,
    record_event,
    tier_by_rule,
)
from knowledge.turns import record_turn
from nlp.analysis import Analysis
from nlp.findings import ReplyCheck
from nlp.intents import INTENTS
from nlp.messages import message_problem, problem_message

log = logging.getLogger(__name__)

SUGGESTIONS_SHOWN = 3
SUPERVISED_TIERS = ("orange", "black")
RECORD_SHOWN = insert(Suggestion)  # built once, executed with each card's values
WARM_UP_MESSAGE = "亲，这件能便宜点包邮吗？"  # a bargain: the buyer, event, tier and concession paths all run
WARM_UP_BUYER = "warm-up"

Analyzer = Callable[[str], Analysis]


class MessageRejected(KnowledgeError):
    """A pasted message that cannot be analysed (empty, too long); the message says why in Chinese."""

    def __init__(self, key: str) -> None:
        self.key = key
        self.values = {}
        Exception.__init__(self, problem_message(key))


def default_analyzer() -> Analyzer:
    """The analysis engine (imported on first use: it loads the intent model)."""
    from nlp import analyze

    return analyze


@dataclass(frozen=True, slots=True)
class BuyerView:
    """The buyer as a card shows them."""

    nickname: str
    tier: str
    tier_source: str
    rule_tier: str  # what the rules would say; differs from `tier` under a manual override

    @property
    def tier_name(self) -> str:
        return TIER_NAMES[self.tier]

    @property
    def tier_source_name(self) -> str:
        return TIER_SOURCE_NAMES[self.tier_source]

    def to_dict(self) -> dict:
        return {
            "nickname": self.nickname,
            "tier": self.tier,
            "tier_name": self.tier_name,
            "tier_source": self.tier_source,
            "rule_tier": self.rule_tier,
        }


@dataclass(frozen=True, slots=True)
class Card:
    """Everything an interface shows for one buyer message."""

    message_id: int
    conversation_id: int
    analysis: Analysis
    buyer: BuyerView | None
    suggestions: tuple[FilledSuggestion, ...]
    concession: Concession | None
    escalate: bool  # a supervisor should be in the loop
    more: bool = False  # further replies exist beyond those shown (`AssistService.more_suggestions`)

    def to_dict(self) -> dict:
        """The JSON shape of `xiaoer suggest`: the analysis and the ranked, filled suggestions."""
        return {"analysis": self.analysis.to_dict(), "suggestions": [s.to_dict() for s in self.suggestions]}


@dataclass(frozen=True, slots=True)
class BuyerProfile:
    """A buyer with their events, newest first."""

    buyer: BuyerView
    notes: str
    events: tuple[tuple[str, str, str | None], ...]  # (kind, ISO time, message)


class AssistService:
    """The one service behind the CLI, the Telegram bot and any later console."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession] | SerialWrites,
        analyzer: Analyzer | None = None,
        checker: Checker | None = None,
    ) -> None:
        self.sessions = sessions
        self._analyzer = analyzer
        self._checker = checker
        self._suggester = Suggester()

    @property
    def analyzer(self) -> Analyzer:
        if self._analyzer is None:
            self._analyzer = default_analyzer()
        return self._analyzer

    @property
    def checker(self) -> Checker:
        if self._checker is None:
            self._checker = default_checker()
        return self._checker

    async def assist(
        self, text: str, buyer_nickname: str | None = None, agent: Staff | None = None, k: int = SUGGESTIONS_SHOWN
    ) -> Card:
        """Analyse a pasted buyer message and build its card with `k` replies, recording everything on the way.

        One transaction: the turn is recorded (`knowledge.turns`), replies are ranked for the buyer's
        tier and the conversation's concession step, and what the card shows is recorded too.
        """
        problem = message_problem(text)
        if problem:
            raise MessageRejected(problem)
        analysis = self.analyzer(text)
        nickname = (buyer_nickname or "").strip() or None
        if log.isEnabledFor(logging.INFO):
            log.info(
                "assist buyer=%s intent=%s risk=%s text=%s",
                nickname,
                analysis.intent,
                analysis.risk.level,
                mask_pii(text),
            )
        async with self.sessions.begin() as session:
            return await self._card(session, text, analysis, nickname, agent.id if agent else None, k)

    async def warm_up(self) -> Card:
        """Build one card and roll it back: the models load and every statement is compiled before the first agent.

        Meant for start-up, before updates are served (it does not queue behind other writes).
        """
        async with self.sessions() as session:
            card = await self._card(session, WARM_UP_MESSAGE, self.analyzer(WARM_UP_MESSAGE), WARM_UP_BUYER, None, 3)
            await session.rollback()
        self.checker(WARM_UP_MESSAGE)
        return card

    async def _card(
        self, session: AsyncSession, text: str, analysis: Analysis, nickname: str | None, agent_id: int | None, k: int
    ) -> Card:
        """Record the turn, rank and fill `k` replies for the buyer's tier and concession step, record them as shown."""
        connection = await session.connection()
        turn = await record_turn(connection, text, analysis, nickname, agent_id)
        tier = turn.decision.tier if turn.decision else "blue"
        facts = await self._suggester.refresh(session)
        concession = await self._concession(session, turn.conversation_id, turn.message_id, analysis, tier, facts)
        ranked = await self._rank(session, analysis, tier, nickname, facts, concession, k + 1)
        suggestions, more = ranked[:k], len(ranked) > k
        shown = [s.template_id for s in suggestions]
        await connection.execute(RECORD_SHOWN, {"message_id": turn.message_id, "shown_template_ids": shown})
        decision = turn.decision
        return Card(
            message_id=turn.message_id,
            conversation_id=turn.conversation_id,
            analysis=analysis,
            buyer=_view(nickname, decision) if decision else None,
            suggestions=tuple(suggestions),
            concession=concession,
            escalate=tier in SUPERVISED_TIERS or analysis.risk.level == "high",
            more=more,
        )

    async def more_suggestions(self, message_id: int, k: int = SUGGESTIONS_SHOWN) -> tuple[FilledSuggestion, ...]:
        """The next `k` replies for a card's message, recorded as shown too (numbered after those shown before).

        The message is ranked again as its card was (its text, the buyer's tier, the conversation's
        concession step) and replies already shown are skipped. Empty when there are no more, or
        when the message's text has been purged with age.
        """
        async with self.sessions.begin() as session:
            suggestion = await self._suggestion(session, message_id)
            message, buyer = (
                await session.execute(
                    select(Message, Buyer)
                    .join(Conversation, Conversation.id == Message.conversation_id)
                    .outerjoin(Buyer, Buyer.id == Conversation.buyer_id)
                    .where(Message.id == message_id)
                )
            ).one()
            if not message.text:
                return ()
            analysis = self.analyzer(message.text)
            tier = buyer.tier if buyer else "blue"
            facts = await self._suggester.refresh(session)
            concession = await self._concession(session, message.conversation_id, message.id, analysis, tier, facts)
            shown = list(suggestion.shown_template_ids)
            nickname = buyer.nickname if buyer else None
            ranked = await self._rank(session, analysis, tier, nickname, facts, concession, len(shown) + k)
            extra = tuple(s for s in ranked if s.template_id not in shown)[:k]
            suggestion.shown_template_ids = shown + [s.template_id for s in extra]
        return extra

    async def _rank(
        self,
        session: AsyncSession,
        analysis: Analysis,
        tier: str,
        nickname: str | None,
        facts: ShopFacts | None,
        concession: Concession | None,
        k: int,
    ) -> list[FilledSuggestion]:
        values = {**fact_values(facts), "buyer": nickname or ""}
        return await self._suggester.suggest(session, analysis, tier, values, concession, k)

    async def _concession(
        self,
        session: AsyncSession,
        conversation_id: int,
        message_id: int,
        analysis: Analysis,
        tier: str,
        facts: ShopFacts | None,
    ) -> Concession | None:
        """The concession step for the conversation's bargaining messages up to this one (yellow buyers only)."""
        if tier != "yellow" or analysis.intent != "bargain" or facts is None:
            return None
        bargains = await session.scalar(
            select(func.count())
            .select_from(Message)
            .where(
                Message.conversation_id == conversation_id,
                Message.id <= message_id,
                func.coalesce(Message.corrected_intent, Message.intent) == "bargain",
            )
        )
        return concession_for(bargains, facts)

    async def _suggestion(self, session: AsyncSession, message_id: int) -> Suggestion:
        suggestion = await session.scalar(select(Suggestion).where(Suggestion.message_id == message_id))
        if suggestion is None:
            raise NotFoundError("message_not_found", message_id=message_id)
        return suggestion

    async def use_suggestion(self, message_id: int, number: int) -> int:
        """Record that the agent sent suggestion `number` (from 1) of a card; returns its template id."""
        async with self.sessions.begin() as session:
            suggestion = await self._suggestion(session, message_id)
            if not 1 <= number <= len(suggestion.shown_template_ids):
                raise NotFoundError("suggestion_not_found", message_id=message_id, number=number)
            suggestion.used_template_id = suggestion.shown_template_ids[number - 1]
        self._suggester.forget_usage()
        return suggestion.used_template_id

    async def submit_reply(self, message_id: int, text: str) -> ReplyCheck:
        """Check the agent's own (edited) reply to a message and record it with its score."""
        if not text.strip():
            raise FieldError("text", "empty_field")
        check = self.checker(text)
        async with self.sessions.begin() as session:
            suggestion = await self._suggestion(session, message_id)
            suggestion.edited_text = text
            suggestion.checker_score = check.score
        return check

    async def correct_intent(self, message_id: int, intent: str) -> None:
        """Record that the analysis got the intent wrong ("not this intent": the right one is `intent`)."""
        if intent not in INTENTS:
            raise FieldError("intent", "unknown_intent", value=intent)
        async with self.sessions.begin() as session:
            message = await session.get(Message, message_id)
            if message is None:
                raise NotFoundError("message_not_found", message_id=message_id)
            message.corrected_intent = intent
        self._suggester.forget_usage()

    async def buyer_profile(self, nickname: str) -> BuyerProfile:
        """A known buyer's tier, notes and events; `NotFoundError` for an unknown nickname."""
        async with self.sessions() as session:
            buyer = await buyer_by_nickname(session, nickname, create=False)
            events = (
                await session.scalars(
                    select(BuyerEvent).where(BuyerEvent.buyer_id == buyer.id).order_by(BuyerEvent.id.desc())
                )
            ).all()
        rule_tier = tier_by_rule(e.kind for e in events)
        return BuyerProfile(
            buyer=BuyerView(buyer.nickname, buyer.tier, buyer.tier_source, rule_tier),
            notes=buyer.notes,
            events=tuple((e.kind, e.created_at.isoformat(), e.message) for e in events),
        )

    async def flag_tricky(self, nickname: str, staff: Staff) -> BuyerView:
        """A staff member marks a buyer as tricky (the card's flag button); the tier rules run at once."""
        async with self.sessions.begin() as session:
            buyer = await buyer_by_nickname(session, nickname)
            await record_event(session, buyer, "tricky", staff)
            decision = await apply_tier_rules(session, buyer)
        return _view(buyer.nickname, decision)

    async def set_tier(self, nickname: str, tier: str, staff: Staff, reason: str) -> BuyerView:
        """A manual tier override by a staff member, with the reason recorded."""
        async with self.sessions.begin() as session:
            buyer = await buyer_by_nickname(session, nickname)
            await override_tier(session, buyer, tier, staff, reason)
            decision = await apply_tier_rules(session, buyer)
        return _view(buyer.nickname, decision)


def _view(nickname: str, decision: TierDecision) -> BuyerView:
    return BuyerView(nickname, decision.tier, decision.source, decision.rule_tier)
