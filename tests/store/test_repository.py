"""Repository round-trips on every backend: what goes in comes back as the same domain values."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy.exc import IntegrityError

from lumbar.diary.model import AssessmentRecord, Entry, Episode, Treatment
from lumbar.intake.model import Profile
from lumbar.knowledge.models import Urgency
from lumbar.store.database import Database
from lumbar.store.repository import DiaryRepository

T0 = datetime(2026, 3, 1, 8, 15, 30, 123456, tzinfo=timezone(timedelta(hours=2)))


def _episode(**changes: object) -> Episode:
    base = Episode(
        id="e1",
        started_at=T0,
        trigger="lifting a suitcase",
        notes="started on holiday",
        assessments=(
            AssessmentRecord(T0, Urgency.SELF_CARE, (), "1.0", ()),
            AssessmentRecord(
                T0 + timedelta(hours=1),
                Urgency.URGENT,
                ("rf_fever", "rf_night_pain"),
                "1.0",
                ("x",),
                answers=(("fever", "present"), ("bladder_dysfunction", "absent"), ("saddle_numbness", "uncertain")),
            ),
        ),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def _entry(**changes: object) -> Entry:
    base = Entry(
        id="n1",
        episode_id="e1",
        at=T0 + timedelta(hours=3),
        pain=7,
        interference_activity=6,
        interference_enjoyment=0,
        interference_sleep=10,
        location="lower left, ünder the belt",
        spasm=True,
        radiating=False,
        tried=frozenset({Treatment.HEAT, Treatment.NSAID}),
        helped=frozenset({Treatment.HEAT}),
        water_litres=1.25,
        sitting_hours=7.5,
        exercise_minutes=20,
        notes='it "catches" when I bend;\nworse at night',
        urgency=Urgency.ROUTINE,
        red_flags=("rf_night_pain", "rf_fever"),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_profile_round_trip(db: Database) -> None:
    with db.transaction() as s:
        assert DiaryRepository(s).get_profile() is None
        DiaryRepository(s).save_profile(Profile(age=61, sex="female", facts=frozenset({"osteoporosis", "steroid_use"})))
    with db.transaction() as s:
        DiaryRepository(s).save_profile(Profile(age=62, sex="female", facts=frozenset({"osteoporosis"})))
    with db.transaction() as s:
        assert DiaryRepository(s).get_profile() == Profile(age=62, sex="female", facts=frozenset({"osteoporosis"}))


def test_episode_and_entry_round_trip_every_field(db: Database) -> None:
    episode, entry = _episode(), _entry()
    with db.transaction() as s:
        repo = DiaryRepository(s)
        assert repo.save_episode(episode) == "added"
        assert repo.save_entry(entry) == "added"
    with db.transaction() as s:
        repo = DiaryRepository(s)
        back, back_entry = repo.get_episode("e1"), repo.get_entry("n1")
        assert back == episode and back_entry == entry
        assert back is not None and back.assessments == episode.assessments  # order kept
        assert back_entry is not None and back_entry.at.utcoffset() == timedelta(0)  # stored as UTC
        assert back_entry.red_flags == ("rf_night_pain", "rf_fever")  # order kept


def test_partial_entry_round_trip(db: Database) -> None:
    bare = Entry(id="n2", episode_id="e1", at=T0)
    with db.transaction() as s:
        DiaryRepository(s).save_episode(_episode())
        DiaryRepository(s).save_entry(bare)
    with db.transaction() as s:
        assert DiaryRepository(s).get_entry("n2") == bare


def test_saving_again_reports_unchanged_or_updated(db: Database) -> None:
    with db.transaction() as s:
        repo = DiaryRepository(s)
        repo.save_episode(_episode())
        repo.save_entry(_entry())
    with db.transaction() as s:
        repo = DiaryRepository(s)
        assert repo.save_episode(_episode()) == "unchanged"
        assert repo.save_entry(_entry()) == "unchanged"
        assert repo.save_entry(_entry(pain=3)) == "updated"
        assert repo.save_episode(_episode(assessments=())) == "updated"
    with db.transaction() as s:
        repo = DiaryRepository(s)
        assert repo.get_entry("n1") == _entry(pain=3)
        assert repo.get_episode("e1") == _episode(assessments=())
        assert repo.count_entries() == 1


def test_queries_by_episode_time_and_span(db: Database) -> None:
    ended = _episode(id="old", started_at=T0 - timedelta(days=30), ended_at=T0 - timedelta(days=20), assessments=())
    with db.transaction() as s:
        repo = DiaryRepository(s)
        repo.save_episode(ended)
        repo.save_episode(_episode())
        repo.save_entry(_entry(id="a", episode_id="old", at=T0 - timedelta(days=25)))
        repo.save_entry(_entry(id="b"))
        repo.save_entry(_entry(id="c", at=T0 + timedelta(days=1)))
    with db.transaction() as s:
        repo = DiaryRepository(s)
        assert [e.id for e in repo.entries()] == ["a", "b", "c"]
        assert [e.id for e in repo.entries(episode_id="e1")] == ["b", "c"]
        assert [e.id for e in repo.entries(since=T0 + timedelta(hours=12))] == ["c"]
        assert [e.id for e in repo.episodes()] == ["old", "e1"]
        open_episode = repo.open_episode()
        assert open_episode is not None and open_episode.id == "e1"
        in_old = repo.episode_at(T0 - timedelta(days=25))
        assert in_old is not None and in_old.id == "old"
        assert repo.episode_at(T0 - timedelta(days=10)) is None  # between episodes
        assert [e.id for e in repo.find_episodes("ol")] == ["old"]
        assert repo.find_episodes("%") == []  # a LIKE wildcard is just a character


def test_at_most_one_open_episode(db: Database) -> None:
    with db.transaction() as s:
        DiaryRepository(s).save_episode(_episode())
    with pytest.raises(IntegrityError), db.transaction() as s:
        DiaryRepository(s).save_episode(_episode(id="e2", assessments=()))
    with db.transaction() as s:
        assert [e.id for e in DiaryRepository(s).episodes()] == ["e1"]  # the failed one left nothing


def test_storing_a_naive_time_is_refused(db: Database) -> None:
    from sqlalchemy.exc import StatementError

    from lumbar.store.tables import EpisodeRow

    with pytest.raises(StatementError, match="time zone"), db.transaction() as s:
        s.add(EpisodeRow(id="x", started_at=datetime(2026, 1, 1)))  # noqa: DTZ001
        s.flush()


def test_times_compare_as_instants_across_zones(db: Database) -> None:
    utc = datetime(2026, 3, 1, 6, 15, tzinfo=UTC)
    with db.transaction() as s:
        repo = DiaryRepository(s)
        repo.save_episode(_episode(started_at=utc - timedelta(days=1), assessments=()))
        repo.save_entry(_entry(id="late", at=utc.astimezone(timezone(timedelta(hours=-8)))))
        repo.save_entry(_entry(id="early", at=(utc - timedelta(minutes=1)).astimezone(timezone(timedelta(hours=9)))))
    with db.transaction() as s:
        assert [e.id for e in DiaryRepository(s).entries()] == ["early", "late"]


def test_the_whole_diary_reads_back_every_field_as_one_row_does(db: Database) -> None:
    # episodes() and entries() read plain rows, not the ORM objects get_episode() and get_entry() read.
    bare = Entry(id="n2", episode_id="e1", at=T0)
    with db.transaction() as s:
        repo = DiaryRepository(s)
        repo.save_episode(_episode())
        repo.save_episode(Episode(id="e0", started_at=T0 - timedelta(days=9), ended_at=T0 - timedelta(days=8)))
        repo.save_entry(_entry())
        repo.save_entry(bare)
    with db.reading() as s:
        repo = DiaryRepository(s)
        assert repo.episodes() == [repo.get_episode("e0"), _episode()]  # oldest first, checks in order
        assert repo.entries() == [bare, _entry()]  # by time
        assert repo.entries() == [repo.get_entry("n2"), repo.get_entry("n1")]
