"""Adding and editing templates with history, approval and optimistic locking.

Every change is a `TemplateRevision`. A supervisor's (or admin's) change is
applied at once; an agent's waits as a pending revision until a supervisor
approves it. A change made against a version that is no longer current is
refused with `StaleEditError` and writes nothing.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.exc import StaleDataError

from knowledge.checking import Checker, gate
from knowledge.errors import NotFoundError, PermissionDeniedError, StaleEditError
from knowledge.fields import TemplateFields
from knowledge.models import Staff, Template, TemplateRevision

FIRST_VERSION = 1


async def get_template(session: AsyncSession, template_id: int) -> Template:
    """The template with this id, or `NotFoundError`."""
    template = await session.get(Template, template_id)
    if template is None:
        raise NotFoundError("template_not_found", template_id=template_id)
    return template


def _revision(
    template: Template,
    fields: TemplateFields,
    author: Staff,
    base_version: int,
    reason: str,
    override_reason: str | None,
) -> TemplateRevision:
    return TemplateRevision(
        template=template,
        base_version=base_version,
        author_id=author.id,
        reason=reason,
        override_reason=override_reason,
        intent=fields.intent,
        tiers=list(fields.tiers),
        title=fields.title,
        text=fields.text,
        tags=list(fields.tags),
        status=fields.status,
    )


def _apply(template: Template, fields: TemplateFields) -> None:
    template.intent = fields.intent
    template.tiers = list(fields.tiers)
    template.title = fields.title
    template.text = fields.text
    template.tags = list(fields.tags)
    template.status = fields.status


async def _flush_edit(session: AsyncSession, template: Template, expected_version: int) -> None:
    """Flush an applied change; the database refuses it when another editor saved first."""
    template_id = template.id  # read now: a failed flush expires every loaded object
    try:
        await session.flush()
    except StaleDataError as error:
        raise StaleEditError("stale_edit", template_id=template_id, expected=expected_version) from error


def new_template(
    author: Staff, key: str, fields: TemplateFields, reason: str = "", override_reason: str | None = None
) -> tuple[Template, TemplateRevision]:
    """A template and its first revision, not yet added to a session (no checker: see `add_template`)."""
    applied = author.can_approve
    template = Template(key=key, version=FIRST_VERSION)
    _apply(template, fields if applied else _with_status(fields, "pending"))
    # An applied revision created version 1; a pending one asks to change version 1.
    revision = _revision(template, fields, author, 0 if applied else FIRST_VERSION, reason, override_reason)
    revision.state = "applied" if applied else "pending"
    revision.version = FIRST_VERSION if applied else None
    return template, revision


async def add_template(
    session: AsyncSession,
    author: Staff,
    key: str,
    fields: TemplateFields,
    *,
    checker: Checker | None,
    reason: str = "",
    override_reason: str | None = None,
) -> Template:
    """Create a template; an agent's is `pending` until approved, a supervisor's has `fields.status`.

    `checker` None skips the reply checker: only for texts already checked (import validates first).
    """
    if checker is not None:
        gate(fields.text, author, override_reason, checker)
    template, revision = new_template(author, key, fields, reason, override_reason)
    session.add_all([template, revision])
    await session.flush()
    return template


def _with_status(fields: TemplateFields, status: str) -> TemplateFields:
    return TemplateFields(fields.intent, fields.tiers, fields.title, fields.text, fields.tags, status)


async def propose_change(
    session: AsyncSession,
    template_id: int,
    expected_version: int,
    author: Staff,
    fields: TemplateFields,
    *,
    checker: Checker | None,
    reason: str = "",
    override_reason: str | None = None,
) -> TemplateRevision:
    """Edit, retire or restore a template: applied now for supervisors, pending for agents."""
    template = await get_template(session, template_id)
    if template.version != expected_version:
        raise StaleEditError("stale_edit", template_id=template_id, expected=expected_version)
    if checker is not None and fields.status != "retired":
        gate(fields.text, author, override_reason, checker)
    revision = _revision(template, fields, author, expected_version, reason, override_reason)
    session.add(revision)
    if author.can_approve:
        await _apply_revision(session, template, revision, author)
    else:
        revision.state = "pending"
        await session.flush()
    return revision


async def _apply_revision(
    session: AsyncSession, template: Template, revision: TemplateRevision, approver: Staff
) -> None:
    _apply(template, TemplateFields.of(revision))
    await _flush_edit(session, template, revision.base_version)
    revision.state = "applied"
    revision.version = template.version
    revision.approved_by_id = approver.id
    await session.flush()


async def edit_template(
    session: AsyncSession,
    template_id: int,
    expected_version: int,
    author: Staff,
    fields: TemplateFields,
    *,
    checker: Checker | None,
    reason: str = "",
    override_reason: str | None = None,
) -> TemplateRevision:
    """Change a template's content, keeping its current status."""
    template = await get_template(session, template_id)
    keep_status = _with_status(fields, template.status if template.status != "pending" else fields.status)
    return await propose_change(
        session,
        template_id,
        expected_version,
        author,
        keep_status,
        checker=checker,
        reason=reason,
        override_reason=override_reason,
    )


async def retire_template(
    session: AsyncSession, template_id: int, expected_version: int, author: Staff, reason: str = ""
) -> TemplateRevision:
    """Take a template out of the suggestions (kept, with its history)."""
    template = await get_template(session, template_id)
    fields = _with_status(TemplateFields.of(template), "retired")
    return await propose_change(session, template_id, expected_version, author, fields, checker=None, reason=reason)


async def revert_template(
    session: AsyncSession,
    template_id: int,
    revision_id: int,
    expected_version: int,
    author: Staff,
    *,
    checker: Checker | None,
    reason: str = "",
    override_reason: str | None = None,
) -> TemplateRevision:
    """Bring back the content and status a template had in one of its revisions."""
    old = await session.get(TemplateRevision, revision_id)
    if old is None or old.template_id != template_id:
        raise NotFoundError("revision_not_found", revision_id=revision_id)
    return await propose_change(
        session,
        template_id,
        expected_version,
        author,
        TemplateFields.of(old),
        checker=checker,
        reason=reason,
        override_reason=override_reason,
    )


async def _pending_revision(session: AsyncSession, revision_id: int, approver: Staff) -> TemplateRevision:
    if not approver.can_approve:
        raise PermissionDeniedError("needs_supervisor")
    revision = await session.get(TemplateRevision, revision_id)
    if revision is None:
        raise NotFoundError("revision_not_found", revision_id=revision_id)
    if revision.state != "pending":
        raise NotFoundError("not_pending", revision_id=revision_id)
    return revision


async def approve_revision(session: AsyncSession, revision_id: int, approver: Staff) -> TemplateRevision:
    """Apply an agent's pending revision, unless the template changed since the agent saw it."""
    revision = await _pending_revision(session, revision_id, approver)
    template = await get_template(session, revision.template_id)
    if template.version != revision.base_version:
        raise StaleEditError("stale_edit", template_id=template.id, expected=revision.base_version)
    await _apply_revision(session, template, revision, approver)
    return revision


async def reject_revision(session: AsyncSession, revision_id: int, approver: Staff) -> TemplateRevision:
    """Turn down an agent's pending revision; the template stays as it is."""
    revision = await _pending_revision(session, revision_id, approver)
    revision.state = "rejected"
    revision.approved_by_id = approver.id
    await session.flush()
    return revision


async def history(session: AsyncSession, template_id: int) -> list[TemplateRevision]:
    """Every revision of a template, oldest first (applied, pending and rejected)."""
    await get_template(session, template_id)
    result = await session.scalars(
        select(TemplateRevision).where(TemplateRevision.template_id == template_id).order_by(TemplateRevision.id)
    )
    return list(result)


async def pending_revisions(session: AsyncSession) -> list[TemplateRevision]:
    """Agents' revisions waiting for a supervisor, oldest first."""
    result = await session.scalars(
        select(TemplateRevision).where(TemplateRevision.state == "pending").order_by(TemplateRevision.id)
    )
    return list(result)
