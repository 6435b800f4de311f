"""Each stored check keeps its red-flag answers, so the doctor's report can show "no" as well as "yes".

`answers` is JSON text, {"finding id": "present" | "absent" | "uncertain", ...}; NULL for a check that
recorded none (every check saved before this revision).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.add_column("assessments", sa.Column("answers", sa.Text, nullable=True))  # SQLite can add a column


def downgrade() -> None:
    # SQLite: the table is copied without the column. Reflecting it must not follow its foreign key to
    # `episodes`, whose expression index SQLAlchemy cannot reflect (it warns, and warnings are errors).
    with op.batch_alter_table("assessments", reflect_kwargs={"resolve_fks": False}) as batch:
        batch.drop_column("answers")
