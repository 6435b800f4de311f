"""How far a ConText modifier reaches: the end of its clause, or on through a list of findings.

A negation at the head of a list covers every item ("denies fever, weight loss, trauma or leg
weakness"), but not a new statement after a comma ("no fever, legs are weak", "no bladder problems,
pain 7/10 shooting down left leg"). Without a part-of-speech tagger, a list item is told from a
clause by its words: a list item is a short noun phrase, with no subject pronoun, no verb from a short
list, no number and no terminating word.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from typing import Any

__all__ = ["clause_like", "is_list_gap", "leads_to_item", "scope_for", "tokens_in_targets", "within_clause"]

TARGET_GROUP = "lumbar_targets"  # the span group holding matched findings

# Words that may sit between listed findings without ending a list.
LIST_GLUE = frozenset({",", "and", "or", "nor", "/", "any", "no", "&", "either", "also", "even", "other",
                       "etc", "ie", "e.g.", "(", ")", "-", "of", "a", "an", "the", "in", "on", "to"})  # fmt: skip
CLAUSE_JOIN = frozenset({"and", "so", "then", "plus", "also", "now", "which", "&"})
CLAUSE_SUBJECT = frozenset({"i", "my", "it", "its", "there", "he", "she", "they", "we", "the", "this", "that"})
# Words that make a stretch of text a statement of its own rather than an item in a list.
_CLAUSE_WORDS = frozenset({
    "i", "i'm", "im", "me", "mine", "it", "its", "it's", "he", "she", "they", "we", "you", "there",
    "this", "that", "which", "who", "is", "are", "was", "were", "am", "'s", "'re", "'m", "be", "been", "being",
    "feel", "feels", "felt", "feeling", "hurt", "hurts", "hurting", "have", "has", "had", "'ve", "got", "get",
    "gets", "getting", "go", "goes", "going", "went", "gone", "can", "ca", "could", "would", "will", "keep",
    "keeps", "kept", "started", "starts", "start", "seems", "seem", "looks", "look", "do", "does", "did",
    "shooting", "shoots", "radiating", "radiates", "spreading", "spreads", "running", "runs", "travelling",
    "traveling", "coming", "comes", "came", "but", "however", "though", "although", "because", "since",
    "now", "still", "just", "only", "except", "apart", "aside", "than", "if", "when", "while", "so",
})  # fmt: skip
# Of those, the ones that make a matched finding itself a statement ("legs are weak").
_STATEMENT_WORDS = frozenset({
    "i", "i'm", "im", "it", "it's", "he", "she", "they", "we", "you", "there", "is", "are", "was", "were", "am",
    "'s", "'re", "'m", "has", "have", "had", "'ve", "keep", "keeps", "kept", "shooting", "radiating", "going",
    "goes", "went", "comes", "came", "started", "feel", "feels",
})  # fmt: skip
# The only words a list negation may have before its first item ("denies having any fever, ...");
# "doesn't fade with the glass test, feel awful" negates a verb, not a list.
_LEAD_WORDS = frozenset({"have", "has", "had", "having", "got", "get", "any", "a", "an", "the", "of", "from",
                         "with", "suffer", "suffered", "suffering", "experience", "experienced", "notice",
                         "noticed", "report", "reports", "reported", "complain", "complains", "complaint",
                         "complaints", "been", "evidence", "signs", "symptoms", "history", "hx", "h/o", "pmh",
                         "known", "for", "or", "and", "on", "taking", "take", "takes", "further", "new", "other",
                         "obvious", "significant", "recent", "current", "ongoing", "previous", "re", "regarding",
                         "about", "if", "whether", "should", ":", "-", "(", "loss"})  # fmt: skip
_NEW_SUBJECT = frozenset({"i", "i'm", "im", "my", "it", "it's", "its", "he", "she", "they", "we", "the", "this",
                          "that", "there", "there's"})  # fmt: skip
_MAX_ITEM_WORDS = 4  # words of a list item that are not a matched finding ("urinary or faecal incontinence")
_UNCERTAIN = frozenset({"HYPOTHETICAL", "POSSIBLE_EXISTENCE"})
# A negation reaches a finding said as a statement of its own ("my legs are weak") only across this many
# other words: "I can't get up without pushing with my arms my legs are weak" (dictated, unpunctuated)
# negates the pushing, not the legs; "I don't think my legs are weak" still negates them.
_NEGATION_REACH_TO_STATEMENT = 4


def tokens_in_targets(doc: Any, start: int, end: int) -> set[int]:
    """Indices of the tokens between `start` and `end` that belong to a matched finding."""
    group = doc.spans[TARGET_GROUP] if TARGET_GROUP in doc.spans else []
    covered: set[int] = set()
    for t in group:
        if t.start < end and t.end > start:
            covered.update(range(t.start, t.end))
    return covered


def _is_item(tokens: Iterable[Any], covered: set[int]) -> bool:
    other = [t for t in tokens if t.i not in covered and t.lower_ not in LIST_GLUE and not t.is_space]
    if len(other) > _MAX_ITEM_WORDS:
        return False
    return not any(t.lower_ in _CLAUSE_WORDS or t.like_num or any(c.isdigit() for c in t.text) for t in other)


# A state said after the thing, as a note says it: "no tightenings, FM reduced since" (round 33)
_STATE_AFTER = frozenset({"reduced", "decreased", "increased", "worse", "worsening", "positive", "present", "noted"})
_DASHES = frozenset({"-", "\u2013", "\u2014"})
# A medicine said after a comma is a statement of its own, not an item of the list before it: "No leg swelling,
# on the pill", "No fever, on warfarin for AF" ("not on warfarin, steroids or the pill" still negates the list).
_TAKING = frozenset({"on", "taking", "takes", "using", "uses"})


def clause_like(span: Any) -> bool:
    """Does a matched finding read as a statement ("legs are weak", "FM reduced", "..., on warfarin") rather
    than a noun phrase?"""
    if any(t.lower_ in _STATEMENT_WORDS for t in span) or any(t.lower_ in _STATE_AFTER for t in span[1:]):
        return True
    return span[0].lower_ in _TAKING and span.start > 0 and span.doc[span.start - 1].text == ","


def is_list_gap(doc: Any, start: int, end: int) -> bool:
    """Are the tokens from `start` to `end` (between two listed things) only list items and glue?
    Each comma-separated piece must look like a list item; a line break or semicolon ends a list, and
    so does a new subject after a comma or "and" (", and the numbness is worse")."""
    tokens = [doc[i] for i in range(start, end)]
    if any("\n" in t.text or t.text == ";" for t in tokens):
        return False
    lowered = [t.lower_ for t in tokens]
    if end < len(doc):
        lowered.append(doc[end].lower_)
    for a, b in itertools.pairwise(lowered):
        if (a in CLAUSE_JOIN or a == ",") and b in _NEW_SUBJECT:
            return False
    covered = tokens_in_targets(doc, start, end)
    piece: list[Any] = []
    for t in tokens:
        if t.text == ",":
            if not _is_item(piece, covered):
                return False
            piece = []
        else:
            piece.append(t)
    return _is_item(piece, covered)


_HEADING_ANSWER = frozenset({"no", "nil", "denies", "denied", "not", "negative", "neg", "none", "nope"})


# Words before a colon after which an uncertainty carries on into the list: "advised re: ...", "sites
# said: kidney disease, cancer, ...".
_COLON_CARRIES = frozenset({"re", "regarding", "about", "for", "of", "said", "says", "say", "suggested", "mentioned",
                            "listed"})  # fmt: skip


def _crosses_colon(words: list[Any]) -> bool:
    """Does an uncertainty stop at a colon? "Safety net: fever, ..." and "advised re: fever" carry it
    on to the list; "Suspected CES: bilateral sciatica, ..." and "red flags screened: no fever" do not,
    since what follows the colon is what was found."""
    for i, t in enumerate(words):
        if t.text != ":":
            continue
        if i + 1 < len(words) and words[i + 1].lower_ in _HEADING_ANSWER:
            return True
        if i > 0 and words[i - 1].lower_ not in _COLON_CARRIES:
            return True
    return False


def scope_for(
    category: str, followed_by: set[str] | None = None, *, whole_sentence: bool = False
) -> Callable[[Any, Any, Any], bool]:
    """The medspaCy `on_modifies` callback for modifiers of one category (and, with `followed_by`, only
    where one of those words comes straight after the modifier). `whole_sentence`: the modifier reaches
    across commas and clauses to the end of its line (a correction: "I did have a temperature, no,
    sorry, that was my son")."""

    def on_modifies(target: Any, modifier: Any, between: Any) -> bool:
        if followed_by is not None and not _followed_by(modifier, followed_by):
            return False
        if whole_sentence:
            return not any("\n" in t.text for t in between)
        if category == "NEGATED_EXISTENCE" and _far_from_statement(target, modifier, between):
            return False
        return within_clause(target, modifier, between, uncertain=category in _UNCERTAIN)

    return on_modifies


def _followed_by(modifier: Any, words: set[str]) -> bool:
    doc = modifier.doc
    return modifier.end < len(doc) and doc[modifier.end].lower_ in words


def _far_from_statement(target: Any, modifier: Any, between: Any) -> bool:
    """Is the target a statement of its own, after the negation and more than a few words from it
    (words of other matched findings not counted)?"""
    if modifier.end > target.start or not clause_like(target):
        return False
    covered = tokens_in_targets(target.doc, modifier.end, target.start)
    words = [t for t in between if t.i not in covered and not t.is_space and not t.is_punct]
    return len(words) > _NEGATION_REACH_TO_STATEMENT


def within_clause(target: Any, modifier: Any, between: Any, *, uncertain: bool = False) -> bool:
    """Does the modifier (a span) reach the target without crossing a clause boundary? Commas are
    crossed forward only through a list; a colon ends an uncertainty's reach ("red flags screened: no
    fever" is a plain no), except after "re:"."""
    forward = modifier.end <= target.start
    words = [t for t in between if not (forward is False and modifier.start <= t.i < modifier.end)]
    lowered = [t.lower_ for t in words]
    if any("\n" in t.text for t in words):
        return False
    if forward and any(t.text in _DASHES for t in words[1:]):
        return False  # "not sure what painkillers I can take - pulled my back ...": a new clause (round 41)
    if uncertain and _crosses_colon(words):
        return False
    for a, b in itertools.pairwise(lowered):
        if a in CLAUSE_JOIN and b in CLAUSE_SUBJECT:
            return False
    if "," not in lowered:
        return True
    if clause_like(target):
        return False
    if not forward:
        # A form's answer after a list of headings, every one a finding: "Fever, cancer, weight loss: no."
        # ("Legs numb, bladder: normal" answers the bladder alone.)
        return _answers_heading(modifier) and _only_findings(target.doc, target.end, modifier.start)
    # A modifier must lead straight to a finding ("no pain, legs numb" negates nothing past the comma);
    # an uncertainty with a colon may lead to a list whose first item we do not read ("the forums said:
    # cauda equina, a slipped disc or cancer").
    doc = target.doc
    leads = leads_to_item(doc, modifier.end, target.start) or (uncertain and doc[modifier.end].text == ":")
    return leads and is_list_gap(doc, modifier.end, target.start)


def _only_findings(doc: Any, start: int, end: int) -> bool:
    """Are the tokens from `start` to `end` only matched findings and the glue between list items?"""
    covered = tokens_in_targets(doc, start, end)
    return all(i in covered or doc[i].lower_ in LIST_GLUE or doc[i].is_space for i in range(start, end))


def _answers_heading(modifier: Any) -> bool:
    """Is the modifier a form's answer ("...: no", "... - none")?"""
    return modifier[0].text in {":", "-", "="}


def leads_to_item(doc: Any, start: int, end: int) -> bool:
    """Is the first thing after a negation (from `start`) a listed finding, with only words such as
    "any" or "history of" before it?"""
    covered = tokens_in_targets(doc, start, end)
    for i in range(start, end):
        if i in covered:
            return True
        if doc[i].lower_ not in _LEAD_WORDS and not doc[i].is_space:
            return False
    return True
