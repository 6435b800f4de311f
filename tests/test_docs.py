"""Docs that cannot drift (STYLE.md habit 12): commands, rule ids and the quickstart are documented."""

from __future__ import annotations

from pathlib import Path

from lumbar.cli import build_parser
from lumbar.knowledge import KnowledgeBase
from lumbar.knowledge.docs import red_flag_reference

ROOT = Path(__file__).resolve().parent.parent


def _subcommands() -> list[str]:
    parser = build_parser()
    actions = [a for a in parser._actions if a.dest == "command"]
    return sorted(actions[0].choices)  # type: ignore[arg-type]


def test_red_flag_reference_is_current(kb: KnowledgeBase) -> None:
    current = (ROOT / "docs" / "red-flags.md").read_text(encoding="utf-8")
    assert current == red_flag_reference(kb), "run: python -m lumbar.knowledge.docs > docs/red-flags.md"


def test_every_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [c for c in _subcommands() if f"lumbar {c}" not in readme]
    assert not missing


def test_quickstart_is_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = readme.split("## Quickstart", 1)[1].split("##", 1)[0]
    commands = [line.strip() for line in quick.splitlines() if line.strip().startswith("make ")]
    assert commands == ["make run", "make test"]


def test_glossary_defines_the_core_terms() -> None:
    glossary = (ROOT / "GLOSSARY.md").read_text(encoding="utf-8").lower()
    for term in ("red flag", "urgency level", "finding", "episode", "entry"):
        assert f"**{term}" in glossary
