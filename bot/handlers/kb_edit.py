"""`/kb`: the knowledge base in chat — list by intent, show with history, add, edit, retire, revert,
export and import, in short guided steps with /cancel at every one.

Supervisors' saves apply at once; agents' edits wait in the review queue. Every save goes
through the reply checker (its findings are shown); an edit of a template someone else saved
since it was opened is refused as stale.
"""

from __future__ import annotations

import html
import uuid
from pathlib import Path

from aiogram import Bot, F, Router
from aiogram.filters import Command, CommandObject, StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import texts
from bot.assist import AssistService
from bot.filters import OnLoop
from bot.handlers.sending import answer_in_parts
from bot.middlewares.access import HasRole
from bot.middlewares.database import SerialWrites
from knowledge.editing import add_template, edit_template, get_template, history, retire_template, revert_template
from knowledge.errors import CheckerBlockedError, KnowledgeError, StaleEditError
from knowledge.fields import clean_fields
from knowledge.models import Template
from knowledge.staff import staff_member
from knowledge.texts import TEMPLATE_STATUS_NAMES
from knowledge.transfer import export_document, import_document, parse, render
from nlp.intents import INTENTS
from nlp.texts import INTENT_NAMES, RULE_NAMES

FILE_LIMIT = 2 * 1024 * 1024
KB_ACTIONS = ("list", "show", "add", "edit", "retire", "revert", "export", "import")

router = Router(name="kb_edit")
router.message.filter(HasRole("agent"))
router.callback_query.filter(HasRole("agent"))


class TemplateFlow(StatesGroup):
    """Adding (intent, title, text) or editing (text) a template."""

    intent = State()
    title = State()
    text = State()


class KbIntent(CallbackData, prefix="kbi"):
    intent: str


def intent_buttons() -> InlineKeyboardMarkup:
    buttons = [
        InlineKeyboardButton(text=INTENT_NAMES[intent], callback_data=KbIntent(intent=intent).pack())
        for intent in INTENTS
    ]
    return InlineKeyboardMarkup(inline_keyboard=[buttons[i : i + 2] for i in range(0, len(buttons), 2)])


async def start_add(message: Message, state: FSMContext, prefilled_text: str | None = None) -> None:
    """Begin adding a template (from `/kb add`, or from a reply promoted in the review queue)."""
    await state.set_state(TemplateFlow.intent)
    await state.update_data(kb_template_id=None, kb_version=None, kb_text=prefilled_text)
    prompt = texts.KB_ASK_INTENT
    if prefilled_text:
        prompt = texts.KB_PREFILLED.format(text=html.escape(prefilled_text)) + "\n" + prompt
    await message.answer(prompt, reply_markup=intent_buttons())


async def _finish(state: FSMContext) -> None:
    await state.set_state(None)
    await state.update_data(kb_template_id=None, kb_version=None, kb_text=None, kb_intent=None, kb_title=None)


def _saved_text(template: Template, applied: bool) -> str:
    status = TEMPLATE_STATUS_NAMES[template.status]
    if applied:
        return texts.KB_SAVED.format(id=template.id, version=template.version, status=status)
    return texts.KB_PROPOSED.format(id=template.id)


def _warnings(assist: AssistService, text: str) -> str:
    """The checker's findings on a saved text, one per line (empty when clean)."""
    check = assist.checker(text)
    return "\n".join(
        texts.REVIEW_FINDING.format(
            rule=RULE_NAMES.get(f.rule, f.rule), span=html.escape(text[f.start : f.end]), message=html.escape(f.message)
        )
        for f in check.warnings
    )


@router.message(StateFilter(TemplateFlow), Command("cancel"))
async def cancel(message: Message, state: FSMContext) -> None:
    await _finish(state)
    await message.answer(texts.CANCELLED)


@router.callback_query(StateFilter(TemplateFlow.intent), KbIntent.filter())
async def pick_intent(query: CallbackQuery, callback_data: KbIntent, state: FSMContext) -> None:
    if callback_data.intent not in INTENTS:
        await query.answer(texts.BUTTON_EXPIRED, show_alert=True)
        return
    await state.update_data(kb_intent=callback_data.intent)
    await state.set_state(TemplateFlow.title)
    await query.message.answer(texts.KB_ASK_TITLE.format(intent=INTENT_NAMES[callback_data.intent]))
    await query.answer()


@router.message(StateFilter(TemplateFlow.title), OnLoop(F.text & ~F.text.startswith("/")))
async def got_title(
    message: Message, state: FSMContext, sessions: SerialWrites, role: str, assist: AssistService
) -> None:
    await state.update_data(kb_title=(message.text or "").strip())
    if (await state.get_data()).get("kb_text"):
        await _save(message, state, sessions, role, assist)
        return
    await state.set_state(TemplateFlow.text)
    await message.answer(texts.KB_ASK_TEXT)


@router.message(StateFilter(TemplateFlow.text), OnLoop(F.text & ~F.text.startswith("/")))
async def got_text(
    message: Message, state: FSMContext, sessions: SerialWrites, role: str, assist: AssistService
) -> None:
    await state.update_data(kb_text=(message.text or "").strip())
    await _save(message, state, sessions, role, assist)


async def _save(
    message: Message,
    state: FSMContext,
    sessions: SerialWrites,
    role: str,
    assist: AssistService,
    override_reason: str | None = None,
) -> None:
    """Save the flow's template: a new one, or an edit of the version the author opened."""
    data = await state.get_data()
    try:
        async with sessions.begin() as session:
            author = await staff_member(session, message.from_user.id, message.from_user.full_name, role)
            if data.get("kb_template_id"):
                current = await get_template(session, data["kb_template_id"])
                fields = clean_fields(
                    current.intent, current.tiers, current.title, data["kb_text"], current.tags, current.status
                )
                revision = await edit_template(
                    session,
                    current.id,
                    data["kb_version"],
                    author,
                    fields,
                    checker=assist.checker,
                    override_reason=override_reason,
                )
                template, applied = current, revision.state == "applied"
            else:
                fields = clean_fields(data["kb_intent"], (), data.get("kb_title") or "", data.get("kb_text") or "")
                key = f"{fields.intent}-{uuid.uuid4().hex[:8]}"
                template = await add_template(
                    session, author, key, fields, checker=assist.checker, override_reason=override_reason
                )
                applied = author.can_approve
    except KnowledgeError as error:
        answer = texts.KB_NOT_SAVED.format(error=html.escape(str(error)))
        if isinstance(error, CheckerBlockedError) and await HasRole("supervisor")(message, role):
            answer += "\n" + texts.KB_FORCE_HINT
        await message.answer(answer)
        if isinstance(error, StaleEditError):
            await _finish(state)
        else:
            await state.set_state(TemplateFlow.text)
        return
    await _finish(state)
    findings = _warnings(assist, template.text)
    verdict = f"{texts.REVIEW_FINDINGS}\n{findings}" if findings else texts.REVIEW_NO_FINDINGS
    await message.answer(_saved_text(template, applied) + "\n" + verdict)


@router.message(StateFilter(TemplateFlow.text), Command("force"))
async def force_save(
    message: Message,
    command: CommandObject,
    state: FSMContext,
    sessions: SerialWrites,
    role: str,
    assist: AssistService,
) -> None:
    """A supervisor saves a text the checker warned about, with the reason on record."""
    if not await HasRole("supervisor")(message, role):
        await message.answer(texts.NEEDS_SUPERVISOR)
        return
    reason = (command.args or "").strip()
    if not reason or not (await state.get_data()).get("kb_text"):
        await message.answer(texts.KB_FORCE_HINT)
        return
    await _save(message, state, sessions, role, assist, override_reason=reason)


def _template_id(value: str) -> int | None:
    value = value.strip().lstrip("#")
    return int(value) if value.isdigit() else None


@router.message(Command("kb"), OnLoop(F.text))
async def kb_command(
    message: Message,
    command: CommandObject,
    state: FSMContext,
    session: AsyncSession,
    sessions: SerialWrites,
    role: str,
    assist: AssistService,
) -> None:
    args = (command.args or "").split()
    action = args[0].lower() if args else "list"
    if action == "list":
        await _list(message, session, args[1:])
    elif len(args) == 1 and action not in KB_ACTIONS:
        await _list(message, session, args)
    elif action == "show" and len(args) == 2 and _template_id(args[1]):
        await _show(message, session, _template_id(args[1]))
    elif action == "add":
        await start_add(message, state)
    elif action == "edit" and len(args) == 2 and _template_id(args[1]):
        await _start_edit(message, state, session, _template_id(args[1]))
    elif action in ("retire", "revert") and len(args) >= 2 and _template_id(args[1]):
        await _retire_or_revert(message, sessions, role, assist, args)
    elif action in ("export", "import") and not await HasRole("supervisor")(message, role):
        await message.answer(texts.NEEDS_SUPERVISOR)
    elif action == "export":
        await _export(message, session, args[1:])
    elif action == "import":
        await message.answer(texts.KB_IMPORT_HOW)
    else:
        await message.answer(texts.KB_USAGE)


async def _list(message: Message, session: AsyncSession, args: list[str]) -> None:
    if not args:
        counts = dict(
            (
                await session.execute(
                    select(Template.intent, func.count()).where(Template.status == "live").group_by(Template.intent)
                )
            ).all()
        )
        lines = [texts.KB_LIST_TITLE] + [
            texts.KB_LIST_INTENT.format(intent=INTENT_NAMES[i], key=i, count=counts.get(i, 0)) for i in INTENTS
        ]
        await message.answer("\n".join(lines + ["", texts.KB_USAGE]))
        return
    intent = args[0] if args[0] in INTENTS else next((k for k, v in INTENT_NAMES.items() if v == args[0]), None)
    if intent is None:
        await message.answer(texts.KB_UNKNOWN_INTENT.format(value=html.escape(args[0])))
        return
    templates = await session.scalars(select(Template).where(Template.intent == intent).order_by(Template.id))
    lines = [texts.KB_INTENT_TITLE.format(intent=INTENT_NAMES[intent])] + [
        texts.KB_TEMPLATE_LINE.format(id=t.id, title=html.escape(t.title), status=TEMPLATE_STATUS_NAMES[t.status])
        for t in templates
    ]
    await answer_in_parts(message, "\n".join(lines))


async def _show(message: Message, session: AsyncSession, template_id: int) -> None:
    try:
        template = await get_template(session, template_id)
        revisions = await history(session, template_id)
    except KnowledgeError as error:
        await message.answer(html.escape(str(error)))
        return
    lines = [
        texts.KB_SHOW.format(
            id=template.id,
            title=html.escape(template.title),
            intent=INTENT_NAMES.get(template.intent, template.intent),
            status=TEMPLATE_STATUS_NAMES[template.status],
            version=template.version,
            text=html.escape(template.text),
        ),
        texts.KB_HISTORY,
    ]
    lines += [
        texts.KB_REVISION_LINE.format(
            id=r.id,
            when=r.created_at.strftime("%Y-%m-%d %H:%M"),
            state=texts.KB_REVISION_STATES[r.state],
            version=r.version or "-",
            text=html.escape(r.text[:60]),
        )
        for r in revisions
    ]
    await answer_in_parts(message, "\n".join(lines))


async def _start_edit(message: Message, state: FSMContext, session: AsyncSession, template_id: int) -> None:
    try:
        template = await get_template(session, template_id)
    except KnowledgeError as error:
        await message.answer(html.escape(str(error)))
        return
    await state.set_state(TemplateFlow.text)
    await state.update_data(kb_template_id=template.id, kb_version=template.version, kb_text=None)
    await answer_in_parts(
        message, texts.KB_EDIT_START.format(id=template.id, version=template.version, text=html.escape(template.text))
    )


async def _retire_or_revert(
    message: Message, sessions: SerialWrites, role: str, assist: AssistService, args: list[str]
) -> None:
    template_id = _template_id(args[1])
    revision_id = _template_id(args[2]) if len(args) > 2 else None
    if args[0].lower() == "revert" and revision_id is None:
        await message.answer(texts.KB_USAGE)
        return
    try:
        async with sessions.begin() as session:
            author = await staff_member(session, message.from_user.id, message.from_user.full_name, role)
            template = await get_template(session, template_id)
            if revision_id is None:
                revision = await retire_template(session, template_id, template.version, author)
            else:
                revision = await revert_template(
                    session, template_id, revision_id, template.version, author, checker=assist.checker
                )
    except KnowledgeError as error:
        await message.answer(texts.KB_NOT_SAVED.format(error=html.escape(str(error))))
        return
    await message.answer(_saved_text(template, revision.state == "applied"))


async def _export(message: Message, session: AsyncSession, args: list[str]) -> None:
    fmt = "csv" if args and args[0].lower() == "csv" else "yaml"
    content = render(await export_document(session), fmt).encode("utf-8")
    await message.answer_document(
        BufferedInputFile(content, filename=f"xiaoer-knowledge.{fmt}"), caption=texts.KB_EXPORTED
    )


@router.message(OnLoop(F.document & F.caption.startswith("/kb")))
async def kb_import(message: Message, sessions: SerialWrites, role: str, bot: Bot, assist: AssistService) -> None:
    if not await HasRole("supervisor")(message, role):
        await message.answer(texts.NEEDS_SUPERVISOR)
        return
    document = message.document
    suffix = Path(document.file_name or "").suffix.lower()
    fmt = {".yaml": "yaml", ".yml": "yaml", ".csv": "csv"}.get(suffix)
    if fmt is None:
        await message.answer(texts.KB_FILE_TYPE)
        return
    if (document.file_size or 0) > FILE_LIMIT:
        await message.answer(texts.REVIEWS_FILE_TOO_BIG.format(limit=FILE_LIMIT // (1024 * 1024)))
        return
    content = (await bot.download(document)).read()
    try:
        parsed = parse(content.decode("utf-8-sig"), fmt)
        async with sessions.begin() as session:
            author = await staff_member(session, message.from_user.id, message.from_user.full_name, role)
            result = await import_document(session, parsed, author, assist.checker)
    except UnicodeDecodeError:
        await message.answer(texts.KB_FILE_TYPE)
        return
    except KnowledgeError as error:
        await answer_in_parts(message, texts.KB_IMPORT_FAILED.format(errors=html.escape(str(error))))
        return
    await message.answer(
        texts.KB_IMPORTED.format(
            added=result.added,
            updated=result.updated,
            unchanged=result.unchanged,
            shop=texts.KB_SHOP_CHANGED if result.shop_changed else "",
        )
    )
