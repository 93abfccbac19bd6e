"""The default knowledge shipped in `knowledge/data/`, loaded into an empty database."""

from __future__ import annotations

from importlib import resources

import yaml
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from knowledge.models import Template
from knowledge.shop import clean_facts, save_facts, shop_facts
from knowledge.staff import cli_admin
from knowledge.transfer import Document, import_document, parse


def default_document() -> Document:
    """The shop facts and templates of `knowledge/data/shop.yaml` and `templates.yaml`."""
    data = resources.files("knowledge").joinpath("data")
    templates = parse(data.joinpath("templates.yaml").read_text("utf-8"), "yaml")
    shop = yaml.safe_load(data.joinpath("shop.yaml").read_text("utf-8"))
    return Document(shop=shop, rows=templates.rows)


async def ensure_defaults(session: AsyncSession) -> bool:
    """Load the default shop facts and templates where none exist yet; True when anything was loaded.

    The defaults skip the reply checker at start-up: a test holds every one of them to it.
    """
    document = default_document()
    loaded = False
    if await shop_facts(session) is None:
        await save_facts(session, clean_facts(document.shop or {}))
        loaded = True
    if not await session.scalar(select(func.count()).select_from(Template)):
        admin = await cli_admin(session)
        await import_document(session, Document(shop=None, rows=document.rows), admin, checker=None)
        loaded = True
    return loaded
