"""A lazy target matcher: medspaCy's regex target matching, without compiling every phrase up front, and
with the longest of a finding's phrases where several match at one place.

medspaCy's `TargetMatcher` compiles each rule's regular expression when the rule is added: for our
lexicon about 150 expressions, 320 kB of pattern text, most of a second of every start-up before the
first text is read. `LazyTargetMatcher` compiles one phrase's expression only when a text first has a
word that could start a match of it (`lexicon.phrase_starts`) and the other words it needs
(`lexicon.phrase_needs`), and tries it only at those words. Which phrases those are is worked out
from an index built once per knowledge base (phrases by their starts, needs as bit sets), so a text
costs a few dictionary look-ups per word rather than a test of every phrase.

What it finds, for each rule (one finding's phrases, or its normal statements): scanning the text left
to right, at the first place where any of the rule's phrases matches, the longest of their matches
there; then on from the end of that match. medspaCy runs `finditer` over the alternation of the
phrases, which at each place takes the first phrase that matches, not the longest: then a phrase written
for a longer wording ("spasming in waves") lost to a shorter match of an earlier phrase ("spasming"), and
the other finding's words in it ("in waves", colic) were kept. As in medspaCy, the expressions are
matched with `re.IGNORECASE` on `doc.text_with_ws`, a match that does not fall on token boundaries is
widened to them (start to the left, end to the right), and an empty span is dropped.

Why trying phrases separately finds the same places: a phrase can only match where a word starts (every
expression begins with a lookbehind: no letter, digit or apostrophe just before) and the text begins
like one of its `starts` (case folded as `re` does), and only if the text has its `needs`, so places and
phrases that fail those tests would fail in the alternation too. No phrase matches empty text (each has
a required word). The tests compare it with a plain reference that compiles every phrase.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from lumbar.intake.reader.lexicon import MARKER_ATTR, PhraseRule, register_span_flags

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


@lru_cache(maxsize=4)
def word_starts(text: str) -> tuple[str, dict[str, list[int]]]:
    """The folded text, and the offsets where a match could start keyed by the first one to three
    folded characters there ("" for all of them). Cached for the last few texts: the phrase matcher and
    the word-class matcher read the same text one after the other. Callers must not change the dict."""
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

        register_span_flags()  # NORMAL_ATTR and MARKER_ATTR, kept per finding, not per stretch of words
        if not Span.has_extension(normal_attr):
            Span.set_extension(normal_attr, default=False)
        self._group = span_group_name
        self._normal_attr = normal_attr
        self._rules: list[PhraseRule] = []
        # Built once per knowledge base, so that reading a text costs a few look-ups per word start.
        # (rule, phrase, needs) by each string a match of the phrase can start with ("": any word),
        # its needs (`lexicon.phrase_needs`) as bit sets of strings, one of each must be in the text:
        self._by_start: dict[str, list[tuple[int, int, tuple[int, ...]]]] = {}
        self._anywhere: list[tuple[int, int, tuple[int, ...]]] = []  # phrases with a leading `~`
        self._bit: dict[str, int] = {}  # each start and need string's bit
        self._strings: dict[str, list[str]] = {}  # those strings by their first (up to) 3 characters
        self._compiled: dict[str, re.Pattern[str]] = {}
        self._by_phrase: dict[tuple[int, int], re.Pattern[str]] = {}

    def add(self, rules: Iterable[PhraseRule]) -> None:
        bit = self._bit

        def bits(strings: Iterable[str]) -> int:
            out = 0
            for string_ in strings:
                if string_ not in bit:
                    bit[string_] = 1 << len(bit)
                    self._strings.setdefault(string_[:_KEY_CHARS], []).append(string_)
                out |= bit[string_]
            return out

        for rule in rules:
            r = len(self._rules)
            self._rules.append(rule)
            for p, phrase in enumerate(rule.phrases):
                needs = tuple(bits(need) for need in phrase.needs)
                if phrase.starts is None:
                    self._anywhere.append((r, p, needs))
                    continue
                for start in phrase.starts:
                    self._by_start.setdefault(start, []).append((r, p, needs))
                bits(s for s in phrase.starts if s)

    @property
    def rules(self) -> list[PhraseRule]:
        return list(self._rules)

    @property
    def compiled_count(self) -> int:
        """How many phrase expressions have been compiled so far."""
        return len(self._compiled)

    def _phrase_pattern(self, r: int, p: int) -> re.Pattern[str]:
        pattern = self._by_phrase.get((r, p))
        if pattern is None:
            source = self._rules[r].phrases[p].pattern
            pattern = self._compiled.get(source)
            if pattern is None:
                pattern = re.compile(source, re.IGNORECASE)
                self._compiled[source] = pattern  # a race only compiles twice; the result is the same
            self._by_phrase[(r, p)] = pattern
        return pattern

    def _present(self, text: str) -> tuple[list[int], dict[str, list[int]]]:
        """The offsets where a word starts, and for each start or need string that starts a word of
        the text (case folded as `re` does), the offsets where it does."""
        folded, at = word_starts(text)
        present: dict[str, list[int]] = {}
        for key, offsets in at.items():
            for string_ in self._strings.get(key, ()):
                if len(string_) <= _KEY_CHARS:
                    present[string_] = offsets
                else:
                    here = [o for o in offsets if folded.startswith(string_, o)]
                    if here:
                        present[string_] = here
        return at[""], present

    def _attempts(self, text: str) -> list[tuple[int, int, int]]:
        """(rule, offset, phrase) for every phrase that could match at an offset, sorted: the order in
        which the alternation of each rule would try them."""
        everywhere, present = self._present(text)
        bit = self._bit
        have = 0
        for string_ in present:
            have |= bit[string_]
        attempts: list[tuple[int, int, int]] = []
        for string_, offsets in (*present.items(), ("", everywhere)):
            for r, p, needs in self._by_start.get(string_, ()):
                for need in needs:
                    if not need & have:
                        break
                else:
                    attempts += [(r, o, p) for o in offsets]
        for r, p, needs in self._anywhere:
            if all(need & have for need in needs):
                attempts += [(r, o, p) for o in range(len(text) + 1)]
        return sorted(set(attempts))

    def matches(self, text: str) -> Iterator[tuple[int, int, int]]:
        """(rule index, start, end) character offsets, rule by rule and left to right. Where several of a
        rule's phrases match at one offset, the longest match is taken (medspaCy's alternation would take
        the first phrase's): "spasming in waves" is the spasm, even though a longer phrase of the spasm
        matches only "spasming" there."""
        rule, resume = -1, 0
        best: tuple[int, int, int] | None = None
        for r, offset, p in self._attempts(text):
            if best is not None and (r, offset) != (best[0], best[1]):
                yield best
                resume = max(best[2], best[1] + 1)
                best = None
            if r != rule:
                rule, resume = r, 0
            if offset < resume:
                continue  # inside the rule's last match
            m = self._phrase_pattern(r, p).match(text, offset)
            if m is not None and (best is None or m.end() > best[2]):
                best = (r, m.start(), m.end())
        if best is not None:
            yield best

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
            if rule.marker:
                setattr(target._, MARKER_ATTR, True)
            spans.append(target)
        if self._group in doc.spans:
            doc.spans[self._group] = list(doc.spans[self._group]) + spans
        else:
            doc.spans[self._group] = spans
        return doc
