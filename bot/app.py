"""Build the bot and its dispatcher, and run long polling with a graceful stop."""

from __future__ import annotations

import asyncio
import gc
import logging

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.fsm.storage.base import BaseEventIsolation, BaseStorage
from aiogram.fsm.storage.memory import MemoryStorage, SimpleEventIsolation
from sqlalchemy.ext.asyncio import AsyncEngine

from bot import texts
from bot.assist import AssistService
from bot.config import Settings
from bot.handlers import get_routers
from bot.handlers.common import set_commands
from bot.handlers.forwarded import ForwardedBatches
from bot.middlewares.access import AccessMiddleware
from bot.middlewares.database import DbSessionMiddleware, SerialWrites
from bot.middlewares.inflight import InFlightMiddleware
from bot.middlewares.retry import RetryAfterMiddleware
from bot.middlewares.throttling import ThrottlingMiddleware
from bot.scheduler import BadReviewCheck, parse_times
from knowledge.db import create_engine, prepare
from knowledge.staff import StaffDirectory, staff_member

logger = logging.getLogger(__name__)

SHUTDOWN_GRACE_SECONDS = 7.0
# Updates handled at once; more wait unconfirmed at Telegram instead of holding connections here.
CONCURRENT_UPDATES = 16


def build_bot(settings: Settings) -> Bot:
    """A Bot speaking HTML, sending through `TELEGRAM_API_URL` when set, retrying after 429."""
    session = AiohttpSession()
    if settings.telegram_api_url:
        session = AiohttpSession(api=TelegramAPIServer.from_base(settings.telegram_api_url.rstrip("/")))
    session.middleware(RetryAfterMiddleware())
    return Bot(settings.require_token(), session=session, default=DefaultBotProperties(parse_mode=ParseMode.HTML))


def build_storage(settings: Settings) -> tuple[BaseStorage, BaseEventIsolation]:
    """Redis storage and isolation when `REDIS_URL` is set (several instances), memory otherwise."""
    if settings.redis_url:
        from aiogram.fsm.storage.base import DefaultKeyBuilder
        from aiogram.fsm.storage.redis import RedisStorage

        storage = RedisStorage.from_url(settings.redis_url, key_builder=DefaultKeyBuilder(with_bot_id=True))
        return storage, storage.create_isolation()
    return MemoryStorage(), SimpleEventIsolation()


def build_dispatcher(
    settings: Settings,
    sessions: SerialWrites,
    inflight: InFlightMiddleware,
) -> Dispatcher:
    """The dispatcher with its middlewares, in order: in flight, access, throttling, database session.

    Handlers receive `settings`, the `assist` service, `sessions` (for writes), `inflight` and the
    forwarded `batches` as workflow data.
    """
    storage, isolation = build_storage(settings)
    assist = AssistService(sessions)
    staff = StaffDirectory(sessions)
    dispatcher = Dispatcher(
        storage=storage,
        events_isolation=isolation,
        settings=settings,
        assist=assist,
        staff=staff,
        sessions=sessions,
        inflight=inflight,
        batches=ForwardedBatches(),
    )
    dispatcher.update.outer_middleware(inflight)
    dispatcher.update.outer_middleware(AccessMiddleware(settings.roles_from_environment(), staff.role))
    dispatcher.update.outer_middleware(ThrottlingMiddleware())
    dispatcher.update.outer_middleware(DbSessionMiddleware(sessions))
    dispatcher.include_routers(*get_routers())
    return dispatcher


async def register_staff(sessions: SerialWrites, roles: dict[int, str]) -> None:
    """Give the staff named in the environment their database record (and role, on first sight)."""
    async with sessions.begin() as session:
        for telegram_id, role in roles.items():
            await staff_member(session, telegram_id, str(telegram_id), role)


async def run_polling(settings: Settings) -> None:
    """Serve updates until SIGTERM/SIGINT, then finish the handlers in flight and close the database."""
    bot = build_bot(settings)
    engine: AsyncEngine = create_engine(settings.database_url)
    sessions = SerialWrites(await prepare(engine), serialise=engine.dialect.name == "sqlite")
    inflight = InFlightMiddleware()
    dispatcher = build_dispatcher(settings, sessions, inflight)

    check = BadReviewCheck(sessions, bot.send_message, parse_times(settings.xiaoer_check_times), settings.timezone)
    scheduled: list[asyncio.Task] = []

    async def on_startup(bot: Bot, assist: AssistService) -> None:
        await register_staff(sessions, settings.roles_from_environment())
        scheduled.append(asyncio.create_task(check.run()))
        await assist.warm_up()  # models loaded and statements compiled now, not on the first agents' messages
        gc.freeze()  # the models' millions of objects stay put: keep them out of every collection
        await bot.delete_webhook(drop_pending_updates=False)
        await set_commands(bot, settings)
        me = await bot.get_me()
        logger.info(texts.RUN_STARTED.format(username=me.username))

    async def on_shutdown() -> None:
        for task in scheduled:
            task.cancel()
        await asyncio.gather(*scheduled, return_exceptions=True)
        # aiogram runs this while handlers may still be running: let them finish first.
        if not await inflight.drained(SHUTDOWN_GRACE_SECONDS):
            logger.warning("%d handlers still running at shutdown", inflight.running)
        await dispatcher.storage.close()
        await engine.dispose()
        logger.info(texts.RUN_STOPPED)

    dispatcher.startup.register(on_startup)
    dispatcher.shutdown.register(on_shutdown)
    await dispatcher.start_polling(
        bot, handle_signals=True, close_bot_session=True, tasks_concurrency_limit=CONCURRENT_UPDATES
    )
