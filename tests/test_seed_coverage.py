"""Every claim in the four seed pages is held somewhere in the knowledge base.

`seed_claims.yaml` lists each distinct claim of each seed page with typed references into the knowledge
base. These tests fail when a claim maps to nothing or to an id that does not exist, and report every
problem at once so one run shows the whole gap.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Literal

import pytest
import yaml
from pydantic import BaseModel, ConfigDict, Field

from lumbar.knowledge import KnowledgeBase, load_kb
from lumbar.knowledge.models import SourceKind

CLAIMS_FILE = Path(__file__).with_name("seed_claims.yaml")
SEEDS = ("seed_000", "seed_001", "seed_002", "seed_003")


class SeedClaim(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^s\d{3}_[a-z0-9_]+$")
    seed: str
    category: Literal[
        "cause",
        "symptom",
        "red_flag",
        "diagnosis",
        "treatment",
        "prevention",
        "when_to_see",
        "natural_history",
        "definition",
    ]
    claim: str = Field(min_length=10)
    kb: list[str]


def _known_ids(kb: KnowledgeBase) -> dict[str, Callable[[str], bool]]:
    conflicts = {c.id for c in kb.seed_conflicts}
    rules = {r.id for r in kb.rules}
    return {
        "finding": kb.findings.__contains__,
        "rule": rules.__contains__,
        "condition": kb.conditions.__contains__,
        "factor": kb.factors.__contains__,
        "care": kb.care.__contains__,
        "conflict": conflicts.__contains__,
        "source": kb.sources.__contains__,
    }


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


@pytest.fixture(scope="module")
def claims() -> list[SeedClaim]:
    raw = yaml.safe_load(CLAIMS_FILE.read_text(encoding="utf-8"))
    return [SeedClaim.model_validate(item) for item in raw]


def test_claim_ids_are_unique_and_prefixed_by_their_seed(claims: list[SeedClaim]) -> None:
    counts = Counter(c.id for c in claims)
    duplicates = sorted(cid for cid, n in counts.items() if n > 1)
    assert not duplicates, f"duplicate claim ids: {duplicates}"
    mismatched = [c.id for c in claims if not c.id.startswith("s" + c.seed.removeprefix("seed_") + "_")]
    assert not mismatched, f"claim id prefix does not match its seed: {mismatched}"


def test_every_seed_has_claims(claims: list[SeedClaim], kb: KnowledgeBase) -> None:
    seed_sources = {s.id for s in kb.sources.values() if s.kind is SourceKind.SEED}
    assert seed_sources == set(SEEDS), "the knowledge base should cite exactly the four seed pages"
    per_seed = Counter(c.seed for c in claims)
    assert set(per_seed) <= set(SEEDS), f"claims name unknown seeds: {set(per_seed) - set(SEEDS)}"
    missing = [s for s in SEEDS if per_seed[s] == 0]
    assert not missing, f"seeds without claims: {missing}"


def test_every_claim_maps_to_existing_knowledge(claims: list[SeedClaim], kb: KnowledgeBase) -> None:
    known = _known_ids(kb)
    problems: list[str] = []
    for c in claims:
        if not c.kb:
            problems.append(f"{c.id}: no kb entry")
        for ref in c.kb:
            kind, _, ref_id = ref.partition(":")
            if kind not in known or not ref_id:
                problems.append(f"{c.id}: malformed reference {ref!r} (use one of {sorted(known)})")
            elif not known[kind](ref_id):
                problems.append(f"{c.id}: unknown {kind} {ref_id!r}")
    assert not problems, f"{len(problems)} seed-coverage problems:\n  " + "\n  ".join(problems)


def test_each_seed_conflict_is_tied_to_a_claim_of_its_own_seed(claims: list[SeedClaim], kb: KnowledgeBase) -> None:
    conflict_seed = {c.id: c.seed for c in kb.seed_conflicts}
    claimed_by: dict[str, set[str]] = {cid: set() for cid in conflict_seed}
    problems: list[str] = []
    for c in claims:
        for ref in c.kb:
            kind, _, ref_id = ref.partition(":")
            if kind == "conflict" and ref_id in conflict_seed:
                claimed_by[ref_id].add(c.seed)
                if conflict_seed[ref_id] != c.seed:
                    problems.append(f"{c.id} ({c.seed}) cites {ref_id}, which is about {conflict_seed[ref_id]}")
    problems += [f"seed conflict {cid} is not tied to any claim" for cid, s in claimed_by.items() if not s]
    assert not problems, "\n  ".join(problems)


def test_seed_citations_in_care_and_factors_are_backed_by_claims(claims: list[SeedClaim], kb: KnowledgeBase) -> None:
    """A care item or factor that cites a seed must be one that seed's claims point to."""
    backed = {(c.seed, ref) for c in claims for ref in c.kb}
    problems: list[str] = []
    cited: list[tuple[str, list[str]]] = [(f"care:{i.id}", i.sources) for i in kb.care.values()]
    cited += [(f"factor:{f.id}", f.sources) for f in kb.factors.values()]
    for ref, sources in cited:
        for seed in (s for s in sources if s in SEEDS):
            if (seed, ref) not in backed:
                problems.append(f"{ref} cites {seed}, but no {seed} claim maps to it")
    assert not problems, f"{len(problems)} unbacked seed citations:\n  " + "\n  ".join(problems)
