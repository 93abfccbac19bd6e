"""`xiaoer kb`: export, import, list, show, history, add, edit, retire and revert reply templates.

The command line acts as the shop's administrator: its changes go live at once.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from sqlalchemy import select

from bot.cli.db import run_database_command
from knowledge.checking import default_checker
from knowledge.db import open_database
from knowledge.editing import add_template, edit_template, get_template, history, retire_template, revert_template
from knowledge.fields import TemplateFields, clean_fields, clean_key
from knowledge.models import Template, TemplateRevision
from knowledge.staff import cli_admin
from bot.cli.output import say
from bot.texts import CLI_HELP
from knowledge.texts import TEMPLATE_STATUS_NAMES
from knowledge.transfer import export_document, import_document, read_file, write_file


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("kb", help=CLI_HELP["kb"])
    commands = parser.add_subparsers(dest="kb_command", required=True)

    export = commands.add_parser("export", help=CLI_HELP["kb.export"])
    export.add_argument("file", type=Path)
    export.set_defaults(handler=run_export)

    load = commands.add_parser("import", help=CLI_HELP["kb.import"])
    load.add_argument("file", type=Path)
    load.add_argument("--override-reason", help=CLI_HELP["kb.import.override"])
    load.set_defaults(handler=run_import)

    listing = commands.add_parser("list", help=CLI_HELP["kb.list"])
    listing.add_argument("--intent")
    listing.add_argument("--status", choices=tuple(TEMPLATE_STATUS_NAMES))
    listing.set_defaults(handler=run_list)

    for name, handler in (("show", run_show), ("history", run_history)):
        command = commands.add_parser(name, help=CLI_HELP[f"kb.{name}"])
        command.add_argument("template_id", type=int)
        command.set_defaults(handler=handler)

    add = commands.add_parser("add", help=CLI_HELP["kb.add"])
    add.add_argument("--key", required=True)
    _content_arguments(add, required=True)
    add.set_defaults(handler=run_add)

    edit = commands.add_parser("edit", help=CLI_HELP["kb.edit"])
    edit.add_argument("template_id", type=int)
    edit.add_argument("--version", type=int, required=True)
    _content_arguments(edit, required=False)
    edit.set_defaults(handler=run_edit)

    retire = commands.add_parser("retire", help=CLI_HELP["kb.retire"])
    retire.add_argument("template_id", type=int)
    retire.add_argument("--version", type=int, required=True)
    retire.add_argument("--reason", default="")
    retire.set_defaults(handler=run_retire)

    revert = commands.add_parser("revert", help=CLI_HELP["kb.revert"])
    revert.add_argument("template_id", type=int)
    revert.add_argument("revision_id", type=int)
    revert.add_argument("--version", type=int, required=True)
    revert.add_argument("--reason", default="")
    revert.add_argument("--override-reason")
    revert.set_defaults(handler=run_revert)


def _content_arguments(parser: argparse.ArgumentParser, required: bool) -> None:
    parser.add_argument("--intent", required=required)
    parser.add_argument("--title", required=required)
    parser.add_argument("--text", required=required)
    parser.add_argument("--tiers", help=CLI_HELP["kb.tiers"])
    parser.add_argument("--tags", help=CLI_HELP["kb.tags"])
    parser.add_argument("--reason", default="")
    parser.add_argument("--override-reason", help=CLI_HELP["kb.override"])


def _split(value: str | None) -> list[str] | None:
    return None if value is None else [part for part in value.split("|") if part.strip()]


def _print_json(obj: object) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def _template_dict(template: Template) -> dict:
    return {
        "id": template.id,
        "key": template.key,
        "intent": template.intent,
        "tiers": list(template.tiers),
        "title": template.title,
        "text": template.text,
        "tags": list(template.tags),
        "status": template.status,
        "version": template.version,
    }


def _revision_dict(revision: TemplateRevision) -> dict:
    return {
        "revision_id": revision.id,
        "version": revision.version,
        "base_version": revision.base_version,
        "state": revision.state,
        "author_id": revision.author_id,
        "created_at": revision.created_at.isoformat(),
        "reason": revision.reason,
        "override_reason": revision.override_reason,
        "status": revision.status,
        "title": revision.title,
        "text": revision.text,
    }


def run_export(args: argparse.Namespace) -> int:
    async def work() -> int:
        async with open_database() as sessions, sessions() as session:
            document = await export_document(session)
        write_file(args.file, document)
        say("exported", count=len(document.rows), path=args.file)
        return 0

    return run_database_command(work)


def run_import(args: argparse.Namespace) -> int:
    async def work() -> int:
        document = read_file(args.file)
        async with open_database() as sessions, sessions.begin() as session:
            admin = await cli_admin(session)
            result = await import_document(session, document, admin, default_checker(), args.override_reason)
        say("imported", added=result.added, updated=result.updated, unchanged=result.unchanged)
        return 0

    return run_database_command(work)


def run_list(args: argparse.Namespace) -> int:
    async def work() -> int:
        query = select(Template).order_by(Template.intent, Template.key)
        if args.intent:
            query = query.where(Template.intent == args.intent)
        if args.status:
            query = query.where(Template.status == args.status)
        async with open_database() as sessions, sessions() as session:
            templates = (await session.scalars(query)).all()
        _print_json([_template_dict(t) for t in templates])
        return 0

    return run_database_command(work)


def run_show(args: argparse.Namespace) -> int:
    async def work() -> int:
        async with open_database() as sessions, sessions() as session:
            _print_json(_template_dict(await get_template(session, args.template_id)))
        return 0

    return run_database_command(work)


def run_history(args: argparse.Namespace) -> int:
    async def work() -> int:
        async with open_database() as sessions, sessions() as session:
            _print_json([_revision_dict(r) for r in await history(session, args.template_id)])
        return 0

    return run_database_command(work)


def _saved(template: Template) -> int:
    say("saved", template_id=template.id, version=template.version, status=TEMPLATE_STATUS_NAMES[template.status])
    return 0


def run_add(args: argparse.Namespace) -> int:
    async def work() -> int:
        fields = clean_fields(args.intent, _split(args.tiers) or [], args.title, args.text, _split(args.tags) or [])
        async with open_database() as sessions, sessions.begin() as session:
            admin = await cli_admin(session)
            template = await add_template(
                session,
                admin,
                clean_key(args.key),
                fields,
                checker=default_checker(),
                reason=args.reason,
                override_reason=args.override_reason,
            )
        return _saved(template)

    return run_database_command(work)


def run_edit(args: argparse.Namespace) -> int:
    async def work() -> int:
        async with open_database() as sessions, sessions.begin() as session:
            admin = await cli_admin(session)
            current = TemplateFields.of(await get_template(session, args.template_id))
            tiers, tags = _split(args.tiers), _split(args.tags)
            fields = clean_fields(
                args.intent if args.intent is not None else current.intent,
                tiers if tiers is not None else current.tiers,
                args.title if args.title is not None else current.title,
                args.text if args.text is not None else current.text,
                tags if tags is not None else current.tags,
                current.status,
            )
            revision = await edit_template(
                session,
                args.template_id,
                args.version,
                admin,
                fields,
                checker=default_checker(),
                reason=args.reason,
                override_reason=args.override_reason,
            )
        return _saved(revision.template)

    return run_database_command(work)


def run_retire(args: argparse.Namespace) -> int:
    async def work() -> int:
        async with open_database() as sessions, sessions.begin() as session:
            admin = await cli_admin(session)
            await retire_template(session, args.template_id, args.version, admin, args.reason)
        say("retired", template_id=args.template_id)
        return 0

    return run_database_command(work)


def run_revert(args: argparse.Namespace) -> int:
    async def work() -> int:
        async with open_database() as sessions, sessions.begin() as session:
            admin = await cli_admin(session)
            revision = await revert_template(
                session,
                args.template_id,
                args.revision_id,
                args.version,
                admin,
                checker=default_checker(),
                reason=args.reason,
                override_reason=args.override_reason,
            )
        return _saved(revision.template)

    return run_database_command(work)
