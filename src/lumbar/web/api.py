"""The JSON API under /api (OpenAPI at /api/openapi.json): check, entries, episodes, insights, report,
export. Each route parses, calls one service function, and returns its result as JSON."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field
from pydantic_core import to_json

from lumbar.intake.answers import findings_from_answers
from lumbar.service import check
from lumbar.triage.contract import assessment_to_dict, not_understood
from lumbar.web import downloads
from lumbar.web.forms import MAX_TEXT
from lumbar.web.runtime import RT

__all__ = ["router"]


async def _json_only(request: Request) -> None:
    """A body must be JSON: a form from another site cannot send it without a preflight we never allow."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media != "application/json":
        raise HTTPException(415, "send the body as JSON, with Content-Type: application/json")


router = APIRouter(prefix="/api", tags=["api"])


class CheckIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str | None = Field(None, max_length=MAX_TEXT, description="what is happening, in the person's own words")
    answers: dict[str, Any] | None = Field(None, description="answers keyed by question id (lumbar questionnaire)")
    age: int | None = Field(None, ge=0, le=120)
    sex: Literal["female", "male"] | None = None


class EntryIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    at: datetime | None = Field(None, description="when (ISO 8601 with a time zone); default now")
    pain: int | None = Field(None, ge=0, le=10)
    interference_activity: int | None = Field(None, ge=0, le=10)
    interference_enjoyment: int | None = Field(None, ge=0, le=10)
    interference_sleep: int | None = Field(None, ge=0, le=10)
    location: str | None = Field(None, max_length=200)
    spasm: bool | None = None
    radiating: bool | None = None
    tried: list[str] = Field(default_factory=list, max_length=20)
    helped: list[str] = Field(default_factory=list, max_length=20)
    water_litres: float | None = Field(None, ge=0, le=20)
    sitting_hours: float | None = Field(None, ge=0, le=24)
    exercise_minutes: int | None = Field(None, ge=0, le=1440)
    notes: str | None = Field(None, max_length=MAX_TEXT)


@router.get("/health", summary="a trivial endpoint (the benchmark's baseline)")
async def health() -> dict[str, str]:
    return {"status": "ok"}


class FastJSONResponse(JSONResponse):
    """JSON written by pydantic-core (Rust): a check's 15-30 kB answer in 0.06 ms instead of the
    standard library's 0.25 ms. Same JSON text, apart from spacing."""

    def render(self, content: Any) -> bytes:
        return to_json(content)


@router.post(
    "/check", dependencies=[Depends(_json_only)], summary="triage text and/or answers", response_class=JSONResponse
)
async def api_check(body: CheckIn, rt: RT) -> JSONResponse:
    """The `lumbar check --json` contract. Text that cannot be read gives `understood: false`, no urgency,
    and the red-flag questions to answer instead (never a silent self-care answer)."""
    # Run here on the event loop, not in a worker thread: a check is about 2 ms of pure Python, and under
    # the GIL a thread would hold up the loop for as long (it runs in 5 ms slices), while handing it to
    # one costs a quarter of a millisecond per request.
    if body.text is None and body.answers is None:
        raise HTTPException(422, "give text, answers, or both")
    answers = findings_from_answers(body.answers, kb=rt.kb) if body.answers is not None else None
    result = check(kb=rt.kb, now=rt.now(), text=body.text, answers=answers, age=body.age, sex=body.sex)
    reading = result.reading
    if reading is not None and not reading.understood and answers is None:
        return FastJSONResponse(not_understood(reading.problems, kb=rt.kb))
    out = assessment_to_dict(result.assessment, kb=rt.kb)
    out["understood"] = True
    if reading is not None:
        out["problems"] = list(reading.problems)
    # Already plain JSON data: sent as it is, without FastAPI's generic encoder (1 ms for this object).
    return FastJSONResponse(out)


@router.get("/entries", summary="diary entries, oldest first")
def api_entries(
    rt: RT,
    days: Annotated[float | None, Query(gt=0, le=36_600)] = None,
    episode: Annotated[str | None, Query(max_length=64)] = None,
) -> list[dict[str, Any]]:
    from lumbar.diary_service import history, resolve_episode
    from lumbar.store.exchange import entry_to_dict

    with rt.db.reading() as session:
        episode_id = resolve_episode(episode, session=session).id if episode is not None else None
        return [entry_to_dict(e) for e in history(session=session, now=rt.now(), episode_id=episode_id, days=days)]


@router.post("/entries", status_code=201, dependencies=[Depends(_json_only)], summary="log a diary entry")
def api_log(body: EntryIn, rt: RT) -> dict[str, Any]:
    """Stores one entry; its notes are re-triaged, and any red flag new to the episode comes back at once."""
    from lumbar.diary_service import log_entry
    from lumbar.store.exchange import entry_to_dict

    with rt.db.transaction() as session:
        logged = log_entry(session=session, now=rt.now(), kb=rt.kb, **body.model_dump())
    out: dict[str, Any] = {"entry": entry_to_dict(logged.entry), "opened_episode": logged.opened_episode}
    out["assessment"] = assessment_to_dict(logged.assessment, kb=rt.kb) if logged.assessment else None
    out["new_red_flags"] = [r.id for r in logged.new_red_flags]
    out["course"] = assessment_to_dict(logged.course, kb=rt.kb) if logged.course else None
    return out


@router.get("/episodes", summary="episodes with their counts, worst pain and worst urgency")
def api_episodes(rt: RT) -> list[dict[str, Any]]:
    from lumbar.diary_service import list_episodes
    from lumbar.store.exchange import episode_to_dict

    with rt.db.reading() as session:
        summaries = list_episodes(session=session)
    return [
        {
            **episode_to_dict(s.episode),
            "entries": s.entries,
            "last_pain": s.last_pain,
            "worst_pain": s.worst_pain,
            "worst_urgency": s.worst_urgency.value if s.worst_urgency else None,
        }
        for s in summaries
    ]


@router.get("/insights", summary="what the diary shows, with the safety net of each open episode")
def api_insights(rt: RT, episode: Annotated[str | None, Query(max_length=64)] = None) -> dict[str, Any]:
    from lumbar.report import insights_to_dict

    seen = downloads.overview_of(rt, episode)
    out = insights_to_dict(seen.insights)
    out["safety_net"] = [
        {"episode_id": ep.id, **assessment_to_dict(a, kb=rt.kb)} for ep, a in seen.safety_nets if a is not None
    ]
    return out


@router.get("/report", summary="the doctor's report as PDF or HTML", response_class=Response)
def api_report(
    rt: RT,
    format: Literal["pdf", "html"] = "pdf",
    sections: Annotated[str | None, Query(max_length=300, description="comma-separated section ids")] = None,
    episode: Annotated[str | None, Query(max_length=64)] = None,
    start: Annotated[date | None, Query(alias="from")] = None,
    end: Annotated[date | None, Query(alias="to")] = None,
) -> Response:
    return downloads.report(rt, format=format, sections=sections, episode=episode, start=start, end=end)


@router.get("/export", summary="the whole diary as JSON, CSV or a FHIR R4 Bundle", response_class=Response)
def api_export(rt: RT, format: Literal["json", "csv", "fhir"] = "json") -> Response:
    return downloads.export(rt, format=format)
