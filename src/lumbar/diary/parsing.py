"""Reading what a person typed into diary values: times, 0-10 scores, numbers. Shared by the CLI and the
web app; each raises DiaryError naming the problem. Pure: the clock comes in as `now`."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from lumbar.diary.model import DiaryError

__all__ = ["parse_number", "parse_score", "parse_time"]

_CLOCK = re.compile(r"^(?:(today|yesterday)\s+)?(\d{1,2}):(\d{2})$")


def parse_time(raw: str, *, now: datetime) -> datetime:
    """ISO 8601 ('2026-11-20 21:30', with or without a zone), 'HH:MM' (today) or 'yesterday HH:MM'.
    A time without a zone is in the machine's time zone."""
    text = raw.strip().lower()
    clock = _CLOCK.match(text)
    if clock:
        day, hour, minute = clock.group(1), int(clock.group(2)), int(clock.group(3))
        if hour > 23 or minute > 59:
            raise DiaryError(f"{raw!r} is not a time of day")
        base = now.astimezone() - (timedelta(days=1) if day == "yesterday" else timedelta())
        return base.replace(hour=hour, minute=minute, second=0, microsecond=0)
    try:
        value = datetime.fromisoformat(raw.strip())
    except ValueError:
        raise DiaryError(f"{raw!r} is not a time; use 2026-11-20 21:30, 21:30 or 'yesterday 21:30'") from None
    return value if value.tzinfo is not None else value.astimezone()


def parse_score(raw: str | None, name: str) -> int | None:
    """A 0-10 score typed by a person: '6' yes; '11', '-1', 'abc', '6.5' no (DiaryError naming it)."""
    if raw is None or raw.strip() == "":
        return None
    text = raw.strip()
    if not re.fullmatch(r"[+-]?\d+", text):
        raise DiaryError(f"{name} must be a whole number from 0 to 10, not {raw!r}")
    value = int(text)
    if not 0 <= value <= 10:
        raise DiaryError(f"{name} must be a whole number from 0 to 10, not {value}")
    return value


def parse_number(raw: str | None, name: str, *, whole: bool = False) -> float | None:
    if raw is None or raw.strip() == "":
        return None
    try:
        value = int(raw) if whole else float(raw)
    except ValueError:
        kind = "a whole number" if whole else "a number"
        raise DiaryError(f"{name} must be {kind}, not {raw!r}") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise DiaryError(f"{name} must be a finite number, not {raw!r}")
    return value
