"""Browser fixtures: the real app under uvicorn in a background thread, and Debian's Chromium driven by
Playwright's sync API. Never a downloaded browser: `playwright install` is not used anywhere.

Without /usr/bin/chromium these tests skip, except with CI=true, where they fail (CI must run them)."""

from __future__ import annotations

import os
import socket
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from lumbar.knowledge import KnowledgeBase

HERE = Path(__file__).parent
CHROMIUM = Path("/usr/bin/chromium")
AXE = HERE / "vendor" / "axe.min.js"
SCREENSHOTS = HERE / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Reported by the page itself when a CSP directive blocks something (see `console_watch`).
_CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", function (e) {
  console.error("securitypolicyviolation: " + e.violatedDirective + " blocked " + (e.blockedURI || "inline"));
});
"""


def _unavailable(reason: str) -> None:
    """No browser here: a failure on CI (where the browser tests must run), a skip elsewhere."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: the browser tests must run; install Debian's chromium)", pytrace=False)
    pytest.skip(f"{reason}: the browser tests need Debian's chromium (apt-get install chromium)")


@dataclass
class LiveServer:
    """The app served by uvicorn on 127.0.0.1 in a thread, over its own SQLite data directory."""

    url: str
    data_dir: Path
    _server: Any = field(repr=False)
    _thread: threading.Thread = field(repr=False)
    _sock: socket.socket = field(repr=False)

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=15)
        self._sock.close()
        if self._thread.is_alive():
            raise RuntimeError("the uvicorn thread did not stop")


def start_server(data_dir: Path, kb: KnowledgeBase) -> LiveServer:
    import uvicorn

    from lumbar.settings import load_settings
    from lumbar.web import create_app

    app = create_app(load_settings({"LUMBAR_DATA_DIR": str(data_dir)}), kb=kb)
    # A socket bound here to port 0 gives a free port with no race; uvicorn serves on it.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=port,
        ws="none",  # no websockets: the app has none, and their import warns under filterwarnings=error
        lifespan="on",
        log_config=None,  # leave the test run's logging alone
        log_level="warning",
        access_log=False,
        timeout_graceful_shutdown=5,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            thread.join(timeout=5)
            sock.close()
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    return LiveServer(url=f"http://127.0.0.1:{port}", data_dir=data_dir, _server=server, _thread=thread, _sock=sock)


def _serving(kb: KnowledgeBase) -> Iterator[LiveServer]:
    with tempfile.TemporaryDirectory(prefix="lumbar-web-") as tmp:
        live = start_server(Path(tmp), kb)
        try:
            yield live
        finally:
            live.stop()


@pytest.fixture(scope="module")
def live_server(kb: KnowledgeBase) -> Iterator[LiveServer]:
    """One app per module, for the tests that do not care what the diary already holds."""
    yield from _serving(kb)


@pytest.fixture
def fresh_live_server(kb: KnowledgeBase) -> Iterator[LiveServer]:
    """An app with an empty diary of its own, for the tests that walk every page from an empty start."""
    yield from _serving(kb)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One Chromium per module (Debian's, headless)."""
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is not installed")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed (pip install -e '.[dev]')")
    SCREENSHOTS.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def new_context(browser: Any, server: LiveServer, **options: Any) -> Any:
    """A browser context on the live server whose pages report CSP violations to the console."""
    context = browser.new_context(base_url=server.url, **options)
    if options.get("java_script_enabled", True):
        context.add_init_script(script=_CSP_LISTENER)
    return context


@pytest.fixture(scope="module")
def open_page(browser: Any) -> Callable[..., AbstractContextManager[Any]]:
    """`with open_page(server, **context_options) as page:` a page in a fresh context (its own cookies)."""

    @contextmanager
    def opened(server: LiveServer, **options: Any) -> Iterator[Any]:
        options.setdefault("viewport", {"width": 1000, "height": 800})
        context = new_context(browser, server, **options)
        try:
            yield context.new_page()
        finally:
            context.close()

    return opened
