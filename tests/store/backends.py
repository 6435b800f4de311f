"""What a storage test runs on: a backend name, its data folder and database URL."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lumbar.settings import Settings, load_settings


@dataclass(frozen=True)
class Backend:
    name: str  # sqlite | postgresql
    data_dir: Path
    url: str

    @property
    def env(self) -> dict[str, str]:
        return {"LUMBAR_DATA_DIR": str(self.data_dir), "LUMBAR_DATABASE_URL": self.url}

    def settings(self) -> Settings:
        return load_settings(self.env)
