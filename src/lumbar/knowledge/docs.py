"""Render the red-flag rules as a Markdown reference (docs/red-flags.md), so the docs cannot drift.

Regenerate with: python -m lumbar.knowledge.docs > docs/red-flags.md
"""

from __future__ import annotations

import sys

from lumbar.knowledge.learn import describe_expr
from lumbar.knowledge.loader import default_kb
from lumbar.knowledge.models import KnowledgeBase

__all__ = ["red_flag_reference"]


def red_flag_reference(kb: KnowledgeBase) -> str:
    lines = [
        "# Red-flag rules",
        "",
        "Generated from `src/lumbar/knowledge/data/rules.yaml` by `python -m lumbar.knowledge.docs`;",
        "`tests/test_docs.py` fails when this file is out of date. Weak flags (IFOMPT 2020) escalate only",
        "in combination: "
        + "; ".join(f"{w.at_least}+ give `{w.urgency.value}`" for w in kb.weak_flag_escalations)
        + ".",
        "",
        "| id | urgency | fires when | sources |",
        "|---|---|---|---|",
    ]
    for r in kb.rules:
        weak = " (weak flag)" if r.weak else ""
        sources = ", ".join(r.sources)
        when = describe_expr(r.when, kb)
        lines.append(f"| `{r.id}` | `{r.urgency.value}`{weak} | **{r.label}**: {when} | {sources} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(red_flag_reference(default_kb()))
