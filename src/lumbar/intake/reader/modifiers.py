"""A token-pattern matcher for the ConText rules: spaCy's `Matcher` results, for the patterns we write.

medspaCy's ConText finds its modifiers ("no", "history of", "my dad has") with spaCy's `Matcher`. Our
rules' tokens are mostly `{"LOWER": {"IN": [...]}}`, a set test that spaCy runs as a Python call for
every pattern at every token: about 2,400 calls, over a millisecond, for a short narrative, most of
the reader's time. `TokenPatternMatcher` gives the same matches (the same `(match_id, start, end)`
triples, in the same order for equal spans, which medspaCy's overlap pruning depends on) by trying
only the rules whose first token can be the word at hand, with plain set look-ups.

The patterns it takes are the subset `context_rules.py` uses; anything else is refused when the rule is
added, never silently matched differently:

- a token is a dict of `LOWER` (a string, `{"IN": [...]}` or `{"REGEX": "..."}`) and/or `IS_PUNCT`
  (`True`/`False`), with an optional `OP` of `"?"` or `"*"`;
- like spaCy, a match is every way the pattern fits (each length an optional or repeated token allows),
  never empty, and each `(rule, start, end)` once.

`tests/test_reader_modifiers.py` compares it with spaCy's `Matcher` on the extraction corpus and on
generated texts made of the rules' own words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["TokenPatternMatcher", "UnsupportedPattern"]

_OPS = frozenset({None, "?", "*"})


class UnsupportedPattern(ValueError):
    """A token pattern outside the subset `TokenPatternMatcher` matches exactly as spaCy does."""


@dataclass(frozen=True)
class _Token:
    words: frozenset[str] | None  # LOWER is one of these (None: any)
    regex: re.Pattern[str] | None  # LOWER has a match of this (`re.search`, as spaCy)
    punct: bool | None  # IS_PUNCT is this (None: either)
    optional: bool  # OP "?" or "*"
    repeat: bool  # OP "*"

    def fits(self, lower: str, punct: bool) -> bool:
        if self.words is not None and lower not in self.words:
            return False
        if self.regex is not None and self.regex.search(lower) is None:
            return False
        return self.punct is None or self.punct is punct


def _token(spec: dict[str, Any]) -> _Token:
    unknown = set(spec) - {"LOWER", "IS_PUNCT", "OP"}
    if unknown:
        raise UnsupportedPattern(f"token attributes {sorted(unknown)} are not supported")
    op = spec.get("OP")
    if op not in _OPS:
        raise UnsupportedPattern(f"OP {op!r} is not supported")
    words: frozenset[str] | None = None
    regex: re.Pattern[str] | None = None
    lower = spec.get("LOWER")
    if isinstance(lower, str):
        words = frozenset({lower})
    elif isinstance(lower, dict) and set(lower) == {"IN"} and all(isinstance(w, str) for w in lower["IN"]):
        words = frozenset(lower["IN"])
    elif isinstance(lower, dict) and set(lower) == {"REGEX"} and isinstance(lower["REGEX"], str):
        regex = re.compile(lower["REGEX"])
    elif lower is not None:
        raise UnsupportedPattern(f"LOWER {lower!r} is not supported")
    punct = spec.get("IS_PUNCT")
    if punct is not None and not isinstance(punct, bool):
        raise UnsupportedPattern(f"IS_PUNCT {punct!r} is not supported")
    return _Token(words, regex, punct, optional=op in ("?", "*"), repeat=op == "*")


def _first_words(tokens: Sequence[_Token]) -> frozenset[str] | None:
    """The words a match can start with, or None when it could start at any token."""
    out: set[str] = set()
    for token in tokens:
        if token.words is None:
            return None
        out |= token.words
        if not token.optional:
            return frozenset(out)
    return None  # every token optional: spaCy would match at any token


class TokenPatternMatcher:
    """Stands in for spaCy's `Matcher` inside medspaCy's matcher: `add(key, [pattern])`, then
    `matcher(doc)` gives `(match_id, start, end)` triples, where `match_id` is the key's hash."""

    def __init__(self, vocab: Any) -> None:
        self._vocab = vocab
        self._rules: list[tuple[int, tuple[_Token, ...]]] = []
        self._by_word: dict[str, list[int]] = {}  # rule indexes by a word a match can start with
        self._anywhere: list[int] = []  # rules that can start at any token

    def __len__(self) -> int:
        return len(self._rules)

    def add(self, key: str, patterns: Sequence[Sequence[dict[str, Any]]], on_match: Any = None) -> None:
        if on_match is not None:
            raise UnsupportedPattern("on_match callbacks are not supported")
        match_id = self._vocab.strings.add(key)
        for pattern in patterns:
            tokens = tuple(_token(spec) for spec in pattern)
            if not tokens or all(t.optional for t in tokens):
                raise UnsupportedPattern(f"pattern {key!r} has no required token")
            index = len(self._rules)
            self._rules.append((match_id, tokens))
            first = _first_words(tokens)
            if first is None:
                self._anywhere.append(index)
            else:
                for word in first:
                    self._by_word.setdefault(word, []).append(index)

    def __call__(self, doc: Any) -> list[tuple[int, int, int]]:
        lowers = [t.lower_ for t in doc]
        puncts = [t.is_punct for t in doc]
        found: list[tuple[int, int, int, int]] = []
        for start, lower in enumerate(lowers):
            for index in sorted({*self._by_word.get(lower, ()), *self._anywhere}):
                match_id, tokens = self._rules[index]
                for end in _ends(tokens, lowers, puncts, start):
                    found.append((start, end, index, match_id))
        found.sort()
        return [(match_id, start, end) for start, end, _, match_id in found]


def _closure(states: set[int], tokens: Sequence[_Token]) -> set[int]:
    """The pattern positions reachable by skipping optional tokens."""
    out = set(states)
    stack = list(states)
    while stack:
        i = stack.pop()
        if i < len(tokens) and tokens[i].optional and i + 1 not in out:
            out.add(i + 1)
            stack.append(i + 1)
    return out


def _ends(tokens: Sequence[_Token], lowers: Sequence[str], puncts: Sequence[bool], start: int) -> list[int]:
    """Every end (exclusive) of a non-empty match of the pattern starting at `start`, ascending."""
    ends: list[int] = []
    states = _closure({0}, tokens)
    i = start
    while states and i < len(lowers):
        following: set[int] = set()
        for s in states:
            if s < len(tokens) and tokens[s].fits(lowers[i], puncts[i]):
                following.add(s + 1)
                if tokens[s].repeat:
                    following.add(s)
        states = _closure(following, tokens)
        i += 1
        if len(tokens) in states:
            ends.append(i)
    return ends
