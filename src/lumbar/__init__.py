"""lumbar: triage, self-care and a diary for lower back spasms, with a source for every answer."""

__version__ = "0.1.0"
__all__ = ["__version__"]
