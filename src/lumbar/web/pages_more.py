"""Insights (with charts), the report, learn, profile and your data (export, import, delete)."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import Response

from lumbar.diary.model import DiaryError
from lumbar.triage.contract import assessment_to_dict
from lumbar.web import downloads
from lumbar.web.forms import field, fields, posted
from lumbar.web.runtime import RT, Runtime

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
CHARTS = (
    ("pain", "Pain over time", "Daily pain scores over time, with episodes marked."),
    ("episodes", "Episodes", "How long each episode lasted, against the usual six weeks."),
    ("triggers", "Possible triggers", "How often each possible trigger came before an episode."),
)


@router.get("/insights")
async def insights(request: Request, rt: RT) -> Response:
    from lumbar.overview import QUIET_COURSE
    from lumbar.report import format_insights

    seen = await run_in_threadpool(downloads.overview_of, rt, None)
    nets = [(ep, assessment_to_dict(a, kb=rt.kb) if a else None) for ep, a in seen.safety_nets]
    context = {
        "text": format_insights(seen.insights),
        "nets": nets,
        "charts": CHARTS,
        "has_entries": bool(seen.insights.trend.daily),
        "quiet": QUIET_COURSE,
    }
    return rt.page(request, "insights.html.j2", context)


@router.get("/insights/chart/{kind}.svg")
async def chart(kind: Literal["pain", "episodes", "triggers"], rt: RT) -> Response:
    return await run_in_threadpool(downloads.chart, rt, kind, None)


@router.get("/report")
async def report_page(request: Request, rt: RT) -> Response:
    from lumbar.report.doctor import SECTION_TITLES, SECTIONS

    sections = [(s, SECTION_TITLES[s]) for s in SECTIONS]
    return rt.page(request, "report.html.j2", {"sections": sections})


@router.get("/report/download")
async def report_download(
    rt: RT,
    format: Literal["pdf", "html"] = "pdf",
    section: Annotated[list[str], Query(max_length=20)] = [],  # noqa: B006  # FastAPI copies defaults
    start: Annotated[str | None, Query(alias="from", max_length=20)] = None,
    end: Annotated[str | None, Query(alias="to", max_length=20)] = None,
) -> Response:
    if not section:
        raise DiaryError("choose at least one section for the report")
    chosen = ",".join(section)
    first, last = _day(start, "The first day"), _day(end, "The last day")  # a form sends empty boxes as ""
    return await run_in_threadpool(
        lambda: downloads.report(rt, format=format, sections=chosen, episode=None, start=first, end=last)
    )


def _day(raw: str | None, name: str) -> date | None:
    if raw is None or not raw.strip():
        return None
    try:
        return date.fromisoformat(raw.strip())
    except ValueError:
        raise DiaryError(f"{name} must be a date like 2026-11-20, not {raw!r}") from None


@router.get("/export")
async def export(rt: RT, format: Literal["json", "csv", "fhir"] = "json") -> Response:
    return await run_in_threadpool(lambda: downloads.export(rt, format=format))


@router.get("/learn")
async def learn_index(request: Request, rt: RT) -> Response:
    from lumbar.knowledge.learn import topics

    return rt.page(request, "learn.html.j2", {"topics": topics(rt.kb), "title": None, "text": None})


@router.get("/learn/{topic:path}")
async def learn(topic: str, request: Request, rt: RT) -> Response:
    from lumbar.knowledge.learn import UnknownTopicError, render_topic, topics

    titles = dict(topics(rt.kb))
    try:
        text = render_topic(rt.kb, topic)
    except UnknownTopicError:
        return rt.page(request, "error.html.j2", {"status": 404, "message": "There is no such topic."}, 404)
    return rt.page(request, "learn.html.j2", {"topics": topics(rt.kb), "title": titles.get(topic, topic), "text": text})


def _profile_context(rt: Runtime) -> dict[str, Any]:
    from lumbar.diary_service import get_profile, safety_facts

    with rt.db.reading() as session:
        profile = get_profile(session=session)
    facts = [(f, rt.kb.findings[f].label) for f in safety_facts(rt.kb)]
    return {"profile": profile, "facts": facts, "errors": []}


@router.get("/profile")
async def profile(request: Request, rt: RT) -> Response:
    return rt.page(request, "profile.html.j2", await run_in_threadpool(_profile_context, rt))


@router.post("/profile")
async def profile_save(request: Request, rt: RT) -> Response:
    from lumbar.diary.parsing import parse_number
    from lumbar.diary_service import set_profile

    form = await posted(request)
    try:
        raw_age = parse_number(field(form, "age", limit=10), "Age", whole=True)
        age = int(raw_age) if raw_age is not None else None
        sex = field(form, "sex", limit=10)

        def save() -> None:
            with rt.db.transaction() as session:
                set_profile(
                    session=session,
                    kb=rt.kb,
                    age=age,
                    sex=sex,  # type: ignore[arg-type]  # set_profile names a bad value
                    add_facts=fields(form, "facts"),
                    clear_facts=True,
                )

        await run_in_threadpool(save)
    except DiaryError as exc:
        context = await run_in_threadpool(_profile_context, rt)
        context["errors"] = [str(exc)]
        return rt.page(request, "profile.html.j2", context, 400)
    context = await run_in_threadpool(_profile_context, rt)
    context["message"] = "Profile saved."
    return rt.page(request, "profile.html.j2", context)


def _counts(rt: Runtime) -> dict[str, int]:
    from lumbar.store.repository import DiaryRepository

    with rt.db.reading() as session:
        repo = DiaryRepository(session)
        return {"entries": repo.count_entries(), "episodes": repo.count_episodes()}


async def _data_page(request: Request, rt: Runtime, extra: dict[str, Any], status: int = 200) -> Response:
    context: dict[str, Any] = {"counts": await run_in_threadpool(_counts, rt), "errors": []}
    context.update(extra)
    return rt.page(request, "data.html.j2", context, status)


@router.get("/data")
async def data(request: Request, rt: RT) -> Response:
    return await _data_page(request, rt, {})


@router.post("/data/import")
async def data_import(request: Request, rt: RT) -> Response:
    from lumbar.diary_service import import_diary

    form = await posted(request)
    upload = form.get("file")
    if not isinstance(upload, UploadFile) or not upload.filename:
        await form.close()
        return await _data_page(request, rt, {"errors": ["Choose a file to import."]}, 400)
    try:
        raw = await upload.read()
    finally:
        await form.close()  # the upload's spooled temporary file
    if not raw:
        return await _data_page(request, rt, {"errors": ["The file is empty."]}, 400)

    def load() -> str:
        with tempfile.TemporaryDirectory(prefix="lumbar-import-") as folder:
            path = Path(folder) / Path(upload.filename or "import").name
            path.write_bytes(raw)
            with rt.db.transaction() as session:
                report = import_diary(path, session=session)
        return (
            f"Imported: {report.entries['added']} new entries, {report.entries['updated']} updated, "
            f"{report.entries['unchanged']} already here; {report.episodes['added']} new episodes."
        )

    try:
        message = await run_in_threadpool(load)
    except DiaryError as exc:
        return await _data_page(request, rt, {"errors": [str(exc)]}, 400)
    return await _data_page(request, rt, {"message": message})


@router.post("/data/delete")
async def data_delete(request: Request, rt: RT) -> Response:
    from lumbar.diary_service import delete_everything

    form = await posted(request)
    if (field(form, "confirm", limit=20) or "").lower() != "delete":
        problem = "To delete everything, type the word delete in the box. Nothing was deleted."
        return await _data_page(request, rt, {"errors": [problem]}, 400)

    def wipe() -> tuple[int, int]:
        with rt.db.transaction() as session:
            return delete_everything(session=session)

    episodes, entries = await run_in_threadpool(wipe)
    message = f"Deleted everything: {entries} entries and {episodes} episodes, your checks and your profile."
    return await _data_page(request, rt, {"message": message})
