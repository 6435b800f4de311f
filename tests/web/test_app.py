"""The web app over HTTP (no browser): every page, the check flow, the diary, the API, and bad input.

Bad input must give a 4xx with a clear message, never a 500, and leave nothing half-saved; symptom text
must never reach the logs. The browser tests (test_browser.py) cover what only a browser can show."""

from __future__ import annotations

import json
import logging
import re
import warnings
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)  # Starlette's notice about which httpx is installed
    from fastapi.testclient import TestClient

from lumbar.knowledge import KnowledgeBase
from lumbar.report.doctor import SECTION_TITLES
from lumbar.service import check
from lumbar.settings import load_settings
from lumbar.triage.contract import assessment_to_dict
from lumbar.web import create_app
from lumbar.web.security import CSP

SELF_CARE = "My lower back went into spasm this morning after lifting a heavy box. It eases when I walk about."
EMERGENCY = "Terrible back pain since yesterday and now I can't pass urine and I'm numb around my bottom."
MARKER = "zebra-marmalade"  # a word that must never reach a log
PAGES = ["/", "/check", "/diary", "/insights", "/report", "/learn", "/learn/red-flags", "/profile", "/data"]


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    app = create_app(load_settings({"LUMBAR_DATA_DIR": str(tmp_path)}))
    with TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False) as c:
        yield c


def token(client: TestClient, path: str = "/check") -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', client.get(path).text)
    assert found, "the page has no CSRF field"
    return found.group(1)


def h1(html: str) -> str:
    found = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    return found.group(1).strip() if found else ""


def entries(client: TestClient) -> int:
    return len(client.get("/api/entries").json())


# --- pages and headers --------------------------------------------------------------------------------


@pytest.mark.parametrize("path", PAGES)
def test_every_page_renders_with_the_security_headers(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200
    assert r.headers["content-security-policy"] == CSP
    assert "script-src 'self'" in CSP and "unsafe-inline" not in CSP
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["cache-control"] == "no-store"
    # No inline script anywhere: every <script> has a src, and no element carries an on* handler.
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", r.text)
    assert not re.search(r"\son[a-z]+\s*=", r.text)
    assert '<html lang="en">' in r.text


def test_home_puts_the_emergency_notice_first(client: TestClient, kb: KnowledgeBase) -> None:
    html = client.get("/").text
    main = html[html.index("<main") :]
    assert "Call the emergency number now" in h1(main)
    for rule in kb.rules:
        if rule.urgency.value == "emergency":
            assert rule.label in main
    assert main.index("emergency") < main.index("Start a check")


def test_the_csrf_cookie_is_httponly_and_strict(client: TestClient) -> None:
    client.cookies.clear()
    r = client.get("/")
    cookie = r.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie


def test_an_unknown_host_is_refused(client: TestClient) -> None:
    assert client.get("/", headers={"host": "rebind.example"}).status_code == 400


def test_openapi_lists_the_api(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    for path in ("/api/check", "/api/entries", "/api/episodes", "/api/insights", "/api/report", "/api/export"):
        assert path in spec["paths"]
    assert not any(p.startswith(("/check", "/diary")) for p in spec["paths"])  # pages stay out of the API
    assert client.get("/docs").status_code == 404  # no Swagger UI from a CDN


def test_unknown_page_and_topic_are_404_pages(client: TestClient) -> None:
    for path in ("/nowhere", "/learn/no-such-topic"):
        r = client.get(path)
        assert r.status_code == 404
        assert "text/html" in r.headers["content-type"]


# --- the check ----------------------------------------------------------------------------------------


def test_a_self_care_check_asks_the_open_questions_then_gives_the_result(client: TestClient) -> None:
    csrf = token(client)
    r = client.post("/check", data={"csrf": csrf, "text": SELF_CARE, "age": "34", "step": "text"})
    assert r.status_code == 200
    assert h1(r.text) == "A few questions about warning signs"
    asked = re.findall(r'name="a\.([a-z0-9_]+)" value="no"', r.text)
    assert "bladder_dysfunction" in asked  # the red-flag screen comes first
    form = {"csrf": csrf, "text": SELF_CARE, "age": "34", "step": "questions"}
    form |= {f"a.{q}": "no" for q in asked}
    form["asked"] = re.search(r'name="asked" value="([^"]*)"', r.text).group(1)  # type: ignore[union-attr]
    result = client.post("/check", data=form)
    while h1(result.text) == "A few questions about warning signs":  # follow-ups may open up
        more = re.findall(r'name="a\.([a-z0-9_]+)" value="no"', result.text)
        form |= {f"a.{q}": "no" for q in more}
        form["asked"] = re.search(r'name="asked" value="([^"]*)"', result.text).group(1)  # type: ignore[union-attr]
        result = client.post("/check", data=form)
    assert result.status_code == 200
    assert h1(result.text) == "SELF CARE"
    for heading in ("Why", "What is probably causing it", "What to do now", "What not to do", "When to get help"):
        assert heading in result.text


def test_an_emergency_goes_straight_to_the_result_with_the_triggering_words(client: TestClient) -> None:
    r = client.post("/check", data={"csrf": token(client), "text": EMERGENCY, "step": "text"})
    assert r.status_code == 200
    assert h1(r.text) == "EMERGENCY"
    assert 'role="alert"' in r.text
    assert "Because you said:" in r.text and "<mark>" in r.text
    assert "Suspected cauda equina syndrome" in r.text


def test_the_result_page_says_what_the_check_contract_says(client: TestClient, kb: KnowledgeBase) -> None:
    r = client.post("/check", data={"csrf": token(client), "text": SELF_CARE, "step": "result"})
    contract = assessment_to_dict(check(kb=kb, now=datetime.now(UTC), text=SELF_CARE).assessment, kb=kb)
    assert h1(r.text) == contract["urgency"].replace("_", " ").upper()
    for step in contract["plan"]["self_care"] + contract["plan"]["avoid"]:
        assert step["label"].replace("'", "&#39;") in r.text
    for q in contract["unanswered"]:  # unanswered red-flag questions are named, never taken as no
        assert q["question"].replace("'", "&#39;") in r.text
    assert contract["unanswered"], "a text-only self-care check leaves red-flag questions open"


def test_text_that_cannot_be_read_asks_the_questions_and_gives_no_urgency(client: TestClient) -> None:
    r = client.post("/check", data={"csrf": token(client), "text": "🙂🙂🙂", "step": "text"})
    assert r.status_code == 200
    assert h1(r.text) == "A few questions about warning signs"
    assert "Please answer these questions instead" in r.text
    assert 'name="a.bladder_dysfunction"' in r.text


def test_answers_alone_without_text_work(client: TestClient) -> None:
    r = client.post(
        "/check",
        data={"csrf": token(client), "a.bladder_dysfunction": "yes", "step": "result"},
    )
    assert h1(r.text) == "EMERGENCY"


def test_saving_a_check_attaches_it_to_an_episode(client: TestClient) -> None:
    r = client.post("/check/save", data={"csrf": token(client), "text": SELF_CARE, "age": "40"})
    assert r.status_code == 200
    assert "Saved to your diary" in r.text
    episodes = client.get("/api/episodes").json()
    assert len(episodes) == 1 and len(episodes[0]["assessments"]) == 1
    assert episodes[0]["assessments"][0]["answers"] == {}  # text alone settled no red-flag question


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [("age", "200", "Age must be"), ("age", "abc", "Age must be"), ("sex", "other", "Sex must be")],
)
def test_bad_check_form_values_are_a_400_that_keeps_the_text(
    client: TestClient, field: str, value: str, message: str
) -> None:
    r = client.post("/check", data={"csrf": token(client), "text": SELF_CARE, field: value, "step": "text"})
    assert r.status_code == 400
    assert message in r.text
    assert "lifting a heavy box" in r.text  # nothing the person wrote is lost


def test_a_bad_answer_is_a_400_naming_it(client: TestClient) -> None:
    r = client.post("/check", data={"csrf": token(client), "a.bladder_dysfunction": "maybe", "step": "questions"})
    assert r.status_code == 400
    assert "Answer yes, no or not sure" in r.text
    r = client.post("/check", data={"csrf": token(client), "a.no_such_question": "yes", "step": "questions"})
    assert r.status_code == 400
    assert "Unknown question" in r.text


# --- the diary ----------------------------------------------------------------------------------------


def test_a_quick_entry_is_one_post(client: TestClient) -> None:
    r = client.post("/diary/entries", data={"csrf": token(client, "/diary"), "pain": "6"})
    assert r.status_code == 200
    assert "Logged pain 6/10" in r.text
    assert "This started a new episode" in r.text
    assert entries(client) == 1


def test_a_detailed_entry_with_a_red_flag_in_its_notes_alerts_at_once(client: TestClient) -> None:
    form = {
        "csrf": token(client, "/diary"),
        "pain": "7",
        "spasm": "yes",
        "tried": ["heat", "walking"],
        "helped": ["heat"],
        "water_litres": "1.5",
        "notes": "since this morning I can't feel anything around my bottom when I wipe",
    }
    r = client.post("/diary/entries", data=form)
    assert r.status_code == 200
    assert "New warning sign in that entry: EMERGENCY" in r.text
    stored = client.get("/api/entries").json()[0]
    assert stored["tried"] == ["heat", "walking"] and stored["helped"] == ["heat"]
    assert stored["urgency"] == "emergency"


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"pain": "11"}, "Pain now must be a whole number from 0 to 10"),
        ({"pain": "-1"}, "from 0 to 10"),
        ({"pain": "abc"}, "from 0 to 10"),
        ({"pain": "4", "water_litres": "25"}, "between 0 and 20"),
        ({"pain": "4", "water_litres": "nan"}, "finite number"),
        ({"pain": "4", "spasm": "perhaps"}, "yes or no"),
        ({"pain": "4", "tried": "acupuncture"}, "acupuncture"),
        ({"pain": "4", "at": "2999-01-01T10:00"}, "in the future"),
        ({"pain": "4", "at": "next tuesday"}, "is not a time"),
        ({}, "the entry is empty"),
    ],
)
def test_bad_entries_are_a_400_and_nothing_is_saved(client: TestClient, form: dict[str, str], message: str) -> None:
    csrf = token(client, "/diary")
    r = client.post("/diary/entries", data={"csrf": csrf, "notes": "" if not form else "kept words", **form})
    assert r.status_code == 400, r.text[:300]
    assert message.lower() in r.text.lower()
    assert "Nothing was saved" in r.text
    if form:
        assert "kept words" in r.text  # the form comes back filled in
    assert entries(client) == 0


def test_many_diary_pages_and_entries_at_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import asyncio
    import threading
    import time

    import httpx

    import lumbar.web.pages_diary as pages_diary
    from lumbar.store.repository import DiaryRepository

    app = create_app(load_settings({"LUMBAR_DATA_DIR": str(tmp_path)}))
    lock, busy, most = threading.Lock(), [0], [0]
    read = pages_diary._diary_context

    def counted(rt: object) -> object:
        with lock:
            busy[0] += 1
            most[0] = max(most[0], busy[0])
        try:
            time.sleep(0.01)  # long enough for the requests to overlap
            return read(rt)  # type: ignore[arg-type]
        finally:
            with lock:
                busy[0] -= 1

    monkeypatch.setattr(pages_diary, "_diary_context", counted)

    async def burst() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
            pages = [client.get("/diary") for _ in range(30)]
            writes = [client.post("/api/entries", json={"pain": i}) for i in range(10)]
            return list(await asyncio.gather(*pages, *writes))

    try:
        responses = asyncio.run(burst())
        with app.state.runtime.db.reading() as s:
            stored = sorted(e.pain for e in DiaryRepository(s).entries())
    finally:
        app.state.runtime.db.dispose()
    assert [r.status_code for r in responses] == [200] * 30 + [201] * 10
    assert stored == list(range(10))  # every write landed
    assert most[0] == 2  # the page reads overlapped, two at a time and never more


def test_episodes_start_and_end_from_the_page(client: TestClient) -> None:
    csrf = token(client, "/diary")
    assert (
        client.post("/diary/episodes", data={"csrf": csrf, "action": "start", "trigger": "gardening"}).status_code
        == 200
    )
    again = client.post("/diary/episodes", data={"csrf": csrf, "action": "start"})
    assert again.status_code == 400 and "still open" in again.text
    assert client.post("/diary/episodes", data={"csrf": csrf, "action": "end"}).status_code == 200
    assert client.get("/api/episodes").json()[0]["ended_at"] is not None
    assert client.post("/diary/episodes", data={"csrf": csrf, "action": "jump"}).status_code == 400


# --- CSRF and request bounds --------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/diary/entries", "/check", "/check/save", "/profile", "/data/delete"])
def test_a_form_without_the_right_token_is_refused_and_nothing_changes(client: TestClient, path: str) -> None:
    client.post("/diary/entries", data={"csrf": token(client, "/diary"), "pain": "3"})
    for data in ({"pain": "5", "confirm": "delete"}, {"pain": "5", "confirm": "delete", "csrf": "forged" * 8}):
        r = client.post(path, data=data)
        assert r.status_code == 403
        assert "security token" in r.text and "Nothing was saved" in r.text
    assert entries(client) == 1


def test_a_one_megabyte_body_is_a_413_and_nothing_is_saved(client: TestClient) -> None:
    big = "back pain " * 100_000
    r = client.post("/diary/entries", data={"csrf": token(client, "/diary"), "pain": "3", "notes": big})
    assert r.status_code == 413
    assert "too large" in r.text
    r = client.post("/api/check", content=json.dumps({"text": big}), headers={"content-type": "application/json"})
    assert r.status_code == 413
    assert entries(client) == 0


def test_the_api_wants_json(client: TestClient) -> None:
    r = client.post("/api/check", data={"text": SELF_CARE})
    assert r.status_code == 415
    assert "application/json" in r.json()["detail"]
    r = client.post("/api/entries", content=b"pain=4", headers={"content-type": "text/plain"})
    assert r.status_code == 415
    assert entries(client) == 0


@pytest.mark.parametrize(
    "body",
    [
        {"pain": 11},
        {"pain": "lots"},
        {"pain": 3, "sitting_hours": 30},
        {"pain": 3, "colour": "red"},
        {"pain": 3, "at": "yesterday-ish"},
        {"pain": 3, "tried": ["acupuncture"]},
        {"pain": 3, "at": "2999-01-01T00:00:00+00:00"},
    ],
)
def test_bad_api_entries_are_4xx_and_nothing_is_saved(client: TestClient, body: dict[str, object]) -> None:
    r = client.post("/api/entries", json=body)
    assert r.status_code in (400, 422), r.text
    assert "Nothing was saved" in r.json()["detail"]
    assert entries(client) == 0


def test_bad_api_checks_are_4xx(client: TestClient) -> None:
    assert client.post("/api/check", json={}).status_code == 422
    assert client.post("/api/check", json={"text": "x" * 20_001}).status_code == 422
    assert client.post("/api/check", json={"text": SELF_CARE, "age": 300}).status_code == 422
    r = client.post("/api/check", json={"answers": {"bladder_dysfunction": "perhaps", "nope": True}})
    assert r.status_code == 400
    assert len(r.json()["problems"]) == 2
    assert (
        client.post("/api/check", content=b"{not json", headers={"content-type": "application/json"}).status_code == 422
    )


def test_bad_query_values_are_4xx(client: TestClient) -> None:
    assert client.get("/api/entries?days=-3").status_code == 422
    assert client.get("/api/entries?episode=zzzz").status_code == 400
    assert client.get("/api/report?format=docx").status_code == 422
    assert client.get("/api/report?sections=summary,gossip").status_code == 400
    assert client.get("/report/download?format=pdf").status_code == 400  # no section chosen
    assert client.get("/report/download?section=summary&from=soon").status_code == 400
    assert client.get("/report/download?section=summary&format=html&from=&to=").status_code == 200  # empty boxes
    assert client.get("/report/download?section=summary&from=2026-02-01&to=2026-01-01").status_code == 400
    assert client.get("/export?format=xml").status_code == 422
    assert client.get("/insights/chart/weather.svg").status_code == 422


# --- the API ------------------------------------------------------------------------------------------


def test_api_check_is_the_cli_contract(client: TestClient, kb: KnowledgeBase) -> None:
    body = client.post("/api/check", json={"text": EMERGENCY, "age": 50}).json()
    expected = assessment_to_dict(check(kb=kb, now=datetime.now(UTC), text=EMERGENCY, age=50).assessment, kb=kb)
    for key in ("urgency", "red_flags", "conditions", "factors", "plan", "safety_net", "unanswered"):
        assert body[key] == expected[key], key
    assert body["understood"] is True
    unread = client.post("/api/check", json={"text": "🙂"}).json()
    assert unread["understood"] is False and unread["urgency"] is None and unread["questions"]


def test_api_entries_episodes_insights_round_trip(client: TestClient) -> None:
    now = datetime.now(UTC)
    for days, pain in ((3, 7), (2, 6), (1, 4)):
        at = (now - timedelta(days=days)).isoformat()
        r = client.post("/api/entries", json={"at": at, "pain": pain, "tried": ["heat"]})
        assert r.status_code == 201
    assert [e["pain"] for e in client.get("/api/entries").json()] == [7, 6, 4]
    assert [e["pain"] for e in client.get("/api/entries?days=1.5").json()] == [4]
    episodes = client.get("/api/episodes").json()
    assert len(episodes) == 1 and episodes[0]["worst_pain"] == 7
    insights = client.get("/api/insights").json()
    assert insights["entries"] == 3
    assert "safety_net" in insights


def test_downloads(client: TestClient) -> None:
    client.post("/api/entries", json={"pain": 5})
    pdf = client.get("/report/download?section=summary&section=severity&format=pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert "attachment" in pdf.headers["content-disposition"]
    html = client.get("/api/report?format=html&sections=summary").text
    assert SECTION_TITLES["summary"] in html and SECTION_TITLES["severity"] not in html
    fhir = client.get("/export?format=fhir").json()
    assert fhir["resourceType"] == "Bundle"
    assert client.get("/export?format=csv").text.startswith("record")
    assert client.get("/insights/chart/pain.svg").content.lstrip().startswith(b"<?xml")


def test_each_chart_computes_only_what_it_draws_and_draws_what_it_did(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import lumbar.diary.course
    import lumbar.diary.insights
    from lumbar.overview import overview
    from lumbar.report.charts import render_chart
    from lumbar.web.downloads import _view

    now = datetime.now(UTC).replace(microsecond=0)
    calls: list[str] = []

    def counted(name: str, real: Callable[..., object]) -> Callable[..., object]:
        def call(*args: object, **kwargs: object) -> object:
            calls.append(name)
            return real(*args, **kwargs)

        return call

    for module, name in ((lumbar.diary.insights, "compute_insights"), (lumbar.diary.course, "episode_safety_net")):
        monkeypatch.setattr(module, name, counted(name, getattr(module, name)))
    app = create_app(load_settings({"LUMBAR_DATA_DIR": str(tmp_path)}), clock=lambda: now)
    with TestClient(app, base_url="http://127.0.0.1") as client:
        for days, pain, tried in ((9, 8, ["heat"]), (6, 7, []), (4, 5, ["heat", "walking"]), (1, 4, ["walking"])):
            at = (now - timedelta(days=days)).isoformat()
            assert client.post("/api/entries", json={"at": at, "pain": pain, "tried": tried}).status_code == 201
        calls.clear()
        assert client.get("/insights").status_code == 200
        assert sorted(calls) == ["compute_insights", "episode_safety_net"]  # the page: the whole overview, once
        rt = app.state.runtime
        for kind, needs in (("pain", []), ("episodes", ["compute_insights"]), ("triggers", ["compute_insights"])):
            calls.clear()
            got = client.get(f"/insights/chart/{kind}.svg")
            assert got.status_code == 200 and calls == needs, kind
            view = _view(rt, None)
            seen = overview(view, now=now, tz=rt.tz, kb=rt.kb)  # what the route used to compute for every chart
            path = render_chart(
                kind,
                tmp_path / f"{kind}.svg",
                insights=seen.insights,
                entries=view.entries,
                episodes=seen.shown_episodes,
            )
            assert got.content == path.read_bytes(), kind


# --- profile and data ---------------------------------------------------------------------------------


def test_profile_saves_and_refuses_bad_values(client: TestClient) -> None:
    csrf = token(client, "/profile")
    r = client.post("/profile", data={"csrf": csrf, "age": "72", "sex": "female", "facts": ["osteoporosis"]})
    assert r.status_code == 200 and "Profile saved" in r.text
    bad = client.post("/profile", data={"csrf": csrf, "age": "-4"})
    assert bad.status_code == 400
    bad = client.post("/profile", data={"csrf": csrf, "age": "40", "facts": ["being_brilliant"]})
    assert bad.status_code == 400 and "unknown fact" in bad.text
    assert 'value="72"' in client.get("/profile").text  # unchanged by the refused posts


def test_export_import_and_delete_everything(client: TestClient) -> None:
    csrf = token(client, "/data")
    for pain in (3, 5):
        client.post("/api/entries", json={"pain": pain})
    exported = client.get("/export?format=json").content
    refused = client.post("/data/delete", data={"csrf": csrf, "confirm": "yes please"})
    assert refused.status_code == 400 and entries(client) == 2
    done = client.post("/data/delete", data={"csrf": csrf, "confirm": "DELETE"})
    assert done.status_code == 200 and "Deleted everything: 2 entries" in done.text
    assert entries(client) == 0
    r = client.post("/data/import", data={"csrf": csrf}, files={"file": ("diary.json", exported, "application/json")})
    assert r.status_code == 200 and "2 new entries" in r.text
    assert entries(client) == 2


def test_a_broken_import_is_a_400_and_imports_nothing(client: TestClient) -> None:
    csrf = token(client, "/data")
    good = json.loads(client.get("/export?format=json").content)
    good["entries"] = [{"id": "e1", "episode_id": "nowhere", "at": "2026-01-01T00:00:00+00:00", "pain": 99}]
    for name, content in (
        ("bad.json", json.dumps(good).encode()),
        ("junk.json", b"\x00\xff not a diary"),
        ("e.json", b""),
    ):
        r = client.post("/data/import", data={"csrf": csrf}, files={"file": (name, content, "application/json")})
        assert r.status_code == 400, name
        assert "Nothing was saved" in r.text or "empty" in r.text
    assert client.post("/data/import", data={"csrf": csrf}).status_code == 400  # no file at all
    assert entries(client) == 0


# --- privacy ------------------------------------------------------------------------------------------


def test_symptom_text_never_reaches_the_logs(client: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    words = f"{MARKER} my back spasmed and I cannot pass urine"
    client.post("/check", data={"csrf": token(client), "text": words, "step": "text"})
    client.post("/api/check", json={"text": words})
    client.post("/diary/entries", data={"csrf": token(client, "/diary"), "pain": "4", "notes": words})
    client.post("/api/entries", json={"pain": 4, "notes": words, "sitting_hours": 99})  # refused
    client.post("/diary/entries", data={"csrf": token(client, "/diary"), "pain": "44", "notes": words})  # refused
    assert MARKER not in caplog.text
    assert caplog.records, "logging was captured (the check above is not vacuous)"
