"""Settings in one typed object, read from the environment (STYLE.md habit 7).

- `LUMBAR_DATA_DIR`: where lumbar keeps its files (default: the user's data directory, platformdirs).
- `LUMBAR_DATABASE_URL`: the diary database (default: SQLite file `lumbar.db` in the data directory).
  `postgresql://...` and `postgresql+psycopg://...` select PostgreSQL through psycopg 3.

No global state: call `load_settings()` where the settings are needed and pass the result on.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Settings", "SettingsError", "load_settings"]

APP_NAME = "lumbar"


class SettingsError(ValueError):
    """A setting that cannot be used; the message names the variable."""


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    database_url: str

    @property
    def backend(self) -> str:
        """'sqlite' or 'postgresql'."""
        return self.database_url.split(":", 1)[0].split("+", 1)[0]

    @property
    def sqlite_file(self) -> Path | None:
        """The SQLite database file this URL names (it may not exist yet); None for PostgreSQL or an
        in-memory database."""
        if self.backend != "sqlite":
            return None
        path = self.database_url.partition(":///")[2]
        return Path(path) if path and path != ":memory:" else None

    @property
    def backup_dir(self) -> Path:
        return self.data_dir / "backups"


def _database_url(raw: str) -> str:
    url = raw.strip()
    scheme = url.split("://", 1)[0] if "://" in url else ""
    if scheme in ("postgresql", "postgres"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    if scheme in ("postgresql+psycopg", "sqlite", "sqlite+pysqlite"):
        return url
    # Never echo the URL itself: it may hold a password.
    raise SettingsError(
        f"LUMBAR_DATABASE_URL must start with sqlite:/// or postgresql:// (got a {scheme or 'malformed'!r} URL)"
    )


def load_settings(environ: Mapping[str, str] = os.environ) -> Settings:
    raw_dir = environ.get("LUMBAR_DATA_DIR", "").strip()
    if raw_dir:
        data_dir = Path(raw_dir).expanduser()
    else:
        # Imported here: platformdirs is only needed when no data directory is given.
        from platformdirs import user_data_dir

        data_dir = Path(user_data_dir(APP_NAME, appauthor=False))
    raw_url = environ.get("LUMBAR_DATABASE_URL", "").strip()
    url = _database_url(raw_url) if raw_url else f"sqlite:///{data_dir / 'lumbar.db'}"
    return Settings(data_dir=data_dir, database_url=url)
