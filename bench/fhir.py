"""FHIR figures for `make bench` (called by bench/run.py; printed, never asserted).

- `export_bundle` on a one-year diary: the doctor's report bench diary (bench/report.py: 2-4 entries every
  day, notes and re-triage now and then, stored checks), else `one_year_diary()` here (two entries a day,
  twelve monthly episodes each with one saved check). The time includes building
  the Bundle, writing JSON, parsing it back through fhir.resources (R4B) and `check_bundle`.
  Median of 5 runs after one warm-up run (the warm-up, shown on its own, also pays for importing
  fhir.resources and building its models); goal: under 1 s.
- `parse_bundle` of the same (the import's read side), median of 5.
"""

from __future__ import annotations

import importlib.util
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from lumbar.diary.model import AssessmentRecord, Entry, Episode, Treatment
from lumbar.intake.model import Profile
from lumbar.knowledge.models import Urgency
from lumbar.store.exchange import DiaryData

# This file is bench/fhir.py: run as `python bench/run.py` (or directly), bench/ comes first on sys.path
# and this file would hide the `fhir` package of fhir.resources. Take the folder off the path first.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
if getattr(sys.modules.get("fhir"), "__file__", None) == __file__:
    del sys.modules["fhir"]

RUNS = 5
START = datetime(2025, 11, 21, 7, 0, tzinfo=UTC)


def one_year_diary() -> DiaryData:
    episodes, entries = [], []
    for month in range(12):
        start = START + timedelta(days=30 * month)
        ended = start + timedelta(days=30) - timedelta(minutes=1) if month < 11 else None
        check = AssessmentRecord(
            at=start, urgency=Urgency.SELF_CARE if month % 4 else Urgency.ROUTINE,
            red_flags=() if month % 4 else ("rf_night_pain",), knowledge_version="bench",
            reasons=("bench",),
        )  # fmt: skip
        episodes.append(Episode(id=f"ep{month:02d}", started_at=start, ended_at=ended, assessments=(check,)))
        for i in range(60):  # two a day for thirty days
            tried = frozenset({Treatment.HEAT, Treatment.STRETCHING}) if i % 2 else frozenset({Treatment.NSAID})
            entries.append(
                Entry(
                    id=f"e{month:02d}{i:03d}",
                    episode_id=f"ep{month:02d}",
                    at=start + timedelta(hours=12 * i),
                    pain=(i * 7) % 11,
                    interference_sleep=i % 11,
                    spasm=i % 3 == 0,
                    tried=tried,
                    helped=tried if i % 4 == 1 else frozenset(),
                    water_litres=1.5,
                    sitting_hours=6.0,
                    notes="stiff after sitting all day" if i % 3 == 0 else None,
                    urgency=Urgency.SELF_CARE if i % 3 == 0 else None,
                )
            )
    return DiaryData(Profile(age=44, sex="female", facts=frozenset()), tuple(episodes), tuple(entries))


def report_diary() -> DiaryData | None:
    """The doctor's report bench diary (bench/report.py, 2-4 entries every day of a year), when present:
    the issue asks for the FHIR export of the same diary."""
    path = _HERE / "report.py"
    spec = importlib.util.spec_from_file_location("bench_report_diary", path)
    if not path.exists() or spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    demo = module.demo_diary(gap_days=(0, 0))
    return DiaryData(demo.profile, tuple(demo.episodes), tuple(demo.entries))


def main() -> int:
    from lumbar.interop.fhir_export import export_bundle
    from lumbar.interop.fhir_import import parse_bundle
    from lumbar.knowledge import default_kb

    kb, data = default_kb(), report_diary() or one_year_diary()
    now = datetime(2026, 11, 21, tzinfo=UTC)
    t = time.perf_counter()
    text = export_bundle(data, kb=kb, exported_at=now)
    first = time.perf_counter() - t
    print(f"{'FHIR export, one-year diary: first (cold)':44} {first:8.3f} s")
    samples = []
    for _ in range(RUNS):
        t = time.perf_counter()
        export_bundle(data, kb=kb, exported_at=now)
        samples.append(time.perf_counter() - t)
    resources = text.count('"resourceType"') - 1
    print(
        f"{'FHIR export, one-year diary':44} median {statistics.median(samples):8.3f} s    max {max(samples):8.3f} s"
        f"    n={RUNS:5}   goal: < 1 s   ({len(data.entries)} entries, {resources} resources, "
        f"{len(text) / 1e6:.1f} MB)"
    )
    samples = []
    for _ in range(RUNS):
        t = time.perf_counter()
        parse_bundle(text.encode())
        samples.append(time.perf_counter() - t)
    print(f"{'FHIR import (parse), one-year diary':44} median {statistics.median(samples):8.3f} s    n={RUNS:5}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
