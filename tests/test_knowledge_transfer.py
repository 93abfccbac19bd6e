"""Import and export: validation before writing, row/field errors, idempotence, stable round trips."""

import pytest
from sqlalchemy import func, select

from knowledge.db import create_engine, prepare, session_factory
from knowledge.errors import KnowledgeError, ValidationError
from knowledge.models import Template, TemplateRevision
from knowledge.staff import cli_admin
from knowledge.transfer import Document, export_document, import_document, parse, read_file, render, write_file
from nlp.findings import Finding, ReplyCheck

pytest_plugins = ("knowledge_db",)  # the `engine` and `url` fixtures


def passing_checker(text: str) -> ReplyCheck:
    return ReplyCheck(text, (), 100, text)


def row(key: str, **changes) -> dict:
    values = {
        "key": key,
        "intent": "logistics",
        "tiers": [],
        "title": "标题",
        "text": "亲，感谢您的耐心～",
        "tags": ["测试"],
        "status": "live",
    }
    values.update(changes)
    return values


async def counts(engine) -> tuple[int, int]:
    async with session_factory(engine)() as session:
        templates = await session.scalar(select(func.count()).select_from(Template))
        revisions = await session.scalar(select(func.count()).select_from(TemplateRevision))
    return templates, revisions


async def run_import(engine, document: Document):
    async with session_factory(engine).begin() as session:
        return await import_document(session, document, await cli_admin(session), passing_checker)


async def export(engine, fmt: str) -> str:
    async with session_factory(engine)() as session:
        return render(await export_document(session), fmt)


async def test_a_bad_row_names_row_and_field_and_nothing_is_written(engine):
    before = await counts(engine)
    document = Document(
        shop=None, rows=[row("new.1"), row("new.2", intent="砍价"), row("new.3", text="亲，{discount}")]
    )
    with pytest.raises(ValidationError) as error:
        await run_import(engine, document)
    located = {(e.row, e.field) for e in error.value.errors}
    assert located == {(2, "intent"), (3, "text")}
    assert "第 2 行" in str(error.value) and "intent" in str(error.value)
    assert await counts(engine) == before


async def test_checker_warnings_reject_the_row_unless_overridden(engine):
    def cold(text: str) -> ReplyCheck:
        return ReplyCheck(text, (Finding("cold", "warning", 0, 1, "语气冷淡"),), 50, text)

    document = Document(shop=None, rows=[row("new.1")])
    async with session_factory(engine).begin() as session:
        admin = await cli_admin(session)
        with pytest.raises(ValidationError) as error:
            await import_document(session, document, admin, cold)
        assert [(e.row, e.field) for e in error.value.errors] == [(1, "text")]
        result = await import_document(session, document, admin, cold, override_reason="引用买家原话")
    assert result.added == 1
    async with session_factory(engine).begin() as session:
        again = await import_document(session, document, await cli_admin(session), cold)
    assert again.unchanged == 1  # unchanged texts are not checked again


async def test_duplicate_keys_and_missing_fields_are_reported(engine):
    document = Document(shop=None, rows=[row("k"), row("k"), {"key": "x"}, row("k" * 101, title="长" * 201)])
    with pytest.raises(ValidationError) as error:
        await run_import(engine, document)
    located = {(e.row, e.field) for e in error.value.errors}
    assert {(2, "key"), (3, "title"), (3, "text"), (3, "intent"), (4, "key"), (4, "title")} <= located


async def test_import_adds_then_changes_nothing_the_second_time(engine):
    document = Document(shop=None, rows=[row("new.1"), row("new.2", tiers=["yellow"])])
    first = await run_import(engine, document)
    after_first = await counts(engine)
    second = await run_import(engine, document)
    assert (first.added, first.updated) == (2, 0)
    assert (second.added, second.updated, second.unchanged) == (0, 0, 2)
    assert await counts(engine) == after_first


async def test_a_changed_row_updates_the_template_with_a_new_revision(engine):
    await run_import(engine, Document(shop=None, rows=[row("new.1")]))
    result = await run_import(engine, Document(shop=None, rows=[row("new.1", text="亲，谢谢您～")]))
    assert result.updated == 1
    async with session_factory(engine)() as session:
        template = await session.scalar(select(Template).where(Template.key == "new.1"))
    assert template.text == "亲，谢谢您～" and template.version == 2


@pytest.mark.parametrize("fmt", ["yaml", "csv"])
async def test_importing_an_export_changes_nothing_and_exports_the_same_file(engine, fmt, tmp_path):
    await run_import(engine, Document(shop=None, rows=[row("new.1", tiers=["orange", "black"], tags=["a", "b"])]))
    exported = await export(engine, fmt)
    before = await counts(engine)
    result = await run_import(engine, parse(exported, fmt))
    assert result.added == result.updated == 0 and not result.shop_changed
    assert await counts(engine) == before
    assert await export(engine, fmt) == exported
    path = tmp_path / f"kb.{fmt}"
    async with session_factory(engine)() as session:
        write_file(path, await export_document(session))
    assert read_file(path).rows == parse(exported, fmt).rows


async def test_export_into_a_fresh_database_round_trips(engine, tmp_path):
    await run_import(engine, Document(shop=None, rows=[row("custom.1"), row("custom.2", status="retired")]))
    exported = await export(engine, "yaml")
    fresh = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'fresh.db'}")
    try:
        await prepare(fresh)
        await run_import(fresh, parse(exported, "yaml"))
        assert await export(fresh, "yaml") == exported
    finally:
        await fresh.dispose()


def test_csv_lists_may_use_common_separators():
    content = "key,intent,tiers,title,text,tags,status\nk,bargain,\"yellow, orange\",t,亲～,价格；包邮,live\n"
    (parsed,) = parse(content, "csv").rows
    assert (parsed["tiers"], parsed["tags"]) == (["yellow", "orange"], ["价格", "包邮"])


def test_unknown_format_and_broken_structure_are_clear_errors(tmp_path):
    with pytest.raises(KnowledgeError, match="无法识别的文件格式"):
        read_file(tmp_path / "kb.txt")
    with pytest.raises(KnowledgeError, match="缺少列"):
        parse("key,intent\nx,logistics\n", "csv")
    with pytest.raises(KnowledgeError, match="文件结构不正确"):
        parse("- just\n- a list\n", "yaml")
