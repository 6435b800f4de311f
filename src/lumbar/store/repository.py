"""The diary repository: rows in and out as the domain types of `lumbar.diary.model`.

Takes a Session; the caller owns the transaction (one command, one transaction).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, Literal

from sqlalchemy import Row, Select, case, delete, func, select, text
from sqlalchemy.orm import Session, aliased, selectinload

from lumbar.diary.model import AssessmentRecord, Entry, Episode, Treatment
from lumbar.intake.model import Profile, Sex
from lumbar.knowledge.models import Urgency
from lumbar.store.tables import AssessmentRow, BackupRow, EntryRow, EpisodeRow, ProfileRow

__all__ = ["DiaryRepository", "EntryStats", "Outcome"]

Outcome = Literal["added", "updated", "unchanged"]
_PROFILE_ID = 1
# Any constant will do: it names the diary's advisory lock on PostgreSQL.
_PG_LOCK_KEY = 0x6C756D62  # "lumb"


def _sex(raw: str | None) -> Sex | None:
    if raw == "female":
        return "female"
    if raw == "male":
        return "male"
    return None


def _values(items: Iterable[StrEnum]) -> list[str]:
    return sorted(item.value for item in items)


def _answers_text(answers: tuple[tuple[str, str], ...]) -> str | None:
    return json.dumps(dict(answers), separators=(",", ":")) if answers else None


def _answers(raw: str | None) -> tuple[tuple[str, str], ...]:
    if raw is None:
        return ()
    stored = json.loads(raw)
    return tuple((str(finding), str(status)) for finding, status in stored.items())


def _assessment(row: AssessmentRow | Row[Any]) -> AssessmentRecord:
    return AssessmentRecord(
        at=row.at,
        urgency=Urgency(row.urgency),
        red_flags=tuple(row.red_flags),
        knowledge_version=row.knowledge_version,
        reasons=tuple(row.reasons),
        answers=_answers(row.answers),
    )


def _episode(row: EpisodeRow | Row[Any], assessments: Iterable[AssessmentRow | Row[Any]] | None = None) -> Episode:
    return Episode(
        id=row.id,
        started_at=row.started_at,
        trigger=row.trigger,
        ended_at=row.ended_at,
        notes=row.notes,
        assessments=tuple(_assessment(a) for a in (row.assessments if assessments is None else assessments)),
    )


# What `entries()` reads: an entry's columns as plain rows, in the order `_entry_of` unpacks them. Plain
# rows, not ORM objects: making (and tracking) an object per row cost as much again as reading the rows.
_ENTRY_COLUMNS = (
    EntryRow.id,
    EntryRow.episode_id,
    EntryRow.at,
    EntryRow.pain,
    EntryRow.interference_activity,
    EntryRow.interference_enjoyment,
    EntryRow.interference_sleep,
    EntryRow.location,
    EntryRow.spasm,
    EntryRow.radiating,
    EntryRow.tried,
    EntryRow.helped,
    EntryRow.water_litres,
    EntryRow.sitting_hours,
    EntryRow.exercise_minutes,
    EntryRow.notes,
    EntryRow.urgency,
    EntryRow.red_flags,
)
_NONE: frozenset[Treatment] = frozenset()


def _entry(row: EntryRow) -> Entry:
    return _entry_of(tuple(getattr(row, column.key) for column in _ENTRY_COLUMNS))


def _entry_of(values: Sequence[Any]) -> Entry:
    """`_entry` for a row of `_ENTRY_COLUMNS`. Unpacked by position: reading a row's 18 fields by name
    took longer than building the Entry (a ten-year diary reads 19,000 of them)."""
    (
        id_,
        episode_id,
        at,
        pain,
        activity,
        enjoyment,
        sleep,
        location,
        spasm,
        radiating,
        tried,
        helped,
        water,
        sitting,
        exercise,
        notes,
        urgency,
        red_flags,
    ) = values
    return Entry(
        id=id_,
        episode_id=episode_id,
        at=at,
        pain=pain,
        interference_activity=activity,
        interference_enjoyment=enjoyment,
        interference_sleep=sleep,
        location=location,
        spasm=spasm,
        radiating=radiating,
        tried=frozenset([Treatment(t) for t in tried]) if tried else _NONE,
        helped=frozenset([Treatment(t) for t in helped]) if helped else _NONE,
        water_litres=water,
        sitting_hours=sitting,
        exercise_minutes=exercise,
        notes=notes,
        urgency=Urgency(urgency) if urgency is not None else None,
        red_flags=tuple(red_flags),
    )


# Statements built once (building one costs about as much as running it on a small diary).
_EPISODES = select(
    EpisodeRow.id, EpisodeRow.started_at, EpisodeRow.ended_at, EpisodeRow.trigger, EpisodeRow.notes
).order_by(EpisodeRow.started_at, EpisodeRow.id)
_ASSESSMENTS = select(
    AssessmentRow.episode_id,
    AssessmentRow.at,
    AssessmentRow.urgency,
    AssessmentRow.red_flags,
    AssessmentRow.knowledge_version,
    AssessmentRow.reasons,
    AssessmentRow.answers,
).order_by(AssessmentRow.episode_id, AssessmentRow.seq)
_ENTRIES = select(*_ENTRY_COLUMNS).order_by(EntryRow.at, EntryRow.id)


def _entry_stats_statement() -> Select[tuple[str, int, int | None, int | None, int | None]]:
    later = aliased(EntryRow)
    last_pain = (
        select(later.pain)
        .where(later.episode_id == EntryRow.episode_id, later.pain.is_not(None))
        .order_by(later.at.desc(), later.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    # Urgency by rank, so the database takes the worst of an episode's entries with max().
    rank = case({u.value: u.rank for u in Urgency}, value=EntryRow.urgency)
    return select(EntryRow.episode_id, func.count(), last_pain, func.max(EntryRow.pain), func.max(rank)).group_by(
        EntryRow.episode_id
    )


_ENTRY_STATS = _entry_stats_statement()
_BY_RANK = sorted(Urgency, key=lambda u: u.rank)


@dataclass(frozen=True)
class EntryStats:
    """What the episode list shows of one episode's entries, computed by the database."""

    entries: int
    last_pain: int | None  # of the latest entry with a pain score (by time, then id)
    worst_pain: int | None
    worst_urgency: Urgency | None  # of the entries' own re-triage; the episode's checks are not counted


def _assessment_row(episode_id: str, seq: int, a: AssessmentRecord) -> AssessmentRow:
    return AssessmentRow(
        episode_id=episode_id,
        seq=seq,
        at=a.at,
        urgency=a.urgency.value,
        red_flags=list(a.red_flags),
        knowledge_version=a.knowledge_version,
        reasons=list(a.reasons),
        answers=_answers_text(a.answers),
    )


def _fill_episode(row: EpisodeRow, e: Episode) -> None:
    row.started_at, row.ended_at, row.trigger, row.notes = e.started_at, e.ended_at, e.trigger, e.notes


def _fill_entry(row: EntryRow, e: Entry) -> None:
    row.episode_id = e.episode_id
    row.at = e.at
    row.pain = e.pain
    row.interference_activity = e.interference_activity
    row.interference_enjoyment = e.interference_enjoyment
    row.interference_sleep = e.interference_sleep
    row.location = e.location
    row.spasm = e.spasm
    row.radiating = e.radiating
    row.tried = _values(e.tried)
    row.helped = _values(e.helped)
    row.water_litres = e.water_litres
    row.sitting_hours = e.sitting_hours
    row.exercise_minutes = e.exercise_minutes
    row.notes = e.notes
    row.urgency = e.urgency.value if e.urgency is not None else None
    row.red_flags = list(e.red_flags)


class DiaryRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # --- locking ------------------------------------------------------------------------------------
    def lock(self) -> None:
        """Serialise writers for the rest of this transaction. SQLite transactions already begin
        IMMEDIATE (see `database.py`); PostgreSQL takes a transaction-scoped advisory lock."""
        if self.session.get_bind().dialect.name == "postgresql":
            self.session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})

    # --- profile ------------------------------------------------------------------------------------
    def get_profile(self) -> Profile | None:
        row = self.session.get(ProfileRow, _PROFILE_ID)
        if row is None:
            return None
        return Profile(age=row.age, sex=_sex(row.sex), facts=frozenset(row.facts))

    def save_profile(self, profile: Profile) -> None:
        row = self.session.get(ProfileRow, _PROFILE_ID) or ProfileRow(id=_PROFILE_ID)
        row.age, row.sex, row.facts = profile.age, profile.sex, sorted(profile.facts)
        self.session.add(row)
        self.session.flush()

    # --- episodes -----------------------------------------------------------------------------------
    def get_episode(self, episode_id: str) -> Episode | None:
        row = self.session.get(EpisodeRow, episode_id)
        return _episode(row) if row is not None else None

    def find_episodes(self, prefix: str) -> list[Episode]:
        """Episodes whose id starts with `prefix` (people type the first few characters)."""
        escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        stmt = select(EpisodeRow).where(EpisodeRow.id.like(escaped + "%", escape="\\")).limit(10)
        return [_episode(r) for r in self.session.scalars(stmt.options(selectinload(EpisodeRow.assessments)))]

    def open_episode(self) -> Episode | None:
        stmt = select(EpisodeRow).where(EpisodeRow.ended_at.is_(None))
        row = self.session.scalars(stmt).first()
        return _episode(row) if row is not None else None

    def episode_at(self, at: datetime) -> Episode | None:
        """The episode whose span holds `at` (an open episode runs on for ever), latest start first."""
        stmt = (
            select(EpisodeRow)
            .where(EpisodeRow.started_at <= at, (EpisodeRow.ended_at.is_(None)) | (EpisodeRow.ended_at >= at))
            .order_by(EpisodeRow.started_at.desc())
        )
        row = self.session.scalars(stmt).first()
        return _episode(row) if row is not None else None

    def episodes(self) -> list[Episode]:
        """Every episode with its checks, oldest first: two plain queries (episodes, then all checks)."""
        checks: dict[str, list[Row[Any]]] = {}
        for a in self.session.execute(_ASSESSMENTS):
            checks.setdefault(a.episode_id, []).append(a)
        return [_episode(r, checks.get(r.id, ())) for r in self.session.execute(_EPISODES)]

    def save_episode(self, episode: Episode) -> Outcome:
        """Insert or update by id (assessments are replaced by the episode's own)."""
        row = self.session.get(EpisodeRow, episode.id)
        if row is not None and _episode(row) == episode:
            return "unchanged"
        outcome: Outcome = "updated" if row is not None else "added"
        if row is None:
            row = EpisodeRow(id=episode.id)
            self.session.add(row)
        _fill_episode(row, episode)
        row.assessments = [_assessment_row(episode.id, i, a) for i, a in enumerate(episode.assessments)]
        self.session.flush()
        return outcome

    def add_assessment(self, episode_id: str, record: AssessmentRecord) -> None:
        count = self.session.scalar(select(func.count()).where(AssessmentRow.episode_id == episode_id)) or 0
        self.session.add(_assessment_row(episode_id, count, record))
        self.session.flush()

    # --- entries ------------------------------------------------------------------------------------
    def get_entry(self, entry_id: str) -> Entry | None:
        row = self.session.get(EntryRow, entry_id)
        return _entry(row) if row is not None else None

    def entries(self, *, episode_id: str | None = None, since: datetime | None = None) -> list[Entry]:
        stmt = _ENTRIES
        if episode_id is not None:
            stmt = stmt.where(EntryRow.episode_id == episode_id)
        if since is not None:
            stmt = stmt.where(EntryRow.at >= since)
        return [_entry_of(r) for r in self.session.execute(stmt)]

    def entry_stats(self) -> dict[str, EntryStats]:
        """Per episode id (episodes with entries only): the count, the last and worst pain and the worst
        urgency of its entries, in one query, without reading the entries themselves."""
        return {
            episode_id: EntryStats(count, last, worst, _BY_RANK[rank] if rank is not None else None)
            for episode_id, count, last, worst, rank in self.session.execute(_ENTRY_STATS)
        }

    def save_entry(self, entry: Entry) -> Outcome:
        row = self.session.get(EntryRow, entry.id)
        if row is not None and _entry(row) == entry:
            return "unchanged"
        outcome: Outcome = "updated" if row is not None else "added"
        if row is None:
            row = EntryRow(id=entry.id)
            self.session.add(row)
        _fill_entry(row, entry)
        return outcome

    def preload_entries(self, ids: Sequence[str]) -> None:
        """Load these entries' rows into the session in a few queries, so `save_entry` on a batch
        does not query once per entry."""
        for start in range(0, len(ids), 500):  # stay under the bound-parameter limits
            chunk = ids[start : start + 500]
            self.session.scalars(select(EntryRow).where(EntryRow.id.in_(chunk))).all()

    def count_entries(self) -> int:
        return self.session.scalar(select(func.count()).select_from(EntryRow)) or 0

    def count_episodes(self) -> int:
        return self.session.scalar(select(func.count()).select_from(EpisodeRow)) or 0

    def flush(self) -> None:
        self.session.flush()

    # --- backups ------------------------------------------------------------------------------------
    def record_backup(self, *, at: datetime, kind: str, entries: int, episodes: int) -> None:
        self.session.add(BackupRow(at=at, kind=kind, entries=entries, episodes=episodes))
        self.session.flush()

    def clear(self) -> None:
        """Delete every diary row (`diary_service.delete_everything`, and tests)."""
        for table in (EntryRow, AssessmentRow, EpisodeRow, ProfileRow, BackupRow):
            self.session.execute(delete(table))
