"""`/stats [today|7d|30d]`: intent mix, suggestion use, rewrites, agents' checker scores, risky buyers, a chart."""

from __future__ import annotations

import asyncio
import html
from datetime import timedelta

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import BufferedInputFile, Message
from sqlalchemy.ext.asyncio import AsyncSession

from bot import texts
from bot.charts import stats_chart
from bot.config import Settings
from bot.filters import OnLoop
from bot.middlewares.access import HasRole
from knowledge.models import utcnow
from knowledge.reports import PERIODS, Usage, agent_scores, daily_review_rates, intent_mix, period_start, usage
from knowledge.shop_reviews import review_floor, risky_buyers
from knowledge.texts import TIER_NAMES
from nlp.texts import INTENT_NAMES

CHART_MIN_DAYS = 7  # the review-rate line covers at least a week, so "today" still shows a trend

router = Router(name="stats")
router.message.filter(HasRole("agent"))


def _rate(value: float | None) -> str:
    return f"{value:.0%}" if value is not None else texts.STATS_NOT_AVAILABLE


def render_stats(period: str, intents: dict[str, int], used: Usage, scores, buyers) -> str:
    total = sum(intents.values())
    lines = [texts.STATS_TITLE.format(period=texts.STATS_PERIODS[period])]
    if total:
        lines.append(texts.STATS_INTENTS.format(total=total))
        lines += [
            texts.STATS_INTENT.format(intent=INTENT_NAMES.get(i, i), count=n, share=n / total)
            for i, n in intents.items()
        ]
    else:
        lines.append(texts.STATS_NO_MESSAGES)
    lines.append(
        texts.STATS_USAGE_LINE.format(used=_rate(used.use_rate), rewrote=_rate(used.rewrite_rate), cards=used.cards)
    )
    if scores:
        lines.append(texts.STATS_AGENTS)
        lines += [
            texts.STATS_AGENT.format(name=html.escape(s.name), average=s.average, replies=s.replies) for s in scores
        ]
    else:
        lines.append(texts.STATS_NO_AGENTS)
    names = "、".join(f"{html.escape(b.nickname)}（{TIER_NAMES[b.tier]}）" for b in buyers)
    lines.append(texts.STATS_RISKY.format(buyers=names) if buyers else texts.STATS_NO_RISKY)
    return "\n".join(lines)


@router.message(Command("stats"), OnLoop(F.text))
async def stats(message: Message, command: CommandObject, session: AsyncSession, role: str, settings: Settings) -> None:
    if not await HasRole("supervisor")(message, role):
        await message.answer(texts.NEEDS_SUPERVISOR)
        return
    period = (command.args or "today").strip().lower()
    if period not in PERIODS:
        await message.answer(texts.STATS_USAGE)
        return
    now = utcnow()
    since = period_start(period, now, settings.timezone)
    intents = await intent_mix(session, since)
    used = await usage(session, since)
    scores = await agent_scores(session, since)
    buyers = await risky_buyers(session)
    today = now.astimezone(settings.timezone).date()
    days = max(PERIODS[period], CHART_MIN_DAYS)
    rates = await daily_review_rates(session, today - timedelta(days=days - 1), today, settings.timezone)
    floor = float(await review_floor(session))
    await message.answer(render_stats(period, intents, used, scores, buyers))
    chart = await asyncio.to_thread(stats_chart, intents, rates, floor)  # rendering takes a few hundred ms
    await message.answer_photo(BufferedInputFile(chart, filename="stats.png"))
