"""The result of triage: an Assessment and its parts, as frozen values."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from lumbar.care.plan import Plan
from lumbar.knowledge.models import Urgency
from lumbar.triage.differential import RankedCondition

__all__ = ["Assessment", "FactorMatch", "FiredRule", "OpenQuestion"]


@dataclass(frozen=True)
class FiredRule:
    id: str
    label: str
    urgency: Urgency
    weak: bool
    reason: str
    action: str
    findings: tuple[str, ...]  # finding ids (and value:NAME) that made it fire
    evidence: tuple[str, ...]  # the person's own words behind those findings
    sources: tuple[str, ...]


@dataclass(frozen=True)
class FactorMatch:
    id: str
    label: str
    findings: tuple[str, ...]
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class OpenQuestion:
    """A red-flag question the input did not settle."""

    id: str
    finding: str
    text: str


@dataclass(frozen=True)
class Assessment:
    urgency: Urgency
    urgency_reasons: tuple[str, ...]  # why this level: the rule ids or escalation that set it
    red_flags: tuple[FiredRule, ...]  # strongest first
    conditions: tuple[RankedCondition, ...]  # most likely first
    factors: tuple[FactorMatch, ...]
    plan: Plan
    safety_net: tuple[str, ...]
    unanswered: tuple[OpenQuestion, ...]
    knowledge_version: str
    assessed_at: datetime
