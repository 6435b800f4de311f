"""The diary page: a quick entry in two taps (open the page, tap the pain score), a fuller entry, the
entries of the last two weeks and the episodes. A red flag in an entry's notes shows at once."""

from __future__ import annotations

from typing import Any

import anyio
from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response

from lumbar.diary.model import DiaryError, Treatment
from lumbar.diary.parsing import parse_number, parse_score, parse_time
from lumbar.triage.contract import assessment_to_dict
from lumbar.web.forms import MAX_TEXT, field, fields, posted
from lumbar.web.runtime import RT, Runtime

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
RECENT_DAYS = 14
_SCORES = (
    ("pain", "Pain now"),
    ("interference_activity", "How much it gets in the way of everyday activity"),
    ("interference_enjoyment", "... of enjoying life"),
    ("interference_sleep", "... of sleep"),
)
_YES_NO = {"yes": True, "no": False}
# At most this many diary pages read the database at once; the others wait their turn. The reads are
# short and need the GIL for most of their time (SQLite hands it back and takes it again for every row,
# so threads fight over it): with all 40 of the app's worker threads on it, 50 concurrent requests cost
# twice the CPU per page (bench/web.py: 10-13 ms instead of 4-6). Two, not one: a read waiting on the disk
# or on PostgreSQL's network does not hold up the next. The writes themselves (an entry, an episode) still
# run in the app's thread pool, as before.
_DIARY_READERS = anyio.CapacityLimiter(2)


def _diary_context(rt: Runtime) -> dict[str, Any]:
    from lumbar.diary_service import history, list_episodes

    with rt.db.reading() as session:
        entries = history(session=session, now=rt.now(), days=RECENT_DAYS)
        episodes = list_episodes(session=session)
    return {
        "entries": list(reversed(entries)),
        "episodes": list(reversed(episodes)),
        "open_episode": next((s.episode for s in episodes if s.episode.ended_at is None), None),
        "treatments": [t.value for t in Treatment],
        "scores": _SCORES,
        "days": RECENT_DAYS,
        "values": {},
        "errors": [],
    }


async def _render(request: Request, rt: Runtime, extra: dict[str, Any], status: int = 200) -> Response:
    context = await anyio.to_thread.run_sync(_diary_context, rt, limiter=_DIARY_READERS)
    context.update(extra)
    return rt.page(request, "diary.html.j2", context, status)


@router.get("/diary")
async def diary(request: Request, rt: RT) -> Response:
    return await _render(request, rt, {})


def _yes_no(form: FormData, name: str) -> bool | None:
    raw = field(form, name, limit=10)
    if raw not in (None, "yes", "no"):
        raise DiaryError(f"{name} must be yes or no, not {raw!r}")
    return _YES_NO.get(raw) if raw is not None else None


def _entry_fields(form: FormData, rt: Runtime) -> dict[str, Any]:
    """The posted entry as log_entry's arguments; DiaryError names the first bad value."""
    values: dict[str, Any] = {name: parse_score(field(form, name, limit=10), label) for name, label in _SCORES}
    values["spasm"] = _yes_no(form, "spasm")
    values["radiating"] = _yes_no(form, "radiating")
    values["location"] = field(form, "location", limit=200)
    values["tried"] = fields(form, "tried")
    values["helped"] = fields(form, "helped")
    values["water_litres"] = parse_number(field(form, "water_litres", limit=20), "Water (litres)")
    values["sitting_hours"] = parse_number(field(form, "sitting_hours", limit=20), "Hours sitting")
    minutes = parse_number(field(form, "exercise_minutes", limit=20), "Exercise (minutes)", whole=True)
    values["exercise_minutes"] = int(minutes) if minutes is not None else None
    for name, top in (("water_litres", 20), ("sitting_hours", 24), ("exercise_minutes", 1440)):
        if values[name] is not None and not 0 <= values[name] <= top:
            raise DiaryError(f"{name.replace('_', ' ')} must be between 0 and {top}, not {values[name]:g}")
    notes = field(form, "notes")
    if notes is not None and len(notes) > MAX_TEXT:
        raise DiaryError(f"notes must be under {MAX_TEXT:,} characters")
    values["notes"] = notes
    at = field(form, "at", limit=40)
    values["at"] = parse_time(at, now=rt.now()) if at is not None else None
    if all(values[k] in (None, [], "") for k in values if k != "at"):
        raise DiaryError("the entry is empty: give at least a pain score, or something else to record")
    return values


def _kept(form: FormData) -> dict[str, Any]:
    """What was typed, to put back in the form after an error (nothing the person wrote is lost)."""
    kept: dict[str, Any] = {k: v for k, v in form.items() if isinstance(v, str) and k != "csrf"}
    kept["tried"] = fields(form, "tried")
    kept["helped"] = fields(form, "helped")
    return kept


@router.post("/diary/entries")
async def log(request: Request, rt: RT) -> Response:
    from lumbar.diary_service import log_entry

    form = await posted(request)
    try:
        values = _entry_fields(form, rt)
    except DiaryError as exc:
        return await _render(request, rt, {"errors": [str(exc)], "values": _kept(form)}, 400)

    def store() -> Any:
        with rt.db.transaction() as session:
            return log_entry(session=session, now=rt.now(), kb=rt.kb, **values)

    try:
        logged = await run_in_threadpool(store)
    except DiaryError as exc:
        return await _render(request, rt, {"errors": [str(exc)], "values": _kept(form)}, 400)
    flags = logged.assessment is not None and logged.new_red_flags
    extra = {
        "logged": logged.entry,
        "opened": logged.opened_episode,
        "alert": assessment_to_dict(logged.assessment, kb=rt.kb) if flags and logged.assessment else None,
        "new_flags": {r.id for r in logged.new_red_flags},
        "course": assessment_to_dict(logged.course, kb=rt.kb) if logged.course is not None else None,
    }
    return await _render(request, rt, extra)


@router.post("/diary/episodes")
async def episodes(request: Request, rt: RT) -> Response:
    from lumbar.diary_service import end_episode, start_episode

    form = await posted(request)
    action = field(form, "action", limit=10)
    if action not in ("start", "end"):
        raise DiaryError("choose to start or to end an episode")
    trigger = field(form, "trigger", limit=200)

    def change() -> str:
        with rt.db.transaction() as session:
            if action == "start":
                started = start_episode(session=session, now=rt.now(), trigger=trigger)
                return f"A new episode started ({started.id[:8]})."
            ended = end_episode(session=session, now=rt.now())
            return f"Episode {ended.id[:8]} ended. Glad it has settled."

    try:
        message = await run_in_threadpool(change)
    except DiaryError as exc:
        return await _render(request, rt, {"errors": [str(exc)]}, 400)
    return await _render(request, rt, {"message": message})
