"""The lazy target matcher finds exactly the spans a plain reference finds with the same rules.

The reference compiles every rule's alternation and every phrase up front (as the reader used to); for
each rule it finds, left to right, the first place where any phrase matches (the alternation's `search`,
as medspaCy's matcher does) and takes the longest of the phrases' matches there, then snaps it to tokens
with medspaCy's own helper. It is compared span by span, in order, with `LazyTargetMatcher` on every text
of the extraction corpus, the vignettes and the red-flag text forms (as written and as the reader
prepares them), on awkward spellings, and on Hypothesis texts built from the lexicon's own words and
phrases. Where a rule's first fitting phrase is also its longest match, the reference is medspaCy's
`TargetMatcher` exactly (a test below checks that too).
"""

from __future__ import annotations

import random
import re
import subprocess
import sys
import warnings
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lumbar.intake.reader import lexicon
from lumbar.intake.reader._text import normalise
from lumbar.intake.reader.context_rules import TARGET_GROUP
from lumbar.intake.reader.lexicon import (
    NORMAL_ATTR,
    compile_phrase,
    phrase_needs,
    phrase_rules,
    phrase_starts,
)
from lumbar.intake.reader.targets import LazyTargetMatcher, word_starts
from lumbar.knowledge import default_kb
from reader_corpus import CORPUS

KB = default_kb()
RULES = phrase_rules(KB)
TESTS = Path(__file__).parent
Key = tuple[int, int, str, bool]


# Case folding as `re` does it (Kelvin sign, long s, dotted and dotless i), curly quotes, odd spacing.
AWKWARD = [
    "",
    " ",
    "NO NUMBNESS, PEEING FINE",
    "\u017fciatica down both legs and numbne\u017fs in my bum",
    "\u212anee gave way, \u0130 can't feel my feet, \u0131 think",
    "I can\u2019t pee and I don\u2019t feel it when I wipe",
    "can't-pee, can not pee, cannot pee, cant pee",
    "bladder/bowel problems; bladder & bowel issues; b&b ok; b+b fine; B & B normal",
    "pain/weakness/numbness in L4/5, L5/S1 dermatomes; SLR +ve at 30 degrees, -ve on the right",
    "won't settle, will not settle, wont settle; it's not getting better, its not improving",
    "injuries, injury; spasms; tingling tingly tingles",
    "x" * 50 + " lost ~ weight lost a lot of weight lost weight",
    "don'tpee no-numbness _no numbness 'no numbness numbness_",
    "Back pain.\n\nNo fever.\tNo weight loss.\r\nNot pregnant, not stressed.",
]


@cache
def _nlp() -> Any:
    import spacy

    return spacy.blank("en")


def _attributes(normal: bool) -> dict[str, bool] | None:
    return {NORMAL_ATTR: True} if normal else None


@cache
def _medspacy_matcher() -> Any:
    """medspaCy's target matcher with every rule's expression compiled: the first phrase that fits."""
    from medspacy.ner import TargetMatcher, TargetRule

    _lazy_matcher()  # registers the Span extension for normal statements
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        matcher = TargetMatcher(_nlp(), result_type="group", span_group_name=TARGET_GROUP, prune=False)
    rules = [TargetRule(r.literal, r.finding, r.pattern, attributes=_attributes(r.normal)) for r in RULES]
    matcher.add(rules)
    return matcher


@cache
def _compiled() -> list[tuple[re.Pattern[str], list[re.Pattern[str]]]]:
    return [
        (re.compile(r.pattern, re.IGNORECASE), [re.compile(p.pattern, re.IGNORECASE) for p in r.phrases]) for r in RULES
    ]


def _reference(text: str) -> list[Key]:
    """The spans by the plain rule (module docstring): every expression compiled, the longest match of a
    rule's phrases at the first place any of them fits, snapped to tokens as medspaCy does."""
    from medspacy.common.regex_matcher import get_token_for_char
    from spacy.tokens import Span

    _lazy_matcher()  # registers the Span extension for normal statements
    doc = _nlp().make_doc(text)
    found: list[Any] = []
    for rule, (alternation, phrases) in zip(RULES, _compiled(), strict=True):
        at = 0
        while (first := alternation.search(doc.text_with_ws, at)) is not None:
            start = first.start()
            end = max(m.end() for p in phrases if (m := p.match(doc.text_with_ws, start)) is not None)
            at = max(end, start + 1)
            span = doc.char_span(start, end)
            if span is None:
                left = get_token_for_char(doc, start, resolve="left")
                right = get_token_for_char(doc, end, resolve="right")
                span = doc[left.i : len(doc) if right is None else right.i]
            if len(span):
                target = Span(doc, start=span.start, end=span.end, label=rule.finding)
                if rule.normal:
                    # set as the matchers set it (spaCy keeps a span's extension values by its offsets)
                    setattr(target._, NORMAL_ATTR, True)
                found.append(target)
    return [(s.start, s.end, s.label_, bool(getattr(s._, NORMAL_ATTR))) for s in found]


@cache
def _lazy_matcher() -> LazyTargetMatcher:
    matcher = LazyTargetMatcher(TARGET_GROUP, NORMAL_ATTR)
    matcher.add(RULES)
    return matcher


def _spans(matcher: Any, text: str) -> list[Key]:
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"\[W036\]", category=UserWarning)
        doc = matcher(_nlp().make_doc(text))
    return [(s.start, s.end, s.label_, bool(getattr(s._, NORMAL_ATTR))) for s in doc.spans[TARGET_GROUP]]


def _assert_same(text: str) -> list[Key]:
    expected = _reference(text)
    assert _spans(_lazy_matcher(), text) == expected, text
    return expected


def test_the_reference_is_medspacy_where_the_first_fitting_phrase_is_the_longest() -> None:
    # The reference differs from medspaCy's matcher only where a later phrase of a rule matches further at
    # the same place; on these texts none does, so the two agree span for span.
    for text in ("bladder and bowels fine, no fever", "I have a temperature of 39", "sudden tearing pain in my back"):
        assert _reference(text) == _spans(_medspacy_matcher(), text)


def test_a_longer_match_of_a_later_phrase_wins() -> None:
    # "spasming" is matched by a longer phrase of the spasm, "spasming in waves" by a shorter one: the
    # longer match is taken, so "in waves" (colic) is inside the spasm's words.
    labels = {(label, e - s) for s, e, label, _ in _assert_same("today it's spasming in waves")}
    assert ("muscle_spasm", 3) in labels


def test_same_spans_on_every_corpus_text() -> None:
    assert len(CORPUS) > 800
    found = 0
    for text in CORPUS:
        found += len(_assert_same(text))
        if normalise(text) != text:
            _assert_same(normalise(text))
    assert found > 2000  # the comparison is about texts with plenty of targets, not empty lists


@pytest.mark.parametrize("text", AWKWARD)
def test_same_spans_on_awkward_spellings(text: str) -> None:
    _assert_same(text)


def test_awkward_case_folding_still_finds_targets() -> None:
    # The long s folds to "s" in `re`: the lexicon's "sciatica" matches, and so must the lazy matcher.
    assert "sciatica" in {label for _, _, label, _ in _assert_same("\u017fciatica down my leg")}


def _vocabulary() -> list[str]:
    words: set[str] = set()
    for rule in RULES:
        for phrase in rule.phrases:
            words.update(w for w in re.split(r"[\s()|?~!]+", phrase.literal) if w)
    return sorted(words)


VOCABULARY = _vocabulary()
PHRASES = [p.literal for rule in RULES for p in rule.phrases]
_UNIT = re.compile(r"\(([^()]*)\)(\?)?|(\S+)")
_SPELLINGS = {"can't": ["can't", "cant", "cannot", "can not"], "n't": ["isn't", "doesnt", "wasn't", "can't"]}


def _say(phrase: str, rnd: random.Random) -> str:
    """One way of saying a phrase of the notation (not necessarily one it matches: near misses count too)."""
    out: list[str] = []
    for m in _UNIT.finditer(phrase):
        if m.group(3) == "~":
            out += rnd.sample(VOCABULARY, rnd.randint(0, 3))
            continue
        options = [m.group(3)] if m.group(3) is not None else m.group(1).split("|")
        if m.group(2) and rnd.random() < 0.3:
            continue
        for word in rnd.choice(options).split():
            if word.endswith("*"):
                word = word[:-1] + rnd.choice(["", "ing", "s", "ed", "y"])
            word = rnd.choice(_SPELLINGS.get(word, [word]))
            if rnd.random() < 0.15:
                word = word.upper() if rnd.random() < 0.5 else word.capitalize()
            if rnd.random() < 0.1:
                word += rnd.choice(["s", "es", "ies", "-", "'s"])
            out.append(word)
    return " ".join(out)


_SEPARATORS = st.sampled_from([" ", " ", " ", ", ", ". ", "/", "-", "&", "\n", "  ", "'", "?", ""])


@st.composite
def _texts(draw: st.DrawFn) -> str:
    pieces = draw(
        st.lists(
            st.one_of(
                st.sampled_from(VOCABULARY),
                st.builds(_say, st.sampled_from(PHRASES), st.randoms(use_true_random=False)),
                st.sampled_from(["I", "my", "no", "not", "don't", "and", "but", "left", "both", "x"]),
                st.text(alphabet="abcdefghiklmnopqrstuwy \u017f\u212a\u0130'-/&", max_size=6),
            ),
            min_size=1,
            max_size=12,
        )
    )
    seps = draw(st.lists(_SEPARATORS, min_size=len(pieces), max_size=len(pieces)))
    return "".join(p + s for p, s in zip(pieces, seps, strict=True))


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_texts())
def test_same_spans_on_texts_made_of_the_lexicon(text: str) -> None:
    _assert_same(text)


def test_every_match_starts_and_goes_on_as_the_phrase_says() -> None:
    # Every match of every phrase on the corpus starts with one of the phrase's starts (folded), and
    # has a word starting with one of each of its needs.
    compiled = [(p, re.compile(p.pattern, re.IGNORECASE)) for rule in RULES for p in rule.phrases]
    checked = needed = 0
    for text in CORPUS + AWKWARD:
        folded, at = word_starts(text)
        for phrase, pattern in compiled:
            for m in pattern.finditer(text):
                if phrase.starts is not None:
                    assert any(folded.startswith(s, m.start()) for s in phrase.starts), (phrase.literal, text)
                    checked += 1
                inside = [o for o in at[""] if m.start() <= o < m.end()]
                for need in phrase.needs:
                    assert any(folded.startswith(s, o) for s in need for o in inside), (phrase.literal, text)
                    needed += 1
    assert checked > 2000
    assert needed > 1000


@pytest.mark.parametrize(
    ("phrase", "starts"),
    [
        ("back pain", {"back"}),
        ("(can't|unable to) (pee|wee)", {"can", "unable"}),
        ("(my)? (left|right)? leg* (is|feels) weak", {"my", "his", "her", "their", "left", "right", "rite", "leg"}),
        ("won't settle", {"won", "will"}),
        ("it's (not)? better", {"it"}),
        ("(n't|not) improving", {"", "not"}),  # a bare n't can end any word
        ("injury", {"injur"}),  # the last word also matches its plural, "injuries"
        ("back injury", {"back"}),
        ("~ weight loss", None),  # a leading ~ can start anywhere
        ("pins-and-needles", {"pins"}),
        ("b&b (problems|issues)", {"b&b"}),
    ],
)
def test_phrase_starts(phrase: str, starts: set[str] | None) -> None:
    assert phrase_starts(phrase) == (None if starts is None else frozenset(starts))


@pytest.mark.parametrize(
    ("phrase", "needs"),
    [
        ("back pain", [{"pain"}]),
        ("(my)? (left|right)? leg* (is|feels)? weak", [{"weak"}]),
        # the last word's plural: "properlies"
        ("(can't|unable to) (pee|wee) (properly|at all)", [{"pee", "wee"}, {"properl", "at"}]),
        ("lost ~ weight", [{"weight"}]),
        ("it (won't|can't) settle", [{"won", "will", "can"}, {"settle"}]),
        ("bladder (and|/|&) bowel (problems|issues)", [{"bowel"}, {"problems", "issues"}]),  # "bladder/bowel"
        ("dad ('s|is) (cancer|tumour)", [{"cancer", "tumour"}]),  # "dad's" joins the word before
        ("it (n't|not) improving", [{"improvin"}]),  # a bare n't can end any word; "improvin'" too
        ("poo came out without ~ knowing", [{"came"}, {"out"}, {"without", "w/o", "w/out"}, {"knowin"}]),
        ("injury", []),
    ],
)
def test_phrase_needs(phrase: str, needs: list[set[str]]) -> None:
    assert phrase_needs(phrase) == tuple(frozenset(n) for n in needs)


@pytest.mark.parametrize("word", sorted(lexicon._SPECIAL_NT))
def test_special_contraction_starts_cover_every_spelling(word: str) -> None:
    base = word.removesuffix("n't")
    spellings = [word, word.replace("'", ""), base + "not", base + " not", "will not", "shall not", "cannot"]
    matching = [s for s in spellings if re.fullmatch(compile_phrase(word), s, re.IGNORECASE)]
    assert matching
    assert all(any(s.startswith(start) for start in phrase_starts(word) or ()) for s in matching)


@pytest.mark.parametrize(
    ("phrase", "text", "matches"),
    [
        ("numbness (in|around) my privates", "numbess round my privates", False),  # "round" is not a word here
        ("numbness around my privates", "numbess around my privates", True),  # a letter dropped
        ("numbness around my privates", "numbenss around my privates", True),  # two letters swapped
        ("numbness around my privates", "nmbness around my privates", False),  # not in the first two letters
        ("(bowels|bowel) not working", "bowles not working", True),
        ("(bowels|bowel) not working", "bowls not working", False),  # a real word, left out
        ("lifting (boxes|furniture)", "liftin boxes", True),  # the g dropped
        ("lifting (boxes|furniture)", "liftin' furniture", True),
        ("poo (came|comes) out without me knowing", "poo came out w/o me knowing", True),  # shorthand
        ("pain (in|down) my legs", "pain in my legsh", False),
    ],
)
def test_slips_and_shorthand_are_matched_and_start_as_said(phrase: str, text: str, matches: bool) -> None:
    found = re.fullmatch(compile_phrase(phrase), text, re.IGNORECASE)
    assert bool(found) is matches
    if found:
        assert any(text.lower().startswith(start) for start in phrase_starts(phrase) or ())


@pytest.mark.parametrize(
    ("phrase", "text", "matches"),
    [
        ("known AS", "known AS", True),
        ("known AS", "Known AS", True),  # the other words still match in any case
        ("known AS", "known as", False),  # a word in capitals matches only in capitals
        ("known AS", "known As", False),
        ("(my|pmh) AS (flare|flares)", "her AS flares", True),
        ("(AS|ankylosing spondylitis) patient", "as patient", False),
        ("(AS|ankylosing spondylitis) patient", "Ankylosing Spondylitis patient", True),
    ],
)
def test_a_word_in_capitals_matches_only_in_capitals(phrase: str, text: str, matches: bool) -> None:
    found = re.fullmatch(compile_phrase(phrase), text, re.IGNORECASE)
    assert bool(found) is matches
    if found:
        assert any(text.lower().startswith(start) for start in phrase_starts(phrase) or ())


def test_every_slip_keeps_the_first_two_letters_and_no_real_word() -> None:
    for word, variants in lexicon._TYPOS.items():
        assert word in variants
        assert all(v[:2] == word[:2] for v in variants)
        assert not (set(variants) - {word}) & lexicon._NOT_TYPOS


SAMPLE = "Hurt my lower back lifting a box yesterday, 6/10, no numbness, peeing fine. 42 M."


def test_expressions_are_compiled_only_when_a_text_needs_them() -> None:
    matcher = LazyTargetMatcher(TARGET_GROUP, NORMAL_ATTR)
    matcher.add(RULES)
    total = len(PHRASES)
    matcher(_nlp().make_doc("zzz"))
    none_needed = matcher.compiled_count
    matcher(_nlp().make_doc(SAMPLE))
    some_needed = matcher.compiled_count
    assert none_needed < 10  # only phrases that can start with any word (a bare n't)
    assert none_needed < some_needed < total // 4
    matcher(_nlp().make_doc(SAMPLE))
    assert matcher.compiled_count == some_needed  # compiled once, then kept


def test_every_phrase_compiles() -> None:
    for phrase in PHRASES:
        re.compile(compile_phrase(phrase), re.IGNORECASE)


@pytest.mark.parametrize("phrase", ["(open (my|his)? bowels|defecate)", "(a|b", "a|b)"])
def test_a_nested_or_unbalanced_group_is_refused(phrase: str) -> None:
    # The notation has one level of groups; a nested one compiled to an expression that never matched.
    with pytest.raises(ValueError, match="nested or unbalanced"):
        compile_phrase(phrase)


@pytest.mark.parametrize("phrase", ["(t[1-9]|c[1-8]) incomplete", "platelets (of)? \\d+", "^pain$"])
def test_regular_expression_syntax_is_refused(phrase: str) -> None:
    # Words are matched literally: "(t[1-9]|c[1-8]) incomplete" never matched "C6 incomplete" (round 36).
    with pytest.raises(ValueError, match="regular-expression syntax"):
        compile_phrase(phrase)


def test_a_phrase_never_ends_inside_a_number() -> None:
    # "temp 37" is a normal temperature, but not the start of "temp 37.8" (round 36)
    pattern = re.compile(compile_phrase("(temp) (37|37.2)"), re.IGNORECASE)
    assert pattern.search("temp 37.8 today") is None
    assert pattern.search("temp 37, fine") is not None
    assert pattern.search("temp 37.2 today") is not None


def test_nltk_is_not_loaded_by_the_reader_but_still_works() -> None:
    # medspaCy imports QuickUMLS, which imports NLTK; the pipeline defers it (a third of a second).
    script = (
        "import sys\n"
        "from lumbar.intake.reader import read\n"
        "from lumbar.knowledge import default_kb\n"
        "reading = read('no tingling, back spasm', kb=default_kb())\n"
        "assert reading.findings.status('leg_numbness').value == 'absent'\n"
        "assert not any(m.startswith('nltk.') for m in sys.modules), 'NLTK was loaded'\n"
        "import nltk.corpus\n"
        "from nltk import word_tokenize\n"
        "assert type(sys.modules['nltk']).__name__ == 'module' and callable(word_tokenize)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
