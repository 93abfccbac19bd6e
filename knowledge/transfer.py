"""Import and export of the knowledge base as YAML (shop facts and templates) or CSV (templates).

Import validates every row first (fields, placeholders, the reply checker) and
writes nothing unless all rows are valid. Templates are matched by `key`, so
importing a file twice, or importing an export, changes nothing.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from knowledge.checking import Checker, checker_warnings, warnings_error
from knowledge.editing import new_template, propose_change
from knowledge.errors import FieldError, KnowledgeError, PermissionDeniedError, ValidationError
from knowledge.fields import TemplateFields, clean_fields, clean_key
from knowledge.models import Staff, Template
from knowledge.shop import clean_facts, facts_to_dict, save_facts, shop_facts

CSV_COLUMNS = ("key", "intent", "tiers", "title", "text", "tags", "status")
LIST_SEPARATOR = "|"  # written on export; on import any of `LIST_SEPARATORS` is read
LIST_SEPARATORS = re.compile(r"[|,;，；、]")


@dataclass(frozen=True, slots=True)
class Document:
    """What a knowledge file holds: shop facts (YAML only) and template rows, numbered from 1."""

    shop: Mapping[str, object] | None
    rows: Sequence[Mapping[str, object]]


@dataclass(frozen=True, slots=True)
class ImportResult:
    added: int
    updated: int
    unchanged: int
    shop_changed: bool


def _format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return "yaml"
    if suffix == ".csv":
        return "csv"
    raise KnowledgeError("file_format", suffix=suffix or path.name)


def parse(content: str, fmt: str) -> Document:
    """A document from YAML or CSV text; `KnowledgeError` when its structure is wrong."""
    if fmt == "csv":
        reader = csv.DictReader(io.StringIO(content))
        missing = [c for c in CSV_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise KnowledgeError("missing_columns", columns="、".join(missing))
        rows = [{**row, "tiers": _split(row["tiers"]), "tags": _split(row["tags"])} for row in reader]
        return Document(shop=None, rows=rows)
    try:
        data = yaml.safe_load(content) or {}
    except yaml.YAMLError as error:
        raise KnowledgeError("file_structure", reason=str(error).splitlines()[0]) from error
    if not isinstance(data, dict) or not isinstance(data.get("templates", []), list):
        raise KnowledgeError("yaml_top_level")
    shop = data.get("shop")
    if shop is not None and not isinstance(shop, dict):
        raise KnowledgeError("yaml_shop")
    rows = [row if isinstance(row, dict) else {} for row in data.get("templates") or []]
    return Document(shop=shop, rows=rows)


def _split(value: str | None) -> list[str]:
    return [part.strip() for part in LIST_SEPARATORS.split(value or "") if part.strip()]


def _as_list(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return _split(value)
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)]


def read_file(path: Path) -> Document:
    """Parse a `.yaml`/`.yml`/`.csv` knowledge file."""
    fmt = _format(path)
    try:
        content = path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise KnowledgeError("file_unreadable", reason=str(error)) from error
    return parse(content, fmt)


@dataclass(frozen=True, slots=True)
class CleanRow:
    """A validated template row and its number in the file."""

    number: int
    key: str
    fields: TemplateFields


def validate(document: Document) -> tuple[dict[str, object] | None, list[CleanRow], list[FieldError]]:
    """Clean facts and rows, collecting every bad row and field instead of stopping at the first."""
    errors: list[FieldError] = []
    facts = None
    if document.shop is not None:
        try:
            facts = clean_facts(document.shop)
        except ValidationError as error:
            errors.extend(error.errors)
    rows: list[CleanRow] = []
    seen: set[str] = set()
    for number, raw in enumerate(document.rows, start=1):
        try:
            key = clean_key(raw.get("key"))
        except FieldError as error:
            errors.append(error.at_row(number))
            key = ""
        if key in seen:
            errors.append(FieldError("key", "duplicate_key", row=number, value=key))
        elif key:
            seen.add(key)
        try:
            fields = clean_fields(
                intent=str(raw.get("intent") or ""),
                tiers=_as_list(raw.get("tiers")),
                title=str(raw.get("title") or ""),
                text=str(raw.get("text") or ""),
                tags=_as_list(raw.get("tags")),
                status=str(raw.get("status") or "live"),
            )
        except ValidationError as error:
            errors.extend(e.at_row(number) for e in error.errors)
            continue
        rows.append(CleanRow(number, key, fields))
    return facts, rows, errors


async def import_document(
    session: AsyncSession,
    document: Document,
    author: Staff,
    checker: Checker | None,
    override_reason: str | None = None,
    reason: str = "",
) -> ImportResult:
    """Validate everything, then add new templates and update changed ones (matched by key).

    The reply checker reads only new and changed texts: re-importing what is already
    there changes nothing and asks nothing, even if the checker's rules moved on.
    """
    if override_reason and not author.can_approve:
        raise PermissionDeniedError("needs_supervisor")
    facts, rows, errors = validate(document)
    keys = [row.key for row in rows]
    existing = {t.key: t for t in await session.scalars(select(Template).where(Template.key.in_(keys)))}
    changes = [row for row in rows if row.key not in existing or TemplateFields.of(existing[row.key]) != row.fields]
    if checker is not None and not override_reason:
        for row in changes:
            current = existing.get(row.key)
            if row.fields.status == "retired" or (current is not None and current.text == row.fields.text):
                continue
            warnings = checker_warnings(row.fields.text, checker)
            if warnings:
                errors.append(warnings_error(warnings).at_row(row.number))
    if errors:
        raise ValidationError(sorted(errors, key=lambda e: e.row or 0))
    for row in changes:
        template = existing.get(row.key)
        if template is None:  # added in one batch: a flush per template would cost milliseconds each
            session.add_all(new_template(author, row.key, row.fields, reason, override_reason))
        else:
            await propose_change(
                session,
                template.id,
                template.version,
                author,
                row.fields,
                checker=None,
                reason=reason,
                override_reason=override_reason,
            )
    await session.flush()
    added = sum(row.key not in existing for row in changes)
    shop_changed = await save_facts(session, facts) if facts is not None else False
    return ImportResult(added, len(changes) - added, len(rows) - len(changes), shop_changed)


def _template_row(template: Template) -> dict[str, object]:
    return {
        "key": template.key,
        "intent": template.intent,
        "tiers": list(template.tiers),
        "title": template.title,
        "text": template.text,
        "tags": list(template.tags),
        "status": template.status,
    }


async def export_document(session: AsyncSession) -> Document:
    """Shop facts and every template (pending, live and retired), sorted by key."""
    templates = await session.scalars(select(Template).order_by(Template.key))
    facts = await shop_facts(session)
    return Document(
        shop=facts_to_dict(facts) if facts is not None else None,
        rows=[_template_row(t) for t in templates],
    )


def render(document: Document, fmt: str) -> str:
    """The document as YAML or CSV text (stable: the same knowledge gives the same bytes)."""
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row in document.rows:
            writer.writerow(
                {**row, "tiers": LIST_SEPARATOR.join(row["tiers"]), "tags": LIST_SEPARATOR.join(row["tags"])}
            )
        return out.getvalue()
    data: dict[str, object] = {}
    if document.shop is not None:
        data["shop"] = dict(document.shop)
    data["templates"] = [dict(row) for row in document.rows]
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def write_file(path: Path, document: Document) -> None:
    """Write an export to a `.yaml`/`.yml`/`.csv` file."""
    fmt = _format(path)
    try:
        path.write_text(render(document, fmt), "utf-8")
    except OSError as error:
        raise KnowledgeError("file_unreadable", reason=str(error)) from error
