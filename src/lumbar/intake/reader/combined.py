"""Findings read from a place and a change said in one clause (`knowledge/data/combinations.yaml`).

The phrases of `findings.yaml` need their words in one order ("numb around my bottom"); people put
their own words in between and in their own order ("when I wipe after the bathroom it feels numb",
"both legs just went like jelly"). Here the words of each class (places such as the saddle area or
both legs; changes such as lost feeling or weakness) are found by the same lazy matcher as the
phrases, into their own span group, and each change is joined to the nearest place in its clause:

- same sentence; no "but", semicolon or negation word between them (a negation between the two is
  left unread, and the question stays open, rather than read as present); no other change between
  them (that one is nearer); at most the combination's `reach` words apart;
- the nearest place wins, the one before on a tie; an `other_place` ("my foot") wins too, and then
  nothing is read, so "my bum is sore and my foot is numb" gives no saddle numbness;
- places listed together ("my bottom and the bits between my legs") share the change;
- a combination's `unless` context in the sentence stops it, and its `only_with` contexts must be
  there ("both legs ache" in a sentence about walking is leg pain on walking, not both legs); words of a
  context inside a phrase of another finding are that finding's ("shuffling when he walks" is his gait),
  and a single try is no setting ("both legs are numb and when she tried to walk she was staggering").

Each pair that a combination names becomes a target span from the place to the change, labelled
with the finding; ConText then reads negation, hypothesis, history and other people around it as for
any phrase. How these spans settle against the phrase spans is `settle`: a phrase of another finding
in the words between the two parts wins (the combination is dropped); a phrase inside one of the parts
gives way ("it feels numb" read alone as leg numbness, is saddle numbness after "when I wipe"), as does
a phrase of a finding the context stopped.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from lumbar.intake.reader._extents import longest_first
from lumbar.intake.reader.lexicon import MARKER_ATTR, NORMAL_ATTR, Phrase, PhraseRule, phrase_starts
from lumbar.knowledge.models import Combination, KnowledgeBase

__all__ = ["COMPOSED_KEY", "WORDS_GROUP", "Combiner", "settle", "word_class_rules"]

WORDS_GROUP = "lumbar_words"  # span group of word-class mentions (places and changes)
COMPOSED_KEY = "lumbar_composed"  # doc.user_data: {(start, end, finding): its `Parts`}

_NEGATIONS = frozenset({"not", "no", "never", "n't", "nt", "nothing", "without", "nor", "neither", "none"})
_BREAKS = frozenset({"but", ";", "however", "although", "though", "whereas", "except", "yet"})
# Words that may stand between places said together ("my bum and the backs of my legs").
_LISTED = frozenset({"and", "&", ",", "or", "/", "my", "the", "his", "her", "their", "both", "also", "plus"})
_PLACES = frozenset({"place", "other_place"})
_COMMA_WEIGHT = 4  # how many words a comma between a change and a place counts as, in choosing the nearest
_SENSED = frozenset({"feeling_lost", "leg_pain"})
# Words that may stand between changes said of one place ("my legs are numb and keep giving way").
_CHANGES_LISTED = frozenset({"and", "&", ",", "or", "/", "also", "then", "now", "keep", "keeps", "kept", "are",
                             "is", "feel", "feels", "have", "has", "both", "all", "sometimes", "even", "they",
                             "it"})  # fmt: skip

Extent = tuple[int, int]


@dataclass(frozen=True)
class Parts:
    """The token extents of a combination's change and of its places (the one joined to the change,
    and the one listed with it that names the finding, when another), and every finding that change
    was combined into (phrases over the same words included), and the findings a context stopped."""

    change: Extent
    places: tuple[Extent, ...]
    siblings: frozenset[str] = frozenset()
    stopped: frozenset[str] = frozenset()  # findings these words would give but for their context

    @property
    def all(self) -> tuple[Extent, ...]:
        return (self.change, *self.places)


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    word_class: str
    role: str


def word_class_rules(kb: KnowledgeBase) -> list[PhraseRule]:
    """One target rule per word class, labelled with the class id, longest phrase first."""
    rules: list[PhraseRule] = []
    for word_class in kb.word_classes.values():
        literals = sorted(dict.fromkeys(word_class.phrases), key=lambda p: (-len(p), p))
        rules.append(PhraseRule(word_class.id, False, tuple(Phrase(p, phrase_starts(p)) for p in literals)))
    return rules


def _longest(mentions: Iterable[_Mention], order: dict[str, int]) -> list[_Mention]:
    """Of overlapping mentions keep the longest. The same words read as two places are the class
    written first in the file ("my legs" is `legs`, not `one_leg` in its plural); read as two changes,
    both ("can't lift" is weakness, and a foot that will not lift)."""
    kept: list[_Mention] = []
    roles: set[tuple[int, int, str]] = set()
    for m in longest_first(mentions, lambda m: (m.start, m.end), lambda m: order[m.word_class]):
        if (m.start, m.end, m.role) in roles:
            continue
        if m.role != "change":
            roles.add((m.start, m.end, m.role))
        kept.append(m)
    return sorted(kept, key=lambda m: (m.start, m.end, m.word_class))


_TRIED = frozenset({"tried", "attempted"})


def _attempted(doc: Any, context: _Mention) -> bool:
    """Is the context a single try ("when she tried to walk to the bathroom she was staggering")? Then it
    is the setting of what happened on trying (the gait), not of symptoms that walking brings on."""
    return context.start >= 2 and doc[context.start - 1].lower_ == "to" and doc[context.start - 2].lower_ in _TRIED


class Combiner:
    """A spaCy component adding the combinations' target spans to `group` (see the module docstring)."""

    def __init__(self, kb: KnowledgeBase, group: str) -> None:
        self._group = group
        self._roles = {w.id: w.role for w in kb.word_classes.values()}
        self._order = {w: i for i, w in enumerate(kb.word_classes)}
        self._pairs: dict[tuple[str, str], list[Combination]] = {}
        for combination in kb.combinations:
            for place in combination.place:
                for change in combination.change:
                    self._pairs.setdefault((place, change), []).append(combination)
        self._reach = max((c.reach for c in kb.combinations), default=0)
        self._markers = frozenset(f.id for f in kb.findings.values() if f.marker)
        # the findings a context class is the setting of ("when I walk": leg pain on walking)
        self._set_by: dict[str, frozenset[str]] = {}
        for combination in kb.combinations:
            for context in combination.only_with:
                self._set_by[context] = self._set_by.get(context, frozenset()) | {combination.finding}

    def __call__(self, doc: Any) -> Any:
        from spacy.tokens import Span

        found = doc.spans[WORDS_GROUP] if WORDS_GROUP in doc.spans else []
        every = [_Mention(s.start, s.end, s.label_, self._roles[s.label_]) for s in found]
        # Contexts stand beside the places and changes, never taking their words.
        mentions = _longest((m for m in every if m.role != "context"), self._order)
        parts: dict[tuple[int, int, str], Parts] = doc.user_data.setdefault(COMPOSED_KEY, {})
        # A phrase that says the same thing over the same words stays a phrase.
        phrased = {(s.start, s.end, s.label_) for s in (doc.spans[self._group] if self._group in doc.spans else [])}
        contexts: dict[str, list[_Mention]] = {}
        for m in every:
            if m.role == "context" and not self._inside_other_phrase(m, phrased) and not _attempted(doc, m):
                contexts.setdefault(m.word_class, []).append(m)
        places = [m for m in mentions if m.role in _PLACES]
        changes = [m for m in mentions if m.role == "change"]
        spans: list[Any] = []
        combined: dict[Extent, set[str]] = {}
        stopped: dict[Extent, set[str]] = {}
        for change, first, place, combination in self._candidates(doc, places, changes):
            change_at = (change.start, change.end)
            if not self._in_context(doc, combination, change, contexts):
                stopped.setdefault(change_at, set()).add(combination.finding)
                continue
            combined.setdefault(change_at, set()).add(combination.finding)
            start, end = min(place.start, change.start), max(place.end, change.end)
            key = (start, end, combination.finding)
            if key in parts or key in phrased:
                continue
            parts[key] = Parts(change_at, tuple(dict.fromkeys([(first.start, first.end), (place.start, place.end)])))
            span = Span(doc, start=start, end=end, label=combination.finding)
            if combination.finding in self._markers:
                setattr(span._, MARKER_ATTR, True)
            spans.append(span)
        for key, found_parts in parts.items():
            change_at = found_parts.change
            parts[key] = Parts(change_at, found_parts.places, frozenset(combined[change_at]),
                               frozenset(stopped.get(change_at, ())))  # fmt: skip
        if spans:
            doc.spans[self._group] = [*(doc.spans[self._group] if self._group in doc.spans else []), *spans]
        return doc

    def _inside_other_phrase(self, context: _Mention, phrased: set[tuple[int, int, str]]) -> bool:
        """Are a context's words part of a phrase of something else? "Shuffling when he walks" is the way he
        walks, not leg pain that walking brings on."""
        setting = self._set_by.get(context.word_class, frozenset())
        return any(
            start <= context.start and context.end <= end and label not in setting and label not in self._markers
            for start, end, label in phrased
        )

    def _candidates(
        self, doc: Any, places: Sequence[_Mention], changes: Sequence[_Mention]
    ) -> Iterator[tuple[_Mention, _Mention, _Mention, Combination]]:
        """(change, the place nearest it, a place listed with that one or itself, a combination of
        the two) within the combination's reach, before contexts are considered."""
        for change in changes:
            nearest, distance = self._nearest(doc, change, places, changes)
            for first in nearest:
                for place in self._listed_with(doc, first, change, places):
                    for combination in self._pairs.get((place.word_class, change.word_class), ()):
                        if distance <= combination.reach:
                            yield change, first, place, combination

    def _nearest(
        self, doc: Any, change: _Mention, places: Sequence[_Mention], changes: Sequence[_Mention]
    ) -> tuple[list[_Mention], int]:
        """The places nearest the change with nothing between them that would part them (all the
        mentions at that one extent), and how many words lie between; ([], 0) when none is in reach."""
        best: list[_Mention] = []
        best_key: tuple[int, int, int] | None = None
        for place in places:
            if place.end <= change.start:
                gap, side = (place.end, change.start), 0
            elif change.end <= place.start:
                gap, side = (change.end, place.start), 1
            else:
                continue  # the same words
            distance = gap[1] - gap[0]
            if distance > self._reach or not self._joinable(doc, place, change, gap, changes):
                continue
            # a comma parts more than a word: "my legs ... keep giving way, back pain since" joins the legs
            commas = sum(1 for i in range(*gap) if doc[i].text == ",")
            key = (distance + _COMMA_WEIGHT * commas, side, distance)
            if best_key is None or key < best_key:
                best, best_key = [place], key
            elif key == best_key and (place.start, place.end) == (best[0].start, best[0].end):
                best.append(place)
        if best_key is None or best[0].role != "place":
            return [], 0
        return [p for p in best if p.role == "place"], best_key[2]

    @staticmethod
    def _in_context(doc: Any, combination: Combination, change: _Mention, contexts: dict[str, list[_Mention]]) -> bool:
        """No `unless` context and every `only_with` context in the change's sentence, and not parted from it by
        a clause that moves on in time ("my knee buckled walking to the car and today both thighs are numb")."""
        sentence = doc[change.start].sent.start

        def said(word_class: str) -> bool:
            return any(
                doc[m.start].sent.start == sentence and not _moved_on(doc, m, change)
                for m in contexts.get(word_class, ())
            )

        return not any(said(c) for c in combination.unless) and all(said(c) for c in combination.only_with)

    @staticmethod
    def _joinable(doc: Any, place: _Mention, change: _Mention, gap: Extent, changes: Sequence[_Mention]) -> bool:
        lo, hi = min(place.start, change.start), max(place.end, change.end)
        if any(doc[i].is_sent_start for i in range(lo + 1, hi)):
            return False
        for i in range(*gap):
            word = doc[i].lower_
            if word in _NEGATIONS or word in _BREAKS or word.endswith("n't"):
                return False
        between = [c for c in changes if gap[0] <= c.start and c.end <= gap[1]]
        if not between or change.start < place.start:
            return not between
        if change.word_class in _SENSED and any(c.word_class in _SENSED for c in between):
            return False  # "my bottom and legs start aching and tingling": one feeling, said twice
        # changes listed after one place share it: every other word between is a list word
        covered = {i for c in between for i in range(c.start, c.end)}
        return all(i in covered or doc[i].lower_ in _CHANGES_LISTED for i in range(between[0].start, gap[1]))

    @staticmethod
    def _listed_with(doc: Any, first: _Mention, change: _Mention, places: Sequence[_Mention]) -> list[_Mention]:
        """`first` and the places listed with it ("my bum and legs"), walking away from the change."""
        before = first.end <= change.start
        same = [p for p in places if p.role == "place"]
        out = [p for p in same if (p.start, p.end) == (first.start, first.end)]
        edge = first
        while True:
            step: _Mention | None = None
            for place in same:
                gap = (place.end, edge.start) if before else (edge.end, place.start)
                if gap[0] > gap[1] or not all(doc[i].lower_ in _LISTED for i in range(*gap)):
                    continue
                lo, hi = min(place.start, edge.start), max(place.end, edge.end)
                if any(doc[i].is_sent_start for i in range(lo + 1, hi)):
                    continue
                if step is None or (place.end > step.end if before else place.start < step.start):
                    step = place
            if step is None:
                return out
            out += [p for p in same if (p.start, p.end) == (step.start, step.end)]
            edge = step


_JOINS = frozenset({"and", "but", ",", ";", "then", "-", "so"})
_NEW_TIME = frozenset({"today", "now", "tonight", "yesterday", "overnight", "suddenly", "since", "this"})


def _moved_on(doc: Any, a: _Mention, b: _Mention) -> bool:
    """Is there a join followed by a new time ("and today", ", now", "but since") between two mentions?"""
    lo, hi = min(a.end, b.end), max(a.start, b.start)
    return any(
        doc[i].lower_ in _JOINS and any(doc[j].lower_ in _NEW_TIME for j in range(i + 1, min(i + 3, hi)))
        for i in range(lo, hi)
    )


def _overlaps(a: Extent, b: Extent) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _same_place(other: Parts | None, mine: Parts, where: Extent) -> bool:
    """Is the other span at `where` another change said of the same place ("my legs are numb and keep
    giving way": numb legs, and legs giving way): a combination with one of its places, or a phrase
    over the place that ends before this change?"""
    if other is not None:
        return other.change != mine.change and bool(set(other.places) & set(mine.places))
    return where[1] <= mine.change[0] and any(_overlaps(where, place) for place in mine.places)


def settle(phrase_spans: list[Any], composed: list[Any], parts: dict[tuple[int, int, str], Parts]) -> list[Any]:
    """The phrase spans already settled among themselves (longest kept) with the combinations' spans
    added. A phrase of another finding inside one of a combination's parts gives way to it ("numb");
    so does a phrase within its words of a finding its context stopped ("both legs get achy" when
    walking is leg pain on walking, not both legs). Any other phrase of another finding over its words
    wins, and the combination is dropped, unless that phrase says what another combination of the same
    change says ("my bum and legs are numb": the saddle and both legs), or is a combination of another
    change said of the same place ("my legs are numb and keep giving way"). A phrase of the same finding
    over all its words says it already ("no, I not feel toilet paper" is read, and negated, as the
    phrase), and a normal statement of the same finding over any of its words says the opposite ("I can
    pee normally and nothing's numb"). Markers neither win nor lose."""
    out = list(phrase_spans)
    for span in composed:
        mine = parts[(span.start, span.end, span.label_)]
        own = mine.all
        extent = (span.start, span.end)
        gives_way: list[Any] = []
        blocked = False
        for other in out:
            where = (other.start, other.end)
            if other.label_ == span.label_:
                covers = where[0] <= extent[0] and extent[1] <= where[1]
                if covers or (getattr(other._, NORMAL_ATTR) and _overlaps(where, extent)):
                    blocked = True  # said already by a phrase, or the opposite by a normal statement
                    break
                continue
            if getattr(other._, MARKER_ATTR) or getattr(span._, MARKER_ATTR):
                continue  # a marker (which leg) is read beside other findings, never against them
            if not _overlaps(where, extent):
                continue
            if any(part[0] <= where[0] and where[1] <= part[1] for part in own):
                gives_way.append(other)
            elif other.label_ in mine.stopped and extent[0] <= where[0] and where[1] <= extent[1]:
                gives_way.append(other)  # "both legs get achy" in a sentence about walking
            elif other.label_ not in mine.siblings and not _same_place(
                parts.get((other.start, other.end, other.label_)), mine, where
            ):
                blocked = True
                break
        if blocked:
            continue
        if not getattr(span._, MARKER_ATTR):
            out = [s for s in out if not any(s is g for g in gives_way)]
        out.append(span)
    return sorted(out, key=lambda s: (s.start, s.end, s.label_))
