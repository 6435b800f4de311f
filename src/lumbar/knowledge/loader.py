"""Load the knowledge base from the YAML files in `data/` and check it hangs together.

Loading fails loudly (KnowledgeError) on a dangling reference, a claim without a source, or a
duplicate id: a knowledge base that loads is one whose every statement can be traced.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from lumbar.knowledge.models import (
    AllOf,
    AnyOf,
    AtLeast,
    Combination,
    Expr,
    KnowledgeBase,
    ValueTest,
)

__all__ = ["KnowledgeError", "default_kb", "expr_findings", "load_kb"]

_FILES = (
    "sources",
    "findings",
    "combinations",
    "rules",
    "conditions",
    "factors",
    "care",
    "questionnaire",
)
SCHEMA_VERSION = "1"


class KnowledgeError(ValueError):
    """The knowledge base is inconsistent; the message names the file and the problem."""


def _data_dir() -> Path:
    return Path(str(resources.files("lumbar.knowledge") / "data"))


# libyaml's loader is about ten times faster than the pure-Python one; same safe subset.
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read(path: Path) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 - a safe loader
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeError(f"{path.name}: cannot read: {exc}") from exc


def expr_findings(expr: Expr) -> Iterator[str]:
    """Every finding id an expression reads."""
    if isinstance(expr, str):
        yield expr
    elif isinstance(expr, AllOf):
        for e in expr.all:
            yield from expr_findings(e)
    elif isinstance(expr, AnyOf):
        for e in expr.any:
            yield from expr_findings(e)
    elif isinstance(expr, AtLeast):
        for e in expr.of:
            yield from expr_findings(e)
    elif isinstance(expr, ValueTest):
        return


def load_kb(data_dir: Path | None = None) -> KnowledgeBase:
    folder = data_dir or _data_dir()
    raw = {name: _read(folder / f"{name}.yaml") for name in _FILES}
    digest = hashlib.sha256()
    for name in _FILES:
        digest.update((folder / f"{name}.yaml").read_bytes())
    care = raw["care"] or {}
    rules = raw["rules"] or {}
    combinations = raw["combinations"] or {}
    try:
        kb = KnowledgeBase(
            version=f"{SCHEMA_VERSION}.{digest.hexdigest()[:12]}",
            sources=_by_id(raw["sources"], "sources"),
            findings=_by_id(raw["findings"], "findings"),
            word_classes=_by_id(combinations.get("word_classes", []), "combinations"),
            combinations=combinations.get("combinations", []),
            rules=rules.get("rules", []),
            weak_flag_escalations=rules.get("weak_flag_escalations", []),
            conditions=_by_id(raw["conditions"], "conditions"),
            factors=_by_id(raw["factors"], "factors"),
            care=_by_id(care.get("items", []), "care"),
            medication_cautions=care.get("medication_cautions", []),
            seed_conflicts=care.get("seed_conflicts", []),
            questions=raw["questionnaire"] or [],
        )
    except ValidationError as exc:
        raise KnowledgeError(f"knowledge base does not validate:\n{exc}") from exc
    problems = list(_dangling(kb))
    if problems:
        raise KnowledgeError("knowledge base has dangling references:\n  " + "\n  ".join(problems))
    return kb


def _by_id(items: Any, where: str) -> dict[str, Any]:
    if not isinstance(items, list):
        raise KnowledgeError(f"{where}.yaml: expected a list")
    out: dict[str, Any] = {}
    for item in items:
        key = item.get("id") if isinstance(item, dict) else None
        if not key:
            raise KnowledgeError(f"{where}.yaml: an entry has no id: {item!r:.80}")
        if key in out:
            raise KnowledgeError(f"{where}.yaml: duplicate id {key!r}")
        out[key] = item
    return out


def _dangling(kb: KnowledgeBase) -> Iterator[str]:
    sources, findings = kb.sources, kb.findings

    def cite(where: str, ids: list[str]) -> Iterator[str]:
        for sid in ids:
            if sid not in sources:
                yield f"{where}: unknown source {sid!r}"

    def uses(where: str, ids: Iterator[str] | list[str]) -> Iterator[str]:
        for fid in ids:
            if fid not in findings:
                yield f"{where}: unknown finding {fid!r}"

    for f in findings.values():
        yield from cite(f"finding {f.id}", f.sources)
    yield from _dangling_combinations(kb)
    seen_rules: set[str] = set()
    for r in kb.rules:
        if r.id in seen_rules:
            yield f"rule {r.id}: duplicate id"
        seen_rules.add(r.id)
        yield from cite(f"rule {r.id}", r.sources)
        yield from uses(f"rule {r.id}", expr_findings(r.when))
        for case in r.cases:
            yield from uses(f"rule {r.id} case {case.name!r}", case.present + case.absent)
        for cid in r.suggests:
            if cid not in kb.conditions:
                yield f"rule {r.id}: suggests unknown condition {cid!r}"
    for w in kb.weak_flag_escalations:
        yield from cite("weak_flag_escalation", w.sources)
    for c in kb.conditions.values():
        yield from cite(f"condition {c.id}", c.sources)
        for lr in c.likelihood_ratios:
            yield from cite(f"condition {c.id} LR {lr.key}", lr.sources)
            if lr.finding is not None:
                yield from uses(f"condition {c.id}", [lr.finding])
    for fa in kb.factors.values():
        yield from cite(f"factor {fa.id}", fa.sources)
        yield from uses(f"factor {fa.id}", fa.suggested_by)
        for pid in fa.prevention:
            if pid not in kb.care:
                yield f"factor {fa.id}: unknown care item {pid!r}"
    for item in kb.care.values():
        yield from cite(f"care {item.id}", item.sources)
    for mc in kb.medication_cautions:
        yield from cite(f"medication caution {mc.id}", mc.sources)
        yield from uses(f"medication caution {mc.id}", expr_findings(mc.when))
    for kind, ids in (
        ("medication caution", [m.id for m in kb.medication_cautions]),
        ("seed conflict", [c.id for c in kb.seed_conflicts]),
    ):
        for dup in sorted({i for i in ids if ids.count(i) > 1}):
            yield f"{kind} {dup}: duplicate id"
    for sc in kb.seed_conflicts:
        yield from cite(f"seed conflict {sc.id}", sc.sources)
        if sc.seed not in sources or sources[sc.seed].kind.value != "seed":
            yield f"seed conflict {sc.id}: {sc.seed!r} is not a seed source"
    qids: set[str] = set()
    for q in kb.questions:
        if q.id in qids:
            yield f"question {q.id}: duplicate id"
        qids.add(q.id)
        if q.finding is not None:
            yield from uses(f"question {q.id}", [q.finding])
        if q.ask_if is not None:
            yield from uses(f"question {q.id} ask_if", expr_findings(q.ask_if))


def _dangling_combinations(kb: KnowledgeBase) -> Iterator[str]:
    pairs: dict[tuple[str, str], list[Combination]] = {}
    markers = {f.id for f in kb.findings.values() if f.marker}
    for i, c in enumerate(kb.combinations):
        where = f"combination {i + 1} ({c.finding})"
        for pair in ((p, ch) for p in c.place for ch in c.change):
            for earlier in pairs.get(pair, []):
                if not c.excludes(earlier) and not {c.finding, earlier.finding} & markers:
                    yield f"{where}: place {pair[0]!r} with change {pair[1]!r} already names {earlier.finding!r}"
            pairs.setdefault(pair, []).append(c)
        if c.finding not in kb.findings:
            yield f"{where}: unknown finding {c.finding!r}"
        for role, ids in (("place", c.place), ("change", c.change), ("context", [*c.unless, *c.only_with])):
            for wid in ids:
                word_class = kb.word_classes.get(wid)
                if word_class is None:
                    yield f"{where}: unknown word class {wid!r}"
                elif word_class.role != role:
                    yield f"{where}: word class {wid!r} is a {word_class.role}, not a {role}"


@cache
def default_kb() -> KnowledgeBase:
    """The packaged knowledge base, loaded once per process."""
    return load_kb()
