"""`/reviews`: the shop's positive-review rate against its floor, recording reviews, following up bad ones.

When a recording leaves the rate below the floor, every supervisor is alerted at once.
"""

from __future__ import annotations

import html
from pathlib import Path
from zoneinfo import ZoneInfo

from aiogram import Bot, F, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Message
from sqlalchemy.ext.asyncio import AsyncSession

from bot import texts
from bot.config import Settings
from bot.filters import OnLoop
from bot.handlers.sending import answer_in_parts
from bot.keyboards.supervision import SettleReview, settle_keyboard
from bot.middlewares.access import HasRole
from bot.middlewares.database import SerialWrites
from bot.scheduler import render_standing, review_line
from bot.supervisors import tell_supervisors
from knowledge.errors import KnowledgeError
from knowledge.reviews import settle_bad_review
from knowledge.shop_reviews import (
    RATE_DAYS,
    RecordedReviews,
    ReviewRow,
    Standing,
    claim_bad_review,
    decode,
    parse_rating,
    parse_reviews_csv,
    record_reviews,
    standing,
    unhandled_with_buyers,
)
from knowledge.staff import staff_member
from knowledge.texts import REVIEW_RATING_NAMES, TIER_NAMES
from knowledge.tiers import buyer_by_nickname

FILE_LIMIT = 5 * 1024 * 1024

router = Router(name="reviews")
router.message.filter(HasRole("agent"))
router.callback_query.filter(HasRole("agent"))


def floor_alert(current: Standing) -> str:
    return texts.FLOOR_ALERT.format(
        days=RATE_DAYS,
        rate=f"{current.rate:.1%}",
        floor=f"{float(current.floor):.1%}",
        good=current.good,
        total=current.total,
    )


async def record_and_alert(sessions: SerialWrites, bot: Bot, rows: list[ReviewRow]) -> RecordedReviews:
    """Record reviews in one transaction; alert every supervisor when the rate ends up below the floor."""
    async with sessions.begin() as session:
        before = await standing(session)
        recorded = await record_reviews(session, rows)
        after = await standing(session)
    if after.below_floor and (recorded.bad or not before.below_floor):
        async with sessions() as session:
            await tell_supervisors(session, bot.send_message, floor_alert(after))
    return recorded


async def _overview(message: Message, session: AsyncSession, timezone: ZoneInfo) -> None:
    lines = [render_standing(await standing(session), RATE_DAYS), ""]
    unhandled = await unhandled_with_buyers(session)
    lines.append(texts.REVIEWS_UNHANDLED.format(count=len(unhandled)) if unhandled else texts.REVIEWS_NONE_UNHANDLED)
    lines += [review_line(review, nickname, timezone) for review, nickname in unhandled]
    keyboard = settle_keyboard([review.id for review, _ in unhandled]) if unhandled else None
    await answer_in_parts(message, "\n".join(lines), keyboard)


async def _add_one(message: Message, args: str, sessions: SerialWrites, bot: Bot) -> None:
    parts = args.split(maxsplit=3)
    if len(parts) < 3:
        await message.answer(texts.REVIEWS_USAGE)
        return
    order, nickname, rating_text = parts[:3]
    try:
        rating = parse_rating(rating_text)
    except KnowledgeError as error:
        await message.answer(html.escape(str(error)))
        return
    row = ReviewRow(1, order, nickname, rating, parts[3] if len(parts) > 3 else "", None)
    recorded = await record_and_alert(sessions, bot, [row])
    if not recorded.added:
        await message.answer(texts.REVIEWS_IMPORTED.format(added=0, bad=0, skipped=recorded.skipped))
        return
    async with sessions() as session:
        buyer = await buyer_by_nickname(session, nickname, create=False)
    await message.answer(
        texts.REVIEW_ADDED.format(
            order=html.escape(order),
            rating=REVIEW_RATING_NAMES[rating],
            buyer=html.escape(nickname),
            tier=TIER_NAMES[buyer.tier],
        )
    )


@router.message(Command("reviews"), OnLoop(F.text))
async def reviews_command(
    message: Message,
    command: CommandObject,
    session: AsyncSession,
    sessions: SerialWrites,
    role: str,
    bot: Bot,
    settings: Settings,
) -> None:
    if not await HasRole("supervisor")(message, role):
        await message.answer(texts.NEEDS_SUPERVISOR)
        return
    args = (command.args or "").strip()
    if not args:
        await _overview(message, session, settings.timezone)
    elif args.split()[0].lower() == "add":
        await _add_one(message, args.partition(" ")[2].strip(), sessions, bot)
    else:
        await message.answer(texts.REVIEWS_USAGE)


@router.message(OnLoop(F.document & F.caption.startswith("/reviews")))
async def reviews_file(message: Message, sessions: SerialWrites, role: str, bot: Bot, settings: Settings) -> None:
    if not await HasRole("supervisor")(message, role):
        await message.answer(texts.NEEDS_SUPERVISOR)
        return
    document = message.document
    if Path(document.file_name or "").suffix.lower() != ".csv":
        await message.answer(texts.REVIEWS_FILE_TYPE)
        return
    if (document.file_size or 0) > FILE_LIMIT:
        await message.answer(texts.REVIEWS_FILE_TOO_BIG.format(limit=FILE_LIMIT // (1024 * 1024)))
        return
    content = (await bot.download(document)).read()
    try:
        rows = parse_reviews_csv(decode(content), settings.timezone)
    except UnicodeDecodeError:
        await message.answer(texts.REVIEWS_FILE_TYPE)
        return
    except KnowledgeError as error:
        await answer_in_parts(message, texts.REVIEWS_FILE_ERROR.format(errors=html.escape(str(error))))
        return
    recorded = await record_and_alert(sessions, bot, rows)
    await message.answer(
        texts.REVIEWS_IMPORTED.format(added=recorded.added, bad=recorded.bad, skipped=recorded.skipped)
    )


@router.callback_query(SettleReview.filter())
async def settle(query: CallbackQuery, callback_data: SettleReview, sessions: SerialWrites, role: str) -> None:
    if not await HasRole("supervisor")(query, role):
        await query.answer(texts.NEEDS_SUPERVISOR, show_alert=True)
        return
    try:
        async with sessions.begin() as session:
            staff = await staff_member(session, query.from_user.id, query.from_user.full_name, role)
            await claim_bad_review(session, callback_data.review_id)
            decision = await settle_bad_review(session, callback_data.review_id, staff, callback_data.changed)
    except KnowledgeError as error:
        await query.answer(str(error), show_alert=True)
        return
    done = texts.REVIEW_SETTLED_CHANGED if callback_data.changed else texts.REVIEW_SETTLED_REFUSED
    await query.message.answer(done.format(id=callback_data.review_id, tier=TIER_NAMES[decision.tier]))
    await query.answer()
