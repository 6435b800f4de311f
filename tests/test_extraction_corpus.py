"""The annotated extraction corpus loads, names only known findings, and covers what it promises."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from lumbar.evaluation.extraction import Snippet, load_corpus
from lumbar.intake.model import Status
from lumbar.knowledge.loader import default_kb

CORPUS_DIR = Path(__file__).parent / "extraction"
FILES = sorted(CORPUS_DIR.glob("*.yaml"))


@pytest.fixture(scope="module")
def corpus() -> list[Snippet]:
    return load_corpus(FILES, kb=default_kb())


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_each_file_loads_against_the_knowledge_base(path: Path) -> None:
    snippets = load_corpus([path], kb=default_kb())
    assert snippets, f"{path.name} has no snippets"


def test_the_corpus_is_large_enough_and_mixes_voices(corpus: list[Snippet]) -> None:
    assert len(corpus) >= 320
    styles = Counter(s.style for s in corpus)
    assert min(styles["patient"], styles["clinical"]) >= 0.35 * len(corpus), styles


def test_every_red_flag_is_covered_present_and_negated(corpus: list[Snippet]) -> None:
    kb = default_kb()
    counts: Counter[tuple[str, Status]] = Counter((fid, status) for s in corpus for fid, status in s.findings.items())
    short = [
        f"{f.id}: {counts[f.id, Status.PRESENT]} present, {counts[f.id, Status.ABSENT]} absent"
        for f in kb.findings.values()
        if f.red_flag and (counts[f.id, Status.PRESENT] < 4 or counts[f.id, Status.ABSENT] < 3)
    ]
    assert not short, "red flags under-covered:\n" + "\n".join(short)


def test_the_corpus_has_traps_and_texts_with_nothing_to_find(corpus: list[Snippet]) -> None:
    uncertain = [s for s in corpus if Status.UNCERTAIN in s.findings.values()]
    empty = [s for s in corpus if not s.findings]
    assert len(uncertain) >= 25
    assert len(empty) >= 5


def test_every_value_kind_is_annotated_somewhere(corpus: list[Snippet]) -> None:
    kinds = Counter(name for s in corpus for name in s.values)
    wanted = ("age", "sex", "pain_score", "temperature_c", "duration_days", "pregnancy_weeks", "side", "course")
    assert all(kinds[k] >= 3 for k in wanted), kinds


def test_snippet_ids_are_unique_and_texts_are_distinct(corpus: list[Snippet]) -> None:
    texts = Counter(s.text.strip().lower() for s in corpus)
    assert not [t for t, n in texts.items() if n > 1]
