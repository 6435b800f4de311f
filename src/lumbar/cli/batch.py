"""`lumbar check --batch`: JSON lines in, one JSON object per line out, errors as objects.

A bad line (invalid JSON, not UTF-8, missing text, wrong types) gives an error object for that line
and the rest are still processed.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from lumbar.knowledge.models import KnowledgeBase
from lumbar.service import check
from lumbar.triage.contract import assessment_to_dict, not_understood

__all__ = ["process_line", "run_batch"]

MAX_LINE_BYTES = 2_000_000


def _error(line_no: int, ident: Any, message: str) -> dict[str, Any]:
    return {"id": ident, "line": line_no, "error": message}


def process_line(raw: bytes, line_no: int, *, kb: KnowledgeBase, now: datetime) -> dict[str, Any] | None:
    """One batch line to one result object (None for a blank line)."""
    if len(raw) > MAX_LINE_BYTES:
        return _error(line_no, None, f"line is longer than {MAX_LINE_BYTES} bytes")
    try:
        text_line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _error(line_no, None, f"line is not valid UTF-8 (byte {exc.start})")
    if not text_line.strip():
        return None
    try:
        item = json.loads(text_line)
    except json.JSONDecodeError as exc:
        return _error(line_no, None, f"invalid JSON: {exc.msg} at column {exc.colno}")
    if not isinstance(item, dict):
        return _error(line_no, None, 'each line must be a JSON object like {"id": "1", "text": "..."}')
    ident = item.get("id", line_no)
    text, age, sex = item.get("text"), item.get("age"), item.get("sex")
    problems = []
    if not isinstance(text, str):
        problems.append('"text" must be a string')
    if age is not None and (isinstance(age, bool) or not isinstance(age, int) or not 0 <= age <= 120):
        problems.append('"age" must be a whole number from 0 to 120')
    if sex is not None and sex not in ("female", "male"):
        problems.append('"sex" must be "female" or "male"')
    if problems:
        return _error(line_no, ident, "; ".join(problems))
    result = check(kb=kb, now=now, text=str(text), age=age, sex=sex)
    reading = result.reading
    if reading is not None and not reading.understood:
        said = not_understood(reading.problems, kb=kb)
        return {"id": ident, "line": line_no, **said, "unanswered": said.pop("questions")}
    out: dict[str, Any] = {"id": ident, **assessment_to_dict(result.assessment, kb=kb)}
    if reading is not None:
        out["understood"] = True
        out["problems"] = list(reading.problems)
    return out


def _lines(source: str) -> Iterator[bytes]:
    stream: IO[bytes] = sys.stdin.buffer if source == "-" else Path(source).open("rb")
    with stream:
        yield from stream


def run_batch(source: str, *, kb: KnowledgeBase, now: datetime) -> int:
    if source != "-" and not Path(source).is_file():
        print(f"lumbar check: batch file not found: {source}", file=sys.stderr)  # noqa: T201
        return 2
    count = errors = 0
    for line_no, raw in enumerate(_lines(source), start=1):
        result = process_line(raw.rstrip(b"\r\n"), line_no, kb=kb, now=now)
        if result is None:
            continue
        count += 1
        errors += "error" in result
        sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
    sys.stdout.flush()
    print(f"lumbar check: {count} lines, {errors} errors", file=sys.stderr)  # noqa: T201
    return 0
