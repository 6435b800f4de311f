"""`lumbar insights`: what the diary shows (trend, episodes, triggers, what helped), the safety net over
time for the current episode, and charts (`--plot FILE.png|.svg`)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lumbar.cli._store import fail, guarded, local, read_view

if TYPE_CHECKING:
    from lumbar.diary.model import Episode
    from lumbar.triage import Assessment

__all__ = ["add_parser", "run"]


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "insights",
        help="what your diary shows: trend, episodes, triggers, what helped",
        description="What the diary shows: the pain trend, how long episodes last against the usual course, "
        "how often they come, possible triggers and what helped, each with its counts and uncertainty. "
        "Also says when the current episode's course means it is time to see someone.",
    )
    p.add_argument("--episode", metavar="ID", help="only this episode (its id, or the first characters of it)")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.add_argument("--plot", type=Path, metavar="FILE", help="also draw a chart to FILE (.png or .svg)")
    p.add_argument("--chart", choices=["pain", "episodes", "triggers"], default="pain", help="which chart --plot draws")
    p.set_defaults(run=run)


def _safety_net_dict(episode: Episode, assessment: Assessment) -> dict[str, Any]:
    return {
        "episode_id": episode.id,
        "urgency": assessment.urgency.value,
        "reasons": list(assessment.urgency_reasons),
        "red_flags": [
            {
                "id": r.id,
                "label": r.label,
                "urgency": r.urgency.value,
                "reason": r.reason,
                "action": r.action,
                "evidence": list(r.evidence),
                "sources": list(r.sources),
            }
            for r in assessment.red_flags
        ],
        "knowledge_version": assessment.knowledge_version,
    }


def _safety_net_text(episode: Episode, assessment: Assessment | None) -> list[str]:
    head = f"Current episode (started {local(episode.started_at):%Y-%m-%d})"
    if assessment is None:
        from lumbar.overview import QUIET_COURSE

        return [f"{head}: {QUIET_COURSE}"]
    lines = [f"{head}: {assessment.urgency.value.upper().replace('_', ' ')}"]
    for rule in assessment.red_flags:
        why = f" ({'; '.join(rule.evidence)})" if rule.evidence else ""
        lines.append(f"  - {rule.label}{why}. {rule.action} [{', '.join(rule.sources)}]")
    return lines


@guarded("insights")
def run(args: argparse.Namespace) -> int:
    from lumbar.knowledge.loader import default_kb
    from lumbar.overview import overview
    from lumbar.report import format_insights, insights_to_dict

    if args.plot is not None:
        from lumbar.report.charts import chart_format

        try:
            chart_format(args.plot)  # a bad file name fails before any work
        except ValueError as exc:
            return fail("insights", str(exc))
    now = datetime.now(UTC)
    tz = datetime.now().astimezone().tzinfo
    view = read_view(args.episode)
    seen = overview(view, now=now, tz=tz, kb=default_kb())
    insights, nets = seen.insights, seen.safety_nets
    if args.plot is not None:
        from lumbar.report.charts import render_chart

        render_chart(args.chart, args.plot, insights=insights, entries=view.entries, episodes=seen.shown_episodes)
    if args.json:
        out = insights_to_dict(insights)
        out["safety_net"] = [_safety_net_dict(ep, a) for ep, a in nets if a is not None]
        print(json.dumps(out, indent=2, ensure_ascii=False))  # noqa: T201
    else:
        text = format_insights(insights)
        for ep, a in nets:
            text += "\n\n" + "\n".join(_safety_net_text(ep, a))
        print(text)  # noqa: T201
    if args.plot is not None:
        print(f"Chart written to {args.plot}", file=sys.stderr)  # noqa: T201
    return 0
