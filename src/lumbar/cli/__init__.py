"""The `lumbar` command line: thin commands that parse, call one service function, and render."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from lumbar import __version__
from lumbar.cli import check, diary, evaluate, insights, learn, log, questionnaire, report, serve, transfer
from lumbar.knowledge.loader import KnowledgeError

__all__ = ["main"]

_COMMANDS = (check, questionnaire, learn, evaluate, log, diary, insights, transfer, report, serve)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lumbar",
        description="Triage, self-care and a diary for lower back spasms, with a source for every answer. "
        "lumbar is not a diagnosis: in an emergency call your emergency number.",
    )
    parser.add_argument("--version", action="version", version=f"lumbar {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in _COMMANDS:
        command.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    try:
        code: int = args.run(args)
    except KnowledgeError as exc:
        print(f"lumbar: the knowledge base is broken: {exc}", file=sys.stderr)  # noqa: T201
        return 3
    except KeyboardInterrupt:
        print("\nlumbar: stopped.", file=sys.stderr)  # noqa: T201
        return 130
    except BrokenPipeError:
        return 0
    return code
