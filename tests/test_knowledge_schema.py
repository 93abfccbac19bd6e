"""The migrations build the schema on both databases and the default knowledge loads once."""

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from knowledge.db import MIGRATIONS, database_url, prepare, session_factory
from knowledge.defaults import default_document
from knowledge.migrations import HEAD
from knowledge.models import Buyer, ShopFacts, Template, TemplateRevision
from nlp.intents import INTENTS

pytest_plugins = ("knowledge_db",)  # the `engine` and `url` fixtures


async def test_fresh_database_is_migrated_and_holds_the_defaults(engine):
    async with session_factory(engine)() as session:
        version = await session.scalar(text("SELECT version_num FROM alembic_version"))
        templates = (await session.scalars(select(Template))).all()
        revisions = await session.scalar(select(func.count()).select_from(TemplateRevision))
        facts = await session.scalar(select(ShopFacts))
    assert version == HEAD
    assert len(templates) == len(default_document().rows)
    assert revisions == len(templates)
    assert all(t.status == "live" and t.version == 1 for t in templates)
    assert facts.return_days == 7


async def test_the_database_refuses_values_outside_their_fixed_set(engine):
    async with session_factory(engine)() as session:
        session.add(Buyer(nickname="某人", tier="purple"))
        with pytest.raises(IntegrityError):
            await session.flush()


async def test_preparing_again_changes_nothing(engine):
    await prepare(engine)
    async with session_factory(engine)() as session:
        count = await session.scalar(select(func.count()).select_from(Template))
        facts = await session.scalar(select(func.count()).select_from(ShopFacts))
    assert count == len(default_document().rows)
    assert facts == 1


def test_every_intent_has_three_default_templates_that_fit_every_tier():
    rows = default_document().rows
    for intent in INTENTS:
        generic = [r for r in rows if r["intent"] == intent and not r["tiers"]]
        assert len(generic) >= 3, intent


def test_tier_variants_exist_where_the_shop_rules_ask_for_them():
    rows = default_document().rows
    ladder = {tag for r in rows if r["tiers"] == ["yellow"] for tag in r["tags"] if tag.startswith("ladder:")}
    assert ladder == {"ladder:gift", "ladder:shipping_discount", "ladder:price_step"}
    for tier in ("orange", "black"):
        intents = {r["intent"] for r in rows if tier in r["tiers"]}
        assert {"bargain", "return_refund", "complaint"} <= intents, tier


def test_head_constant_names_the_newest_migration():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", MIGRATIONS)
    assert ScriptDirectory.from_config(config).get_current_head() == HEAD


def test_database_url_defaults_to_a_sqlite_file_in_xiaoer_home(monkeypatch, tmp_path):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("XIAOER_HOME", str(tmp_path))
    assert database_url() == f"sqlite+aiosqlite:///{tmp_path / 'xiaoer.db'}"
    monkeypatch.setenv("DATABASE_URL", "postgresql://u@h:5432/db")
    assert database_url() == "postgresql+asyncpg://u@h:5432/db"
    monkeypatch.setenv("DATABASE_URL", "sqlite:////srv/x.db")
    assert database_url() == "sqlite+aiosqlite:////srv/x.db"
