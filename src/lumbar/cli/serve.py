"""`lumbar serve`: the local web app (what `make run` starts), on 127.0.0.1:8000 by default."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from lumbar.cli._store import bounded_int

__all__ = ["add_parser", "run"]


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "serve",
        help="the local web app in your browser",
        description="Start the local web app: check, plan, diary, insights and report in the browser, and a "
        "JSON API under /api. It listens on this computer only (127.0.0.1) unless --host says otherwise.",
    )
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this computer only)")
    p.add_argument("--port", type=bounded_int("port", 1, 65535), default=8000, help="port (default 8000)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from lumbar.settings import SettingsError, load_settings
    from lumbar.web import create_app

    try:
        settings = load_settings()
    except SettingsError as exc:
        print(f"lumbar serve: {exc}", file=sys.stderr)  # noqa: T201
        return 2
    hosts = () if args.host in ("127.0.0.1", "localhost", "::1") else (args.host,)
    app = create_app(settings, hosts=hosts)
    shown = "127.0.0.1" if args.host in ("0.0.0.0", "::") else args.host  # noqa: S104
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"lumbar serve: warning: listening on {args.host}, so other machines may reach it", file=sys.stderr)  # noqa: T201
    print(f"lumbar is running at http://{shown}:{args.port}/  (press Ctrl+C to stop)", file=sys.stderr)  # noqa: T201
    # access_log off: paths are harmless, but nothing about a person's visit needs recording at all.
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", access_log=False)
    return 0
