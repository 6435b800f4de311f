"""What the diary commands share: opening the database, reading times, and failing with one clear line."""

from __future__ import annotations

import argparse
import functools
import re
import sys
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from lumbar.diary.model import DiaryError
from lumbar.settings import SettingsError, load_settings

if TYPE_CHECKING:
    from lumbar.diary_service import DiaryView
    from lumbar.store.database import Database

__all__ = ["fail", "guarded", "local", "open_diary", "parse_number", "parse_score", "parse_time", "read_view"]

Run = Callable[[argparse.Namespace], int]


def fail(command: str, message: str) -> int:
    print(f"lumbar {command}: {message}", file=sys.stderr)  # noqa: T201
    return 2


def guarded(command: str) -> Callable[[Run], Run]:
    """Bad input -> one line naming the problem and exit 2; the database unreachable -> exit 1.
    Never a traceback, never the symptom text."""

    def decorate(run: Run) -> Run:
        @functools.wraps(run)
        def wrapper(args: argparse.Namespace) -> int:
            from sqlalchemy.exc import IntegrityError, OperationalError

            try:
                return run(args)
            except (DiaryError, SettingsError) as exc:
                return fail(command, str(exc))
            except EOFError:
                return fail(command, "input ended; nothing was stored")
            except IntegrityError:
                return fail(command, "the diary changed underneath this command (another lumbar running?); try again")
            except OperationalError as exc:
                # The driver's first line says what went wrong (locked, refused); it holds no symptom text.
                reason = str(exc.orig).strip().splitlines()[0] if exc.orig is not None else "unknown error"
                print(f"lumbar {command}: cannot use the diary database: {reason}", file=sys.stderr)  # noqa: T201
                return 1

        return wrapper

    return decorate


def open_diary() -> Database:
    # Imported here, as in every diary command: SQLAlchemy costs a third of a second to import, which
    # `lumbar check` and the other commands should not pay.
    from lumbar.store.database import open_database

    return open_database(load_settings())


def read_view(episode: str | None) -> DiaryView:
    """The diary (or one episode of it) as insights and the report read it, in one transaction."""
    from lumbar.diary_service import read_diary

    db = open_diary()
    try:
        with db.transaction() as session:
            return read_diary(session=session, episode=episode)
    finally:
        db.dispose()


def local(at: datetime) -> datetime:
    """A stored (UTC) time in the machine's time zone, for display."""
    return at.astimezone()


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
