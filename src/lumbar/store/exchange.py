"""The diary's exchange formats, JSON and CSV: domain values to text and back, exactly.

Pure (no database): `dump_json`/`dump_csv` write a `DiaryData`, `parse_diary` reads either format
and raises `ExchangeError` naming the first problems found, before anything is written anywhere.

JSON: {"format": "lumbar-diary", "version": 1, "profile": {...}|null, "episodes": [...], "entries": [...]}
CSV: one table, a `record` column saying what each row is (profile, episode, assessment, entry); filter
on record=entry in a spreadsheet. Lists are `;`-separated; an empty cell is "not recorded".
A check's red-flag answers: in JSON an object {"finding id": "present" | "absent" | "uncertain"}, in CSV
`finding=status` pairs, `;`-separated. Files written before answers were kept have none: still read.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from lumbar.diary.model import AssessmentRecord, DiaryError, Entry, Episode, Treatment
from lumbar.intake.model import Profile
from lumbar.knowledge.models import Urgency

__all__ = [
    "FORMAT",
    "VERSION",
    "DiaryData",
    "ExchangeError",
    "dump_csv",
    "dump_json",
    "entry_to_dict",
    "episode_to_dict",
    "parse_diary",
]

FORMAT = "lumbar-diary"
VERSION = 1
MAX_PROBLEMS = 5

Progress = Callable[[int, int], None]

_ENTRY_INTS = ("pain", "interference_activity", "interference_enjoyment", "interference_sleep", "exercise_minutes")
_ENTRY_FLOATS = ("water_litres", "sitting_hours")
_ENTRY_BOOLS = ("spasm", "radiating")
_ENTRY_TEXTS = ("location", "notes")
CSV_COLUMNS = (
    "record",
    "id",
    "episode_id",
    "at",
    *_ENTRY_INTS[:4],
    "location",
    "spasm",
    "radiating",
    "tried",
    "helped",
    "water_litres",
    "sitting_hours",
    "exercise_minutes",
    "urgency",
    "red_flags",
    "notes",
    "ended_at",
    "trigger",
    "knowledge_version",
    "reasons",
    "answers",
    "age",
    "sex",
    "facts",
)


class ExchangeError(ValueError):
    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        shown = "; ".join(problems[:MAX_PROBLEMS])
        more = f" (and {len(problems) - MAX_PROBLEMS} more)" if len(problems) > MAX_PROBLEMS else ""
        super().__init__(shown + more)


@dataclass(frozen=True)
class DiaryData:
    profile: Profile | None
    episodes: tuple[Episode, ...]
    entries: tuple[Entry, ...]


# --- values to plain data --------------------------------------------------------------------------


def _time(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _assessment_dict(a: AssessmentRecord) -> dict[str, Any]:
    return {
        "at": _time(a.at),
        "urgency": a.urgency.value,
        "red_flags": list(a.red_flags),
        "knowledge_version": a.knowledge_version,
        "reasons": list(a.reasons),
        "answers": dict(a.answers),
    }


def _episode_dict(e: Episode) -> dict[str, Any]:
    return {
        "id": e.id,
        "started_at": _time(e.started_at),
        "ended_at": _time(e.ended_at),
        "trigger": e.trigger,
        "notes": e.notes,
        "assessments": [_assessment_dict(a) for a in e.assessments],
    }


def _entry_dict(e: Entry) -> dict[str, Any]:
    return {
        "id": e.id,
        "episode_id": e.episode_id,
        "at": _time(e.at),
        **{name: getattr(e, name) for name in (*_ENTRY_INTS, *_ENTRY_FLOATS, *_ENTRY_BOOLS, *_ENTRY_TEXTS)},
        "tried": sorted(t.value for t in e.tried),
        "helped": sorted(t.value for t in e.helped),
        "urgency": e.urgency.value if e.urgency is not None else None,
        "red_flags": list(e.red_flags),
    }


# The export's shapes, also used by the web API.
entry_to_dict = _entry_dict
episode_to_dict = _episode_dict


def _profile_dict(p: Profile) -> dict[str, Any]:
    return {"age": p.age, "sex": p.sex, "facts": sorted(p.facts)}


def dump_json(data: DiaryData, *, exported_at: datetime, progress: Progress | None = None) -> str:
    entries = []
    for i, entry in enumerate(data.entries, 1):
        entries.append(_entry_dict(entry))
        if progress is not None and i % 500 == 0:
            progress(i, len(data.entries))
    document = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": _time(exported_at),
        "profile": _profile_dict(data.profile) if data.profile is not None else None,
        "episodes": [_episode_dict(e) for e in data.episodes],
        "entries": entries,
    }
    return json.dumps(document, indent=1, ensure_ascii=False) + "\n"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return ";".join(str(v) for v in value)
    if isinstance(value, dict):
        return ";".join(f"{k}={v}" for k, v in value.items())
    if isinstance(value, float):
        return repr(value)  # repr round-trips a float exactly
    return str(value)


def _csv_rows(data: DiaryData) -> Iterator[dict[str, Any]]:
    if data.profile is not None:
        yield {"record": "profile", **_profile_dict(data.profile)}
    for episode in data.episodes:
        d = _episode_dict(episode)
        assessments = d.pop("assessments")
        yield {"record": "episode", **{("at" if k == "started_at" else k): v for k, v in d.items()}}
        for a in assessments:
            yield {"record": "assessment", "episode_id": episode.id, **a}
    for entry in data.entries:
        yield {"record": "entry", **_entry_dict(entry)}


def dump_csv(data: DiaryData, *, progress: Progress | None = None) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    total = len(data.entries)
    for i, row in enumerate(_csv_rows(data), 1):
        writer.writerow({k: _cell(v) for k, v in row.items()})
        if progress is not None and i % 500 == 0:
            progress(min(i, total), total)
    return out.getvalue()


# --- plain data to values --------------------------------------------------------------------------


class _Reader:
    """Collects problems with their place, so one run reports several at once."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def fail(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")


def _parse_time(raw: Any, name: str) -> datetime | None:
    if raw is None or raw == "":
        return None
    if not isinstance(raw, str):
        raise DiaryError(f"{name} must be an ISO 8601 time, not {raw!r}")
    try:
        value = datetime.fromisoformat(raw)
    except ValueError:
        raise DiaryError(f"{name} {raw!r} is not an ISO 8601 time") from None
    if value.tzinfo is None:
        raise DiaryError(f"{name} {raw!r} has no time zone")
    return value


def _required_time(raw: Any, name: str) -> datetime:
    value = _parse_time(raw, name)
    if value is None:
        raise DiaryError(f"{name} is missing")
    return value


def _text(raw: Any, name: str) -> str | None:
    if raw is None or raw == "":
        return None
    if not isinstance(raw, str):
        raise DiaryError(f"{name} must be text")
    if "\x00" in raw:
        raise DiaryError(f"{name} contains a NUL character")
    return raw


def _int(raw: Any, name: str) -> int | None:
    if raw is None or raw == "":
        return None
    if isinstance(raw, str):
        try:
            return int(raw)
        except ValueError:
            raise DiaryError(f"{name} must be a whole number, not {raw!r}") from None
    if isinstance(raw, bool) or not isinstance(raw, int):
        raise DiaryError(f"{name} must be a whole number, not {raw!r}")
    return int(raw)


def _float(raw: Any, name: str) -> float | None:
    if raw is None or raw == "":
        return None
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        raise DiaryError(f"{name} must be a number, not {raw!r}")
    try:
        return float(raw)
    except ValueError:
        raise DiaryError(f"{name} must be a number, not {raw!r}") from None


def _bool(raw: Any, name: str) -> bool | None:
    if raw is None or raw == "":
        return None
    if isinstance(raw, bool):
        return bool(raw)
    if raw in ("true", "false"):
        return bool(raw == "true")
    raise DiaryError(f"{name} must be true or false, not {raw!r}")


def _list(raw: Any, name: str) -> list[str]:
    if raw is None or raw == "":
        return []
    if isinstance(raw, str):
        return raw.split(";")
    if isinstance(raw, list) and all(isinstance(x, str) for x in raw):
        return list(raw)
    raise DiaryError(f"{name} must be a list of names")


def _answers(raw: Any) -> tuple[tuple[str, str], ...]:
    """A check's red-flag answers: a JSON object, or CSV `finding=status;...`. Checked by AssessmentRecord."""
    if raw is None or raw == "":
        return ()
    if isinstance(raw, str):
        pairs = [part.split("=") for part in raw.split(";")]
        if any(len(pair) != 2 for pair in pairs):
            raise DiaryError(f"answers must be finding=status pairs separated by ';', not {raw!r}")
        return tuple((finding, status) for finding, status in pairs)
    if isinstance(raw, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in raw.items()):
        return tuple(raw.items())
    raise DiaryError('answers must be an object {"finding": "present" | "absent" | "uncertain"}')


def _urgency(raw: Any, name: str) -> Urgency | None:
    if raw is None or raw == "":
        return None
    try:
        return Urgency(raw)
    except ValueError:
        valid = ", ".join(u.value for u in Urgency)
        raise DiaryError(f"{name} {raw!r} is not an urgency level ({valid})") from None


def _profile(d: Mapping[str, Any]) -> Profile:
    age = _int(d.get("age"), "age")
    if age is not None and not 0 <= age <= 120:
        raise DiaryError(f"age must be between 0 and 120, not {age}")
    sex = d.get("sex") or None
    if sex is not None and sex not in ("female", "male"):
        raise DiaryError(f"sex must be female or male, not {sex!r}")
    return Profile(age=age, sex=sex, facts=frozenset(_list(d.get("facts"), "facts")))


def _assessment(d: Mapping[str, Any]) -> AssessmentRecord:
    urgency = _urgency(d.get("urgency"), "urgency")
    if urgency is None:
        raise DiaryError("an assessment needs an urgency")
    return AssessmentRecord(
        at=_required_time(d.get("at"), "assessment time"),
        urgency=urgency,
        red_flags=tuple(_list(d.get("red_flags"), "red_flags")),
        knowledge_version=_text(d.get("knowledge_version"), "knowledge_version") or "",
        reasons=tuple(_list(d.get("reasons"), "reasons")),
        answers=_answers(d.get("answers")),
    )


def _id(raw: Any, name: str) -> str:
    if not isinstance(raw, str) or not raw.strip() or len(raw) > 64:
        raise DiaryError(f"{name} must be a non-empty id of at most 64 characters")
    return raw


def _episode(d: Mapping[str, Any], assessments: list[AssessmentRecord]) -> Episode:
    return Episode(
        id=_id(d.get("id"), "episode id"),
        started_at=_required_time(d.get("started_at"), "episode start"),
        ended_at=_parse_time(d.get("ended_at"), "episode end"),
        trigger=_text(d.get("trigger"), "trigger"),
        notes=_text(d.get("notes"), "notes"),
        assessments=tuple(assessments),
    )


def _treatments(raw: Any, name: str) -> frozenset[Treatment]:
    return frozenset(Treatment.parse(t) for t in _list(raw, name))


def _entry(d: Mapping[str, Any]) -> Entry:
    fields: dict[str, Any] = {name: _int(d.get(name), name.replace("_", " ")) for name in _ENTRY_INTS}
    fields |= {name: _float(d.get(name), name.replace("_", " ")) for name in _ENTRY_FLOATS}
    fields |= {name: _bool(d.get(name), name) for name in _ENTRY_BOOLS}
    fields |= {name: _text(d.get(name), name) for name in _ENTRY_TEXTS}
    return Entry(
        id=_id(d.get("id"), "entry id"),
        episode_id=_id(d.get("episode_id"), "episode_id"),
        at=_required_time(d.get("at"), "entry time"),
        tried=_treatments(d.get("tried"), "tried"),
        helped=_treatments(d.get("helped"), "helped"),
        urgency=_urgency(d.get("urgency"), "urgency"),
        red_flags=tuple(_list(d.get("red_flags"), "red_flags")),
        **fields,
    )


def _from_json(document: Any, r: _Reader) -> DiaryData:
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ExchangeError([f'not a lumbar diary export (no "format": "{FORMAT}")'])
    if document.get("version") != VERSION:
        raise ExchangeError([f"diary format version {document.get('version')!r} is not supported (want {VERSION})"])
    profile = None
    if document.get("profile") is not None:
        try:
            profile = _profile(document["profile"])
        except (DiaryError, AttributeError) as exc:
            r.fail("profile", str(exc))
    episodes: list[Episode] = []
    for i, raw in enumerate(_items(document, "episodes", r)):
        try:
            assessments = [_assessment(a) for a in raw.get("assessments") or []]
            episodes.append(_episode(raw, assessments))
        except (DiaryError, AttributeError, TypeError) as exc:
            r.fail(f"episode {i + 1}", str(exc))
    entries: list[Entry] = []
    for i, raw in enumerate(_items(document, "entries", r)):
        try:
            entries.append(_entry(raw))
        except (DiaryError, AttributeError, TypeError) as exc:
            r.fail(f"entry {i + 1}", str(exc))
    return DiaryData(profile, tuple(episodes), tuple(entries))


def _items(document: Mapping[str, Any], key: str, r: _Reader) -> list[Mapping[str, Any]]:
    items = document.get(key, [])
    if not isinstance(items, list) or not all(isinstance(x, dict) for x in items):
        r.fail(key, "must be a list of objects")
        return []
    return items


def _from_csv(text: str, r: _Reader) -> DiaryData:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if reader.fieldnames is None or "record" not in reader.fieldnames or "id" not in reader.fieldnames:
        raise ExchangeError(["not a lumbar diary CSV (the header needs 'record' and 'id' columns)"])
    profile: Profile | None = None
    episode_rows: list[tuple[int, dict[str, Any]]] = []
    assessments: dict[str, list[AssessmentRecord]] = {}
    entries: list[Entry] = []
    for row in reader:
        line = reader.line_num
        if None in row:
            r.fail(f"line {line}", "more cells than columns")
            continue
        try:
            match row.get("record"):
                case "profile":
                    profile = _profile(row)
                case "episode":
                    episode_rows.append((line, {**row, "started_at": row.get("at")}))
                case "assessment":
                    assessments.setdefault(row.get("episode_id") or "", []).append(_assessment(row))
                case "entry":
                    entries.append(_entry(row))
                case other:
                    r.fail(f"line {line}", f"unknown record kind {other!r}")
        except DiaryError as exc:
            r.fail(f"line {line}", str(exc))
    episodes = []
    for line, row in episode_rows:
        try:
            episodes.append(_episode(row, assessments.pop(str(row.get("id")), [])))
        except DiaryError as exc:
            r.fail(f"line {line}", str(exc))
    for episode_id in assessments:
        r.fail("assessments", f"refer to episode {episode_id!r}, which is not in the file")
    return DiaryData(profile, tuple(episodes), tuple(entries))


def _check_whole(data: DiaryData, r: _Reader) -> None:
    seen: set[str] = set()
    for e in data.episodes:
        if e.id in seen:
            r.fail(f"episode {e.id}", "appears twice")
        seen.add(e.id)
    if sum(1 for e in data.episodes if e.ended_at is None) > 1:
        r.fail("episodes", "more than one episode is still open (no end time)")
    seen = set()
    for entry in data.entries:
        if entry.id in seen:
            r.fail(f"entry {entry.id}", "appears twice")
        seen.add(entry.id)


def parse_diary(raw: bytes) -> DiaryData:
    """Read an export (JSON or CSV, told apart by the first character). Raises ExchangeError."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ExchangeError(["the file is not UTF-8 text"]) from None
    r = _Reader()
    if text.lstrip().startswith("{"):
        try:
            document = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ExchangeError([f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"]) from None
        data = _from_json(document, r)
    else:
        try:
            data = _from_csv(text, r)
        except csv.Error as exc:
            raise ExchangeError([f"not valid CSV: {exc}"]) from None
    _check_whole(data, r)
    if r.problems:
        raise ExchangeError(r.problems)
    return data
