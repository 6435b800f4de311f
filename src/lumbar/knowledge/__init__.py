"""The evidence base: versioned data files and their typed, validated loader."""

from lumbar.knowledge.loader import KnowledgeError, default_kb, load_kb
from lumbar.knowledge.models import KnowledgeBase, Urgency

__all__ = ["KnowledgeBase", "KnowledgeError", "Urgency", "default_kb", "load_kb"]
