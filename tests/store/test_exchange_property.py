"""Export then import is the identity, for generated diaries, in both formats, on every backend."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from diaries import diaries, same, snapshot, store
from hypothesis import HealthCheck, given, settings

from lumbar.diary_service import export_diary, import_diary
from lumbar.store.database import Database
from lumbar.store.exchange import DiaryData, ExchangeError, dump_csv, dump_json, parse_diary
from lumbar.store.repository import DiaryRepository

NOW = datetime(2026, 11, 21, 9, 30, tzinfo=UTC)


@settings(max_examples=100, deadline=None)
@given(diaries())
def test_the_formats_alone_round_trip(data: DiaryData) -> None:
    assert same(parse_diary(dump_json(data, exported_at=NOW).encode()), data)
    assert same(parse_diary(dump_csv(data).encode()), data)


@pytest.mark.parametrize("fmt", ["json", "csv"])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=diaries())
def test_export_then_import_is_the_identity(db: Database, tmp_path: Path, fmt: str, data: DiaryData) -> None:
    with db.transaction() as s:  # each example starts from an empty diary
        DiaryRepository(s).clear()
        store(data, DiaryRepository(s))
    with db.transaction() as s:
        stored = snapshot(DiaryRepository(s))
        exported = export_diary(session=s, format=fmt, now=NOW)  # type: ignore[arg-type]
        DiaryRepository(s).clear()
    path = tmp_path / f"diary.{fmt}"
    path.write_text(exported, encoding="utf-8", newline="")
    with db.transaction() as s:
        import_diary(path, session=s)
    with db.transaction() as s:
        back = snapshot(DiaryRepository(s))
        assert export_diary(session=s, format=fmt, now=NOW) == exported
    assert same(stored, data)
    assert same(back, data)


def _checked() -> DiaryData:
    from lumbar.diary.model import AssessmentRecord, Episode
    from lumbar.knowledge.models import Urgency

    answers = (("bladder_dysfunction", "absent"), ("fever", "present"), ("saddle_numbness", "uncertain"))
    check = AssessmentRecord(NOW, Urgency.URGENT, ("rf_fever",), "1.0", ("a fever",), answers=answers)
    return DiaryData(None, (Episode("ep", NOW, assessments=(check,)),), ())


def test_the_answers_are_readable_in_both_formats() -> None:
    text = dump_json(_checked(), exported_at=NOW)
    (check,) = json.loads(text)["episodes"][0]["assessments"]
    assert check["answers"] == {"bladder_dysfunction": "absent", "fever": "present", "saddle_numbness": "uncertain"}
    rows = [r for r in csv.DictReader(io.StringIO(dump_csv(_checked()))) if r["record"] == "assessment"]
    assert [r["answers"] for r in rows] == ["bladder_dysfunction=absent;fever=present;saddle_numbness=uncertain"]


def test_an_export_made_before_answers_were_kept_still_imports() -> None:
    document = json.loads(dump_json(_checked(), exported_at=NOW))
    del document["episodes"][0]["assessments"][0]["answers"]
    (episode,) = parse_diary(json.dumps(document).encode()).episodes
    assert episode.assessments[0].answers == () and episode.assessments[0].red_flags == ("rf_fever",)
    rows = list(csv.DictReader(io.StringIO(dump_csv(_checked()))))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=[c for c in rows[0] if c != "answers"], extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    old_csv = out.getvalue()
    (episode,) = parse_diary(old_csv.encode()).episodes
    assert episode.assessments[0].answers == ()


@pytest.mark.parametrize(
    ("cell", "words"),
    [
        ("fever", "finding=status"),
        ("fever=maybe", "present, absent, uncertain"),
        ("fever=absent;fever=present", "twice"),
    ],
)
def test_bad_answers_in_a_csv_name_the_line(cell: str, words: str) -> None:
    text = dump_csv(_checked()).replace("bladder_dysfunction=absent;fever=present;saddle_numbness=uncertain", cell)
    with pytest.raises(ExchangeError, match=words) as err:
        parse_diary(text.encode())
    assert "line 3" in str(err.value)
