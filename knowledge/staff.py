"""Staff members: who is acting, and with which role."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import event, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import ORMExecuteState, Session

from knowledge.db import SerialWrites
from knowledge.errors import FieldError
from knowledge.models import ROLES, Staff
from knowledge.texts import CLI

CLI_TELEGRAM_ID = 0  # the command line acts as this administrator
ROLE_SECONDS = 5.0  # how long a role read from the database is trusted without asking again
T = TypeVar("T")
ROLES_REMEMBERED = 10_000  # beyond this many people (strangers included), start remembering afresh


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


async def database_role(session: AsyncSession, telegram_id: int) -> str | None:
    """The role kept in the database for an active staff member, if any."""
    return await session.scalar(select(Staff.role).where(Staff.telegram_id == telegram_id, Staff.active))


class _StaffChanges:
    """Counts commits that changed staff rows in this process, so cached roles know when to read again."""

    commits = 0

    @staticmethod
    def _mark(session: Session) -> None:
        session.info["staff_changed"] = True

    @classmethod
    def after_flush(cls, session: Session, _context) -> None:
        if any(isinstance(row, Staff) for row in (*session.new, *session.dirty, *session.deleted)):
            cls._mark(session)

    @classmethod
    def do_orm_execute(cls, state: ORMExecuteState) -> None:
        if (state.is_update or state.is_delete) and state.bind_mapper is not None and state.bind_mapper.class_ is Staff:
            cls._mark(state.session)

    @classmethod
    def after_commit(cls, session: Session) -> None:
        if session.info.pop("staff_changed", False):
            cls.commits += 1

    @classmethod
    def after_rollback(cls, session: Session) -> None:
        session.info.pop("staff_changed", None)


event.listen(Session, "after_flush", _StaffChanges.after_flush)
event.listen(Session, "do_orm_execute", _StaffChanges.do_orm_execute)
event.listen(Session, "after_commit", _StaffChanges.after_commit)
event.listen(Session, "after_rollback", _StaffChanges.after_rollback)


class StaffDirectory:
    """Staff by Telegram id for the bot's every update: roles and records, read at most every `seconds` per person.

    A staff change committed by this process (a role changed, someone added or deactivated) drops
    everything remembered at once; a change made by another process (the command line, another
    bot instance) is seen within `seconds`. Records handed out are detached copies to read from.
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
        self._roles: dict[int, tuple[float, str | None]] = {}
        self._members: dict[int, tuple[float, Staff]] = {}
        self._commits = _StaffChanges.commits

    def _kept(self, remembered: dict[int, tuple[float, T]], telegram_id: int) -> tuple[float, T] | None:
        """What is still fresh for this person, after forgetting everything if staff changed here."""
        if self._commits != _StaffChanges.commits:
            self._roles.clear()
            self._members.clear()
            self._commits = _StaffChanges.commits
        kept = remembered.get(telegram_id)
        return kept if kept is not None and kept[0] > self._clock() else None

    def _remember(self, remembered: dict[int, tuple[float, T]], telegram_id: int, value: T, commits: int) -> None:
        if commits != _StaffChanges.commits:  # read across a staff change: do not trust it
            return
        if len(remembered) >= ROLES_REMEMBERED:
            remembered.clear()
        remembered[telegram_id] = (self._clock() + self.seconds, value)

    async def role(self, telegram_id: int) -> str | None:
        """The role of this person, or None when they are not active staff."""
        if kept := self._kept(self._roles, telegram_id):
            return kept[1]
        commits = self._commits
        async with self.sessions() as session:
            role = await database_role(session, telegram_id)
        self._remember(self._roles, telegram_id, role, commits)
        return role

    async def member(self, telegram_id: int, name: str, role: str = "agent") -> Staff:
        """`staff_member`, remembered: read in a short session, registered (with `role`) in a write transaction."""
        if kept := self._kept(self._members, telegram_id):
            return kept[1]
        commits = self._commits
        async with self.sessions() as session:
            staff = await staff_by_telegram_id(session, telegram_id)
        if staff is None:
            async with self.sessions.begin() as session:
                staff = await staff_member(session, telegram_id, name, role)
        self._remember(self._members, telegram_id, staff, commits)
        return staff
