"""`lumbar report`: the doctor's report (PDF or HTML) from the diary, with a choice of sections.

Bad input (an unknown section, a bad date, an unsupported or unwritable output file) fails with one line
and exit 2 before the diary is read; the file is written atomically, so no partial report is ever left.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from lumbar.cli._store import fail, guarded, read_view
from lumbar.diary.model import DiaryError

__all__ = ["add_parser", "run"]

# The section ids of lumbar.report.doctor.SECTIONS, spelled out so that building the parser does not
# import the report code (a test keeps the two equal).
SECTION_NAMES = "summary, severity, flares, treatments, red_flags, urgency, safety, own_words, charts"


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "report",
        help="a report for your doctor (PDF or HTML)",
        description="A one- or two-page report for your doctor from the diary: when it started, how bad it "
        "is and its trend, how often it flares, what was tried and what helped, the red-flag screen, urgency "
        "over time, medicines and safety facts, your own words, and charts. Printable in black and white.",
    )
    p.add_argument("--out", type=Path, required=True, metavar="FILE", help="where to write: FILE.pdf or FILE.html")
    p.add_argument("--episode", metavar="ID", help="only this episode (its id, or the first characters of it)")
    p.add_argument("--from", dest="start", metavar="DATE", help="first day to include (YYYY-MM-DD)")
    p.add_argument("--to", dest="end", metavar="DATE", help="last day to include (YYYY-MM-DD)")
    p.add_argument("--include", metavar="SECTIONS", help=f"comma-separated sections (default: all): {SECTION_NAMES}")
    p.set_defaults(run=run)


def _day(raw: str | None, name: str) -> date | None:
    if raw is None:
        return None
    try:
        return date.fromisoformat(raw.strip())
    except ValueError:
        raise DiaryError(f"{name} must be a date like 2026-11-20, not {raw!r}") from None


def _writable(out: Path) -> str | None:
    """Why `out` cannot be written, or None. Checked before the work; the write itself is checked too."""
    folder = out.parent if str(out.parent) else Path()
    if not folder.is_dir():
        return f"cannot write {out}: the folder {folder} does not exist"
    if out.is_dir():
        return f"cannot write {out}: it is a folder"
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"cannot write {out}: the folder {folder} is not writable"
    return None


@guarded("report")
def run(args: argparse.Namespace) -> int:
    from lumbar.report.doctor import ReportError, parse_sections
    from lumbar.report.render import report_format

    out: Path = args.out
    try:
        report_format(out)
        sections = parse_sections(args.include)
    except (ValueError, ReportError) as exc:
        return fail("report", str(exc))
    start, end = _day(args.start, "--from"), _day(args.end, "--to")
    if start is not None and end is not None and start > end:
        return fail("report", f"--from ({start}) is after --to ({end})")
    problem = _writable(out)
    if problem is not None:
        return fail("report", problem)

    from lumbar.knowledge.loader import default_kb
    from lumbar.overview import doctor_report
    from lumbar.report.render import write_report

    now = datetime.now(UTC)
    tz = datetime.now().astimezone().tzinfo or UTC
    view = read_view(args.episode)
    model = doctor_report(view, now=now, tz=tz, kb=default_kb(), sections=sections, start=start, end=end)
    try:
        write_report(model, out)
    except OSError as exc:
        return fail("report", f"cannot write {out}: {exc.strerror or exc}")
    note = " (the diary has nothing for this period; the report says so)" if model.empty else ""
    print(f"Report written to {out}{note}", file=sys.stderr)  # noqa: T201
    return 0
