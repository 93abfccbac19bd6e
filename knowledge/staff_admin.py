"""Managing the team: adding people, changing roles, deactivating, listing, and who supervises."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from knowledge.errors import FieldError, NotFoundError, PermissionDeniedError
from knowledge.models import ROLES, Staff
from knowledge.staff import CLI_TELEGRAM_ID

APPROVER_ROLES = ("supervisor", "admin")


def _check_admin(actor: Staff) -> None:
    if actor.role != "admin":
        raise PermissionDeniedError("needs_admin")


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise FieldError("role", "unknown_role", value=role)


async def _by_telegram_id(session: AsyncSession, telegram_id: int) -> Staff:
    staff = await session.scalar(select(Staff).where(Staff.telegram_id == telegram_id))
    if staff is None:
        raise NotFoundError("staff_not_found", telegram_id=telegram_id)
    return staff


async def add_staff(session: AsyncSession, actor: Staff, telegram_id: int, name: str, role: str) -> Staff:
    """Give a Telegram user access with `role` (re-activating them if they were deactivated)."""
    _check_admin(actor)
    _check_role(role)
    staff = await session.scalar(select(Staff).where(Staff.telegram_id == telegram_id))
    if staff is None:
        staff = Staff(telegram_id=telegram_id, name=name.strip() or str(telegram_id), role=role)
        session.add(staff)
    staff.role, staff.active = role, True
    if name.strip():
        staff.name = name.strip()
    await session.flush()
    return staff


async def change_role(session: AsyncSession, actor: Staff, telegram_id: int, role: str) -> Staff:
    """Give a staff member another role."""
    _check_admin(actor)
    _check_role(role)
    staff = await _by_telegram_id(session, telegram_id)
    staff.role = role
    await session.flush()
    return staff


async def deactivate(session: AsyncSession, actor: Staff, telegram_id: int) -> Staff:
    """Take access away; the next update from that person is refused."""
    _check_admin(actor)
    if telegram_id == actor.telegram_id:
        raise PermissionDeniedError("cannot_deactivate_self")
    staff = await _by_telegram_id(session, telegram_id)
    staff.active = False
    await session.flush()
    return staff


async def team(session: AsyncSession) -> list[Staff]:
    """Everyone with a Telegram account, active first, by role then name."""
    rows = await session.scalars(
        select(Staff).where(Staff.telegram_id != CLI_TELEGRAM_ID).order_by(Staff.active.desc(), Staff.role, Staff.name)
    )
    return list(rows)


async def supervisor_chats(session: AsyncSession) -> list[int]:
    """Telegram ids of the active supervisors and admins: who gets alerts and scheduled checks."""
    rows = await session.scalars(
        select(Staff.telegram_id).where(
            Staff.active,
            Staff.role.in_(APPROVER_ROLES),
            Staff.telegram_id.is_not(None),
            Staff.telegram_id != CLI_TELEGRAM_ID,
        )
    )
    return sorted(set(rows))
