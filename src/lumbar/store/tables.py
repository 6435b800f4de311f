"""SQLAlchemy 2 typed mappings of the diary tables. Rows only: no domain logic here.

Times are stored in UTC (`UTCDateTime`); lists (treatments, red-flag ids, facts) as JSON arrays.
The schema itself is owned by the Alembic migrations in `migrations/versions/`; a test checks that
these mappings and the migrated schema agree.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, DateTime, Dialect, Float, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

__all__ = ["AssessmentRow", "BackupRow", "Base", "EntryRow", "EpisodeRow", "ProfileRow", "UTCDateTime"]


class UTCDateTime(TypeDecorator[datetime]):
    """An aware datetime, stored as UTC; read back aware (SQLite keeps no zone, so we add it back)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("refusing to store a datetime without a time zone")
        utc = value.astimezone(UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime, list[str]: JSON}


class ProfileRow(Base):
    __tablename__ = "profile"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)  # one profile per diary: id 1
    age: Mapped[int | None]
    sex: Mapped[str | None] = mapped_column(String(16))
    facts: Mapped[list[str]]


class EpisodeRow(Base):
    __tablename__ = "episodes"
    __table_args__ = (
        # At most one open episode: two processes logging at once cannot both open one.
        Index(
            "ux_episodes_one_open",
            text("(1)"),
            unique=True,
            sqlite_where=text("ended_at IS NULL"),
            postgresql_where=text("ended_at IS NULL"),
        ),
    )

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    started_at: Mapped[datetime]
    ended_at: Mapped[datetime | None]
    trigger: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    assessments: Mapped[list[AssessmentRow]] = relationship(
        back_populates="episode", cascade="all, delete-orphan", order_by="AssessmentRow.seq"
    )


class AssessmentRow(Base):
    __tablename__ = "assessments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    episode_id: Mapped[str] = mapped_column(ForeignKey("episodes.id", ondelete="CASCADE"), index=True)
    seq: Mapped[int]  # order within the episode
    at: Mapped[datetime]
    urgency: Mapped[str] = mapped_column(String(16))
    red_flags: Mapped[list[str]]
    knowledge_version: Mapped[str] = mapped_column(String(64))
    reasons: Mapped[list[str]]
    # Revision 0003: JSON text {"finding id": "present" | "absent" | "uncertain"}; NULL when none were kept.
    answers: Mapped[str | None] = mapped_column(Text)
    episode: Mapped[EpisodeRow] = relationship(back_populates="assessments")


class EntryRow(Base):
    __tablename__ = "entries"
    __table_args__ = (Index("ix_entries_at", "at"),)

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    episode_id: Mapped[str] = mapped_column(ForeignKey("episodes.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime]
    pain: Mapped[int | None]
    interference_activity: Mapped[int | None]
    interference_enjoyment: Mapped[int | None]
    interference_sleep: Mapped[int | None]
    location: Mapped[str | None] = mapped_column(Text)
    spasm: Mapped[bool | None]
    radiating: Mapped[bool | None]
    tried: Mapped[list[str]]
    helped: Mapped[list[str]]
    water_litres: Mapped[float | None] = mapped_column(Float)
    sitting_hours: Mapped[float | None] = mapped_column(Float)
    exercise_minutes: Mapped[int | None]
    notes: Mapped[str | None] = mapped_column(Text)
    urgency: Mapped[str | None] = mapped_column(String(16))  # re-triage of the notes
    red_flags: Mapped[list[str]]


class BackupRow(Base):
    """When a backup was made and what it held (revision 0002); never the path or any symptom text."""

    __tablename__ = "backups"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime]
    kind: Mapped[str] = mapped_column(String(16))  # sqlite-file | json
    entries: Mapped[int]
    episodes: Mapped[int]
