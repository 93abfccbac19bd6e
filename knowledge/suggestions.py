"""Suggested replies for an analysed message: live templates ranked, then filled with what is known."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from knowledge.concessions import Concession
from knowledge.models import Message, Suggestion, Template
from knowledge.placeholders import fill
from knowledge.ranking import Candidate, TemplateRanker
from nlp.analysis import Analysis

ENTITY_PLACEHOLDERS = {"order_id": "order_id", "tracking_no": "tracking_no", "money": "price"}


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
    """Keeps a ranker fitted on the live templates and refits it only when they change."""

    def __init__(self) -> None:
        self._stamp: tuple | None = None
        self._ranker = TemplateRanker().fit([])
        self._templates: dict[int, Candidate] = {}

    async def _refresh(self, session: AsyncSession) -> None:
        live = Template.status == "live"
        stamp = tuple(
            (
                await session.execute(
                    select(
                        func.count(), func.max(Template.id), func.sum(Template.version), func.max(Template.updated_at)
                    ).where(live)
                )
            ).one()
        )
        if stamp == self._stamp:
            return
        templates = await session.scalars(select(Template).where(live).order_by(Template.id))
        candidates = [Candidate(t.id, t.intent, tuple(t.tiers), tuple(t.tags), t.title, t.text) for t in templates]
        self._ranker = TemplateRanker().fit(candidates)
        self._templates = {c.template_id: c for c in candidates}
        self._stamp = stamp

    async def suggest(
        self,
        session: AsyncSession,
        analysis: Analysis,
        tier: str,
        values: Mapping[str, str],
        concession: Concession | None = None,
        k: int = 3,
    ) -> list[FilledSuggestion]:
        """The top `k` live templates for the message, filled with `values`, the entities and the concession."""
        await self._refresh(session)
        intents = dict(analysis.intents)
        usage = await usage_counts(session, analysis.intent)
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
