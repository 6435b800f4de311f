"""`lumbar log`: one diary entry, quick (`lumbar log 6 --tried heat --note "..."`) or asked in the terminal.

A new red flag in the notes is shown at once, urgency first, with the words that raised it.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from lumbar.cli._store import guarded, local, open_diary, parse_number, parse_score, parse_time
from lumbar.cli.render import wrap
from lumbar.diary.model import DiaryError, Treatment

if TYPE_CHECKING:
    from lumbar.diary_service import LoggedEntry

__all__ = ["add_parser", "run"]

T = TypeVar("T")
_TREATMENTS = ", ".join(t.value for t in Treatment)


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "log",
        help="add a diary entry (pain now, what you tried, notes)",
        description="Add a diary entry. With no arguments, asks you in the terminal (Enter skips a question). "
        "Notes are checked for warning signs at once.",
    )
    p.add_argument("pain", nargs="?", help="pain now, 0 (none) to 10 (worst imaginable)")
    p.add_argument("--at", metavar="TIME", help="when (default now): '2026-11-20 21:30', '21:30', 'yesterday 21:30'")
    p.add_argument("--tried", action="append", default=[], metavar="T", help=f"what you tried ({_TREATMENTS})")
    p.add_argument("--helped", action="append", default=[], metavar="T", help="what helped (counts as tried)")
    p.add_argument("--note", help="anything else, in your own words")
    p.add_argument("--activity", metavar="0-10", help="how much the pain got in the way of activity")
    p.add_argument("--enjoyment", metavar="0-10", help="how much it got in the way of enjoying life")
    p.add_argument("--sleep", metavar="0-10", help="how much it got in the way of sleep")
    p.add_argument("--location", help="where it hurts (for example 'lower left')")
    p.add_argument("--spasm", action=argparse.BooleanOptionalAction, default=None, help="muscle spasm now")
    p.add_argument("--radiating", action=argparse.BooleanOptionalAction, default=None, help="pain going down a leg")
    p.add_argument("--water", metavar="LITRES", help="water drunk today, in litres")
    p.add_argument("--sitting", metavar="HOURS", help="hours sitting today")
    p.add_argument("--exercise", metavar="MINUTES", help="minutes of exercise today")
    p.set_defaults(run=run)


def _given(args: argparse.Namespace) -> bool:
    names = ("pain", "at", "note", "activity", "enjoyment", "sleep", "location", "spasm", "radiating")
    return any(getattr(args, n) is not None for n in (*names, "water", "sitting", "exercise")) or bool(
        args.tried or args.helped
    )


def _fields(args: argparse.Namespace, now: datetime) -> dict[str, Any]:
    return {
        "at": parse_time(args.at, now=now) if args.at is not None else None,
        "pain": parse_score(args.pain, "pain"),
        "interference_activity": parse_score(args.activity, "activity"),
        "interference_enjoyment": parse_score(args.enjoyment, "enjoyment"),
        "interference_sleep": parse_score(args.sleep, "sleep"),
        "location": args.location,
        "spasm": args.spasm,
        "radiating": args.radiating,
        "tried": [Treatment.parse(t) for t in args.tried],
        "helped": [Treatment.parse(t) for t in args.helped],
        "water_litres": parse_number(args.water, "water (litres)"),
        "sitting_hours": parse_number(args.sitting, "hours sitting"),
        "exercise_minutes": parse_number(args.exercise, "exercise (minutes)", whole=True),
        "notes": args.note,
    }


# --- asking in the terminal ----------------------------------------------------------------------------


def _ask(prompt: str, parse: Callable[[str], T]) -> T | None:
    """Ask until the answer parses; Enter skips (None)."""
    while True:
        raw = input(prompt).strip()
        if not raw:
            return None
        try:
            return parse(raw)
        except DiaryError as exc:
            print(f"  {exc}")  # noqa: T201


def _yes_no(raw: str) -> bool:
    if raw.lower() in ("y", "yes"):
        return True
    if raw.lower() in ("n", "no"):
        return False
    raise DiaryError("answer y or n (Enter skips)")


def _treatment_list(raw: str) -> list[Treatment]:
    return [Treatment.parse(t) for t in raw.replace(",", " ").split()]


def _interactive(now: datetime) -> dict[str, Any]:
    print("New diary entry. Press Enter to skip any question.")  # noqa: T201
    fields: dict[str, Any] = {
        "pain": _ask("Pain now, 0-10: ", lambda r: parse_score(r, "pain")),
        "interference_activity": _ask("How much does it get in the way of activity, 0-10? ", _score("activity")),
        "interference_sleep": _ask("...of sleep, 0-10? ", _score("sleep")),
        "interference_enjoyment": _ask("...of enjoying life, 0-10? ", _score("enjoyment")),
        "spasm": _ask("Muscle spasm now (y/n)? ", _yes_no),
        "radiating": _ask("Pain going down a leg (y/n)? ", _yes_no),
        "location": _ask("Where does it hurt? ", str),
        "tried": _ask(f"What did you try ({_TREATMENTS})? ", _treatment_list) or [],
    }
    if fields["tried"]:
        fields["helped"] = _ask("Which of those helped? ", _treatment_list) or []
    fields["water_litres"] = _ask("Water drunk today (litres)? ", lambda r: parse_number(r, "water (litres)"))
    fields["sitting_hours"] = _ask("Hours sitting today? ", lambda r: parse_number(r, "hours sitting"))
    fields["exercise_minutes"] = _ask(
        "Minutes of exercise today? ", lambda r: parse_number(r, "exercise (minutes)", whole=True)
    )
    fields["notes"] = _ask("Anything else, in your own words? ", str)
    fields["at"] = _ask("When (Enter for now; 21:30, 'yesterday 21:30')? ", lambda r: parse_time(r, now=now))
    return fields


def _score(name: str) -> Callable[[str], int | None]:
    return lambda raw: parse_score(raw, name)


# --- output --------------------------------------------------------------------------------------------


def render_logged(logged: LoggedEntry) -> str:
    out: list[str] = []
    if logged.new_red_flags and logged.assessment is not None:
        from lumbar.triage.contract import URGENCY_MEANING

        urgency = logged.assessment.urgency
        out.append(f"{urgency.value.upper().replace('_', '-')}: {URGENCY_MEANING[urgency]}")
        out.append("A warning sign in your notes:")
        for flag in logged.new_red_flags:
            words = f' (you said: "{" / ".join(flag.evidence)}")' if flag.evidence else ""
            out.append(wrap(f"! {flag.label} [{flag.urgency.value}]{words}", "  "))
            out.append(wrap(f"What to do: {flag.action}", "    "))
        out.append("Run `lumbar check` for the full advice.")
        out.append("")
    course = logged.course
    if course is not None:
        from lumbar.triage.contract import URGENCY_MEANING

        out.append(f"This episode: {course.urgency.value.upper().replace('_', '-')}: {URGENCY_MEANING[course.urgency]}")
        for flag in course.red_flags:
            if not flag.weak:
                out.append(wrap(f"! {flag.label}. {flag.action}", "  "))
        out.append("")
    e = logged.entry
    pain = f"pain {e.pain}/10" if e.pain is not None else "entry"
    opened = " (a new episode)" if logged.opened_episode else ""
    out.append(f"Logged {pain} at {local(e.at):%Y-%m-%d %H:%M} in episode {logged.episode.id[:8]}{opened}.")
    return "\n".join(out)


@guarded("log")
def run(args: argparse.Namespace) -> int:
    now = datetime.now(UTC)
    if _given(args):
        fields = _fields(args, now)
    elif sys.stdin.isatty():
        fields = _interactive(now)
    else:
        raise DiaryError("give a pain score (lumbar log 6) or run it in a terminal to be asked")
    from lumbar.diary_service import log_entry

    db = open_diary()
    try:
        with db.transaction() as session:
            logged = log_entry(session=session, now=now, **fields)
    finally:
        db.dispose()
    print(render_logged(logged))  # noqa: T201
    return 0
