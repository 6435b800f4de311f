"""The episode list (`list_episodes`) counts in the database; it must say exactly what counting every
entry in Python says, on every backend."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from diaries import diaries, store
from hypothesis import HealthCheck, given, settings

from lumbar.diary.model import AssessmentRecord, Entry, Episode
from lumbar.diary_service import EpisodeSummary, list_episodes
from lumbar.knowledge.models import Urgency
from lumbar.store.database import Database
from lumbar.store.exchange import DiaryData
from lumbar.store.repository import DiaryRepository

T0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)


def _by_reading_every_entry(repo: DiaryRepository) -> list[EpisodeSummary]:
    """The computation list_episodes did before it counted in SQL: every entry, oldest first."""
    by_episode: dict[str, list[Entry]] = {}
    for entry in repo.entries():
        by_episode.setdefault(entry.episode_id, []).append(entry)
    out = []
    for episode in repo.episodes():
        entries = by_episode.get(episode.id, [])
        pains = [e.pain for e in entries if e.pain is not None]
        urgencies = [e.urgency for e in entries if e.urgency is not None]
        urgencies += [a.urgency for a in episode.assessments]
        worst = max(urgencies, key=lambda u: u.rank) if urgencies else None
        out.append(
            EpisodeSummary(episode, len(entries), pains[-1] if pains else None, max(pains) if pains else None, worst)
        )
    return out


def _stored(db: Database, data: DiaryData) -> list[EpisodeSummary]:
    with db.transaction() as s:
        repo = DiaryRepository(s)
        repo.clear()
        store(data, repo)
    with db.reading() as s:
        got = list_episodes(session=s)
        assert got == _by_reading_every_entry(DiaryRepository(s))
    return got


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=diaries())
def test_the_list_says_what_reading_every_entry_says(db: Database, data: DiaryData) -> None:
    _stored(db, data)


def _e(id_: str, hours: float, pain: int | None, urgency: Urgency | None = None, episode: str = "a") -> Entry:
    return Entry(id=id_, episode_id=episode, at=T0 + timedelta(hours=hours), pain=pain, urgency=urgency)


CHECK = AssessmentRecord(T0, Urgency.ROUTINE, (), "1.0", ())


@pytest.mark.parametrize(
    ("entries", "checks", "expected"),
    [
        pytest.param([], (), (0, None, None, None), id="no entries"),
        pytest.param([], (CHECK,), (0, None, None, Urgency.ROUTINE), id="a check and no entries"),
        pytest.param([_e("n1", 0, 3), _e("n2", 1, 8), _e("n3", 2, 5)], (), (3, 5, 8, None), id="last by time"),
        pytest.param([_e("n1", 0, 4), _e("n2", 1, None)], (), (2, 4, 4, None), id="latest has no pain score"),
        pytest.param([_e("n2", 1, 6), _e("n1", 1, 2)], (), (2, 6, 6, None), id="same time: the larger id is last"),
        pytest.param([_e("n1", 0, None), _e("n2", 1, None)], (), (2, None, None, None), id="no pain scores"),
        pytest.param(
            [_e("n1", 0, 1, Urgency.EMERGENCY), _e("n2", 1, 1, Urgency.SELF_CARE)],
            (CHECK,),
            (2, 1, 1, Urgency.EMERGENCY),
            id="worst urgency from an entry",
        ),
        pytest.param(
            [_e("n1", 0, 1, Urgency.SELF_CARE)], (CHECK,), (1, 1, 1, Urgency.ROUTINE), id="worst urgency from a check"
        ),
        pytest.param(
            [_e("n1", 0, 9, Urgency.URGENT, episode="b"), _e("n2", 1, 2)],
            (),
            (1, 2, 2, None),
            id="another episode's entries do not count",
        ),
    ],
)
def test_each_case(
    db: Database,
    entries: list[Entry],
    checks: tuple[AssessmentRecord, ...],
    expected: tuple[int, int | None, int | None, Urgency | None],
) -> None:
    episodes = (
        Episode("a", T0 - timedelta(days=1), ended_at=T0 + timedelta(days=1), assessments=checks),
        Episode("b", T0 + timedelta(days=2)),
    )
    a, _b = _stored(db, DiaryData(None, episodes, tuple(entries)))
    assert (a.entries, a.last_pain, a.worst_pain, a.worst_urgency) == expected
