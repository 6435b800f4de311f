"""A lazy target matcher: medspaCy's regex target matching, without compiling every phrase up front.

medspaCy's `TargetMatcher` compiles each rule's regular expression when the rule is added: for our
lexicon about 150 expressions, 320 kB of pattern text, most of a second of every start-up before the
first text is read. `LazyTargetMatcher` finds exactly the same spans (same rules in the same order, same
token boundaries, same attributes) but compiles one phrase's expression only when a text first has a
word that could start a match of it (`lexicon.phrase_starts`) and the other words it needs
(`lexicon.phrase_needs`), and tries it only at those words.

Semantics copied from `medspacy.common.regex_matcher.RegexMatcher` (the TargetMatcher in group mode,
no pruning): each rule's expression, the alternation of its phrases, is compiled with `re.IGNORECASE`
and run with `finditer` over `doc.text_with_ws`; a match that does not fall on token boundaries is
widened to them (start to the left, end to the right); an empty span is dropped.

Why trying phrases separately gives the same matches: `finditer` over `p1|p2|...` scans positions left
to right from the end of the previous match, and at each position returns the match of the first
phrase that matches there. A phrase can only match where a word starts (every expression begins with
a lookbehind: no letter, digit or apostrophe just before) and the text begins like one of its
`starts` (case folded as `re` does), and only if the text has its `needs`, so positions and phrases
that fail those tests would fail in the alternation too. No phrase matches empty text (each has a
required word), so the next scan starts at the end of the match, as in `finditer`.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from lumbar.intake.reader.lexicon import PhraseRule

__all__ = ["LazyTargetMatcher", "word_starts"]

_KEY_CHARS = 3  # phrase starts are looked up by their first (up to) three characters
_WORD_START = re.compile(r"(?<![\w'])\S")  # where an expression can start: see the module docstring


@lru_cache(maxsize=1024)
def _fold_char(ch: str) -> str:
    """The ASCII letter a non-ASCII character matches case-insensitively in `re` (the Kelvin sign
    matches "k", the long s "s", dotted capital I "i"), else the character itself."""
    for letter in string.ascii_lowercase:
        if re.fullmatch(letter, ch, re.IGNORECASE):
            return letter
    return ch


def _fold(text: str) -> str:
    """Lower case as `re.IGNORECASE` sees it, for comparing with the ASCII phrase starts; one character
    for one, so offsets are kept."""
    if text.isascii():
        return text.lower()
    return "".join(ch.lower() if ch.isascii() else _fold_char(ch) for ch in text)


def word_starts(text: str) -> tuple[str, dict[str, list[int]]]:
    """The folded text, and the offsets where a match could start keyed by the first one to three
    folded characters there ("" for all of them)."""
    folded = _fold(text)
    at: dict[str, list[int]] = {"": []}
    for m in _WORD_START.finditer(text):
        start = m.start()
        at[""].append(start)
        for k in range(1, _KEY_CHARS + 1):
            key = folded[start : start + k]
            if len(key) == k:
                at.setdefault(key, []).append(start)
    return folded, at


class LazyTargetMatcher:
    """A spaCy component putting the target spans of `PhraseRule`s into `doc.spans[span_group_name]`."""

    def __init__(self, span_group_name: str, normal_attr: str) -> None:
        from spacy.tokens import Span

        if not Span.has_extension(normal_attr):
            Span.set_extension(normal_attr, default=False)
        self._group = span_group_name
        self._normal_attr = normal_attr
        self._rules: list[PhraseRule] = []
        # (rule, phrase, start) by the first characters of the start; phrases that can start anywhere
        self._index: dict[str, list[tuple[int, int, str]]] = {}
        self._anywhere: list[tuple[int, int]] = []
        self._compiled: dict[str, re.Pattern[str]] = {}

    def add(self, rules: Iterable[PhraseRule]) -> None:
        for rule in rules:
            r = len(self._rules)
            self._rules.append(rule)
            for p, phrase in enumerate(rule.phrases):
                if phrase.starts is None:
                    self._anywhere.append((r, p))
                    continue
                for start in phrase.starts:
                    self._index.setdefault(start[:_KEY_CHARS], []).append((r, p, start))

    @property
    def rules(self) -> list[PhraseRule]:
        return list(self._rules)

    @property
    def compiled_count(self) -> int:
        """How many phrase expressions have been compiled so far."""
        return len(self._compiled)

    def _pattern(self, source: str) -> re.Pattern[str]:
        pattern = self._compiled.get(source)
        if pattern is None:
            pattern = re.compile(source, re.IGNORECASE)
            self._compiled[source] = pattern  # a race only compiles twice; the result is the same
        return pattern

    def _candidates(self, text: str) -> dict[int, dict[int, set[int] | None]]:
        """For each rule, for each of its phrases that could match: the offsets it could match at
        (None: anywhere)."""
        folded, at = word_starts(text)
        found: dict[int, dict[int, set[int] | None]] = {}
        for key, offsets in at.items():
            for r, p, start in self._index.get(key, ()):
                here = offsets
                if len(start) > _KEY_CHARS:
                    here = [o for o in offsets if folded.startswith(start, o)]
                    if not here:
                        continue
                where = found.setdefault(r, {}).setdefault(p, set())
                if where is not None:
                    where.update(here)
        for r, p in self._anywhere:
            found.setdefault(r, {})[p] = None

        known: dict[str, bool] = {}

        def has(start: str) -> bool:
            present = known.get(start)
            if present is None:
                offsets = at.get(start[:_KEY_CHARS], [])
                present = any(len(start) <= _KEY_CHARS or folded.startswith(start, o) for o in offsets)
                known[start] = present
            return present

        for r in list(found):
            phrases = self._rules[r].phrases
            kept = {p: w for p, w in found[r].items() if all(any(map(has, n)) for n in phrases[p].needs)}
            if kept:
                found[r] = kept
            else:
                del found[r]
        return found

    def matches(self, text: str) -> Iterator[tuple[int, int, int]]:
        """(rule index, start, end) character offsets, in the order medspaCy's regex matcher finds them."""
        candidates = self._candidates(text)
        for r in sorted(candidates):
            phrases = sorted(candidates[r].items())
            offsets: Iterable[int]
            if any(where is None for _, where in phrases):
                offsets = range(len(text) + 1)
            else:
                offsets = sorted(set().union(*(where for _, where in phrases if where is not None)))
            resume = 0
            for offset in offsets:
                if offset < resume:
                    continue
                for p, where in phrases:
                    if where is not None and offset not in where:
                        continue
                    m = self._pattern(self._rules[r].phrases[p].pattern).match(text, offset)
                    if m is not None:
                        yield r, m.start(), m.end()
                        resume = max(m.end(), offset + 1)
                        break

    def __call__(self, doc: Any) -> Any:
        from medspacy.common.regex_matcher import get_token_for_char
        from spacy.tokens import Span

        spans: list[Any] = []
        for r, start_char, end_char in self.matches(doc.text_with_ws):
            rule = self._rules[r]
            span = doc.char_span(start_char, end_char)
            if span is None:
                start = get_token_for_char(doc, start_char, resolve="left")
                end = get_token_for_char(doc, end_char, resolve="right")
                end_index = len(doc) if end is None else end.i
                span = doc[start.i : end_index]
            if not len(span):
                continue
            target = Span(doc, start=span.start, end=span.end, label=rule.finding)
            if rule.normal:
                setattr(target._, self._normal_attr, True)
            spans.append(target)
        if self._group in doc.spans:
            doc.spans[self._group] = list(doc.spans[self._group]) + spans
        else:
            doc.spans[self._group] = spans
        return doc
