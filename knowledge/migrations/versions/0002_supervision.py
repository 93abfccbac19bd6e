"""supervision: reply reviews, scheduled runs, the positive-review floor

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 07:55:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reply_reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("suggestion_id", sa.Integer(), nullable=False),
        sa.Column("reviewer_id", sa.Integer(), nullable=True),
        sa.Column("verdict", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("verdict IN ('unreviewed', 'approved', 'rejected')", name=op.f("ck_reply_reviews_verdict")),
        sa.ForeignKeyConstraint(["reviewer_id"], ["staff.id"]),
        sa.ForeignKeyConstraint(["suggestion_id"], ["suggestions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("suggestion_id"),
    )
    op.create_table(
        "scheduled_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("job", sa.String(length=50), nullable=False),
        sa.Column("slot", sa.DateTime(timezone=True), nullable=False),
        sa.Column("fired_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_review_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("job", "slot", name="uq_scheduled_runs_job_slot"),
    )
    with op.batch_alter_table("shop_facts") as batch:
        batch.add_column(
            sa.Column("review_floor", sa.Numeric(precision=5, scale=4), nullable=False, server_default="0.97")
        )


def downgrade() -> None:
    with op.batch_alter_table("shop_facts") as batch:
        batch.drop_column("review_floor")
    op.drop_table("scheduled_runs")
    op.drop_table("reply_reviews")
