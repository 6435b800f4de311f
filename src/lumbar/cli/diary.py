"""`lumbar episodes`, `lumbar history`, `lumbar profile`: look at and shape the diary."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from lumbar.cli._store import guarded, local, open_diary, parse_number, parse_time
from lumbar.diary.model import DiaryError, Entry
from lumbar.intake.model import Profile

if TYPE_CHECKING:
    from lumbar.diary_service import EpisodeSummary

__all__ = ["add_parser", "render_entry", "render_episodes", "run_episodes", "run_history", "run_profile"]


def add_parser(sub: Any) -> None:
    p = sub.add_parser("episodes", help="list episodes; start or end one", description="List your episodes.")
    action = p.add_mutually_exclusive_group()
    action.add_argument("--start", action="store_true", help="start a new episode (logging also starts one)")
    action.add_argument("--end", action="store_true", help="end the open episode (it has settled)")
    p.add_argument("--at", metavar="TIME", help="when it started or ended (default now)")
    p.add_argument("--trigger", help="with --start: what set it off, in a few words")
    p.set_defaults(run=run_episodes)

    p = sub.add_parser("history", help="your diary entries", description="Show diary entries, oldest first.")
    p.add_argument("--episode", metavar="ID", help="only this episode (the first characters of its id will do)")
    p.add_argument("--days", metavar="N", help="only the last N days")
    p.set_defaults(run=run_history)

    p = sub.add_parser(
        "profile",
        help="your age, sex and the health facts that matter for safety",
        description="Show or change your profile. Facts (osteoporosis, steroid_use, cancer_history, "
        "anticoagulant_use, kidney_disease, stomach_ulcer, pregnancy, diabetes, multiple_sclerosis, ...) "
        "are used when your diary notes are checked for warning signs.",
    )
    p.add_argument("--age", metavar="YEARS")
    p.add_argument("--sex", choices=["female", "male"])
    p.add_argument("--fact", action="append", default=[], metavar="FACT", help="add a fact (repeatable)")
    p.add_argument("--remove-fact", action="append", default=[], metavar="FACT", help="remove a fact")
    p.add_argument("--clear-facts", action="store_true", help="remove every fact first")
    p.add_argument("--show", action="store_true", help="show the profile (the default with no changes)")
    p.set_defaults(run=run_profile)


# --- episodes ------------------------------------------------------------------------------------------


def render_episodes(summaries: list[EpisodeSummary], now: datetime) -> str:
    if not summaries:
        return "No episodes yet: `lumbar log 5` starts one."
    lines = []
    for s in reversed(summaries):
        e = s.episode
        end = e.ended_at or now
        days = (end - e.started_at).total_seconds() / 86400
        state = f"ended {local(e.ended_at):%Y-%m-%d}" if e.ended_at else "open"
        pain = f"pain last {s.last_pain}, worst {s.worst_pain}" if s.last_pain is not None else "no pain scores"
        flag = (
            f", warning signs: {s.worst_urgency.value}"
            if s.worst_urgency and s.worst_urgency.value != "self_care"
            else ""
        )
        trigger = f", trigger: {e.trigger}" if e.trigger else ""
        lines.append(
            f"{e.id[:8]}  from {local(e.started_at):%Y-%m-%d}  {days:5.1f} days  {state:17} "
            f"{s.entries:4} entries  {pain}{flag}{trigger}"
        )
    return "\n".join(lines)


@guarded("episodes")
def run_episodes(args: argparse.Namespace) -> int:
    from lumbar.diary_service import end_episode, list_episodes, start_episode

    now = datetime.now(UTC)
    at = parse_time(args.at, now=now) if args.at is not None else None
    if args.trigger is not None and not args.start:
        raise DiaryError("--trigger goes with --start")
    if at is not None and not (args.start or args.end):
        raise DiaryError("--at goes with --start or --end")
    db = open_diary()
    try:
        with db.transaction() as session:
            if args.start:
                episode = start_episode(session=session, now=now, at=at, trigger=args.trigger)
                print(f"Started episode {episode.id[:8]} at {local(episode.started_at):%Y-%m-%d %H:%M}.")  # noqa: T201
                return 0
            if args.end:
                episode = end_episode(session=session, now=now, at=at)
                assert episode.ended_at is not None  # noqa: S101  # end_episode sets it
                days = (episode.ended_at - episode.started_at).total_seconds() / 86400
                print(f"Ended episode {episode.id[:8]} after {days:.1f} days.")  # noqa: T201
                return 0
            summaries = list_episodes(session=session)
    finally:
        db.dispose()
    print(render_episodes(summaries, now))  # noqa: T201
    return 0


# --- history -------------------------------------------------------------------------------------------


def _mark(value: bool | None, name: str) -> str | None:
    if value is None:
        return None
    return name if value else f"no {name}"


def render_entry(e: Entry) -> str:
    parts = [f"{local(e.at):%Y-%m-%d %H:%M}", f"pain {e.pain:>2}" if e.pain is not None else "pain  -"]
    scores = [
        f"{label} {value}"
        for label, value in (
            ("activity", e.interference_activity),
            ("sleep", e.interference_sleep),
            ("enjoyment", e.interference_enjoyment),
        )
        if value is not None
    ]
    parts += scores
    parts += [m for m in (_mark(e.spasm, "spasm"), _mark(e.radiating, "radiating")) if m]
    if e.location:
        parts.append(f"at: {e.location}")
    if e.tried:
        helped = f" (helped: {', '.join(sorted(e.helped))})" if e.helped else ""
        parts.append(f"tried: {', '.join(sorted(e.tried))}{helped}")
    if e.water_litres is not None:
        parts.append(f"water {e.water_litres:g} l")
    if e.sitting_hours is not None:
        parts.append(f"sitting {e.sitting_hours:g} h")
    if e.exercise_minutes is not None:
        parts.append(f"exercise {e.exercise_minutes} min")
    if e.urgency is not None and e.red_flags:
        parts.append(f"[{e.urgency.value}: {', '.join(e.red_flags)}]")
    line = "  ".join(parts)
    return line + (f'\n    "{e.notes}"' if e.notes else "")


@guarded("history")
def run_history(args: argparse.Namespace) -> int:
    from lumbar.diary_service import history, resolve_episode

    now = datetime.now(UTC)
    days = parse_number(args.days, "days")
    db = open_diary()
    try:
        with db.transaction() as session:
            episode_id = resolve_episode(args.episode, session=session).id if args.episode is not None else None
            entries = history(session=session, now=now, episode_id=episode_id, days=days)
    finally:
        db.dispose()
    if not entries:
        print("No entries" + (" in that time." if days else " yet: `lumbar log 5` adds one."))  # noqa: T201
    for entry in entries:
        print(render_entry(entry))  # noqa: T201
    return 0


# --- profile -------------------------------------------------------------------------------------------


def render_profile(profile: Profile | None) -> str:
    if profile is None:
        return "No profile yet: `lumbar profile --age 45 --sex female --fact osteoporosis`."
    facts = ", ".join(sorted(profile.facts)) or "none"
    return f"age: {profile.age if profile.age is not None else '-'}\nsex: {profile.sex or '-'}\nfacts: {facts}"


@guarded("profile")
def run_profile(args: argparse.Namespace) -> int:
    from lumbar.diary_service import get_profile, set_profile

    age = parse_number(args.age, "age", whole=True)
    changing = age is not None or args.sex is not None or args.fact or args.remove_fact or args.clear_facts
    db = open_diary()
    try:
        with db.transaction() as session:
            if changing:
                from lumbar.knowledge.loader import default_kb

                profile: Profile | None = set_profile(
                    session=session,
                    kb=default_kb(),
                    age=int(age) if age is not None else None,
                    sex=args.sex,
                    add_facts=args.fact,
                    remove_facts=args.remove_fact,
                    clear_facts=args.clear_facts,
                )
            else:
                profile = get_profile(session=session)
    finally:
        db.dispose()
    print(render_profile(profile))  # noqa: T201
    return 0
