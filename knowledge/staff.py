"""Staff members: who is acting, and with which role."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from knowledge.errors import FieldError
from knowledge.models import ROLES, Staff
from knowledge.texts import CLI

CLI_TELEGRAM_ID = 0  # the command line acts as this administrator


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
