"""Settings come from the environment, in one typed object; SQLite in the data directory by default."""

from __future__ import annotations

from pathlib import Path

import pytest

from lumbar.settings import SettingsError, load_settings


def test_default_is_sqlite_in_the_user_data_directory() -> None:
    from platformdirs import user_data_dir

    s = load_settings({})
    assert s.data_dir == Path(user_data_dir("lumbar", appauthor=False))
    assert s.database_url == f"sqlite:///{s.data_dir / 'lumbar.db'}" and s.backend == "sqlite"


def test_data_dir_override(tmp_path: Path) -> None:
    s = load_settings({"LUMBAR_DATA_DIR": str(tmp_path)})
    assert s.database_url == f"sqlite:///{tmp_path / 'lumbar.db'}"
    assert s.backup_dir == tmp_path / "backups"


@pytest.mark.parametrize(
    ("raw", "url"),
    [
        ("postgresql://u@h:5432/d", "postgresql+psycopg://u@h:5432/d"),
        ("postgres://u@h/d", "postgresql+psycopg://u@h/d"),
        ("postgresql+psycopg://u@h/d", "postgresql+psycopg://u@h/d"),
        ("sqlite:////tmp/x.db", "sqlite:////tmp/x.db"),
    ],
)
def test_database_url(raw: str, url: str) -> None:
    s = load_settings({"LUMBAR_DATABASE_URL": raw, "LUMBAR_DATA_DIR": "/tmp/lumbar"})  # noqa: S108
    assert s.database_url == url
    assert s.backend == url.split(":")[0].split("+")[0]


def test_an_unsupported_url_is_refused_without_echoing_it() -> None:
    with pytest.raises(SettingsError) as info:
        load_settings({"LUMBAR_DATABASE_URL": "mysql://root:hunter2@db/x"})
    assert "hunter2" not in str(info.value)


def test_sqlite_file() -> None:
    assert load_settings({"LUMBAR_DATA_DIR": "/tmp/lumbar"}).sqlite_file == Path("/tmp/lumbar/lumbar.db")  # noqa: S108
    assert load_settings({"LUMBAR_DATABASE_URL": "sqlite:////srv/d.db", "LUMBAR_DATA_DIR": "/x"}).sqlite_file == Path(
        "/srv/d.db"
    )
    assert load_settings({"LUMBAR_DATABASE_URL": "sqlite:///:memory:", "LUMBAR_DATA_DIR": "/x"}).sqlite_file is None
    assert load_settings({"LUMBAR_DATABASE_URL": "postgresql://u@h/db", "LUMBAR_DATA_DIR": "/x"}).sqlite_file is None
