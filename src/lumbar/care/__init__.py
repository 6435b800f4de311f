"""Care: the self-care and prevention plan, and medication safety checks."""

from lumbar.care.plan import MedicationNote, Plan, PlanStep, build_plan

__all__ = ["MedicationNote", "Plan", "PlanStep", "build_plan"]
