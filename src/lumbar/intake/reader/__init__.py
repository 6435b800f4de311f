"""The free-text reader: a person's own words (or a clinical note) into findings and values.

    >>> from lumbar.knowledge import default_kb
    >>> reading = read("threw my back out lifting, no tingling, peeing's fine", kb=default_kb())

Negation, hypotheticals, history and other people are handled with medspaCy's ConText; the
phrases come from the `phrases` of each finding in the knowledge base.
"""

from lumbar.intake.reader.reader import NOT_UNDERSTOOD, TRUNCATED, read

__all__ = ["NOT_UNDERSTOOD", "TRUNCATED", "read"]
