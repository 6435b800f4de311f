"""The ConText modifier matcher finds exactly what spaCy's `Matcher` finds with the same rules.

spaCy's `Matcher` with every ConText rule (as the reader used to run it) is compared with
`TokenPatternMatcher` on every corpus text (as written and as the reader prepares them), on texts
recombined from its sentences, and on Hypothesis texts made of the rules' own words. The comparison is
of the `(rule, start, end)` triples after medspaCy's stable sort by span, so the order of equal spans,
which decides medspaCy's overlap pruning, must agree too.
"""

from __future__ import annotations

import random
import re
import warnings
from functools import cache
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lumbar.intake.reader._text import normalise
from lumbar.intake.reader.context_rules import context_rules
from lumbar.intake.reader.modifiers import TokenPatternMatcher, UnsupportedPattern
from lumbar.intake.reader.pipeline import pipeline
from lumbar.knowledge import default_kb
from reader_corpus import CORPUS

RULES = context_rules()
Triple = tuple[str, int, int]


@cache
def _nlp() -> Any:
    import spacy

    return spacy.blank("en")


@cache
def _matchers() -> tuple[Any, TokenPatternMatcher]:
    from spacy.matcher import Matcher

    spacy_matcher = Matcher(_nlp().vocab)
    ours = TokenPatternMatcher(_nlp().vocab)
    for i, rule in enumerate(RULES):
        spacy_matcher.add(f"rule_{i}", [rule.pattern])
        ours.add(f"rule_{i}", [rule.pattern])
    return spacy_matcher, ours


def _triples(matcher: Any, doc: Any) -> list[Triple]:
    found = sorted(matcher(doc), key=lambda m: (m[1], m[2]))  # medspaCy's sort before pruning
    return [(_nlp().vocab.strings[m], s, e) for m, s, e in found]


def _assert_same(text: str) -> list[Triple]:
    doc = _nlp().make_doc(text)
    spacy_matcher, ours = _matchers()
    expected = _triples(spacy_matcher, doc)
    assert _triples(ours, doc) == expected, text
    return expected


def test_same_matches_on_every_corpus_text() -> None:
    found = 0
    for text in CORPUS:
        found += len(_assert_same(text))
        _assert_same(normalise(text))
    assert found > 1500  # texts full of modifiers, not empty lists


def test_same_matches_on_recombined_sentences() -> None:
    rnd = random.Random(11)  # noqa: S311  (a fixed sample, not a secret)
    sentences = [s.strip() for text in CORPUS for s in text.replace("?", ".").split(".") if s.strip()]
    for _ in range(1500):
        _assert_same(". ".join(rnd.sample(sentences, rnd.randint(1, 4))) + rnd.choice([".", "?", "", ":"]))


def _rule_words() -> list[str]:
    words: set[str] = set()
    for rule in RULES:
        for token in rule.pattern:
            lower = token.get("LOWER")
            if isinstance(lower, str):
                words.add(lower)
            elif isinstance(lower, dict) and "IN" in lower:
                words.update(lower["IN"])
    return sorted(words)


WORDS = [*_rule_words(), "1998", "2015", "back", "pain", "numbness", "fever", "leg", "I", "!", ",", ".", "-"]


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=14), st.sampled_from([" ", "  ", "\n", " , "]))
def test_same_matches_on_texts_made_of_the_rules_words(words: list[str], sep: str) -> None:
    _assert_same(sep.join(words))


def _say(token: dict[str, Any]) -> str:
    """A word the token accepts that the tokenizer keeps as one token ("r/o" is three)."""
    lower = token.get("LOWER")
    options = [lower] if isinstance(lower, str) else lower["IN"] if isinstance(lower, dict) and "IN" in lower else []
    if isinstance(lower, dict) and "REGEX" in lower:
        options = [w for w in ("2015", "13", "man") if re.search(lower["REGEX"], w)]
    if not options and token.get("IS_PUNCT"):
        options = ["."]
    elif not options and token.get("IS_PUNCT") is False:
        options = ["small"]  # any word
    return next(w for w in options if len(_nlp().make_doc(w)) == 1)


def test_every_rule_matches_somewhere() -> None:
    # A rule's own words (optional ones included) are one of its matches: so the comparisons above
    # cover rules that fire, not only rules that stay silent.
    for i, rule in enumerate(RULES):
        doc = _nlp().make_doc(" ".join(_say(token) for token in rule.pattern))
        assert (f"rule_{i}", 0, len(doc)) in _assert_same(doc.text), (rule.literal, doc.text)


@pytest.mark.parametrize(
    "text",
    [
        "a long long time ago I had sciatica",  # a repeated token ("*") twice
        "when I was a kid I had a bad back, as a child too",
        "ruled out, ruled, excluded out",  # an optional last token, taken and not
        "my little boy has a fever and my wife and my son have flu",  # optional tokens before the word
        "Fever: no. Numbness - none; weight loss = nil",
        "in 2015, back in may, back in the summer",
        "keep an eye out for numbness; keep an eye on it; watch out for; look for",
        "",
        "\n\n",
    ],
)
def test_same_matches_on_optional_and_repeated_tokens(text: str) -> None:
    _assert_same(text)


@pytest.mark.parametrize(
    "pattern",
    [
        [{"LEMMA": "be"}],
        [{"LOWER": "no", "OP": "+"}],
        [{"LOWER": {"NOT_IN": ["no"]}}],
        [{"LOWER": "no", "OP": "?"}],
        [{"IS_PUNCT": "yes"}],
    ],
)
def test_patterns_it_cannot_match_exactly_are_refused(pattern: list[dict[str, Any]]) -> None:
    with pytest.raises(UnsupportedPattern):
        TokenPatternMatcher(_nlp().vocab).add("x", [pattern])


def test_the_reader_uses_it() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        nlp = pipeline(default_kb())
    inner = nlp.get_pipe("medspacy_context")._ConText__matcher
    assert isinstance(inner._MedspacyMatcher__matcher, TokenPatternMatcher)
    assert len(inner._MedspacyMatcher__matcher) == len(RULES)
