"""The doctor's report for a one-year diary (2-4 entries a day): median of a few runs, HTML and PDF.

Goal: under 3 s for the PDF. Printed, never asserted (the machines are shared and noisy). `main()` is
what `bench/run.py` calls; `python bench/report.py` runs it alone, and `python bench/report.py --docs`
redraws the example pages in docs/ (needs pdftoppm).

`demo_diary()` is also the tests' generated diary: deterministic for a given seed, with stable ids.
"""

from __future__ import annotations

import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import NamedTuple

from lumbar.diary.model import AssessmentRecord, Entry, Episode, Treatment
from lumbar.intake.model import Profile
from lumbar.knowledge.models import Urgency

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5
START = datetime(2025, 11, 1, 7, 30, tzinfo=UTC)

_TRIGGERS = ("lifting boxes at work", "a long drive", "gardening", "twisting at golf", None)
_NOTES = (
    "Stiff getting out of bed, eased after a walk.",
    "Sharp twinge bending to the dishwasher.",
    "Spasm on the left side when I stood up from my desk.",
    "Better after the heat pad; slept through.",
    "Sat for 8 hours on a deadline; back locked up by the evening.",
    "Walked the dog twice, pain settled to a dull ache.",
    "No numbness, no problem passing water. Pain stays in the low back.",
    "Woke at 3am with the pain, needed ibuprofen to get back to sleep.",
    "Some tingling down the right leg to the knee after sitting.",
)


class Demo(NamedTuple):  # a NamedTuple: bench/run.py loads this file without registering the module
    episodes: list[Episode]
    entries: list[Entry]
    profile: Profile
    now: datetime


def demo_diary(
    days: int = 365, *, seed: int = 5, start: datetime = START, gap_days: tuple[int, int] = (10, 45)
) -> Demo:
    """A plausible diary: episodes easing over days to weeks, `gap_days` apart, 2-4 entries a day
    during them, notes now and then, re-triaged entries and a stored check now and then. With
    gap_days=(0, 0) every day of the year has entries (the bench's diary)."""
    rng = random.Random(seed)  # noqa: S311 (test data, not secrets)
    end = start + timedelta(days=days)
    episodes: list[Episode] = []
    entries: list[Entry] = []
    at = start
    treatments = [Treatment.HEAT, Treatment.ICE, Treatment.NSAID, Treatment.PARACETAMOL, Treatment.WALKING]
    while at < end:
        length = timedelta(days=rng.randint(4, 50))
        ended = at + length if at + length < end - timedelta(days=3) else None
        n = len(episodes)
        checks = (AssessmentRecord(at + timedelta(hours=2), Urgency.SELF_CARE, (), "demo"),) if n % 3 == 0 else ()
        episode = Episode(f"ep{n:03d}", at, trigger=_TRIGGERS[n % len(_TRIGGERS)], ended_at=ended, assessments=checks)
        episodes.append(episode)
        stop = ended if ended is not None else end
        day = at
        while day < stop:
            elapsed = (day - at).days
            for k in range(rng.randint(2, 4)):
                when = day + timedelta(hours=4.5 * k)
                if when >= stop:
                    break
                pain = max(0, min(10, round(7.5 - elapsed / 5 + rng.gauss(0, 1))))
                picked = rng.sample(treatments, rng.randint(0, 2))  # a list: set order varies by process
                helped = [t for t in picked if rng.random() < (0.7 if t is Treatment.HEAT else 0.35)]
                note = _NOTES[rng.randrange(len(_NOTES))] if rng.random() < 0.08 else None
                flags = ("rf_night_pain",) if note and "3am" in note else ()
                entries.append(
                    Entry(
                        id=f"en{len(entries):05d}",
                        episode_id=episode.id,
                        at=when,
                        pain=pain,
                        interference_activity=max(0, pain - rng.randint(0, 2)) if k == 0 else None,
                        interference_sleep=max(0, pain - rng.randint(1, 3)) if k == 0 else None,
                        spasm=pain >= 6,
                        tried=frozenset(picked),
                        helped=frozenset(helped),
                        water_litres=round(rng.uniform(0.8, 2.8), 1) if k == 0 else None,
                        sitting_hours=round(rng.uniform(2, 10), 1) if k == 0 else None,
                        notes=note,
                        urgency=(Urgency.ROUTINE if flags else Urgency.SELF_CARE) if note else None,
                        red_flags=flags,
                    )
                )
            day += timedelta(days=1)
        if ended is None:
            break
        at = ended + timedelta(days=rng.randint(*gap_days))
    profile = Profile(age=46, sex="female", facts=frozenset({"stomach_ulcer"}))
    return Demo(episodes, entries, profile, end)


def _model(demo: Demo):  # type: ignore[no-untyped-def]
    from lumbar.knowledge import default_kb
    from lumbar.report.doctor import build_report

    return build_report(
        episodes=demo.episodes, entries=demo.entries, profile=demo.profile, now=demo.now, kb=default_kb()
    )


def docs(out_dir: Path = ROOT / "docs") -> list[Path]:
    """Render the demo report to PDF and its pages to docs/report-example-N.png (60 dpi)."""
    from lumbar.report.render import write_report

    with tempfile.TemporaryDirectory() as folder:
        pdf = write_report(_model(demo_diary()), Path(folder) / "report.pdf")
        for old in out_dir.glob("report-example-*.png"):
            old.unlink()
        prefix = out_dir / "report-example"
        subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(prefix)], check=True)  # noqa: S603, S607
    return sorted(out_dir.glob("report-example-*.png"))


def main() -> int:
    from lumbar.knowledge import default_kb
    from lumbar.report.doctor import build_report
    from lumbar.report.render import render_html, render_pdf

    demo = demo_diary(gap_days=(0, 0))
    kb = default_kb()
    for name, render in (("html", render_html), ("pdf", render_pdf)):
        samples = []
        for _ in range(RUNS):
            t = time.perf_counter()
            model = build_report(
                episodes=demo.episodes, entries=demo.entries, profile=demo.profile, now=demo.now, kb=kb
            )
            render(model)
            samples.append(time.perf_counter() - t)
        label = f"report {name}, one year ({len(demo.entries)} entries)"
        print(
            f"{label:44} median {statistics.median(samples):8.3f} s    max {max(samples):8.3f} s    "
            f"n={RUNS:5}   goal: < 3 s"
        )
    return 0


if __name__ == "__main__":
    if "--docs" in sys.argv[1:]:
        for page in docs():
            print(page)
        raise SystemExit(0)
    raise SystemExit(main())
