"""`lumbar learn [TOPIC]`: the knowledge base for people, with sources; --json dumps all of it."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from lumbar.knowledge.learn import UnknownTopicError, kb_as_dict, render_topic
from lumbar.knowledge.loader import default_kb

__all__ = ["add_parser", "run"]


def add_parser(sub: Any) -> None:
    p = sub.add_parser("learn", help="what lumbar knows, with its sources")
    p.add_argument("topic", nargs="?", help="a topic (omit to list them)")
    p.add_argument("--json", action="store_true", help="dump the whole knowledge base as JSON")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    kb = default_kb()
    if args.json:
        print(json.dumps(kb_as_dict(kb), indent=2, ensure_ascii=False))  # noqa: T201
        return 0
    try:
        print(render_topic(kb, args.topic))  # noqa: T201
    except UnknownTopicError as exc:
        print(f"lumbar learn: {exc}", file=sys.stderr)  # noqa: T201
        return 2
    return 0
