"""The editable fields of a template and their validation."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from knowledge.errors import FieldError, ValidationError
from knowledge.models import TEMPLATE_STATUSES, TIERS, Template, TemplateRevision
from knowledge.placeholders import validate_placeholders
from nlp.intents import INTENTS

KEY_LIMIT = Template.__table__.c.key.type.length
TITLE_LIMIT = Template.__table__.c.title.type.length


@dataclass(frozen=True, slots=True)
class TemplateFields:
    """What an author edits: everything of a template except its identity and version."""

    intent: str
    tiers: tuple[str, ...]
    title: str
    text: str
    tags: tuple[str, ...]
    status: str = "live"

    @classmethod
    def of(cls, source: Template | TemplateRevision) -> TemplateFields:
        """The fields a template or a revision holds."""
        return cls(
            intent=source.intent,
            tiers=tuple(source.tiers),
            title=source.title,
            text=source.text,
            tags=tuple(source.tags),
            status=source.status,
        )


def _clean_list(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v.strip() for v in values if v and v.strip()))


def clean_fields(
    intent: str,
    tiers: Iterable[str],
    title: str,
    text: str,
    tags: Iterable[str] = (),
    status: str = "live",
) -> TemplateFields:
    """Trimmed, validated fields; a `ValidationError` lists every invalid one."""
    fields = TemplateFields(
        intent=(intent or "").strip(),
        tiers=tuple(sorted(_clean_list(tiers), key=lambda t: TIERS.index(t) if t in TIERS else len(TIERS))),
        title=(title or "").strip(),
        text=(text or "").strip(),
        tags=_clean_list(tags),
        status=(status or "").strip(),
    )
    errors: list[FieldError] = []
    if fields.intent not in INTENTS:
        errors.append(FieldError("intent", "unknown_intent", value=fields.intent))
    errors.extend(FieldError("tiers", "unknown_tier", value=t) for t in fields.tiers if t not in TIERS)
    for name in ("title", "text"):
        if not getattr(fields, name):
            errors.append(FieldError(name, "empty_field"))
    if len(fields.title) > TITLE_LIMIT:
        errors.append(FieldError("title", "too_long", limit=TITLE_LIMIT))
    if fields.text:
        try:
            validate_placeholders(fields.text)
        except FieldError as error:
            errors.append(error)
    if fields.status not in TEMPLATE_STATUSES:
        errors.append(FieldError("status", "unknown_status", value=fields.status))
    if errors:
        raise ValidationError(errors)
    return fields


def clean_key(key: object) -> str:
    """A template's stable key, trimmed; `FieldError` when empty or too long."""
    cleaned = str(key or "").strip()
    if not cleaned:
        raise FieldError("key", "empty_field")
    if len(cleaned) > KEY_LIMIT:
        raise FieldError("key", "too_long", limit=KEY_LIMIT)
    return cleaned
