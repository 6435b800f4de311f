"""Evaluation: measure the free-text reader and the triage against annotated corpora."""
