"""The pure core never imports web, storage or HTTP code (STYLE.md habit 1), checked on the source."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import lumbar

CORE = ("knowledge", "intake", "triage", "care", "diary")
FORBIDDEN = re.compile(
    r"^(fastapi|sqlalchemy|starlette|jinja2|httpx|alembic|psycopg|uvicorn|lumbar\.(web|store|cli|report|interop))\b"
)
ROOT = Path(lumbar.__file__).parent


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


def test_core_imports_nothing_from_the_edges() -> None:
    offenders = []
    for package in CORE:
        for path in (ROOT / package).rglob("*.py") if (ROOT / package).exists() else []:
            offenders += [f"{path.relative_to(ROOT)}: {name}" for name in _imports(path) if FORBIDDEN.match(name)]
    assert not offenders


def test_core_never_reads_the_clock() -> None:
    offenders = []
    for package in CORE:
        for path in (ROOT / package).rglob("*.py") if (ROOT / package).exists() else []:
            text = path.read_text(encoding="utf-8")
            if re.search(r"\b(datetime\.now|datetime\.utcnow|date\.today|time\.time)\(", text):
                offenders.append(str(path.relative_to(ROOT)))
    assert not offenders
