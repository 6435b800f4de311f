"""Intake: findings, the adaptive questionnaire, and free text read into findings."""

from lumbar.intake.model import Findings, Observation, Profile, Status, Values

__all__ = ["Findings", "Observation", "Profile", "Status", "Values"]
