"""The diary: profile, episodes (with their assessments), entries.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None

_TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "profile",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("age", sa.Integer, nullable=True),
        sa.Column("sex", sa.String(16), nullable=True),
        sa.Column("facts", sa.JSON, nullable=False),
    )
    op.create_table(
        "episodes",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("started_at", _TZ, nullable=False),
        sa.Column("ended_at", _TZ, nullable=True),
        sa.Column("trigger", sa.Text, nullable=True),
        sa.Column("notes", sa.Text, nullable=True),
    )
    op.create_index(
        "ux_episodes_one_open",
        "episodes",
        [sa.text("(1)")],
        unique=True,
        sqlite_where=sa.text("ended_at IS NULL"),
        postgresql_where=sa.text("ended_at IS NULL"),
    )
    op.create_table(
        "assessments",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("episode_id", sa.String(64), sa.ForeignKey("episodes.id", ondelete="CASCADE"), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("at", _TZ, nullable=False),
        sa.Column("urgency", sa.String(16), nullable=False),
        sa.Column("red_flags", sa.JSON, nullable=False),
        sa.Column("knowledge_version", sa.String(64), nullable=False),
        sa.Column("reasons", sa.JSON, nullable=False),
    )
    op.create_index("ix_assessments_episode_id", "assessments", ["episode_id"])
    op.create_table(
        "entries",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("episode_id", sa.String(64), sa.ForeignKey("episodes.id", ondelete="CASCADE"), nullable=False),
        sa.Column("at", _TZ, nullable=False),
        sa.Column("pain", sa.Integer, nullable=True),
        sa.Column("interference_activity", sa.Integer, nullable=True),
        sa.Column("interference_enjoyment", sa.Integer, nullable=True),
        sa.Column("interference_sleep", sa.Integer, nullable=True),
        sa.Column("location", sa.Text, nullable=True),
        sa.Column("spasm", sa.Boolean, nullable=True),
        sa.Column("radiating", sa.Boolean, nullable=True),
        sa.Column("tried", sa.JSON, nullable=False),
        sa.Column("helped", sa.JSON, nullable=False),
        sa.Column("water_litres", sa.Float, nullable=True),
        sa.Column("sitting_hours", sa.Float, nullable=True),
        sa.Column("exercise_minutes", sa.Integer, nullable=True),
        sa.Column("notes", sa.Text, nullable=True),
        sa.Column("urgency", sa.String(16), nullable=True),
        sa.Column("red_flags", sa.JSON, nullable=False),
    )
    op.create_index("ix_entries_episode_id", "entries", ["episode_id"])


def downgrade() -> None:
    op.drop_table("entries")
    op.drop_table("assessments")
    op.drop_index("ux_episodes_one_open", table_name="episodes")
    op.drop_table("episodes")
    op.drop_table("profile")
