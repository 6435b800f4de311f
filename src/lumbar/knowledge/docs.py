"""Render the red-flag rules as a Markdown reference (docs/red-flags.md), so the docs cannot drift.

Regenerate with: python -m lumbar.knowledge.docs > docs/red-flags.md
"""

from __future__ import annotations

import sys

from lumbar.knowledge.loader import default_kb
from lumbar.knowledge.models import AllOf, AnyOf, AtLeast, Expr, KnowledgeBase, ValueTest

__all__ = ["describe", "red_flag_reference"]


def describe(expr: Expr, kb: KnowledgeBase) -> str:
    """An expression in words: finding labels joined by and / or."""
    if isinstance(expr, str):
        return kb.findings[expr].label.lower() if expr in kb.findings else expr
    if isinstance(expr, ValueTest):
        bounds = [(">=", expr.gte), (">", expr.gt), ("<=", expr.lte), ("<", expr.lt)]
        return " and ".join(f"{expr.value.replace('_', ' ')} {op} {v:g}" for op, v in bounds if v is not None)
    if isinstance(expr, AllOf):
        return "(" + " AND ".join(describe(e, kb) for e in expr.all) + ")"
    if isinstance(expr, AnyOf):
        return "(" + " OR ".join(describe(e, kb) for e in expr.any) + ")"
    if isinstance(expr, AtLeast):
        return f"(at least {expr.at_least} of: " + "; ".join(describe(e, kb) for e in expr.of) + ")"
    return "?"  # pragma: no cover - the Expr union is closed


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
        lines.append(f"| `{r.id}` | `{r.urgency.value}`{weak} | **{r.label}**: {describe(r.when, kb)} | {sources} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(red_flag_reference(default_kb()))
