"""The assist service's fast path and its newer calls: what is recorded as shown, "more" replies,
flagging a tricky buyer, cached usage counts and staff roles, and the database helpers they rely on."""

import asyncio
import io
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import event, select
from test_knowledge_assist import fake_analyze

from bot.assist import AssistService
from bot.cli.chat import TerminalChat
from knowledge.db import SerialWrites, database_url, session_factory
from knowledge.errors import NotFoundError
from knowledge.models import BuyerEvent, Staff, Suggestion
from knowledge.staff import StaffDirectory, staff_member
from knowledge.suggestions import Suggester
from nlp.findings import ReplyCheck

pytest_plugins = ("knowledge_db",)  # the `engine` and `url` fixtures


def service(engine) -> AssistService:
    return AssistService(
        session_factory(engine), analyzer=fake_analyze, checker=lambda text: ReplyCheck(text, (), 88, text)
    )


async def shown_ids(engine, message_id: int) -> list[int]:
    async with session_factory(engine)() as session:
        return await session.scalar(select(Suggestion.shown_template_ids).where(Suggestion.message_id == message_id))


async def test_only_the_replies_on_the_card_are_recorded_and_more_adds_the_next_ones(engine):
    assist = service(engine)
    card = await assist.assist("什么时候发货", "小王")
    assert len(card.suggestions) == 3 and card.more
    assert await shown_ids(engine, card.message_id) == [s.template_id for s in card.suggestions]
    wider = await assist.assist("什么时候发货", "小王", k=6)
    extra = await assist.more_suggestions(card.message_id)
    assert [s.template_id for s in extra] == [s.template_id for s in wider.suggestions[3:6]]
    shown = await shown_ids(engine, card.message_id)
    assert shown == [s.template_id for s in card.suggestions + extra]
    assert await assist.use_suggestion(card.message_id, 5) == extra[1].template_id
    assert not {s.template_id for s in await assist.more_suggestions(card.message_id)} & set(shown)


async def test_more_for_an_unknown_message_is_a_chinese_not_found(engine):
    with pytest.raises(NotFoundError, match="找不到消息"):
        await service(engine).more_suggestions(999)


async def test_flag_tricky_records_the_event_and_twice_blacklists(engine):
    assist = service(engine)
    await assist.assist("什么时候发货", "老赵")
    async with session_factory(engine).begin() as session:
        agent = await staff_member(session, 1, "客服小李", "agent")
    first = await assist.flag_tricky("老赵", agent)
    assert (first.tier, first.tier_source) == ("orange", "rule")
    assert (await assist.flag_tricky("老赵", agent)).tier == "black"
    async with session_factory(engine)() as session:
        events = list(await session.scalars(select(BuyerEvent).where(BuyerEvent.kind == "tricky")))
    assert [e.staff_id for e in events] == [agent.id, agent.id]
    assert (await assist.assist("什么时候发货", "老赵")).escalate


async def test_events_are_noted_once_per_conversation_and_the_tier_follows_without_rereading(engine):
    assist = service(engine)
    cards = [await assist.assist(text, "阿花") for text in ("能便宜点吗", "再便宜点吗", "我要给差评", "差评！")]
    assert [c.buyer.tier for c in cards] == ["yellow", "yellow", "orange", "orange"]
    assert len({c.conversation_id for c in cards}) == 1
    async with session_factory(engine)() as session:
        kinds = sorted(await session.scalars(select(BuyerEvent.kind)))
    assert kinds == ["bargained", "tricky"]


async def test_usage_counts_are_kept_for_a_while_and_dropped_when_this_process_records_a_use(engine):
    now = [0.0]
    suggester = Suggester(clock=lambda: now[0])
    assist = service(engine)
    async with session_factory(engine)() as session:
        assert await suggester.usage(session, "logistics") == {}
    card = await assist.assist("什么时候发货")
    await assist.use_suggestion(card.message_id, 1)
    used = {card.suggestions[0].template_id: 1}
    async with session_factory(engine)() as session:
        assert await suggester.usage(session, "logistics") == {}  # another process's use: not yet
        now[0] = 31.0
        assert await suggester.usage(session, "logistics") == used
        suggester.forget_usage()
        assert await suggester.usage(session, "logistics") == used


async def test_staff_roles_are_remembered_but_a_committed_staff_change_is_seen_at_once(engine):
    sessions = session_factory(engine)
    now = [0.0]
    staff = StaffDirectory(sessions, seconds=5, clock=lambda: now[0])
    async with sessions.begin() as session:
        await staff_member(session, 42, "小周", "agent")
    assert await staff.role(42) == "agent" and await staff.role(7) is None
    async with sessions.begin() as session:  # through the ORM, as /staff does: seen at once
        (await session.scalar(select(Staff).where(Staff.telegram_id == 42))).role = "supervisor"
    assert await staff.role(42) == "supervisor"
    async with engine.begin() as connection:  # another process's change: seen after `seconds`
        await connection.execute(Staff.__table__.update().where(Staff.telegram_id == 42).values(active=False))
    assert await staff.role(42) == "supervisor"
    now[0] = 6.0
    assert await staff.role(42) is None


async def test_one_read_of_the_staff_table_serves_many_people_and_strangers(engine):
    sessions = session_factory(engine)
    async with sessions.begin() as session:
        for telegram_id in (1, 2, 3):
            await staff_member(session, telegram_id, f"客服{telegram_id}")
    staff = StaffDirectory(sessions, seconds=5, clock=lambda: 0.0)
    statements: list[str] = []

    def count(_connection, _cursor, statement, *_args) -> None:
        statements.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", count)
    try:
        roles = await asyncio.gather(*(staff.role(telegram_id) for telegram_id in (1, 2, 3, 404, 405, 1)))
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", count)
    assert roles == ["agent", "agent", "agent", None, None, "agent"]
    assert len([s for s in statements if "FROM staff" in s]) == 1


async def test_staff_members_are_registered_once_and_remembered(engine):
    sessions = session_factory(engine)
    now = [0.0]
    staff = StaffDirectory(SerialWrites(sessions, serialise=engine.dialect.name == "sqlite"), clock=lambda: now[0])
    first = await staff.member(9, "新人小吴", "agent")
    again = await staff.member(9, "新人小吴", "agent")
    assert first.id == again.id and again.role == "agent"
    assert await staff.member(9, "新人小吴") is again  # remembered: no second read
    async with sessions() as session:
        assert len(list(await session.scalars(select(Staff).where(Staff.telegram_id == 9)))) == 1
    async with sessions.begin() as session:
        (await session.scalar(select(Staff).where(Staff.telegram_id == 9))).name = "小吴"
    assert (await staff.member(9, "新人小吴")).name == "小吴"


def test_database_url_gives_every_source_the_async_driver(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "sqlite:////srv/env.db")
    assert database_url("postgres://u:p@h/db") == "postgresql+asyncpg://u:p@h/db"
    assert database_url("postgresql://u@h/db") == "postgresql+asyncpg://u@h/db"
    assert database_url("postgresql+asyncpg://u@h/db") == "postgresql+asyncpg://u@h/db"
    assert database_url() == "sqlite+aiosqlite:////srv/env.db"


def test_bot_settings_from_the_environment_or_env_file_get_the_async_driver(monkeypatch, tmp_path):
    from bot.config import Settings

    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text("DATABASE_URL=postgres://u:p@db:5432/shop\n", encoding="utf-8")
    assert Settings().database_url == "postgresql+asyncpg://u:p@db:5432/shop"
    monkeypatch.setenv("DATABASE_URL", "postgresql://u@h/db")
    assert Settings().database_url == "postgresql+asyncpg://u@h/db"


async def test_serial_writes_take_turns_on_sqlite_only(engine):
    order: list[str] = []
    writes = SerialWrites(session_factory(engine), serialise=engine.dialect.name == "sqlite")

    async def write(name: str) -> None:
        async with writes.begin() as session:
            order.append(f"{name} in")
            await session.get(Staff, 1)
            await asyncio.sleep(0.01)
            order.append(f"{name} out")

    await asyncio.gather(write("a"), write("b"))
    if engine.dialect.name == "sqlite":
        assert order == ["a in", "a out", "b in", "b out"]
    else:
        assert order == ["a in", "b in", "a out", "b out"]


async def test_terminal_chat_more_continues_the_numbering_and_the_new_replies_can_be_used(engine):
    async with session_factory(engine).begin() as session:
        agent = await staff_member(session, 1, "客服小李", "agent")
    out = io.StringIO()
    chat = TerminalChat(service(engine), agent, ZoneInfo("Asia/Shanghai"), out)
    await chat.handle("小王：什么时候发货")
    await chat.handle("/more")
    assert "4." in out.getvalue().split("\n\n")[-2]
    await chat.handle("5")
    assert await shown_ids(engine, chat.card.message_id) == [s.template_id for s in chat.card.suggestions]
    async with session_factory(engine)() as session:
        used = await session.scalar(
            select(Suggestion.used_template_id).where(Suggestion.message_id == chat.card.message_id)
        )
    assert used == chat.card.suggestions[4].template_id


async def test_a_card_rolled_back_leaves_the_next_card_working(engine):
    """The warm-up builds a card and rolls it back; the shop facts kept for later cards must survive that."""
    assist = service(engine)
    warm = await assist.warm_up()
    assert warm.suggestions and warm.concession is not None  # a bargaining buyer: every path ran
    card = await assist.assist("能便宜点吗", "小陈")
    assert card.concession is not None and card.suggestions
    async with session_factory(engine)() as session:
        assert await session.scalar(select(Suggestion.message_id).where(Suggestion.message_id == warm.message_id)) in (
            None,
            card.message_id,  # SQLite may hand the rolled-back id out again
        )
