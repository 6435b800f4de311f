from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from lumbar.knowledge import KnowledgeBase, default_kb


@pytest.fixture(scope="session", autouse=True)
def _no_personal_diary(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    # Commands that read the diary (`lumbar check` reads the stored profile) must never find the
    # developer's own: every test starts with an empty data folder and SQLite, unless it sets its own.
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("LUMBAR_DATA_DIR", str(tmp_path_factory.mktemp("no-diary")))
        mp.delenv("LUMBAR_DATABASE_URL", raising=False)
        yield


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return default_kb()


@pytest.fixture(scope="session")
def now() -> datetime:
    # The clock is passed in, never read by the core: any fixed instant will do.
    return datetime(2026, 11, 21, 9, 30, tzinfo=UTC)
