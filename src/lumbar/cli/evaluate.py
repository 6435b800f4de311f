"""`lumbar evaluate`: run the vignette suite (or the extraction corpus) and print the figures."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from lumbar.evaluation.vignettes import (
    VignetteError,
    evaluate_vignettes,
    format_vignette_report,
    load_vignettes,
)
from lumbar.knowledge.loader import default_kb
from lumbar.service import read_text

__all__ = ["add_parser", "run"]


def add_parser(sub: Any) -> None:
    p = sub.add_parser("evaluate", help="measure triage on vignettes, or the reader on the extraction corpus")
    p.add_argument(
        "files",
        nargs="*",
        type=Path,
        help="vignette YAML files (or extraction corpus files with --extraction)",
    )
    p.add_argument("--extraction", action="store_true", help="score the free-text reader on an annotated corpus")
    p.add_argument("--quiet", action="store_true", help="figures only, not each miss")
    p.set_defaults(run=run)


def _expand(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        out.extend(sorted(p.glob("*.yaml")) if p.is_dir() else [p])
    return out


def run(args: argparse.Namespace) -> int:
    kb = default_kb()
    default = Path("tests/extraction" if args.extraction else "tests/vignettes")
    files = _expand(args.files or [default])
    missing = [str(f) for f in files if not f.is_file()]
    if missing or not files:
        print(f"lumbar evaluate: no such file: {', '.join(missing) or default}", file=sys.stderr)  # noqa: T201
        return 2
    if args.extraction:
        from lumbar.evaluation.extraction import CorpusError, format_report, load_corpus, score_extraction

        try:
            snippets = load_corpus(files, kb=kb)
        except CorpusError as exc:
            print(f"lumbar evaluate: {exc}", file=sys.stderr)  # noqa: T201
            return 2
        report = score_extraction(snippets, lambda text: read_text(text, kb=kb))
        print(format_report(report))  # noqa: T201
        return 0
    try:
        vignettes = load_vignettes(files, kb=kb)
    except VignetteError as exc:
        print(f"lumbar evaluate: {exc}", file=sys.stderr)  # noqa: T201
        return 2
    result = evaluate_vignettes(vignettes, kb=kb, now=datetime.now(UTC))
    print(format_vignette_report(result, show_misses=not args.quiet))  # noqa: T201
    return 0
