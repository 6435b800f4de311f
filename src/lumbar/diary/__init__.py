"""The diary: episodes and entries (domain types) and insights (pure analytics)."""

from lumbar.diary.model import AssessmentRecord, DiaryError, Entry, Episode, Treatment

__all__ = ["AssessmentRecord", "DiaryError", "Entry", "Episode", "Treatment"]
