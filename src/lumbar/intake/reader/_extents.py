"""Of things found over overlapping words, keep the longest (the one rule both the phrase targets and
the word classes of combinations settle by)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

__all__ = ["longest_first"]

T = TypeVar("T")


def longest_first(items: Iterable[T], extent: Callable[[T], tuple[int, int]], tie: Callable[[T], Any]) -> list[T]:
    """The items no longer item overlaps, longest first (then leftmost, then by `tie`). Items over the
    very same words are all kept; the caller chooses among them."""
    kept: list[T] = []
    taken: dict[int, tuple[int, int]] = {}
    for item in sorted(items, key=lambda i: (extent(i)[0] - extent(i)[1], extent(i)[0], tie(i))):
        start, end = extent(item)
        if any(taken[i] != (start, end) for i in range(start, end) if i in taken):
            continue
        kept.append(item)
        for i in range(start, end):
            taken[i] = (start, end)
    return kept
