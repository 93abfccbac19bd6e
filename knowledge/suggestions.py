"""Suggested replies for an analysed message: live templates ranked, then filled with what is known."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from sqlalchemy import func, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from knowledge.changes import CommittedChanges
from knowledge.concessions import Concession
from knowledge.models import Message, ShopFacts, Suggestion, Template
from knowledge.placeholders import fill
from knowledge.ranking import Candidate, TemplateRanker
from nlp.analysis import Analysis

ENTITY_PLACEHOLDERS = {"order_id": "order_id", "tracking_no": "tracking_no", "money": "price"}
USAGE_SECONDS = 30.0  # how long usage counts recorded by other processes may take to count
KNOWLEDGE_SECONDS = 2.0  # how long template and shop-fact changes made by other processes may take to show
KNOWLEDGE_CHANGES = CommittedChanges(Template, ShopFacts)


@dataclass(frozen=True, slots=True)
class FilledSuggestion:
    """One ranked template, filled and ready to send."""

    template_id: int
    title: str
    text: str
    score: float
    reasons: tuple[str, ...]

    def to_dict(self) -> dict:
        return {"template_id": self.template_id, "text": self.text, "score": self.score, "reasons": list(self.reasons)}


def entity_values(analysis: Analysis) -> dict[str, str]:
    """Placeholder values from the entities the analysis found (the first of each kind)."""
    values: dict[str, str] = {}
    for entity in analysis.entities:
        name = ENTITY_PLACEHOLDERS.get(entity.kind)
        if name and name not in values:
            values[name] = entity.text
    return values


async def usage_counts(session: AsyncSession, intent: str) -> dict[int, int]:
    """How often agents used each template for messages of this intent (corrections count as the intent)."""
    effective = func.coalesce(Message.corrected_intent, Message.intent)
    rows = await session.execute(
        select(Suggestion.used_template_id, func.count())
        .join(Message, Message.id == Suggestion.message_id)
        .where(Suggestion.used_template_id.is_not(None), effective == intent)
        .group_by(Suggestion.used_template_id)
    )
    return {template_id: count for template_id, count in rows}


class Suggester:
    """Keeps a ranker fitted on the live templates (refitted only when they change) and usage counts for a while.

    `refresh` asks the database whether any live template changed, and for the shop facts, when
    this process has committed a change to templates or facts since it last asked, and otherwise
    at most every `KNOWLEDGE_SECONDS` (changes made by other processes). Usage counts are a soft
    signal: they are kept `USAGE_SECONDS` per intent, and dropped at once by `forget_usage` when
    this process records a use or a correction.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._stamp: tuple | None = None
        self._facts: ShopFacts | None = None
        self._checked: tuple[int, float] | None = None  # (KNOWLEDGE_CHANGES.commits, when to ask again)
        self._ranker = TemplateRanker().fit([])
        self._templates: dict[int, Candidate] = {}
        self._usage: dict[str, tuple[float, dict[int, int]]] = {}
        self._clock = clock

    async def refresh(self, session: AsyncSession) -> ShopFacts | None:
        """Refit the ranker if the live templates changed; the shop facts (None before defaults are loaded)."""
        commits, now = KNOWLEDGE_CHANGES.commits, self._clock()
        if self._checked is not None and self._checked[0] == commits and now < self._checked[1]:
            return self._facts
        live = select(
            func.count().label("count"),
            func.max(Template.id).label("last_id"),
            func.sum(Template.version).label("versions"),
            func.max(Template.updated_at).label("updated_at"),
        ).where(Template.status == "live")
        stamp = live.subquery()
        row = (
            await session.execute(
                select(stamp, ShopFacts).select_from(stamp).outerjoin(ShopFacts, true()).order_by(ShopFacts.id).limit(1)
            )
        ).one()
        *stamp_values, facts = row
        if tuple(stamp_values) != self._stamp:
            templates = await session.scalars(select(Template).where(Template.status == "live").order_by(Template.id))
            candidates = [Candidate(t.id, t.intent, tuple(t.tiers), tuple(t.tags), t.title, t.text) for t in templates]
            self._ranker = TemplateRanker().fit(candidates)
            self._templates = {c.template_id: c for c in candidates}
            self._stamp = tuple(stamp_values)
        if facts is not None:
            session.expunge(facts)  # kept across cards: a later rollback of this session must not expire it
        self._facts, self._checked = facts, (commits, now + KNOWLEDGE_SECONDS)
        return facts

    async def usage(self, session: AsyncSession, intent: str) -> dict[int, int]:
        """`usage_counts` for the intent, read again after `USAGE_SECONDS`."""
        now = self._clock()
        kept = self._usage.get(intent)
        if kept is None or kept[0] <= now:
            kept = (now + USAGE_SECONDS, await usage_counts(session, intent))
            self._usage[intent] = kept
        return kept[1]

    def forget_usage(self) -> None:
        """Read usage counts again on the next card (a use or a correction was just recorded)."""
        self._usage.clear()

    async def suggest(
        self,
        session: AsyncSession,
        analysis: Analysis,
        tier: str,
        values: Mapping[str, str],
        concession: Concession | None = None,
        k: int = 3,
    ) -> list[FilledSuggestion]:
        """The top `k` live templates for the message, filled with `values`, the entities and the concession.

        Call `refresh` first in the same session (once per card) so the ranker knows the live templates.
        """
        intents = dict(analysis.intents)
        usage = await self.usage(session, analysis.intent)
        ranked = self._ranker.rank(intents, analysis.text, tier, concession, usage, k)
        filled_values = {**values, **entity_values(analysis), **(concession.values() if concession else {})}
        return [
            FilledSuggestion(
                r.template_id,
                self._templates[r.template_id].title,
                fill(self._templates[r.template_id].text, filled_values),
                r.score,
                r.reasons,
            )
            for r in ranked
        ]
