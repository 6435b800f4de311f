"""The web app on each storage backend (SQLite and PostgreSQL): the same routes, the same results."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator

import pytest
from backends import Backend

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)  # Starlette's notice about which httpx is installed
    from fastapi.testclient import TestClient

from lumbar.web import create_app


@pytest.fixture
def client(backend: Backend) -> Iterator[TestClient]:
    app = create_app(backend.settings())
    with TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False) as c:
        yield c


def test_web_diary_round_trip(client: TestClient) -> None:
    csrf = re.search(r'name="csrf" value="([^"]+)"', client.get("/diary").text).group(1)  # type: ignore[union-attr]
    assert client.post("/diary/entries", data={"csrf": csrf, "pain": "6", "tried": ["heat"]}).status_code == 200
    assert client.post("/api/entries", json={"pain": 4, "notes": "a bit easier after a walk"}).status_code == 201
    saved = client.post("/check/save", data={"csrf": csrf, "text": "lower back spasm after lifting", "age": "30"})
    assert saved.status_code == 200
    episodes = client.get("/api/episodes").json()
    assert len(episodes) == 1 and episodes[0]["entries"] == 2 and len(episodes[0]["assessments"]) == 1
    assert client.post("/api/entries", json={"pain": 14}).status_code == 422
    assert [e["pain"] for e in client.get("/api/entries").json()] == [6, 4]
    assert client.get("/insights").status_code == 200
    assert client.get("/report/download?section=summary&format=html").status_code == 200
    done = client.post("/data/delete", data={"csrf": csrf, "confirm": "delete"})
    assert done.status_code == 200
    assert client.get("/api/entries").json() == [] and client.get("/api/episodes").json() == []
