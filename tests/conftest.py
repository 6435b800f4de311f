from __future__ import annotations

from datetime import UTC, datetime

import pytest

from lumbar.knowledge import KnowledgeBase, default_kb


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return default_kb()


@pytest.fixture(scope="session")
def now() -> datetime:
    # The clock is passed in, never read by the core: any fixed instant will do.
    return datetime(2026, 11, 21, 9, 30, tzinfo=UTC)
