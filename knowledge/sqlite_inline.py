"""SQLite for the async engine without a thread hop per call: statements run on the event loop itself.

aiosqlite hands every cursor call (cursor, execute, fetch, close: about four per statement) to
its worker thread and waits for the answer to come back through the event loop. On a local
write-ahead-log file a statement takes tens of microseconds, while each hop costs more than
100 µs of CPU in thread wake-ups, GIL hand-overs and loop wake-ups: an answer card's
transaction spent more time hopping than querying. Here the same aiosqlite connection runs
each call at once in the calling thread, so SQLAlchemy's aiosqlite dialect works unchanged.

SQLite's own busy handler would sleep inside the call, blocking the event loop (and with it
the transaction holding the lock). So the connection's busy timeout is zero and a call that
finds the database locked is retried after an asyncio sleep, until `BUSY_TIMEOUT_SECONDS`.
A stale read snapshot that cannot become a write (SQLITE_BUSY_SNAPSHOT) fails at once, as it
does with SQLite's own handler.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import Callable, Generator
from functools import partial
from typing import Any

import aiosqlite
from sqlalchemy.dialects.sqlite.aiosqlite import SQLiteDialect_aiosqlite
from sqlalchemy.engine import URL

BUSY_TIMEOUT_SECONDS = 5.0
FIRST_RETRY_SECONDS = 0.001
LONGEST_RETRY_SECONDS = 0.05
SQLITE_BUSY_CODES = (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_BUSY | 1 << 8)  # busy, busy while recovering


class _RunAtOnce:
    """Stands in for aiosqlite's queue to its worker thread: runs each call now and settles its future."""

    @staticmethod
    def put_nowait(item: tuple[asyncio.Future | None, Callable[[], Any]]) -> None:
        future, function = item
        try:
            result = function()
        except Exception as error:  # handed to the awaiting caller, as aiosqlite's thread does
            if future is not None:
                future.set_exception(error)
            return
        if future is not None:
            future.set_result(result)


class InlineConnection(aiosqlite.Connection):
    """An aiosqlite connection whose calls run in the caller's thread; no worker thread is started."""

    def __init__(self, connector: Callable[[], sqlite3.Connection]) -> None:
        super().__init__(connector, iter_chunk_size=64)
        self._tx = _RunAtOnce()

    def __await__(self) -> Generator[Any, None, InlineConnection]:
        return self._connect().__await__()

    async def _execute(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run one call now; while another connection holds the lock, wait without blocking the loop and retry."""
        if self._connection is None:
            raise ValueError("Connection closed")
        delay, deadline = FIRST_RETRY_SECONDS, time.monotonic() + BUSY_TIMEOUT_SECONDS
        while True:
            try:
                return fn(*args, **kwargs)
            except sqlite3.OperationalError as error:
                if getattr(error, "sqlite_errorcode", None) not in SQLITE_BUSY_CODES or time.monotonic() > deadline:
                    raise
            await asyncio.sleep(delay)
            delay = min(delay * 2, LONGEST_RETRY_SECONDS)


def inline_creator(url: URL) -> Callable[[], InlineConnection]:
    """The engine's `async_creator` for a SQLite URL: the file and options the aiosqlite dialect would use."""
    arguments, options = SQLiteDialect_aiosqlite().create_connect_args(url)
    options = {**options, "timeout": 0, "check_same_thread": False}
    return lambda: InlineConnection(partial(sqlite3.connect, *arguments, **options))
