"""The web app in a real browser (Debian's Chromium through Playwright): the check, the diary, insights and
the report as a person uses them, with and without JavaScript, by keyboard alone, at 360 px wide, under
the app's own Content-Security-Policy, and axe-core's WCAG 2.2 AA rules on every page.

Each test drives the real app served by uvicorn (fixtures in conftest.py). Screenshots of every page go
to tests/web/screenshots/ (git-ignored); docs/screenshot-result.png is the README's picture."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

try:
    from playwright.sync_api import expect
except ImportError:  # pragma: no cover  # the browser fixture then skips, or fails on CI, saying why
    expect = None


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
PAGES = 16  # the states `walk` visits

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


def walk(page: Any, visit: Callable[[str], None]) -> list[str]:
    """Every page of the app in the states that matter (the diary empty, on a fresh server; with entries;
    its detail form open; with a warning-sign alert...): `visit(name)` runs on each once it has loaded.
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
    page.get_by_role("button", name="Pain 3 out of 10").click()  # htmx with JavaScript, a plain post without
    expect(page.locator(".notice[role=status]")).to_contain_text("Logged pain 3/10")
    at("diary-entries")
    page.locator("details.more > summary").click()
    assert page.locator("details.more").get_attribute("open") is not None
    at("diary-detail-open")
    page.locator("#f-notes").fill(EMERGENCY_TEXT)  # a warning sign in a diary note: the alert banner
    submit(page, page.get_by_role("button", name="Save entry"))
    expect(page.locator(".banner[role=alert]")).to_contain_text("New warning sign in that entry: EMERGENCY")
    at("diary-alert")
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


# ---------------------------------------------------------------- the check


def test_a_self_care_check_goes_from_text_through_the_questions_to_the_result(open_page: Any, live_server: Any) -> None:
    with open_page(live_server) as page:
        start_check(page, SELF_CARE_TEXT)
        assert on_questions_page(page), heading(page)
        assert heading(page) == "A few questions about warning signs"
        assert finish_questions(page) >= 5  # the red-flag screen, each answered "No"
        assert banner(page) == "SELF CARE"
        assert page.title() == "Your result: SELF CARE · lumbar"
        assert page.locator(".banner").get_attribute("role") == "status"
        for title in ("What to do now", "When to get help (safety net)"):
            expect(page.get_by_role("heading", name=title, exact=True)).to_be_visible()
        expect(page.locator("#avoid-title")).to_have_text("What not to do")
        assert page.locator("#avoid-title + ul.steps > li").count() >= 1
        assert page.locator(".safety-net li").count() >= 1
        assert page.locator("ul.flags").count() == 0  # no warning sign was found
        # The README's picture: the top of this result at laptop width (viewport only, to stay small).
        page.set_viewport_size({"width": 1000, "height": 1100})
        picture = page.screenshot()
        assert picture[:8] == b"\x89PNG\r\n\x1a\n"
        assert len(picture) < 400_000, len(picture)
        if not DOCS_SCREENSHOT.exists() or DOCS_SCREENSHOT.read_bytes() != picture:
            DOCS_SCREENSHOT.write_bytes(picture)


def test_an_emergency_goes_straight_to_the_result_and_shows_the_words_that_triggered_it(
    open_page: Any, live_server: Any
) -> None:
    with open_page(live_server) as page:
        start_check(page, EMERGENCY_TEXT)
        assert not on_questions_page(page)
        assert banner(page) == "EMERGENCY"
        assert page.locator(".banner").get_attribute("role") == "alert"
        expect(page.locator(".banner-action").first).to_be_visible()
        marked = page.locator(".flag-emergency .evidence mark").all_inner_texts()
        for words in EMERGENCY_WORDS:
            assert any(words in m for m in marked), marked


# ---------------------------------------------------------------- the diary, insights, report


def entry_count(page: Any) -> int:
    response = page.request.get("/api/entries")
    assert response.ok
    return len(response.json())


def test_the_quick_pain_buttons_log_an_entry_with_and_without_javascript(open_page: Any, live_server: Any) -> None:
    with open_page(live_server) as page:
        page.goto("/diary")
        before = entry_count(page)
        page.evaluate("() => { window.stillThisPage = true; }")
        page.get_by_role("button", name="Pain 4 out of 10").click()
        status = page.locator(".notice[role=status]")
        expect(status).to_contain_text("Logged pain 4/10")
        # htmx swapped the page part in place (no new page load), and app.js moved focus to the status.
        assert page.evaluate("() => window.stillThisPage === true")
        expect(status).to_be_focused()
        assert entry_count(page) == before + 1
    with open_page(live_server, java_script_enabled=False) as page:
        page.goto("/diary")
        submit(page, page.get_by_role("button", name="Pain 7 out of 10"))
        expect(page.locator(".notice[role=status]")).to_contain_text("Logged pain 7/10")
        expect(page.locator(".entries").first).to_contain_text("pain 7/10")
        assert entry_count(page) == before + 2


def test_insights_show_the_charts_after_a_few_entries(open_page: Any, live_server: Any) -> None:
    with open_page(live_server) as page:
        seed_entries(page)
        page.goto("/insights")
        charts = page.locator(".chart img")
        expect(charts).to_have_count(3)
        page.wait_for_load_state("load")  # images included
        sizes = page.evaluate(
            "() => Array.from(document.querySelectorAll('.chart img')).map(i => [i.complete, i.naturalWidth])"
        )
        assert all(done and width > 0 for done, width in sizes), sizes
        for img in charts.all():
            assert (img.get_attribute("alt") or "").strip()


def download_report(page: Any) -> bytes:
    assert page.get_by_label("PDF").is_checked()
    with page.expect_download(timeout=20_000) as caught:
        page.get_by_role("button", name="Download the report").click()
    download = caught.value
    assert download.suggested_filename.endswith(".pdf"), download.suggested_filename
    return Path(download.path()).read_bytes()


def test_the_report_form_downloads_a_pdf(open_page: Any, live_server: Any) -> None:
    with open_page(live_server) as page:
        seed_entries(page, days=3)
        page.goto("/report")
        today = datetime.now(UTC).date()
        page.get_by_label("From").fill((today - timedelta(days=30)).isoformat())
        page.get_by_label("To").fill((today + timedelta(days=1)).isoformat())
        body = download_report(page)
        assert body.startswith(b"%PDF"), body[:20]
        assert len(body) > 1000


def test_the_report_form_downloads_a_pdf_with_the_optional_dates_left_empty(open_page: Any, live_server: Any) -> None:
    with open_page(live_server) as page:
        page.goto("/report")
        with page.expect_response(lambda r: "/report/download?" in r.url) as caught:
            page.get_by_role("button", name="Download the report").click()
        assert caught.value.status == 200, caught.value.status
        assert download_report(page).startswith(b"%PDF")


# ---------------------------------------------------------------- accessibility


def test_axe_finds_no_wcag_violation_on_any_page(open_page: Any, fresh_live_server: Any) -> None:
    # axe goes in through add_init_script, not add_script_tag: the app's CSP (script-src 'self') blocks an
    # inline <script>, while init scripts are run by the browser itself, outside CSP. So each page is
    # audited as a person gets it, CSP and all (bypass_csp=True would audit a page with the policy off).
    found: dict[str, str] = {}
    with open_page(fresh_live_server) as page:
        page.context.add_init_script(path=str(AXE))

        def audit(name: str) -> None:
            shoot(page, name)
            violations = run_axe(page)
            if violations:
                found[name] = describe(violations)

        names = walk(page, audit)
    assert len(names) == PAGES
    assert not found, "axe-core found WCAG violations:\n" + "\n".join(f"{k}:\n{v}" for k, v in found.items())


def test_the_axe_check_does_catch_a_violation(open_page: Any, live_server: Any) -> None:
    """The check above can fail: the same run flags a form field stripped of its label."""
    with open_page(live_server) as page:
        page.context.add_init_script(path=str(AXE))
        page.goto("/check")
        assert run_axe(page) == []
        page.evaluate("() => document.querySelector('label[for=age]').remove()")
        assert "label" in {v["id"] for v in run_axe(page)}


def tab_to(page: Any, test: str, limit: int = 60, key: str = "Tab") -> None:
    """Press Tab (or `key`) until the focused element satisfies the JS predicate `test` (el => bool)."""
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate(f"() => ({test})(document.activeElement)"):
            return
    raise AssertionError(f"{key} never reached an element where {test}")


def focus_ring(page: Any) -> str:
    """The focused element's outline, as drawn: it must be there for keyboard users."""
    ring: str = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return s.outlineStyle === 'none' ? '' : s.outlineWidth + ' ' + s.outlineStyle; }"
    )
    return ring


def test_a_whole_check_by_keyboard_alone(open_page: Any, live_server: Any) -> None:
    with open_page(live_server) as page:
        page.goto("/")
        page.keyboard.press("Tab")
        skip = page.locator(".skip")
        expect(skip).to_be_focused()
        expect(skip).to_have_text("Skip to main content")
        assert focus_ring(page).startswith("3px"), focus_ring(page)
        box = skip.bounding_box()
        assert box is not None and box["x"] >= 0 and box["y"] >= 0  # moved on screen when focused
        page.keyboard.press("Enter")
        expect(page.locator("#main")).to_be_focused()
        tab_to(page, "el => el.textContent.trim() === 'Start a check'")
        assert focus_ring(page)
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url.endswith("/check")

        tab_to(page, "el => el.id === 'text'")
        page.keyboard.type(SELF_CARE_TEXT)
        page.keyboard.press("Tab")
        expect(page.locator("#age")).to_be_focused()
        page.keyboard.type("35")
        page.keyboard.press("Shift+Tab")  # back to the description, to check it kept every word
        expect(page.locator("#text")).to_have_value(SELF_CARE_TEXT)
        tab_to(page, "el => el.type === 'submit'")
        assert focus_ring(page)
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert on_questions_page(page)

        for _ in range(5):
            if not on_questions_page(page):
                break
            yes_no = page.locator("fieldset.question:has(input[value=no])").count()
            for _ in range(page.locator("fieldset.question").count()):
                # Tab onto the next group (a radio group is one Tab stop), then, in a yes/no question, move
                # to "No" with the arrow keys and take it with Space. Other questions are left unanswered.
                tab_to(page, "el => el.type === 'radio' && el.closest('fieldset.question') !== null")
                assert focus_ring(page)
                if page.evaluate("() => !document.activeElement.closest('fieldset').querySelector('[value=no]')"):
                    continue
                for _ in range(3):
                    if page.evaluate("() => document.activeElement.value") == "no":
                        break
                    page.keyboard.press("ArrowDown")
                page.keyboard.press("Space")
            assert page.locator("fieldset.question input[value=no]:checked").count() == yes_no > 0
            tab_to(page, "el => el.type === 'submit' && el.value === 'questions'")
            assert focus_ring(page)
            with page.expect_navigation():
                page.keyboard.press("Enter")
        assert banner(page) == "SELF CARE"
        expect(page.locator("#avoid-title")).to_be_visible()
        assert page.locator("#open-title").count() == 0  # every warning-sign question was answered
        # And on from the result by keyboard: the next action is reachable and shows its ring.
        tab_to(page, "el => el.textContent.trim() === 'Save this check to my diary'", limit=200)
        assert focus_ring(page)
        with page.expect_navigation():
            page.keyboard.press("Enter")
        expect(page.locator(".notice[role=status]")).to_contain_text("Saved to your diary")


# Every control that can take focus, focused in turn after a key press (so :focus-visible applies): its
# ring must be drawn, at least 2 px, at 3:1 or more against the colour behind it (WCAG 1.4.11, 2.4.7).
FOCUS_RINGS = """() => {
  const rgb = s => { const m = (s.match(/[\\d.]+/g) || []).map(Number);
    return m.length < 3 || (m.length > 3 && m[3] === 0) ? null : m.slice(0, 3); };
  const lum = c => { const [r, g, b] = c.map(v => {
      v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const behind = el => { for (let e = el.parentElement; e; e = e.parentElement) {
    const c = rgb(getComputedStyle(e).backgroundColor); if (c) return c; } return [255, 255, 255]; };
  const shut = 'details:not([open])';
  const folded = el => { for (let d = el.closest(shut); d; d = d.parentElement.closest(shut)) {
    if (!(el.tagName === 'SUMMARY' && el.parentElement === d)) return true; } return false; };
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.name ? '[name=' + el.name + ']' : '')
    + ' "' + (el.textContent || el.value || '').trim().slice(0, 40) + '"';
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, '
    + '[tabindex]:not([tabindex="-1"])';
  const bad = []; let seen = 0;
  for (const el of document.querySelectorAll(selector)) {
    if (el.disabled || !el.getClientRects().length || folded(el)) continue;
    el.focus(); seen++;
    if (document.activeElement !== el) { bad.push(name(el) + ': cannot take focus'); continue; }
    const s = getComputedStyle(el), c = rgb(s.outlineColor), r = c ? ratio(c, behind(el)) : 0;
    if (!el.matches(':focus-visible') || s.outlineStyle === 'none' || parseFloat(s.outlineWidth) < 2 || r < 3)
      bad.push(name(el) + ': outline ' + s.outlineWidth + ' ' + s.outlineStyle + ' ' + s.outlineColor
        + ', contrast ' + r.toFixed(2) + (el.matches(':focus-visible') ? '' : ', not :focus-visible'));
  }
  return {seen, bad};
}"""


def test_every_control_on_every_page_shows_a_focus_ring_that_stands_out(open_page: Any, live_server: Any) -> None:
    poor: dict[str, list[str]] = {}
    controls = 0
    with open_page(live_server) as page:

        def rings(name: str) -> None:
            nonlocal controls
            page.keyboard.press("Tab")  # the last input was a key: focus from script is then :focus-visible
            found = page.evaluate(FOCUS_RINGS)
            controls += found["seen"]
            if found["bad"]:
                poor[name] = found["bad"]

        names = walk(page, rings)
    assert len(names) == PAGES
    assert controls > 300  # each page's links, buttons and fields were reached
    assert not poor, f"focus rings missing or too faint: {poor}"


def test_no_page_scrolls_sideways_at_360_px(open_page: Any, fresh_live_server: Any) -> None:
    too_wide: dict[str, int] = {}
    with open_page(fresh_live_server, viewport=PHONE) as page:

        def measure(name: str) -> None:
            shoot(page, f"{name}-360")
            width = page.evaluate("() => document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                too_wide[name] = width

        names = walk(page, measure)
        # The measure does see sideways scrolling: one over-wide element on the last page.
        page.evaluate(
            "() => { const d = document.createElement('div'); d.style.width = '500px';"
            " d.textContent = 'x'; document.querySelector('main').append(d); }"
        )
        assert page.evaluate("() => document.documentElement.scrollWidth") > PHONE["width"]
    assert len(names) == PAGES
    assert not too_wide, f"pages wider than 360 px (scrollWidth): {too_wide}"


# Each fieldset's legend box against the fieldset's border box, in px: a legend left on the top border
# (the browser's default) starts where the border does, so the border cuts through a legend that wraps.
LEGENDS = """() => [...document.querySelectorAll('fieldset')].map(f => {
  const legend = f.querySelector(':scope > legend'), own = legend.getBoundingClientRect();
  const box = f.getBoundingClientRect(), border = parseFloat(getComputedStyle(f).borderTopWidth);
  return {
    text: legend.innerText.slice(0, 40),
    lines: Math.round(own.height / parseFloat(getComputedStyle(legend).lineHeight)),
    below_border: own.top - box.top - border,
    inside: own.left >= box.left && own.right <= box.right && own.bottom <= box.bottom,
  };
})"""


def test_long_legends_wrap_inside_their_box_at_360_px(open_page: Any, live_server: Any) -> None:
    with open_page(live_server, viewport=PHONE) as page:
        start_check(page, SELF_CARE_TEXT)
        assert on_questions_page(page)
        legends = page.evaluate(LEGENDS)
        page.goto("/diary")
        legends += page.evaluate(LEGENDS)
    assert max(g["lines"] for g in legends) >= 3  # the questions do wrap at this width
    astride = [g for g in legends if g["below_border"] < 0 or not g["inside"]]
    assert not astride, f"legends on the border or outside their fieldset: {astride}"


def test_the_whole_check_works_without_javascript(open_page: Any, live_server: Any) -> None:
    with open_page(live_server, java_script_enabled=False) as page:
        page.goto("/check")
        assert page.evaluate("() => typeof window.htmx") == "undefined"  # the page's scripts did not run
        start_check(page, SELF_CARE_TEXT)
        assert on_questions_page(page)
        assert finish_questions(page) >= 5
        assert banner(page) == "SELF CARE"
        submit(page, page.get_by_role("button", name="Save this check to my diary"))
        expect(page.locator(".notice[role=status]")).to_contain_text("Saved to your diary")
        start_check(page, EMERGENCY_TEXT)
        assert banner(page) == "EMERGENCY"


class ConsoleWatch:
    """Console errors and warnings, uncaught page errors and CSP violations seen by one page."""

    def __init__(self, page: Any, expected_404: str) -> None:
        self.problems: list[str] = []
        self.expected_404 = expected_404
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.problems.append(f"pageerror: {exc}"))

    def _console(self, msg: Any) -> None:
        if msg.type not in ("error", "warning") and "securitypolicyviolation" not in msg.text:
            return
        where = (msg.location or {}).get("url", "")
        if msg.text.startswith("Failed to load resource") and "404" in msg.text and where == self.expected_404:
            return  # the error page's own status, asked for on purpose
        self.problems.append(f"{msg.type}: {msg.text} [{where}]")


def test_no_console_error_or_csp_violation_on_any_page(open_page: Any, fresh_live_server: Any) -> None:
    with open_page(fresh_live_server) as page:  # the app's CSP is in force (no bypass_csp)
        watch = ConsoleWatch(page, expected_404=f"{fresh_live_server.url}/no-such-page")
        names = walk(page, lambda name: None)
        assert len(names) == PAGES
        assert watch.problems == []
        # The watch does see a violation: an inline script, which the policy must block.
        page.evaluate(
            "() => { const s = document.createElement('script'); s.textContent = 'window.ran = 1';"
            " document.body.append(s); }"
        )
        expect(page.locator("body")).to_be_visible()
        page.wait_for_function("() => true")
        assert page.evaluate("() => window.ran") is None
        assert any("securitypolicyviolation" in p or "Content Security Policy" in p for p in watch.problems)
