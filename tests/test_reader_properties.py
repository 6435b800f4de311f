"""Safety invariants of the reader, checked with Hypothesis: any text returns a Reading, and negating a
finding's phrase never makes that finding present."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from lumbar.intake import Status
from lumbar.intake.reader import read
from lumbar.intake.reading import Reading
from lumbar.knowledge import default_kb

KB = default_kb()
_GROUP = re.compile(r"\(([^()]*)\)(\?)?")


def _plain_form(phrase: str) -> str:
    """One plain wording of a phrase: the first option of each required group, optional groups left out."""

    def first(m: re.Match[str]) -> str:
        if m.group(2):
            return ""
        return next(o for o in m.group(1).split("|") if o)

    text = _GROUP.sub(first, phrase).replace("~", " ")
    return " ".join(w.rstrip("*") for w in text.split())


# A phrase that itself starts with a negation ("no improvement", "no feeling down there") names a
# negative finding; putting another negation before it is a double negative with no clear meaning.
# Phrases that open with a negation of their own ("won't take weight", "can't feel") name a loss; "never
# had won't take weight" is no sentence, so they are not negated below.
_NEGATION_START = re.compile(r"^(?:no|not|never|without|nil|zero|none|nothing|neither|nor|cannot|unable)\b|^\w+n't\b")
# ... nor phrases that open with a word ending a negation's scope: "never had since it's stuck out" is
# no sentence, and "no pain since it's stuck out" rightly keeps the hernia
_SCOPE_END_START = re.compile(r"^(?:since|but)\b")
_PHRASES = sorted(
    (f.id, form)
    for f in KB.findings.values()
    for p in f.phrases
    if not p.startswith("!") and not _NEGATION_START.match(form := _plain_form(p)) and not _SCOPE_END_START.match(form)
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_any_text_returns_a_reading(text: str) -> None:
    reading = read(text, kb=KB)
    assert isinstance(reading, Reading)
    assert reading.understood or reading.problems
    for obs in reading.findings.observations.values():
        assert obs.span is not None
        assert text[obs.span[0] : obs.span[1]] == obs.evidence


@settings(max_examples=15, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), min_size=2000, max_size=6000))
def test_long_noisy_text_returns_a_reading(text: str) -> None:
    assert isinstance(read(text, kb=KB), Reading)


def _negation_names_the_finding(finding: str, phrase: str) -> bool:
    """For a few findings "no <word>" is itself the finding ("no balance", "no core strength")."""
    first = phrase.split()[0]
    return read(f"no {first}", kb=KB).findings.status(finding) is Status.PRESENT


@settings(max_examples=120, deadline=None)
@given(st.sampled_from(_PHRASES), st.sampled_from(["no ", "denies ", "without ", "I have no ", "never had "]))
def test_negating_a_phrase_never_makes_it_present(item: tuple[str, str], negation: str) -> None:
    finding, phrase = item
    reading = read(negation + phrase, kb=KB)
    if reading.findings.status(finding) is Status.PRESENT:
        assert _negation_names_the_finding(finding, phrase), (negation + phrase, reading.findings)


def test_the_plain_forms_are_read_as_their_findings() -> None:
    """Guards the property above: most plain forms must be read, or negating them proves nothing."""
    read_as_own = sum(read(p, kb=KB).findings.status(f) is not None for f, p in _PHRASES)
    assert read_as_own >= 0.9 * len(_PHRASES)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=60) | st.text(alphabet=st.characters(max_codepoint=127), max_size=60))
@example("TAE, ma back, hay fever, Cannae pee")  # every step of normalise, including the Scots words
def test_normalise_keeps_length_and_cleans_each_character(text: str) -> None:
    # The ASCII fast path is the same per-character cleaning as the general one, and neither moves an offset.
    from lumbar.intake.reader._text import (
        _DIALECT_WORD,
        _MA_AS_MY,
        _ME_AS_MY,
        _NOT_THE_SYMPTOM,
        _QUOTE_MARKS,
        _QUOTES,
        _WORD_HYPHEN,
        _clean_char,
        _dialect,
        _me_as_my,
        normalise,
    )

    cleaned = "".join(_clean_char(ch) for ch in text.translate(_QUOTES))
    words = _ME_AS_MY.sub(_me_as_my, _QUOTE_MARKS.sub(" ", cleaned))
    words = _DIALECT_WORD.sub(_dialect, _MA_AS_MY.sub(lambda m: m.group(0)[0] + "y", words))
    expected = _NOT_THE_SYMPTOM.sub("_", _WORD_HYPHEN.sub(" ", words))
    assert normalise(text) == expected
    assert len(normalise(text)) == len(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("me back went", "my back went"),
        ("Me legs are numb", "My legs are numb"),
        ("wet meself", "wet myself"),
        ("give me back my phone", "give my back my phone"),  # the rare misreading, harmless: no finding
        ("tell me about it", "tell me about it"),
        ("help me up", "help me up"),
    ],
)
def test_me_before_a_part_of_the_body_is_my(text: str, expected: str) -> None:
    from lumbar.intake.reader._text import normalise

    assert normalise(text) == expected
