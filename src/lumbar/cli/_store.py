"""What the diary commands share: opening the database, reading times, and failing with one clear line."""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from lumbar.diary.model import DiaryError
from lumbar.settings import SettingsError, load_settings

if TYPE_CHECKING:
    from lumbar.diary_service import DiaryView
    from lumbar.intake.model import Profile
    from lumbar.store.database import Database

from lumbar.diary.parsing import parse_number, parse_score, parse_time

__all__ = [
    "bounded_int",
    "fail",
    "guarded",
    "local",
    "open_diary",
    "parse_number",
    "parse_score",
    "parse_time",
    "read_view",
    "stored_profile",
]

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


def bounded_int(name: str, low: int, high: int, *, kind: str = "a whole number") -> Callable[[str], int]:
    """An argparse type: a whole number from `low` to `high`, else a message naming the problem."""

    def parse(raw: str) -> int:
        try:
            value = int(raw)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{name} must be {kind}, not {raw!r}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{name} must be between {low} and {high}, not {value}")
        return value

    return parse


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
        with db.reading() as session:
            return read_diary(session=session, episode=episode)
    finally:
        db.dispose()


def stored_profile() -> Profile | None:
    """The profile in the person's diary, for `lumbar check`. A machine with no diary yet gets None and
    still has none afterwards (nothing is created). A diary that cannot be read is said in one line and
    the check goes on without it: a check is never refused for want of the diary."""
    try:
        settings = load_settings()
    except SettingsError as exc:
        print(f"lumbar check: your profile was not used: {exc}", file=sys.stderr)  # noqa: T201
        return None
    if settings.backend == "sqlite" and not (settings.sqlite_file and settings.sqlite_file.is_file()):
        return None  # no diary yet (or an in-memory one): nothing to read, and nothing is created
    from sqlalchemy.exc import SQLAlchemyError

    from lumbar.diary_service import get_profile

    try:
        db = open_diary()
        try:
            with db.reading() as session:
                return get_profile(session=session)
        finally:
            db.dispose()
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc.__class__.__name__).splitlines()[0]
        print(f"lumbar check: your profile was not used: the diary could not be read ({reason})", file=sys.stderr)  # noqa: T201
        return None


def local(at: datetime) -> datetime:
    """A stored (UTC) time in the machine's time zone, for display."""
    return at.astimezone()
