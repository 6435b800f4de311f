"""Triage: red-flag rules to urgency, the differential, and assess()."""

from lumbar.triage.engine import assess
from lumbar.triage.model import Assessment, FactorMatch, FiredRule, OpenQuestion

__all__ = ["Assessment", "FactorMatch", "FiredRule", "OpenQuestion", "assess"]
