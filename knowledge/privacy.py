"""Privacy: masking phone numbers and addresses for logs, and purging old buyer message text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from knowledge.errors import FieldError
from knowledge.models import BuyerEvent, Message, utcnow
from nlp.entities import find_entities

DEFAULT_RETENTION_DAYS = 180
LOGGED_CHARS = 200
ADDRESS_MASK = "[地址]"

# Two or more place parts in a row (省, 市, 区, 路, 号, 栋, 室 ...): a postal address.
_ADDRESS = re.compile(
    r"(?:[\u4e00-\u9fff0-9A-Za-z\-]{1,12}?(?:省|自治区|市|区|县|镇|乡|村|街道|路|街|巷|弄|号楼|号|栋|幢|座|单元|室|楼)){2,}"
)


def _mask_phone(phone: str) -> str:
    digits = [i for i, c in enumerate(phone) if c.isdigit()]
    hidden = set(digits[3:-4]) if len(digits) > 7 else set(digits)
    return "".join("*" if i in hidden else c for i, c in enumerate(phone))


def mask_pii(text: str) -> str:
    """The text for a log line: phone numbers masked, addresses replaced, at most `LOGGED_CHARS` long."""
    text = text[:LOGGED_CHARS]
    for entity in reversed(find_entities(text)):
        if entity.kind == "phone":
            text = text[: entity.start] + _mask_phone(entity.text) + text[entity.end :]
    return _ADDRESS.sub(ADDRESS_MASK, text)


@dataclass(frozen=True, slots=True)
class PurgeResult:
    messages: int
    events: int


async def purge_message_text(session: AsyncSession, older_than_days: int = DEFAULT_RETENTION_DAYS) -> PurgeResult:
    """Delete the text of buyer messages (and of buyer events) older than the retention period.

    Rows stay, with their intent, mood, risk and suggestions, so statistics keep working.
    """
    if isinstance(older_than_days, bool) or not isinstance(older_than_days, int) or older_than_days < 1:
        raise FieldError("older_than", "bad_days")
    cutoff = utcnow() - timedelta(days=older_than_days)
    messages = await session.execute(
        update(Message).where(Message.created_at < cutoff, Message.text.is_not(None)).values(text=None)
    )
    events = await session.execute(
        update(BuyerEvent)
        .where(BuyerEvent.created_at < cutoff, BuyerEvent.message.is_not(None), BuyerEvent.kind != "tier_override")
        .values(message=None)
    )
    return PurgeResult(messages.rowcount, events.rowcount)
