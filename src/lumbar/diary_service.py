"""Diary service functions, shared by the CLI (and later the web app). Each takes the session as a
keyword argument and runs inside the caller's transaction; the clock and knowledge base are passed in.

Symptom text (entry notes) goes to the free-text reader and the red-flag rules, never to a log.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from sqlalchemy.orm import Session

from lumbar.diary.model import DiaryError, Entry, Episode, Treatment
from lumbar.intake.model import Profile, Sex
from lumbar.knowledge.models import Urgency
from lumbar.store.exchange import DiaryData, ExchangeError, dump_csv, dump_json, parse_diary
from lumbar.store.repository import DiaryRepository, EntryStats, Outcome

if TYPE_CHECKING:
    from lumbar.knowledge.models import KnowledgeBase
    from lumbar.triage.model import Assessment, FiredRule

__all__ = [
    "BackupReport",
    "DiaryView",
    "EpisodeSummary",
    "ImportReport",
    "LoggedEntry",
    "backup",
    "delete_everything",
    "end_episode",
    "export_diary",
    "get_profile",
    "history",
    "import_diary",
    "list_episodes",
    "log_entry",
    "read_diary",
    "resolve_episode",
    "set_profile",
    "start_episode",
]

Progress = Callable[[int, int], None]
ExportFormat = Literal["csv", "json", "fhir"]
MAX_IMPORT_BYTES = 200_000_000  # a bound on what we read (10 years of entries is a few MB)
_IMPORT_BATCH = 200


def _new_id() -> str:
    return uuid.uuid4().hex


def _blank_to_none(text: str | None) -> str | None:
    if text is None:
        return None
    text = text.strip()
    return text or None


def _not_future(at: datetime, now: datetime) -> None:
    if at.tzinfo is None:
        raise DiaryError("the time must carry a time zone")
    if at > now:
        raise DiaryError(f"time is in the future: {at.isoformat(timespec='minutes')}")


# --- entries ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LoggedEntry:
    entry: Entry
    episode: Episode
    opened_episode: bool  # this entry started a new episode
    assessment: Assessment | None  # the re-triage of the notes, when there were notes
    new_red_flags: tuple[FiredRule, ...]  # red flags not seen before in this episode, strongest first
    course: Assessment | None = None  # the 72-hour / 6-week safety net on the episode's course, when it fires


def _episode_for(repo: DiaryRepository, at: datetime) -> tuple[Episode, bool]:
    """The episode an entry at `at` belongs to: the one whose span holds it; else the open episode
    (moved back to start at `at` when the entry is earlier); else a new open episode."""
    episode = repo.episode_at(at)
    if episode is not None:
        return episode, False
    episode = repo.open_episode()
    if episode is not None:
        moved = replace(episode, started_at=at)
        repo.save_episode(moved)
        return moved, False
    episode = Episode(id=_new_id(), started_at=at)
    repo.save_episode(episode)
    return episode, True


def _retriage(notes: str, at: datetime, profile: Profile | None, kb: KnowledgeBase | None) -> Assessment:
    # Imported here: the reader loads spaCy, which an entry without notes (`lumbar log 5`) never needs.
    from lumbar.knowledge.loader import default_kb
    from lumbar.service import check

    return check(kb=kb if kb is not None else default_kb(), now=at, text=notes, profile=profile).assessment


# Seed 003: contact a clinician when there is no improvement after 48-72 hours of self-care. Before 72
# hours the course rules cannot fire, so the quick path (`lumbar log 5`) skips loading the knowledge base.
_COURSE_AFTER = timedelta(hours=72)


def _course(repo: DiaryRepository, episode: Episode, now: datetime, kb: KnowledgeBase | None) -> Assessment | None:
    if episode.ended_at is not None or now - episode.started_at < _COURSE_AFTER:
        return None
    from lumbar.diary.course import episode_safety_net
    from lumbar.knowledge.loader import default_kb

    entries = repo.entries(episode_id=episode.id)
    return episode_safety_net(
        episode, entries, profile=repo.get_profile(), now=now, kb=kb if kb is not None else default_kb()
    )


def log_entry(
    *,
    session: Session,
    now: datetime,
    kb: KnowledgeBase | None = None,
    at: datetime | None = None,
    pain: int | None = None,
    interference_activity: int | None = None,
    interference_enjoyment: int | None = None,
    interference_sleep: int | None = None,
    location: str | None = None,
    spasm: bool | None = None,
    radiating: bool | None = None,
    tried: Iterable[str | Treatment] = (),
    helped: Iterable[str | Treatment] = (),
    water_litres: float | None = None,
    sitting_hours: float | None = None,
    exercise_minutes: int | None = None,
    notes: str | None = None,
) -> LoggedEntry:
    """Validate and store one entry, re-triaging its notes; opens an episode when none is open.

    `kb` is loaded on demand when there are notes to read and none was given.
    Raises DiaryError (pain outside 0-10, a time in the future, an unknown treatment, ...).
    """
    at = at if at is not None else now
    _not_future(at, now)
    tried_set = frozenset(Treatment.parse(t) if isinstance(t, str) else t for t in tried)
    helped_set = frozenset(Treatment.parse(h) if isinstance(h, str) else h for h in helped)
    tried_set |= helped_set  # something that helped was, by definition, tried
    notes = _blank_to_none(notes)
    fields = {
        "pain": pain,
        "interference_activity": interference_activity,
        "interference_enjoyment": interference_enjoyment,
        "interference_sleep": interference_sleep,
        "location": _blank_to_none(location),
        "spasm": spasm,
        "radiating": radiating,
        "tried": tried_set,
        "helped": helped_set,
        "water_litres": water_litres,
        "sitting_hours": sitting_hours,
        "exercise_minutes": exercise_minutes,
        "notes": notes,
    }
    draft = Entry(id=_new_id(), episode_id="-", at=at, **fields)  # type: ignore[arg-type]  # validates first
    repo = DiaryRepository(session)
    assessment = _retriage(notes, at, repo.get_profile(), kb) if notes is not None else None
    repo.lock()
    episode, opened = _episode_for(repo, at)
    seen = {flag for e in repo.entries(episode_id=episode.id) for flag in e.red_flags}
    seen |= {flag for a in episode.assessments for flag in a.red_flags}
    entry = replace(
        draft,
        episode_id=episode.id,
        urgency=assessment.urgency if assessment is not None else None,
        red_flags=tuple(r.id for r in assessment.red_flags) if assessment is not None else (),
    )
    repo.save_entry(entry)
    repo.flush()
    new = tuple(r for r in assessment.red_flags if r.id not in seen) if assessment is not None else ()
    return LoggedEntry(entry, episode, opened, assessment, new, _course(repo, episode, now, kb))


def history(
    *, session: Session, now: datetime, episode_id: str | None = None, days: float | None = None
) -> list[Entry]:
    """Entries, oldest first: of one episode, and/or of the last `days` days."""
    if days is not None and days <= 0:
        raise DiaryError(f"days must be a positive number, not {days:g}")
    since = now - timedelta(days=days) if days is not None else None
    return DiaryRepository(session).entries(episode_id=episode_id, since=since)


# --- episodes -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EpisodeSummary:
    episode: Episode
    entries: int
    last_pain: int | None
    worst_pain: int | None
    worst_urgency: Urgency | None


def resolve_episode(prefix: str, *, session: Session) -> Episode:
    """An episode by id or by the first characters of its id."""
    prefix = prefix.strip()
    if not prefix:
        raise DiaryError("give an episode id (see `lumbar episodes`)")
    matches = DiaryRepository(session).find_episodes(prefix)
    exact = [e for e in matches if e.id == prefix]
    if exact:
        return exact[0]
    if not matches:
        raise DiaryError(f"no episode with id {prefix!r} (see `lumbar episodes`)")
    if len(matches) > 1:
        raise DiaryError(f"{prefix!r} matches several episodes; give more of the id")
    return matches[0]


def start_episode(
    *, session: Session, now: datetime, at: datetime | None = None, trigger: str | None = None
) -> Episode:
    at = at if at is not None else now
    _not_future(at, now)
    repo = DiaryRepository(session)
    repo.lock()
    current = repo.open_episode()
    if current is not None:
        raise DiaryError(
            f"episode {current.id[:8]} (since {current.started_at:%Y-%m-%d}) is still open; "
            "end it first with `lumbar episodes --end`"
        )
    episode = Episode(id=_new_id(), started_at=at, trigger=_blank_to_none(trigger))
    repo.save_episode(episode)
    return episode


def end_episode(*, session: Session, now: datetime, at: datetime | None = None) -> Episode:
    at = at if at is not None else now
    _not_future(at, now)
    repo = DiaryRepository(session)
    repo.lock()
    current = repo.open_episode()
    if current is None:
        raise DiaryError("no episode is open")
    last = repo.entries(episode_id=current.id)
    if last and last[-1].at > at:
        raise DiaryError(f"the episode has an entry at {last[-1].at:%Y-%m-%d %H:%M}, after that end time")
    ended = replace(current, ended_at=at)  # Episode checks it does not end before it starts
    repo.save_episode(ended)
    return ended


_NO_ENTRIES = EntryStats(entries=0, last_pain=None, worst_pain=None, worst_urgency=None)


def _urgency_rank(u: Urgency) -> int:
    return [Urgency.SELF_CARE, Urgency.ROUTINE, Urgency.URGENT, Urgency.EMERGENCY].index(u)


def list_episodes(*, session: Session) -> list[EpisodeSummary]:
    """Every episode, oldest first, with what its entries add up to. The database does the counting
    (`DiaryRepository.entry_stats`), so the cost grows with the episodes, not with years of entries."""
    repo = DiaryRepository(session)
    stats = repo.entry_stats()
    out = []
    for episode in repo.episodes():
        s = stats.get(episode.id, _NO_ENTRIES)
        urgencies = [a.urgency for a in episode.assessments]
        if s.worst_urgency is not None:
            urgencies.append(s.worst_urgency)
        worst = max(urgencies, key=_urgency_rank) if urgencies else None
        out.append(EpisodeSummary(episode, s.entries, s.last_pain, s.worst_pain, worst))
    return out


@dataclass(frozen=True)
class DiaryView:
    """What insights and the report read, in one transaction."""

    episodes: list[Episode]
    entries: list[Entry]  # of `episode_id` when one was asked for, else all
    profile: Profile | None
    episode_id: str | None


def read_diary(*, session: Session, episode: str | None = None) -> DiaryView:
    """Episodes, entries (of one episode, given its id or the first characters of it) and the profile."""
    episode_id = resolve_episode(episode, session=session).id if episode is not None else None
    repo = DiaryRepository(session)
    return DiaryView(repo.episodes(), repo.entries(episode_id=episode_id), repo.get_profile(), episode_id)


def delete_everything(*, session: Session) -> tuple[int, int]:
    """Delete the whole diary (entries, episodes, checks, profile, backup records), in the caller's
    transaction. Returns how many (episodes, entries) there were."""
    repo = DiaryRepository(session)
    repo.lock()
    counts = repo.count_episodes(), repo.count_entries()
    repo.clear()
    return counts


# --- profile ------------------------------------------------------------------------------------------


def get_profile(*, session: Session) -> Profile | None:
    return DiaryRepository(session).get_profile()


def safety_facts(kb: KnowledgeBase) -> list[str]:
    """The finding ids a profile may hold: standing history items (osteoporosis, steroid_use, ...)."""
    return sorted(f.id for f in kb.findings.values() if f.kind.value == "history")


def set_profile(
    *,
    session: Session,
    kb: KnowledgeBase,
    age: int | None = None,
    sex: Sex | None = None,
    add_facts: Iterable[str] = (),
    remove_facts: Iterable[str] = (),
    clear_facts: bool = False,
) -> Profile:
    """Change the stored profile: given values replace stored ones; facts are added and removed."""
    if age is not None and (isinstance(age, bool) or not 0 <= age <= 120):
        raise DiaryError(f"age must be between 0 and 120, not {age}")
    if sex is not None and sex not in ("female", "male"):
        raise DiaryError(f"sex must be female or male, not {sex!r}")
    valid = safety_facts(kb)
    add, remove = set(add_facts), set(remove_facts)
    unknown = sorted((add | remove) - set(valid))
    if unknown:
        raise DiaryError(f"unknown fact {', '.join(map(repr, unknown))}; choose from: {', '.join(valid)}")
    repo = DiaryRepository(session)
    current = repo.get_profile() or Profile()
    facts = (frozenset() if clear_facts else current.facts) | add
    profile = Profile(
        age=age if age is not None else current.age,
        sex=sex if sex is not None else current.sex,
        facts=frozenset(facts - remove),
    )
    repo.save_profile(profile)
    return profile


# --- export, import, backup ---------------------------------------------------------------------------


def _snapshot(repo: DiaryRepository) -> DiaryData:
    return DiaryData(repo.get_profile(), tuple(repo.episodes()), tuple(repo.entries()))


def export_diary(
    *,
    session: Session,
    format: ExportFormat,
    now: datetime,
    progress: Progress | None = None,
    name: str | None = None,
    kb: KnowledgeBase | None = None,
) -> str:
    """The whole diary as JSON or CSV text (see `lumbar.store.exchange`), or as a checked FHIR R4 Bundle
    (`lumbar.interop.fhir_export`; `name` goes on its Patient, else a pseudonym)."""
    data = _snapshot(DiaryRepository(session))
    if format == "fhir":
        from lumbar.interop.fhir_export import export_bundle
        from lumbar.knowledge.loader import default_kb

        try:
            return export_bundle(data, kb=kb if kb is not None else default_kb(), exported_at=now, name=name)
        except ExchangeError as exc:
            raise DiaryError(f"the FHIR export failed its checks, so nothing was written: {exc}") from None
    if name is not None:
        raise DiaryError("a name goes only into a FHIR export (--format fhir)")
    if format == "json":
        return dump_json(data, exported_at=now, progress=progress)
    if format == "csv":
        return dump_csv(data, progress=progress)
    raise DiaryError(f"unknown export format {format!r}; choose csv, json or fhir")


@dataclass(frozen=True)
class ImportReport:
    episodes: dict[Outcome, int]
    entries: dict[Outcome, int]
    profile: Outcome | None


def _read_import(path: Path) -> DiaryData:
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_IMPORT_BYTES + 1)
    except OSError as exc:
        raise DiaryError(f"cannot read {path}: {exc.strerror or exc}") from None
    if len(raw) > MAX_IMPORT_BYTES:
        raise DiaryError(f"{path} is larger than {MAX_IMPORT_BYTES // 1_000_000} MB")
    try:
        from lumbar.interop.fhir_import import is_fhir_bundle, parse_bundle  # fhir.resources: only when needed

        return parse_bundle(raw) if is_fhir_bundle(raw) else parse_diary(raw)
    except ExchangeError as exc:
        raise DiaryError(f"{path.name} cannot be imported: {exc}") from None


def _check_fits(data: DiaryData, repo: DiaryRepository) -> None:
    in_file = {e.id for e in data.episodes}
    missing = sorted({e.episode_id for e in data.entries} - in_file)
    absent = [m for m in missing if repo.get_episode(m) is None]
    if absent:
        raise DiaryError(f"entries refer to episode {absent[0]!r}, which is neither in the file nor in the diary")
    current = repo.open_episode()
    opening = [e for e in data.episodes if e.ended_at is None]
    if current is not None and opening and opening[0].id != current.id:
        closed_by_file = any(e.id == current.id and e.ended_at is not None for e in data.episodes)
        if not closed_by_file:
            raise DiaryError(
                f"the file has an open episode, and so does the diary ({current.id[:8]}); "
                "end it first with `lumbar episodes --end`"
            )


def import_diary(path: Path, *, session: Session, progress: Progress | None = None) -> ImportReport:
    """Import an export, all or nothing, in the caller's transaction. Idempotent by ids: rows already
    present and equal are left alone, changed ones take the file's values, so a re-run after a crash
    or a second import of the same file changes nothing. Nothing is written unless the whole file is valid.
    """
    data = _read_import(path)
    repo = DiaryRepository(session)
    repo.lock()
    _check_fits(data, repo)
    profile_outcome: Outcome | None = None
    if data.profile is not None:
        before = repo.get_profile()
        repo.save_profile(data.profile)
        profile_outcome = "unchanged" if before == data.profile else ("updated" if before else "added")
    episodes: dict[Outcome, int] = {"added": 0, "updated": 0, "unchanged": 0}
    # Ended episodes first: the one-open-episode index must hold after every statement.
    for episode in sorted(data.episodes, key=lambda e: e.ended_at is None):
        episodes[repo.save_episode(episode)] += 1
    entries: dict[Outcome, int] = {"added": 0, "updated": 0, "unchanged": 0}
    total = len(data.entries)
    for start in range(0, total, _IMPORT_BATCH):
        batch = data.entries[start : start + _IMPORT_BATCH]
        repo.preload_entries([e.id for e in batch])
        for entry in batch:
            entries[repo.save_entry(entry)] += 1
        repo.flush()
        if progress is not None:
            progress(start + len(batch), total)
    return ImportReport(episodes, entries, profile_outcome)


@dataclass(frozen=True)
class BackupReport:
    path: Path
    kind: Literal["sqlite-file", "json"]
    entries: int
    episodes: int


def backup(dest: Path, *, session: Session, now: datetime) -> BackupReport:
    """SQLite: a consistent copy of the database file (online backup API). PostgreSQL: a JSON export."""
    from lumbar.store.backup import sqlite_backup, write_atomically

    repo = DiaryRepository(session)
    entries, episodes = repo.count_entries(), repo.count_episodes()
    kind: Literal["sqlite-file", "json"] = "sqlite-file" if session.get_bind().dialect.name == "sqlite" else "json"
    repo.record_backup(at=now, kind=kind, entries=entries, episodes=episodes)
    dest.parent.mkdir(parents=True, exist_ok=True)
    if kind == "sqlite-file":
        sqlite_backup(session, dest)
    else:
        write_atomically(dest, export_diary(session=session, format="json", now=now).encode("utf-8"))
    return BackupReport(dest, kind, entries, episodes)
