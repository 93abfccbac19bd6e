"""Track the updates being handled, so shutdown can wait for them before closing the database."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject


class InFlightMiddleware(BaseMiddleware):
    """Outer update middleware counting handlers (and spawned work) in flight; `drained()` waits for none."""

    def __init__(self) -> None:
        self.running = 0
        self._idle = asyncio.Event()
        self._idle.set()
        self._tasks: set[asyncio.Task[Any]] = set()  # strong references while they run

    def spawn(self, work: Awaitable[Any]) -> asyncio.Task[Any]:
        """Run `work` in the background, counted as in flight until it is done."""

        async def counted() -> Any:
            self._enter()
            try:
                return await work
            finally:
                self._leave()

        task = asyncio.create_task(counted())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    def _enter(self) -> None:
        self.running += 1
        self._idle.clear()

    def _leave(self) -> None:
        self.running -= 1
        if self.running == 0:
            self._idle.set()

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        self._enter()
        try:
            return await handler(event, data)
        finally:
            self._leave()

    async def drained(self, timeout: float) -> bool:
        """Wait up to `timeout` seconds for every handler in flight to finish; True if they did."""
        try:
            await asyncio.wait_for(self._idle.wait(), timeout)
        except TimeoutError:
            return False
        return True
