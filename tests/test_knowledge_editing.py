"""Editing templates: history, approval, checker gate and optimistic locking on both databases."""

import asyncio

import pytest
from sqlalchemy import select

from knowledge.db import session_factory
from knowledge.editing import (
    add_template,
    approve_revision,
    edit_template,
    history,
    pending_revisions,
    reject_revision,
    retire_template,
    revert_template,
)
from knowledge.errors import CheckerBlockedError, PermissionDeniedError, StaleEditError
from knowledge.fields import TemplateFields, clean_fields
from knowledge.models import Template
from knowledge.staff import staff_member
from nlp.findings import Finding, ReplyCheck

pytest_plugins = ("knowledge_db",)  # the `engine` and `url` fixtures

COLD = "自己看"


def fake_checker(text: str) -> ReplyCheck:
    """Warns on one cold phrase: enough to exercise the gate without the real checker's rules."""
    findings = ()
    if COLD in text:
        start = text.index(COLD)
        findings = (Finding("cold", "warning", start, start + len(COLD), "语气冷淡"),)
    return ReplyCheck(text, findings, 60 if findings else 100, text)


def fields(text: str = "亲，感谢您的耐心，我们马上为您处理～", status: str = "live") -> TemplateFields:
    return clean_fields("logistics", [], "标题", text, ["测试"], status)


async def people(session):
    agent = await staff_member(session, 1, "客服小李", "agent")
    boss = await staff_member(session, 2, "主管老王", "supervisor")
    return agent, boss


async def test_supervisor_edits_go_live_and_history_keeps_every_revision(engine):
    async with session_factory(engine).begin() as session:
        agent, boss = await people(session)
        template = await add_template(session, boss, "t.1", fields(), checker=fake_checker, reason="新建")
        await edit_template(
            session,
            template.id,
            1,
            boss,
            fields("亲，感谢您的耐心，我们马上为您加急～"),
            checker=fake_checker,
            reason="更热情",
        )
        assert template.version == 2 and "加急" in template.text
        await revert_template(
            session,
            template.id,
            (await history(session, template.id))[0].id,
            2,
            boss,
            checker=fake_checker,
            reason="回到原文",
        )
        revisions = await history(session, template.id)
    assert template.version == 3 and "处理" in template.text
    assert [r.version for r in revisions] == [1, 2, 3]
    assert [r.reason for r in revisions] == ["新建", "更热情", "回到原文"]
    assert all(r.author_id == boss.id and r.state == "applied" for r in revisions)


async def test_agent_edits_wait_for_a_supervisor(engine):
    async with session_factory(engine).begin() as session:
        agent, boss = await people(session)
        template = await add_template(session, boss, "t.2", fields(), checker=fake_checker)
        proposal = await edit_template(
            session, template.id, 1, agent, fields("亲，谢谢您，马上为您加急～"), checker=fake_checker
        )
        assert proposal.state == "pending" and template.version == 1 and "加急" not in template.text
        assert [r.id for r in await pending_revisions(session)] == [proposal.id]
        with pytest.raises(PermissionDeniedError):
            await approve_revision(session, proposal.id, agent)
        await approve_revision(session, proposal.id, boss)
        assert template.version == 2 and "加急" in template.text and proposal.approved_by_id == boss.id
        assert await pending_revisions(session) == []


async def test_agent_new_template_is_pending_until_approved_and_can_be_rejected(engine):
    async with session_factory(engine).begin() as session:
        agent, boss = await people(session)
        template = await add_template(session, agent, "t.3", fields(), checker=fake_checker)
        assert template.status == "pending"
        first = (await history(session, template.id))[0]
        await approve_revision(session, first.id, boss)
        assert template.status == "live"
        proposal = await edit_template(
            session, template.id, template.version, agent, fields("亲，感谢～"), checker=fake_checker
        )
        await reject_revision(session, proposal.id, boss)
        assert template.text != "亲，感谢～" and proposal.state == "rejected"


async def test_checker_warnings_block_a_save_unless_a_supervisor_overrides_with_a_reason(engine):
    async with session_factory(engine).begin() as session:
        agent, boss = await people(session)
        with pytest.raises(CheckerBlockedError) as blocked:
            await add_template(session, boss, "t.4", fields(f"亲，{COLD}详情页"), checker=fake_checker)
        assert "语气冷淡" in str(blocked.value)
        with pytest.raises(PermissionDeniedError):
            await add_template(
                session, agent, "t.4", fields(f"亲，{COLD}详情页"), checker=fake_checker, override_reason="我觉得可以"
            )
        template = await add_template(
            session, boss, "t.4", fields(f"亲，{COLD}详情页"), checker=fake_checker, override_reason="买家原话引用"
        )
        assert (await history(session, template.id))[0].override_reason == "买家原话引用"


async def test_retired_templates_keep_their_history(engine):
    async with session_factory(engine).begin() as session:
        _, boss = await people(session)
        template = await add_template(session, boss, "t.5", fields(), checker=fake_checker)
        await retire_template(session, template.id, 1, boss, "过时")
        assert template.status == "retired" and len(await history(session, template.id)) == 2


async def test_stale_edit_is_refused_and_overwrites_nothing(engine):
    sessions = session_factory(engine)
    async with sessions.begin() as session:
        _, boss = await people(session)
        template_id = (await add_template(session, boss, "t.6", fields(), checker=fake_checker)).id
    async with sessions.begin() as session:
        await edit_template(session, template_id, 1, boss, fields("亲，第一位编辑的版本～"), checker=fake_checker)
    with pytest.raises(StaleEditError) as stale:
        async with sessions.begin() as session:
            await edit_template(session, template_id, 1, boss, fields("亲，第二位编辑的版本～"), checker=fake_checker)
    assert "版本 1" in str(stale.value)
    async with sessions() as session:
        template = await session.scalar(select(Template).where(Template.id == template_id))
        assert template.text == "亲，第一位编辑的版本～" and template.version == 2
        assert len(await history(session, template_id)) == 2


async def test_two_concurrent_editors_one_wins_the_other_is_refused(engine):
    sessions = session_factory(engine)
    async with sessions.begin() as session:
        _, boss = await people(session)
        template_id = (await add_template(session, boss, "t.7", fields(), checker=fake_checker)).id
    both_loaded = asyncio.Barrier(2)

    async def editor(name: str) -> str:
        try:
            async with sessions.begin() as session:
                template = await session.get(Template, template_id)
                seen = template.version
                await both_loaded.wait()
                await edit_template(
                    session, template_id, seen, boss, fields(f"亲，{name}的版本～"), checker=fake_checker
                )
            return "saved"
        except StaleEditError:
            return "stale"

    outcomes = await asyncio.gather(editor("甲"), editor("乙"))
    assert sorted(outcomes) == ["saved", "stale"]
    async with sessions() as session:
        template = await session.get(Template, template_id)
        assert template.version == 2
        assert len(await history(session, template_id)) == 2
