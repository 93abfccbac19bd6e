"""Magic filters checked on the event loop.

aiogram 3 runs every synchronous filter (magic filters such as `F.text` included) in a worker
thread, one hop per check; an async filter runs in place, which costs far less for a field test.
"""

from __future__ import annotations

from typing import Any

from aiogram.filters import Filter
from aiogram.types import TelegramObject
from magic_filter import MagicFilter


class OnLoop(Filter):
    """A magic filter resolved on the event loop, with the same result as aiogram's own resolution."""

    def __init__(self, magic: MagicFilter) -> None:
        self.magic = magic

    async def __call__(self, event: TelegramObject) -> Any:
        return self.magic.resolve(event)
