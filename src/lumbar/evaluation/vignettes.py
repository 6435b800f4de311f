"""The vignette suite: load cases, run them end to end through the reader and triage, and score.

Figures (per EVIDENCE.md section 6): per-level recall, emergency recall, safe rate (not
under-triaged), in-accept rate, over- and under-triage rates, top-3 condition accuracy, factor recall.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from lumbar.knowledge.models import KnowledgeBase, Urgency
from lumbar.service import check

__all__ = [
    "CaseResult",
    "Vignette",
    "VignetteError",
    "VignetteReport",
    "evaluate_vignettes",
    "format_vignette_report",
    "load_vignettes",
]


class VignetteError(ValueError):
    pass


@dataclass(frozen=True)
class Vignette:
    id: str
    text: str
    accept: tuple[Urgency, ...]  # first is the gold level
    conditions: tuple[str, ...]
    factors: tuple[str, ...]
    basis: str
    age: int | None = None
    sex: str | None = None

    @property
    def gold(self) -> Urgency:
        return self.accept[0]


@dataclass(frozen=True)
class CaseResult:
    vignette: Vignette
    urgency: Urgency
    top3: tuple[str, ...]
    factors: tuple[str, ...]
    red_flags: tuple[str, ...]

    @property
    def in_accept(self) -> bool:
        return self.urgency in self.vignette.accept

    @property
    def under(self) -> bool:
        return self.urgency.rank < min(u.rank for u in self.vignette.accept)

    @property
    def over(self) -> bool:
        return self.urgency.rank > max(u.rank for u in self.vignette.accept)

    @property
    def top3_hit(self) -> bool | None:
        if not self.vignette.conditions:
            return None
        return any(c in self.top3 for c in self.vignette.conditions)


@dataclass(frozen=True)
class VignetteReport:
    cases: tuple[CaseResult, ...]
    figures: dict[str, float] = field(default_factory=dict)


def load_vignettes(paths: Iterable[Path], *, kb: KnowledgeBase) -> list[Vignette]:
    out: list[Vignette] = []
    seen: set[str] = set()
    for path in paths:
        try:
            items = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            raise VignetteError(f"{path}: cannot read: {exc}") from exc
        if not isinstance(items, list):
            raise VignetteError(f"{path}: expected a YAML list of vignettes")
        for item in items:
            out.append(_vignette(item, path, kb, seen))
    return out


def _vignette(item: Any, path: Path, kb: KnowledgeBase, seen: set[str]) -> Vignette:
    where = f"{path}: {item.get('id', '?') if isinstance(item, dict) else '?'}"
    if not isinstance(item, dict) or not isinstance(item.get("text"), str) or not item.get("id"):
        raise VignetteError(f"{where}: needs an id and a text")
    vid = str(item["id"])
    if vid in seen:
        raise VignetteError(f"{where}: duplicate id")
    seen.add(vid)
    try:
        accept = tuple(Urgency(u) for u in item.get("accept") or [])
    except ValueError as exc:
        raise VignetteError(f"{where}: {exc}") from exc
    if not accept:
        raise VignetteError(f"{where}: accept needs at least one urgency level")
    conditions = tuple(item.get("conditions") or ())
    factors = tuple(item.get("factors") or ())
    unknown = [c for c in conditions if c not in kb.conditions] + [f for f in factors if f not in kb.factors]
    if unknown:
        raise VignetteError(f"{where}: unknown ids {unknown}")
    return Vignette(
        vid,
        item["text"],
        accept,
        conditions,
        factors,
        str(item.get("basis", "")),
        item.get("age"),
        item.get("sex"),
    )


def _ratio(n: int, d: int) -> float:
    return n / d if d else float("nan")


def evaluate_vignettes(vignettes: list[Vignette], *, kb: KnowledgeBase, now: datetime) -> VignetteReport:
    cases = []
    for v in vignettes:
        sex = v.sex if v.sex in ("female", "male") else None
        a = check(kb=kb, now=now, text=v.text, age=v.age, sex=sex).assessment  # type: ignore[arg-type]
        cases.append(
            CaseResult(
                v,
                a.urgency,
                tuple(c.id for c in a.conditions[:3]),
                tuple(f.id for f in a.factors),
                tuple(r.id for r in a.red_flags),
            )
        )
    n = len(cases)
    figures: dict[str, float] = {}
    for level in Urgency:
        gold = [c for c in cases if c.vignette.gold is level]
        figures[f"recall_{level.value}"] = _ratio(sum(c.urgency is level for c in gold), len(gold))
    emergencies = [c for c in cases if c.vignette.gold is Urgency.EMERGENCY]
    figures["emergency_recall"] = _ratio(sum(c.urgency is Urgency.EMERGENCY for c in emergencies), len(emergencies))
    figures["exact"] = _ratio(sum(c.urgency is c.vignette.gold for c in cases), n)
    figures["safe_rate"] = _ratio(sum(not c.under for c in cases), n)
    figures["in_accept"] = _ratio(sum(c.in_accept for c in cases), n)
    figures["over_triage"] = _ratio(sum(c.over for c in cases), n)
    figures["under_triage"] = _ratio(sum(c.under for c in cases), n)
    scored = [c for c in cases if c.top3_hit is not None]
    figures["top3_condition"] = _ratio(sum(bool(c.top3_hit) for c in scored), len(scored))
    wanted = sum(len(c.vignette.factors) for c in cases)
    found = sum(len(set(c.vignette.factors) & set(c.factors)) for c in cases)
    figures["factor_recall"] = _ratio(found, wanted)
    figures["cases"] = n
    return VignetteReport(tuple(cases), figures)


_LABELS = [
    ("cases", "cases"),
    ("emergency_recall", "emergency recall"),
    ("safe_rate", "safe rate (not under-triaged)"),
    ("in_accept", "in-accept rate"),
    ("exact", "exact (gold level)"),
    ("over_triage", "over-triage rate"),
    ("under_triage", "under-triage rate"),
    ("top3_condition", "top-3 condition accuracy"),
    ("factor_recall", "factor recall"),
    ("recall_emergency", "recall: emergency"),
    ("recall_urgent", "recall: urgent"),
    ("recall_routine", "recall: routine"),
    ("recall_self_care", "recall: self_care"),
]


def format_vignette_report(report: VignetteReport, *, show_misses: bool = True) -> str:
    f = report.figures
    lines = []
    for key, label in _LABELS:
        value = f[key]
        lines.append(f"{label:32} {int(value)}" if key == "cases" else f"{label:32} {value:7.1%}")
    if show_misses:
        lines.append("")
        for c in report.cases:
            problems = []
            if not c.in_accept:
                kind = "UNDER" if c.under else "over"
                problems.append(f"{kind}-triage: got {c.urgency.value}, accept {[u.value for u in c.vignette.accept]}")
            if c.top3_hit is False:
                problems.append(f"conditions {list(c.vignette.conditions)} not in top 3 {list(c.top3)}")
            missing = set(c.vignette.factors) - set(c.factors)
            if missing:
                problems.append(f"factors missed {sorted(missing)}")
            if problems:
                lines.append(f"MISS {c.vignette.id}: " + "; ".join(problems))
                lines.append(f"     text: {c.vignette.text[:160]}")
                lines.append(f"     fired: {list(c.red_flags)}")
    return "\n".join(lines)
