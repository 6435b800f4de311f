"""Insights over 10 years of generated diary (about 20,000 entries): median and p99 of repeated runs.

Goal: under 200 ms. Then the same diary stored in SQLite: reading it back (`read_diary`, what the insights
page, each of its charts and the report read first) and the episode list (`list_episodes`, on the diary
page), whose counts come from the database. Printed, never asserted (the machines are shared and noisy).
`main()` is what `bench/run.py` calls; `python bench/insights.py` runs it alone.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from lumbar.diary.insights import compute_insights
from lumbar.diary.model import Entry, Episode, Treatment

YEARS = 10
ENTRIES_PER_DAY = (7, 11)  # uniform, on episode days (about 60% of days): about 20,000 over ten years
RUNS = 30
STORED_RUNS = 7  # reading from SQLite is slower: fewer runs


def generate(seed: int = 4, years: int = YEARS) -> tuple[list[Episode], list[Entry], datetime]:
    """A plausible diary: an episode every few months, pain easing over weeks, logs several times a day."""
    rng = random.Random(seed)  # noqa: S311 (test data, not secrets)
    start = datetime(2016, 1, 1, 8, tzinfo=UTC)
    end = start + timedelta(days=365 * years)
    episodes: list[Episode] = []
    entries: list[Entry] = []
    at = start
    treatments = list(Treatment)
    while at < end:
        length = timedelta(days=rng.randint(5, 60))
        ep = Episode(f"ep{len(episodes)}", at, trigger="lifting", ended_at=min(at + length, end))
        episodes.append(ep)
        day = at
        while day < ep.ended_at and day < end:  # type: ignore[operator]
            elapsed = (day - ep.started_at).days
            for k in range(rng.randint(*ENTRIES_PER_DAY)):
                pain = max(0, min(10, round(7 - elapsed / 6 + rng.gauss(0, 1))))
                tried = frozenset(rng.sample(treatments, rng.randint(0, 2)))
                helped = frozenset(t for t in tried if rng.random() < 0.5)
                entries.append(
                    Entry(
                        id=f"e{len(entries)}",
                        episode_id=ep.id,
                        at=day + timedelta(hours=1.5 * k),
                        pain=pain,
                        tried=tried,
                        helped=helped,
                        water_litres=round(rng.uniform(0.5, 3.0), 1) if k == 0 else None,
                        sitting_hours=round(rng.uniform(0, 10), 1) if k == 0 else None,
                    )
                )
            day += timedelta(days=1)
        at = ep.ended_at + timedelta(days=rng.randint(7, 40))  # type: ignore[operator]
    return episodes, entries, end


def _pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _timed_ms(run: Callable[[], object], runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        t = time.perf_counter()
        run()
        samples.append(1000 * (time.perf_counter() - t))
    return samples


def _row(name: str, samples: list[float], goal: str) -> None:
    med, p99 = statistics.median(samples), _pct(samples, 0.99)
    print(f"{name:44} median {med:8.3f} ms   p99 {p99:8.3f} ms   n={len(samples):5}   goal: {goal}")


def _stored(episodes: list[Episode], entries: list[Entry]) -> None:
    """Read the diary back from SQLite (a temporary file), as the pages do."""
    from lumbar.diary_service import list_episodes, read_diary
    from lumbar.settings import load_settings
    from lumbar.store.database import open_database
    from lumbar.store.repository import DiaryRepository

    with tempfile.TemporaryDirectory(prefix="lumbar-bench-insights-") as folder:
        db = open_database(load_settings({"LUMBAR_DATA_DIR": folder}))
        try:
            with db.transaction() as session:
                repo = DiaryRepository(session)
                for episode in episodes:
                    repo.save_episode(episode)
                for entry in entries:
                    repo.save_entry(entry)

            def read() -> None:
                with db.reading() as session:
                    read_diary(session=session)

            def listed() -> None:
                with db.reading() as session:
                    list_episodes(session=session)

            _row("  the same diary read from SQLite", _timed_ms(read, STORED_RUNS), "-")
            _row(f"  its episode list ({len(episodes)} episodes)", _timed_ms(listed, STORED_RUNS), "-")
        finally:
            db.dispose()


def main() -> int:
    episodes, entries, now = generate()
    samples = _timed_ms(lambda: compute_insights(episodes, entries, now=now), RUNS)
    _row(f"insights over {len(entries)} entries ({YEARS} years)", samples, "< 200 ms")
    _stored(episodes, entries)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
