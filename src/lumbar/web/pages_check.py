"""The home page and the check: own words first, then only the questions still open, then the result.

Everything the check has been told travels in the form itself (hidden fields), so nothing about the
person is kept on the server until they choose to save the check to their diary."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Any

from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response

from lumbar.intake.answers import AnswerError, findings_from_answers
from lumbar.intake.model import Profile, Sex
from lumbar.intake.questionnaire import open_questions
from lumbar.knowledge.models import Urgency
from lumbar.service import CheckResult, check
from lumbar.triage.contract import assessment_to_dict
from lumbar.web.forms import MAX_TEXT, field, posted
from lumbar.web.runtime import RT, Runtime

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
SECTIONS = ("red_flag_screen", "about_you", "follow_up")
_BOOLEAN = {"yes": True, "no": False, "unsure": None}


@dataclass
class Told:
    """What the person has told the check so far, read from the form."""

    text: str | None = None
    age: int | None = None
    sex: str | None = None
    answers: dict[str, str] = dc_field(default_factory=dict)  # question id -> the raw form value
    asked: set[str] = dc_field(default_factory=set)
    problems: list[str] = dc_field(default_factory=list)

    def hidden(self) -> list[tuple[str, str]]:
        out = [("text", self.text or ""), ("age", "" if self.age is None else str(self.age)), ("sex", self.sex or "")]
        out += [(f"a.{k}", v) for k, v in sorted(self.answers.items())]
        out.append(("asked", ",".join(sorted(self.asked))))
        return out


def _told(form: FormData, rt: Runtime) -> Told:
    told = Told(text=field(form, "text", limit=MAX_TEXT))
    if told.text is not None and len(told.text) > MAX_TEXT:
        told.problems.append(f"Please keep the description under {MAX_TEXT:,} characters.")
        told.text = told.text[:MAX_TEXT]
    age = field(form, "age", limit=10)
    if age is not None:
        if age.isdigit() and 0 <= int(age) <= 120:
            told.age = int(age)
        else:
            told.problems.append("Age must be a whole number of years from 0 to 120.")
    sex = field(form, "sex", limit=10)
    if sex not in (None, "female", "male"):
        told.problems.append("Sex must be female or male (or left blank).")
    told.sex = sex if sex in ("female", "male") else None
    questions = {q.id for q in rt.kb.questions}
    for key in form:
        if key.startswith("a."):
            value = field(form, key, limit=50)
            qid = key[2:]
            if qid not in questions:
                told.problems.append(f"Unknown question {qid!r}.")
            elif value is not None:
                told.answers[qid] = value
    told.asked = {q for q in (field(form, "asked", limit=5000) or "").split(",") if q in questions}
    return told


def _answers(told: Told, rt: Runtime) -> Any:
    by_id = {q.id: q for q in rt.kb.questions}
    raw: dict[str, Any] = {}
    for qid, value in told.answers.items():
        if by_id[qid].type == "boolean":
            if value not in _BOOLEAN:
                told.problems.append(f"{by_id[qid].text} Answer yes, no or not sure.")
                continue
            raw[qid] = _BOOLEAN[value]
        else:
            raw[qid] = value
    if not raw:
        return None
    try:
        return findings_from_answers(raw, kb=rt.kb)
    except AnswerError as exc:
        told.problems.extend(exc.problems)
        return None


def _profile(rt: Runtime) -> Profile | None:
    from lumbar.diary_service import get_profile

    with rt.db.reading() as session:
        return get_profile(session=session)


def _understood(result: CheckResult) -> list[str]:
    if result.reading is None:
        return []
    return [o.evidence for o in result.reading.findings.observations.values() if o.evidence][:12]


@router.get("/")
def home(request: Request, rt: RT) -> Response:
    emergencies = [r for r in rt.kb.rules if r.urgency is Urgency.EMERGENCY]
    return rt.page(request, "home.html.j2", {"emergencies": emergencies})


@router.get("/check")
async def check_form(request: Request, rt: RT) -> Response:
    profile = await run_in_threadpool(_profile, rt)
    told = Told(age=profile.age if profile else None, sex=profile.sex if profile else None)
    return rt.page(request, "check.html.j2", {"told": told})


def _assess(told: Told, rt: Runtime, profile: Profile | None) -> CheckResult | None:
    answers = _answers(told, rt)
    if told.problems:
        return None
    sex: Sex | None = "female" if told.sex == "female" else "male" if told.sex == "male" else None
    return check(kb=rt.kb, now=rt.now(), text=told.text, answers=answers, age=told.age, sex=sex, profile=profile)


def _result_context(told: Told, result: CheckResult, rt: Runtime, profile: Profile | None) -> dict[str, Any]:
    return {
        "told": told,
        "a": assessment_to_dict(result.assessment, kb=rt.kb),
        "understood": _understood(result),
        "problems": list(result.reading.problems) if result.reading else [],
        "profile_used": profile is not None and (profile.age is not None or bool(profile.facts)),
    }


@router.post("/check")
async def check_post(request: Request, rt: RT) -> Response:
    form = await posted(request)
    told = _told(form, rt)
    step = field(form, "step", limit=20) or "text"
    profile = await run_in_threadpool(_profile, rt)
    result = _assess(told, rt, profile)
    if result is None:
        page = "questions.html.j2" if step != "text" else "check.html.j2"
        shown = []
        if step != "text":  # the questions again, as the text alone leaves them, with the answers kept
            from_text = check(kb=rt.kb, now=rt.now(), text=told.text, age=told.age, profile=profile)
            shown = open_questions(from_text.findings, kb=rt.kb, sections=SECTIONS)
        return rt.page(request, page, {"told": told, "questions": shown, "errors": told.problems}, 400)
    reading = result.reading
    not_read = reading is not None and not reading.understood and not told.answers
    urgent_now = result.assessment.urgency is Urgency.EMERGENCY and not not_read
    questions = open_questions(result.findings, kb=rt.kb, asked=told.asked, sections=SECTIONS)
    if step == "result" or urgent_now or not questions:
        return rt.page(request, "result.html.j2", _result_context(told, result, rt, profile))
    told.asked |= {q.id for q in questions}
    context = {
        "told": told,
        "questions": questions,
        "understood": _understood(result),
        "not_read": list(reading.problems) if not_read and reading is not None else [],
    }
    return rt.page(request, "questions.html.j2", context)


@router.post("/check/save")
async def check_save(request: Request, rt: RT) -> Response:
    from lumbar.check_record import attach_check

    form = await posted(request)
    told = _told(form, rt)
    profile = await run_in_threadpool(_profile, rt)
    result = _assess(told, rt, profile)
    if result is None:
        return rt.page(request, "check.html.j2", {"told": told, "errors": told.problems}, 400)

    def save() -> str:
        with rt.db.transaction() as session:
            episode = attach_check(
                session=session,
                assessment=result.assessment,
                findings=result.findings,
                kb=rt.kb,
                new_episode_id=uuid.uuid4().hex,
            )
            return episode.id

    episode_id = await run_in_threadpool(save)
    context = _result_context(told, result, rt, profile)
    context["saved"] = episode_id[:8]
    return rt.page(request, "result.html.j2", context)
