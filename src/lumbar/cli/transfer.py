"""`lumbar export`, `lumbar import`, `lumbar backup`: the diary in and out, whole."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from lumbar.cli._store import guarded, open_diary
from lumbar.cli.progress import progress_bar
from lumbar.diary.model import DiaryError
from lumbar.settings import load_settings

if TYPE_CHECKING:
    from lumbar.diary_service import ImportReport
    from lumbar.store.repository import Outcome

__all__ = ["add_parser", "run_backup", "run_export", "run_import"]


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "export",
        help="the whole diary as CSV, JSON or a FHIR R4 Bundle",
        description="Export the whole diary. FHIR: a FHIR R4 Bundle of type collection, checked before it is written.",
    )
    p.add_argument(
        "--format", choices=["csv", "json", "fhir"], help="default: from the file name (.csv, .fhir.json), else json"
    )
    p.add_argument("--name", help="FHIR only: the name to put on the Patient (default: a stable pseudonym)")
    p.add_argument("--out", metavar="FILE", default="-", help="where to write ('-', the default: standard output)")
    p.set_defaults(run=run_export)

    p = sub.add_parser(
        "import",
        help="add a diary export (CSV, JSON or a lumbar FHIR Bundle) to this diary",
        description="Import a diary export (a FHIR Bundle is recognised by its content). "
        "All or nothing; importing the same file twice changes nothing.",
    )
    p.add_argument("file", type=Path, metavar="FILE")
    p.set_defaults(run=run_import)

    p = sub.add_parser("backup", help="a copy of the diary", description="Back up the diary to a file.")
    p.add_argument("--out", metavar="FILE", type=Path, help="default: a dated file in the lumbar data folder")
    p.set_defaults(run=run_backup)


def _format_from_name(out: str) -> Literal["csv", "json", "fhir"]:
    lower = out.lower()
    if lower.endswith(".csv"):
        return "csv"
    return "fhir" if lower.endswith((".fhir.json", ".fhir")) else "json"


@guarded("export")
def run_export(args: argparse.Namespace) -> int:
    from lumbar.diary_service import export_diary
    from lumbar.store.backup import write_atomically

    fmt: Literal["csv", "json", "fhir"] = args.format or _format_from_name(str(args.out))
    if args.name is not None and fmt != "fhir":
        raise DiaryError("--name goes with --format fhir")
    db = open_diary()
    try:
        with db.transaction() as session:
            text = export_diary(
                session=session, format=fmt, now=datetime.now(UTC), progress=progress_bar("exporting"), name=args.name
            )
    finally:
        db.dispose()
    if args.out == "-":
        sys.stdout.write(text)
        return 0
    try:
        write_atomically(Path(args.out), text.encode("utf-8"))
    except OSError as exc:
        raise DiaryError(f"cannot write {args.out}: {exc.strerror or exc}") from None
    print(f"Exported to {args.out} ({fmt}).", file=sys.stderr)  # noqa: T201
    return 0


def _counts(counts: Mapping[Outcome, int]) -> str:
    return ", ".join(f"{n} {outcome}" for outcome, n in counts.items() if n) or "none"


def render_import(report: ImportReport, path: Path) -> str:
    return (
        f"Imported {path.name}: entries {_counts(report.entries)}; "
        f"episodes {_counts(report.episodes)}" + (f"; profile {report.profile}" if report.profile else "") + "."
    )


@guarded("import")
def run_import(args: argparse.Namespace) -> int:
    from lumbar.diary_service import import_diary

    db = open_diary()
    try:
        with db.transaction() as session:
            report = import_diary(args.file, session=session, progress=progress_bar("importing"))
    finally:
        db.dispose()
    print(render_import(report, args.file))  # noqa: T201
    return 0


@guarded("backup")
def run_backup(args: argparse.Namespace) -> int:
    from lumbar.diary_service import backup

    now = datetime.now(UTC)
    settings = load_settings()
    suffix = "db" if settings.backend == "sqlite" else "json"
    dest = args.out or settings.backup_dir / f"lumbar-{now:%Y%m%d-%H%M%S}.{suffix}"
    db = open_diary()
    try:
        with db.transaction() as session:
            report = backup(dest, session=session, now=now)
    except OSError as exc:
        raise DiaryError(f"cannot write {dest}: {exc.strerror or exc}") from None
    finally:
        db.dispose()
    print(f"Backed up {report.entries} entries in {report.episodes} episodes to {report.path} ({report.kind}).")  # noqa: T201
    return 0
