"""Team management in the knowledge base: only admins manage, roles are checked, no one deactivates themselves."""

from __future__ import annotations

import pytest

from knowledge.db import session_factory
from knowledge.errors import FieldError, NotFoundError, PermissionDeniedError
from knowledge.models import Staff
from knowledge.staff import cli_admin
from knowledge.staff_admin import add_staff, change_role, deactivate, supervisor_chats, team

pytest_plugins = ("knowledge_db",)  # the `engine` fixture, on both databases


async def test_admins_add_change_and_deactivate_and_alerts_reach_active_approvers(engine):
    async with session_factory(engine).begin() as session:
        admin = await add_staff(session, await cli_admin(session), 100, "店长", "admin")
        supervisor = await add_staff(session, admin, 101, "主管甲", "supervisor")
        agent = await add_staff(session, admin, 102, "客服乙", "agent")
        assert await supervisor_chats(session) == [100, 101]
        await change_role(session, admin, 102, "supervisor")
        await deactivate(session, admin, 101)
        assert await supervisor_chats(session) == [100, 102]
        assert [s.name for s in await team(session)][-1] == "主管甲"  # the deactivated come last
        again = await add_staff(session, admin, 101, "", "agent")  # re-added: active again, name kept
        assert (again.active, again.role, again.name) == (True, "agent", "主管甲")
        with pytest.raises(PermissionDeniedError):
            await add_staff(session, supervisor, 103, "新人", "agent")
        with pytest.raises(PermissionDeniedError):
            await deactivate(session, admin, 100)
        with pytest.raises(FieldError):
            await change_role(session, admin, 102, "owner")
        with pytest.raises(NotFoundError):
            await deactivate(session, admin, 999)
        assert isinstance(agent, Staff) and 0 not in [s.telegram_id for s in await team(session)]
