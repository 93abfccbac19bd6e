"""The data model of the knowledge base (SQLAlchemy 2, works on SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    MetaData,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

ROLES = ("agent", "supervisor", "admin")
TIERS = ("blue", "green", "yellow", "orange", "black")
TIER_SOURCES = ("rule", "manual")
TEMPLATE_STATUSES = ("pending", "live", "retired")
REVISION_STATES = ("pending", "applied", "rejected")
BUYER_EVENTS = (
    "purchased",
    "bargained",
    "tricky",
    "bad_review",
    "refused_review_change",
    "blacklisted",
    "tier_override",
)
REVIEW_RATINGS = ("good", "neutral", "bad")
REVIEW_STATUSES = ("unreviewed", "approved", "rejected")


def one_of(column: str, values: tuple[str, ...]) -> CheckConstraint:
    """A constraint keeping a text column within its fixed set of values."""
    allowed = ", ".join(f"'{v}'" for v in values)
    return CheckConstraint(f"{column} IN ({allowed})", name=column)


def utcnow() -> datetime:
    """Timezone-aware current time, the only clock the model uses."""
    return datetime.now(UTC)


class Base(DeclarativeBase):
    """Declarative base of every table; times are stored with their zone."""

    metadata = MetaData(naming_convention={"ck": "ck_%(table_name)s_%(constraint_name)s"})
    type_annotation_map = {datetime: DateTime(timezone=True)}


class Staff(Base):
    """A customer-service agent, supervisor or administrator."""

    __tablename__ = "staff"

    id: Mapped[int] = mapped_column(primary_key=True)
    telegram_id: Mapped[int | None] = mapped_column(BigInteger, unique=True)
    name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(20), default="agent")
    active: Mapped[bool] = mapped_column(default=True)

    @property
    def can_approve(self) -> bool:
        return self.role in ("supervisor", "admin")

    __table_args__ = (one_of("role", ROLES),)


class Template(Base):
    """A reply template; `version` increases with every applied edit (optimistic lock)."""

    __tablename__ = "templates"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(100), unique=True)
    intent: Mapped[str] = mapped_column(String(30), index=True)
    tiers: Mapped[list[str]] = mapped_column(JSON, default=list)  # empty: fits every tier
    title: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(20), default="pending", index=True)
    version: Mapped[int] = mapped_column(default=1)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    revisions: Mapped[list[TemplateRevision]] = relationship(
        back_populates="template", order_by="TemplateRevision.id", cascade="all, delete-orphan"
    )

    __table_args__ = (one_of("status", TEMPLATE_STATUSES),)
    __mapper_args__ = {"version_id_col": version}


class TemplateRevision(Base):
    """One saved or proposed state of a template, with who, when and why."""

    __tablename__ = "template_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    template_id: Mapped[int] = mapped_column(ForeignKey("templates.id", ondelete="CASCADE"), index=True)
    version: Mapped[int | None]  # the template version this revision became; None while pending
    base_version: Mapped[int]  # the version the author was editing
    state: Mapped[str] = mapped_column(String(20), default="applied")
    author_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    reason: Mapped[str] = mapped_column(Text, default="")
    override_reason: Mapped[str | None] = mapped_column(Text)
    intent: Mapped[str] = mapped_column(String(30))
    tiers: Mapped[list[str]] = mapped_column(JSON, default=list)
    title: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(20))

    template: Mapped[Template] = relationship(back_populates="revisions")
    author: Mapped[Staff | None] = relationship(foreign_keys=[author_id])

    __table_args__ = (one_of("state", REVISION_STATES), one_of("status", TEMPLATE_STATUSES))


class ShopFacts(Base):
    """The shop's facts that fill placeholders and cap concessions (a single row)."""

    __tablename__ = "shop_facts"

    id: Mapped[int] = mapped_column(primary_key=True)
    shop_name: Mapped[str] = mapped_column(String(100))
    shipping_fee: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    free_shipping_threshold: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    return_days: Mapped[int]
    gifts: Mapped[list[str]] = mapped_column(JSON, default=list)
    shipping_discount: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    price_step: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    max_price_discount: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    review_floor: Mapped[Decimal] = mapped_column(Numeric(5, 4), default=Decimal("0.97"))  # positive-review rate


class Buyer(Base):
    """A buyer known by nickname, with a tier set by rule or by hand."""

    __tablename__ = "buyers"

    id: Mapped[int] = mapped_column(primary_key=True)
    nickname: Mapped[str] = mapped_column(String(100), unique=True)
    tier: Mapped[str] = mapped_column(String(20), default="blue")
    tier_source: Mapped[str] = mapped_column(String(20), default="rule")
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    events: Mapped[list[BuyerEvent]] = relationship(back_populates="buyer", order_by="BuyerEvent.id")

    __table_args__ = (one_of("tier", TIERS), one_of("tier_source", TIER_SOURCES))


class BuyerEvent(Base):
    """Something a buyer did (bargained, tricky, bad review, ...) or a manual tier override."""

    __tablename__ = "buyer_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    buyer_id: Mapped[int] = mapped_column(ForeignKey("buyers.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    message: Mapped[str | None] = mapped_column(Text)  # buyer text or override reason; purged with age
    tier: Mapped[str | None] = mapped_column(String(20))  # the tier set by an override

    buyer: Mapped[Buyer] = relationship(back_populates="events")

    __table_args__ = (one_of("kind", BUYER_EVENTS),)


class Conversation(Base):
    """A run of messages from one buyer handled by one agent."""

    __tablename__ = "conversations"

    id: Mapped[int] = mapped_column(primary_key=True)
    buyer_id: Mapped[int | None] = mapped_column(ForeignKey("buyers.id", ondelete="CASCADE"), index=True)
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_message_at: Mapped[datetime] = mapped_column(default=utcnow)


class Message(Base):
    """A buyer message and what the analysis said about it; `text` is purged with age."""

    __tablename__ = "messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"), index=True)
    text: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    intent: Mapped[str] = mapped_column(String(30))
    confidence: Mapped[float]
    mood: Mapped[str] = mapped_column(String(20))
    risk_level: Mapped[str] = mapped_column(String(20))
    corrected_intent: Mapped[str | None] = mapped_column(String(30))


class Suggestion(Base):
    """What was shown for a message, what the agent did with it and how that was reviewed."""

    __tablename__ = "suggestions"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("messages.id", ondelete="CASCADE"), unique=True)
    shown_template_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    used_template_id: Mapped[int | None] = mapped_column(ForeignKey("templates.id", ondelete="SET NULL"))
    edited_text: Mapped[str | None] = mapped_column(Text)
    checker_score: Mapped[int | None]
    review_status: Mapped[str] = mapped_column(String(20), default="unreviewed")

    __table_args__ = (
        Index("ix_suggestions_used_template_id", "used_template_id"),
        one_of("review_status", REVIEW_STATUSES),
    )


class Review(Base):
    """A shop review left by a buyer for an order."""

    __tablename__ = "reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[str] = mapped_column(String(64), index=True)
    buyer_id: Mapped[int | None] = mapped_column(ForeignKey("buyers.id", ondelete="SET NULL"))
    rating: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text, default="")
    reviewed_on: Mapped[datetime] = mapped_column(default=utcnow)
    handled: Mapped[bool] = mapped_column(default=False)

    __table_args__ = (one_of("rating", REVIEW_RATINGS),)


class ReplyReview(Base):
    """A supervisor's verdict on a reply in the review queue (one per suggestion: reviewed once)."""

    __tablename__ = "reply_reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    suggestion_id: Mapped[int] = mapped_column(ForeignKey("suggestions.id", ondelete="CASCADE"), unique=True)
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    verdict: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (one_of("verdict", REVIEW_STATUSES),)


class ScheduledRun(Base):
    """One fired slot of a scheduled check; the unique slot lets a single instance fire it, once."""

    __tablename__ = "scheduled_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    job: Mapped[str] = mapped_column(String(50))
    slot: Mapped[datetime]  # the scheduled time this run stands for
    fired_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_review_id: Mapped[int] = mapped_column(default=0)  # reviews up to this id were reported

    __table_args__ = (UniqueConstraint("job", "slot", name="uq_scheduled_runs_job_slot"),)
