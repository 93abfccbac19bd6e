"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-28 07:23:38.506798
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "buyers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("nickname", sa.String(length=100), nullable=False),
        sa.Column("tier", sa.String(length=20), nullable=False),
        sa.Column("tier_source", sa.String(length=20), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("tier IN ('blue', 'green', 'yellow', 'orange', 'black')", name=op.f("ck_buyers_tier")),
        sa.CheckConstraint("tier_source IN ('rule', 'manual')", name=op.f("ck_buyers_tier_source")),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("nickname"),
    )
    op.create_table(
        "shop_facts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("shop_name", sa.String(length=100), nullable=False),
        sa.Column("shipping_fee", sa.Numeric(precision=10, scale=2), nullable=False),
        sa.Column("free_shipping_threshold", sa.Numeric(precision=10, scale=2), nullable=False),
        sa.Column("return_days", sa.Integer(), nullable=False),
        sa.Column("gifts", sa.JSON(), nullable=False),
        sa.Column("shipping_discount", sa.Numeric(precision=10, scale=2), nullable=False),
        sa.Column("price_step", sa.Numeric(precision=10, scale=2), nullable=False),
        sa.Column("max_price_discount", sa.Numeric(precision=10, scale=2), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "staff",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("telegram_id", sa.BigInteger(), nullable=True),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.CheckConstraint("role IN ('agent', 'supervisor', 'admin')", name=op.f("ck_staff_role")),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("telegram_id"),
    )
    op.create_table(
        "templates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("intent", sa.String(length=30), nullable=False),
        sa.Column("tiers", sa.JSON(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("status IN ('pending', 'live', 'retired')", name=op.f("ck_templates_status")),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    with op.batch_alter_table("templates", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_templates_intent"), ["intent"], unique=False)

    op.create_table(
        "buyer_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("buyer_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("message", sa.Text(), nullable=True),
        sa.Column("tier", sa.String(length=20), nullable=True),
        sa.CheckConstraint(
            "kind IN ('purchased', 'bargained', 'tricky', 'bad_review', 'refused_review_change', 'blacklisted', 'tier_override')",
            name=op.f("ck_buyer_events_kind"),
        ),
        sa.ForeignKeyConstraint(["buyer_id"], ["buyers.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["staff_id"],
            ["staff.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("buyer_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_buyer_events_created_at"), ["created_at"], unique=False)

    op.create_table(
        "conversations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("buyer_id", sa.Integer(), nullable=True),
        sa.Column("agent_id", sa.Integer(), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_message_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["agent_id"],
            ["staff.id"],
        ),
        sa.ForeignKeyConstraint(["buyer_id"], ["buyers.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("conversations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_conversations_buyer_id"), ["buyer_id"], unique=False)

    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.String(length=64), nullable=False),
        sa.Column("buyer_id", sa.Integer(), nullable=True),
        sa.Column("rating", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("reviewed_on", sa.DateTime(timezone=True), nullable=False),
        sa.Column("handled", sa.Boolean(), nullable=False),
        sa.CheckConstraint("rating IN ('good', 'neutral', 'bad')", name=op.f("ck_reviews_rating")),
        sa.ForeignKeyConstraint(["buyer_id"], ["buyers.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reviews_order_id"), ["order_id"], unique=False)

    op.create_table(
        "template_revisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("template_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=True),
        sa.Column("base_version", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("approved_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("override_reason", sa.Text(), nullable=True),
        sa.Column("intent", sa.String(length=30), nullable=False),
        sa.Column("tiers", sa.JSON(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.CheckConstraint("state IN ('pending', 'applied', 'rejected')", name=op.f("ck_template_revisions_state")),
        sa.CheckConstraint("status IN ('pending', 'live', 'retired')", name=op.f("ck_template_revisions_status")),
        sa.ForeignKeyConstraint(
            ["approved_by_id"],
            ["staff.id"],
        ),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["staff.id"],
        ),
        sa.ForeignKeyConstraint(["template_id"], ["templates.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("template_revisions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_template_revisions_template_id"), ["template_id"], unique=False)

    op.create_table(
        "messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("intent", sa.String(length=30), nullable=False),
        sa.Column("confidence", sa.Double(), nullable=False),
        sa.Column("mood", sa.String(length=20), nullable=False),
        sa.Column("risk_level", sa.String(length=20), nullable=False),
        sa.Column("corrected_intent", sa.String(length=30), nullable=True),
        sa.ForeignKeyConstraint(["conversation_id"], ["conversations.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_messages_conversation_id"), ["conversation_id"], unique=False)

    op.create_table(
        "suggestions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=False),
        sa.Column("shown_template_ids", sa.JSON(), nullable=False),
        sa.Column("used_template_id", sa.Integer(), nullable=True),
        sa.Column("edited_text", sa.Text(), nullable=True),
        sa.Column("checker_score", sa.Integer(), nullable=True),
        sa.Column("review_status", sa.String(length=20), nullable=False),
        sa.CheckConstraint(
            "review_status IN ('unreviewed', 'approved', 'rejected')", name=op.f("ck_suggestions_review_status")
        ),
        sa.ForeignKeyConstraint(["message_id"], ["messages.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["used_template_id"], ["templates.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("message_id"),
    )
    with op.batch_alter_table("suggestions", schema=None) as batch_op:
        batch_op.create_index("ix_suggestions_used_template_id", ["used_template_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("suggestions", schema=None) as batch_op:
        batch_op.drop_index("ix_suggestions_used_template_id")

    op.drop_table("suggestions")
    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_messages_conversation_id"))

    op.drop_table("messages")
    with op.batch_alter_table("template_revisions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_template_revisions_template_id"))

    op.drop_table("template_revisions")
    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reviews_order_id"))

    op.drop_table("reviews")
    with op.batch_alter_table("conversations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_conversations_buyer_id"))

    op.drop_table("conversations")
    with op.batch_alter_table("buyer_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_buyer_events_created_at"))

    op.drop_table("buyer_events")
    with op.batch_alter_table("templates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_templates_intent"))

    op.drop_table("templates")
    op.drop_table("staff")
    op.drop_table("shop_facts")
    op.drop_table("buyers")
