"""A small progress bar on stderr for long imports and exports; silent when stderr is not a terminal."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TextIO

__all__ = ["progress_bar"]

_WIDTH = 30


def progress_bar(label: str, *, stream: TextIO | None = None, minimum: int = 1000) -> Callable[[int, int], None] | None:
    """A callback `(done, total)` drawing a bar, or None when stderr is not a TTY. Small jobs (under
    `minimum` items) draw nothing."""
    out = stream if stream is not None else sys.stderr
    if not out.isatty():
        return None

    def draw(done: int, total: int) -> None:
        if total < minimum:
            return
        filled = _WIDTH * done // max(total, 1)
        end = "\n" if done >= total else ""
        out.write(f"\r{label} [{'#' * filled}{'.' * (_WIDTH - filled)}] {done}/{total}{end}")
        out.flush()

    return draw
