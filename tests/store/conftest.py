"""The `backend` fixture: every storage test runs on SQLite (a temporary file) and on PostgreSQL (a
database of its own, created and dropped around the test). PostgreSQL unreachable: with CI=true the
tests fail; elsewhere they skip, saying why."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from backends import Backend

from lumbar.store.database import Database, open_database

PG_ADMIN = os.environ.get("LUMBAR_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres")


def _admin():  # type: ignore[no-untyped-def]
    import psycopg

    return psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=3)


def _postgres_or_skip() -> None:
    try:
        _admin().close()
    except Exception as exc:
        reason = f"PostgreSQL is not reachable at {PG_ADMIN.split('@')[-1]}: {str(exc).strip().splitlines()[0]}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{reason} (CI=true: the storage tests must run on PostgreSQL too)")
        print(f"skipping: {reason}")  # noqa: T201
        pytest.skip(reason)


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Backend]:
    if request.param == "sqlite":
        yield Backend("sqlite", tmp_path, f"sqlite:///{tmp_path / 'diary.db'}")
        return
    _postgres_or_skip()
    name = f"lumbar_test_{secrets.token_hex(6)}"
    with _admin() as admin:
        admin.execute(f"CREATE DATABASE {name}")
    base = PG_ADMIN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1)
    try:
        yield Backend("postgresql", tmp_path, f"{base}/{name}")
    finally:
        with _admin() as admin:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                (name,),
            )
            admin.execute(f"DROP DATABASE IF EXISTS {name}")


@pytest.fixture
def db(backend: Backend) -> Iterator[Database]:
    database = open_database(backend.settings())
    try:
        yield database
    finally:
        database.dispose()


# --- which backends ran (printed at the end of the run, for CI logs) --------------------------------

_RAN: dict[str, dict[str, int]] = {}


def _backend_of(nodeid: str) -> str | None:
    params = nodeid.rsplit("[", 1)[-1].rstrip("]").split("-") if nodeid.endswith("]") else []
    return next((p for p in params if p in ("sqlite", "postgresql")), None)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    name = _backend_of(report.nodeid)
    if name is None or (report.when != "call" and not (report.skipped or report.failed)):
        return
    counts = _RAN.setdefault(name, {"passed": 0, "failed": 0, "skipped": 0})
    counts[report.outcome] += 1


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _RAN:
        ran = "; ".join(
            f"{name}: " + ", ".join(f"{n} {outcome}" for outcome, n in counts.items() if n)
            for name, counts in sorted(_RAN.items())
        )
        terminalreporter.write_line(f"storage backends: {ran}")
