"""Staff members: who is acting, and with which role."""

from __future__ import annotations

import time
from collections.abc import Callable

from sqlalchemy import event, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import ORMExecuteState, Session

from knowledge.errors import FieldError
from knowledge.models import ROLES, Staff
from knowledge.texts import CLI

CLI_TELEGRAM_ID = 0  # the command line acts as this administrator
ROLE_SECONDS = 5.0  # how long a role read from the database is trusted without asking again
ROLES_REMEMBERED = 10_000  # beyond this many people (strangers included), start remembering afresh


async def staff_member(session: AsyncSession, telegram_id: int, name: str, role: str = "agent") -> Staff:
    """The staff member with this Telegram id, registered with `role` on first sight."""
    if role not in ROLES:
        raise FieldError("role", "unknown_role", value=role)
    staff = await session.scalar(select(Staff).where(Staff.telegram_id == telegram_id))
    if staff is None:
        staff = Staff(telegram_id=telegram_id, name=name, role=role)
        session.add(staff)
        await session.flush()
    return staff


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


class StaffRoles:
    """Roles of active staff by Telegram id, read from the database at most every `seconds` per person.

    A staff change committed by this process (a role changed, someone added or deactivated) drops
    every remembered role at once; a change made by another process (the command line, another
    bot instance) is seen within `seconds`.
    """

    def __init__(
        self,
        sessions: Callable[[], AsyncSession],
        seconds: float = ROLE_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.sessions = sessions
        self.seconds = seconds
        self._clock = clock
        self._roles: dict[int, tuple[float, str | None]] = {}
        self._commits = _StaffChanges.commits

    async def __call__(self, telegram_id: int) -> str | None:
        """The role of this person, or None when they are not active staff."""
        if self._commits != _StaffChanges.commits:
            self._roles.clear()
            self._commits = _StaffChanges.commits
        now = self._clock()
        kept = self._roles.get(telegram_id)
        if kept is not None and kept[0] > now:
            return kept[1]
        commits = self._commits
        async with self.sessions() as session:
            role = await database_role(session, telegram_id)
        if commits == _StaffChanges.commits:  # not read across a staff change
            if len(self._roles) >= ROLES_REMEMBERED:
                self._roles.clear()
            self._roles[telegram_id] = (now + self.seconds, role)
        return role
