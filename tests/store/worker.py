"""A separate process for the concurrency tests (run as a script, not collected by pytest).

    worker.py log N GO_FILE      wait for GO_FILE, then log N entries, one transaction each
    worker.py import FILE DELAY  import FILE, printing 'writing' and sleeping DELAY s after each batch

The database comes from LUMBAR_DATA_DIR / LUMBAR_DATABASE_URL, as for the CLI.
"""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from lumbar import diary_service
from lumbar.settings import load_settings
from lumbar.store.database import open_database


def log(count: int, go: Path) -> None:
    db = open_database(load_settings())
    deadline = time.monotonic() + 30
    while not go.exists() and time.monotonic() < deadline:
        time.sleep(0.005)
    for i in range(count):
        with db.transaction() as session:
            diary_service.log_entry(session=session, now=datetime.now(UTC), pain=i % 11)
    db.dispose()


def slow_import(path: Path, delay: float) -> None:
    db = open_database(load_settings())

    def progress(done: int, total: int) -> None:
        print(f"writing {done}/{total}", flush=True)  # noqa: T201
        time.sleep(delay)

    with db.transaction() as session:
        diary_service.import_diary(path, session=session, progress=progress)
    print("committed", flush=True)  # noqa: T201


if __name__ == "__main__":
    if sys.argv[1] == "log":
        log(int(sys.argv[2]), Path(sys.argv[3]))
    else:
        slow_import(Path(sys.argv[2]), float(sys.argv[3]))
