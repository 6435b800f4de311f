"""`lumbar check`: from text, answers, a batch, or interactive questions to an assessment."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from lumbar.cli import batch, interactive
from lumbar.cli._store import bounded_int, stored_profile
from lumbar.cli.render import render_assessment
from lumbar.intake.answers import AnswerError, findings_from_answers
from lumbar.intake.model import Findings, Profile
from lumbar.knowledge.loader import default_kb
from lumbar.knowledge.models import KnowledgeBase
from lumbar.service import CheckResult, check
from lumbar.triage.contract import assessment_to_dict, not_understood

__all__ = ["add_parser", "run"]

MAX_INPUT_BYTES = 2_000_000  # a bound on what we read from one file or stdin


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "check",
        help="is this dangerous, what is it, what do I do now",
        description="Triage a lower back spasm. With no input, asks you in the terminal.",
    )
    p.add_argument("--text", help="what is happening, in your own words ('-' reads standard input)")
    p.add_argument("--answers", type=Path, metavar="FILE.json", help="answers keyed by question id")
    p.add_argument("--age", type=bounded_int("age", 0, 120, kind="a whole number of years"), help="your age in years")
    p.add_argument("--sex", choices=["female", "male"])
    p.add_argument("--json", action="store_true", help="print the JSON contract instead of text")
    p.add_argument(
        "--batch",
        metavar="FILE|-",
        help='JSON lines {"id", "text", "age"?, "sex"?} in, one result per line out',
    )
    p.add_argument("--save", action="store_true", help="attach this check to the open episode in your diary")
    p.add_argument(
        "--no-profile",
        action="store_true",
        help="leave out the profile stored in your diary (age, sex, safety facts such as osteoporosis); "
        "--batch never uses it",
    )
    p.set_defaults(run=run)


def _fail(message: str) -> int:
    print(f"lumbar check: {message}", file=sys.stderr)  # noqa: T201
    return 2


def _read_answers(path: Path, kb: KnowledgeBase) -> Findings:
    try:
        raw = path.read_bytes()[:MAX_INPUT_BYTES].decode("utf-8")
        data = json.loads(raw)
    except OSError as exc:
        raise AnswerError([f"cannot read {path}: {exc.strerror or exc}"]) from exc
    except UnicodeDecodeError as exc:
        raise AnswerError([f"{path} is not UTF-8 text"]) from exc
    except json.JSONDecodeError as exc:
        raise AnswerError([f"{path} is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"]) from exc
    return findings_from_answers(data, kb=kb)


def _read_text_arg(text: str) -> str:
    if text != "-":
        return text
    return sys.stdin.buffer.read(MAX_INPUT_BYTES).decode("utf-8", errors="replace")


def _save(result: CheckResult, kb: KnowledgeBase) -> None:
    import uuid

    from lumbar.check_record import attach_check
    from lumbar.cli._store import open_diary

    db = open_diary()
    try:
        with db.transaction() as session:
            episode = attach_check(
                session=session,
                assessment=result.assessment,
                findings=result.findings,
                kb=kb,
                new_episode_id=uuid.uuid4().hex,
            )
    finally:
        db.dispose()
    print(f"(saved to episode {episode.id[:8]} in your diary)", file=sys.stderr)  # noqa: T201


def _profile(args: argparse.Namespace) -> Profile | None:
    """The stored profile, unless --no-profile; said on stderr when it is used (stdout stays the answer)."""
    profile = None if args.no_profile else stored_profile()
    if profile is None or (profile.age is None and profile.sex is None and not profile.facts):
        return None
    told = [f"age {profile.age}"] if profile.age is not None else []
    told += [profile.sex] if profile.sex else []
    told += sorted(f.replace("_", " ") for f in profile.facts)
    print(f"(using your profile: {', '.join(told)}; --no-profile leaves it out)", file=sys.stderr)  # noqa: T201
    return profile


def run(args: argparse.Namespace) -> int:
    kb = default_kb()
    now = datetime.now(UTC)
    if args.batch is not None:
        # Each line's result depends on that line alone: a batch never reads the diary's profile.
        return batch.run_batch(args.batch, kb=kb, now=now)
    if args.text is None and args.answers is None:
        if args.json or not sys.stdin.isatty():
            return _fail("give --text, --answers or --batch (or run it in a terminal to be asked)")
        profile = _profile(args)
        return interactive.run_interactive(kb=kb, now=now, age=args.age, sex=args.sex, profile=profile)
    try:
        answers = _read_answers(args.answers, kb) if args.answers is not None else None
    except AnswerError as exc:
        return _fail("the answers cannot be used:\n  " + "\n  ".join(exc.problems))
    text = _read_text_arg(args.text) if args.text is not None else None
    profile = _profile(args)
    result = check(kb=kb, now=now, text=text, answers=answers, age=args.age, sex=args.sex, profile=profile)
    reading = result.reading
    if reading is not None and not reading.understood and answers is None:
        said = not_understood(reading.problems, kb=kb)
        if args.json:
            print(json.dumps(said, indent=2))  # noqa: T201
            return 1
        print(" ".join(reading.problems))  # noqa: T201
        if sys.stdin.isatty():
            return interactive.run_interactive(
                kb=kb, now=now, age=args.age, sex=args.sex, profile=profile, skip_text=True
            )
        print("Please answer these questions (lumbar check in a terminal, or --answers FILE.json):")  # noqa: T201
        for q in said["questions"]:
            print(f"  [{q['id']}] {q['question']}")  # noqa: T201
        return 1
    if args.save:
        _save(result, kb)
    if args.json:
        out = assessment_to_dict(result.assessment, kb=kb)
        if reading is not None:
            out["problems"] = list(reading.problems)
        print(json.dumps(out, indent=2, ensure_ascii=False))  # noqa: T201
    else:
        if reading is not None and reading.problems:
            print("Note: " + " ".join(reading.problems) + "\n")  # noqa: T201
        print(render_assessment(result.assessment, kb=kb))  # noqa: T201
    return 0
