"""Staff members: who is acting, and with which role."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

from sqlalchemy import Row, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import make_transient_to_detached

from knowledge.changes import CommittedChanges
from knowledge.db import SerialWrites
from knowledge.errors import FieldError
from knowledge.models import ROLES, Staff
from knowledge.texts import CLI

CLI_TELEGRAM_ID = 0  # the command line acts as this administrator
ROLE_SECONDS = 5.0  # how long a role read from the database is trusted without asking again


async def staff_member(session: AsyncSession, telegram_id: int, name: str, role: str = "agent") -> Staff:
    """The staff member with this Telegram id, registered with `role` on first sight."""
    if role not in ROLES:
        raise FieldError("role", "unknown_role", value=role)
    staff = await staff_by_telegram_id(session, telegram_id)
    if staff is None:
        staff = Staff(telegram_id=telegram_id, name=name, role=role)
        session.add(staff)
        await session.flush()
    return staff


async def staff_by_telegram_id(session: AsyncSession, telegram_id: int) -> Staff | None:
    """The staff member with this Telegram id, active or not, if known."""
    return await session.scalar(select(Staff).where(Staff.telegram_id == telegram_id))


async def cli_admin(session: AsyncSession) -> Staff:
    """The administrator the `xiaoer` command line acts as."""
    return await staff_member(session, CLI_TELEGRAM_ID, CLI["cli_staff_name"], "admin")


STAFF_CHANGES = CommittedChanges(Staff)


class StaffDirectory:
    """Every staff member by Telegram id, for the bot's every update: the whole table, read every `seconds`.

    A staff change committed by this process (a role changed, someone added or deactivated) makes
    the next lookup read the table again; a change made by another process (the command line,
    another bot instance) is seen within `seconds`. Strangers cost no query. The table is read as
    plain rows (cheap even for thousands of people); a `member` record is built from its row on
    first request, as a detached copy to read from.
    """

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession] | SerialWrites,
        seconds: float = ROLE_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.sessions = sessions
        self.seconds = seconds
        self._clock = clock
        self._rows: dict[int, Row] = {}
        self._members: dict[int, Staff] = {}
        self._read: tuple[int, float] | None = None  # (STAFF_CHANGES.commits when read, fresh until)
        self._reading = asyncio.Lock()

    def _fresh(self) -> bool:
        return self._read is not None and self._read[0] == STAFF_CHANGES.commits and self._clock() < self._read[1]

    async def _row(self, telegram_id: int) -> Row | None:
        """This person's staff row (active or not) or None; one reader refreshes the table for everyone waiting."""
        if not self._fresh():
            async with self._reading:
                if not self._fresh():
                    commits = STAFF_CHANGES.commits
                    async with self.sessions() as session:
                        rows = await session.execute(_EVERYONE)
                        self._rows = {row.telegram_id: row for row in rows}
                    self._members = {}
                    self._read = (commits, self._clock() + self.seconds)  # read across a change: stale at once
        return self._rows.get(telegram_id)

    async def role(self, telegram_id: int) -> str | None:
        """The role of this person, or None when they are not active staff."""
        row = await self._row(telegram_id)
        return row.role if row is not None and row.active else None

    async def member(self, telegram_id: int, name: str, role: str = "agent") -> Staff:
        """`staff_member`, remembered: a record built from the row `role` read, or registered (with `role`)."""
        row = await self._row(telegram_id)
        if row is None:
            async with self.sessions.begin() as session:
                return await staff_member(session, telegram_id, name, role)
        staff = self._members.get(telegram_id)
        if staff is None:
            staff = Staff(**row._asdict())
            make_transient_to_detached(staff)  # a known row: sessions treat it as loaded, never insert it
            self._members[telegram_id] = staff
        return staff


_EVERYONE = select(Staff.id, Staff.telegram_id, Staff.name, Staff.role, Staff.active).where(
    Staff.telegram_id.is_not(None)
)
