"""Diaries for tests: a Hypothesis strategy of whole diaries, and a plain generator of big ones."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from hypothesis import strategies as st

from lumbar.diary.model import AssessmentRecord, Entry, Episode, Treatment
from lumbar.intake.model import Profile
from lumbar.knowledge.models import Urgency
from lumbar.store.exchange import DiaryData
from lumbar.store.repository import DiaryRepository

ZONES = [UTC, timezone(timedelta(hours=5, minutes=30)), timezone(-timedelta(hours=8))]
RULES = ["rf_fever", "rf_cauda_equina", "rf_night_pain", "rf_age_over_50"]
FACTS = ["osteoporosis", "steroid_use", "cancer_history", "pregnancy"]
# Red-flag findings: asked on the screen (bladder_dysfunction, fever), in follow-up (foot_drop), and one no
# question asks (confusion), so every way an answer is exported is generated.
ANSWERED = ["bladder_dysfunction", "saddle_numbness", "fever", "foot_drop", "confusion"]
STATUSES = ["present", "absent", "uncertain"]

# Hypothesis wants naive bounds and adds the zone itself.
times = st.datetimes(
    min_value=datetime(2015, 1, 1),  # noqa: DTZ001
    max_value=datetime(2030, 1, 1),  # noqa: DTZ001
    timezones=st.sampled_from(ZONES),
)
# Any text a person might type, bar NUL (PostgreSQL text refuses it) and lone surrogates (not UTF-8).
texts = st.none() | st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1, max_size=40
)
scores = st.none() | st.integers(0, 10)


@st.composite
def assessments(draw: st.DrawFn) -> AssessmentRecord:
    return AssessmentRecord(
        at=draw(times),
        urgency=draw(st.sampled_from(list(Urgency))),
        red_flags=tuple(draw(st.lists(st.sampled_from(RULES), max_size=3))),
        knowledge_version=draw(st.sampled_from(["", "1.0", "1.751a7b63b6a6"])),
        reasons=tuple(draw(st.lists(st.sampled_from(RULES), max_size=2))),
        answers=tuple(draw(st.dictionaries(st.sampled_from(ANSWERED), st.sampled_from(STATUSES))).items()),
    )


@st.composite
def entries(draw: st.DrawFn, entry_id: str, episode_id: str) -> Entry:
    tried = draw(st.frozensets(st.sampled_from(list(Treatment))))
    helped = draw(st.frozensets(st.sampled_from(sorted(tried)))) if tried else frozenset()
    flags = tuple(draw(st.lists(st.sampled_from(RULES), max_size=2, unique=True)))
    return Entry(
        id=entry_id,
        episode_id=episode_id,
        at=draw(times),
        pain=draw(scores),
        interference_activity=draw(scores),
        interference_enjoyment=draw(scores),
        interference_sleep=draw(scores),
        location=draw(texts),
        spasm=draw(st.none() | st.booleans()),
        radiating=draw(st.none() | st.booleans()),
        tried=tried,
        helped=helped,
        water_litres=draw(st.none() | st.floats(0, 20, allow_nan=False)),
        sitting_hours=draw(st.none() | st.floats(0, 24, allow_nan=False)),
        exercise_minutes=draw(st.none() | st.integers(0, 1440)),
        notes=draw(texts),
        urgency=draw(st.sampled_from(list(Urgency))) if flags else draw(st.none() | st.just(Urgency.SELF_CARE)),
        red_flags=flags,
    )


@st.composite
def diaries(draw: st.DrawFn) -> DiaryData:
    profile = draw(
        st.none()
        | st.builds(
            Profile,
            age=st.none() | st.integers(0, 120),
            sex=st.none() | st.sampled_from(["female", "male"]),
            facts=st.frozensets(st.sampled_from(FACTS)),
        )
    )
    n = draw(st.integers(0, 4))
    open_index = draw(st.none() | st.integers(0, max(n - 1, 0)))
    episodes = []
    for i in range(n):
        start = draw(times)
        ended = None if i == open_index else start + draw(st.timedeltas(timedelta(0), timedelta(days=60)))
        episodes.append(
            Episode(
                id=f"ep{i}",
                started_at=start,
                ended_at=ended,
                trigger=draw(texts),
                notes=draw(texts),
                assessments=tuple(draw(st.lists(assessments(), max_size=2))),
            )
        )
    items = []
    if episodes:
        for j in range(draw(st.integers(0, 8))):
            items.append(draw(entries(f"en{j}", draw(st.sampled_from([e.id for e in episodes])))))
    return DiaryData(profile, tuple(episodes), tuple(items))


def big_diary(count: int, *, prefix: str = "big", start: datetime | None = None) -> DiaryData:
    """One ended episode with `count` entries, deterministic."""
    start = start or datetime(2020, 1, 1, tzinfo=UTC)
    episode = Episode(id=f"{prefix}-episode", started_at=start, ended_at=start + timedelta(days=count))
    items = tuple(
        Entry(
            id=f"{prefix}-{i:06d}",
            episode_id=episode.id,
            at=start + timedelta(hours=i),
            pain=i % 11,
            tried=frozenset({Treatment.HEAT}) if i % 3 == 0 else frozenset(),
            water_litres=1.5,
            notes=f"entry {i}",
        )
        for i in range(count)
    )
    return DiaryData(None, (episode,), items)


def store(data: DiaryData, repo: DiaryRepository) -> None:
    if data.profile is not None:
        repo.save_profile(data.profile)
    for episode in sorted(data.episodes, key=lambda e: e.ended_at is None):
        repo.save_episode(episode)
    for entry in data.entries:
        repo.save_entry(entry)
    repo.flush()


def snapshot(repo: DiaryRepository) -> DiaryData:
    return DiaryData(repo.get_profile(), tuple(repo.episodes()), tuple(repo.entries()))


def same(a: DiaryData, b: DiaryData) -> bool:
    """Equal as diaries: the same profile, and the same episodes and entries by id (order aside)."""
    return (
        a.profile == b.profile
        and {e.id: e for e in a.episodes} == {e.id: e for e in b.episodes}
        and {e.id: e for e in a.entries} == {e.id: e for e in b.entries}
        and len(a.entries) == len(b.entries)
    )
