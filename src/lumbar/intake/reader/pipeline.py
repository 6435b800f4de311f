"""The reading pipeline: a blank spaCy English model, our lazy target matcher and medspaCy's ConText.

Built once per knowledge base (keyed on `kb.version`). The target matcher (`targets.py`) finds the spans
medspaCy's `TargetMatcher` finds, except that where several of a finding's phrases match at one place it
takes the longest; and it compiles each phrase expression only when a text first needs it: compiling all
of them up front took most of a second of every cold start. Fully offline: no model is downloaded.

ConText's modifiers are found by our `TokenPatternMatcher` (`modifiers.py`) in place of the spaCy
`Matcher` medspaCy runs: the same matches, about a tenth of the time.

Sentence splitting uses spaCy's rule-based `sentencizer` rather than medspaCy's PyRuSH: on this kind of
text (short narratives, clinical shorthand) it splits as well, is several times faster to load and to
run, and does not log every document through loguru.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import threading
import types
from typing import Any

from lumbar.intake.reader._extents import longest_first
from lumbar.intake.reader.combined import COMPOSED_KEY, WORDS_GROUP, Combiner, settle, word_class_rules
from lumbar.intake.reader.context_rules import TARGET_GROUP, context_rules
from lumbar.intake.reader.lexicon import MARKER_ATTR, NORMAL_ATTR, phrase_rules
from lumbar.intake.reader.modifiers import TokenPatternMatcher
from lumbar.intake.reader.targets import LazyTargetMatcher
from lumbar.knowledge.models import KnowledgeBase

__all__ = ["pipeline"]

_ELLIPSES = ("..", "...", "....", ".....", "\u2026")  # sentence ends besides spaCy's own

_LOCK = threading.Lock()
_CACHE: dict[str, Any] = {}
_FILTER = "lumbar_target_filter"
_TARGETS = "lumbar_target_matcher"
_WORDS = "lumbar_word_matcher"


def _quiet_loguru() -> None:
    # medspaCy's sentence splitter logs DEBUG lines through loguru; keep warnings only.
    from loguru import logger

    logger.remove()
    logger.add(sys.stderr, level="WARNING")


class _Deferred(types.ModuleType):
    """Stands in for a module until something uses it: then imports the real one, puts it in
    `sys.modules` in its place and answers from it."""

    def __getattr__(self, attr: str) -> Any:
        return getattr(self._load(), attr)

    def _load(self) -> types.ModuleType:
        with _DEFER_LOCK:
            if sys.modules.get(self.__name__) is self:
                del sys.modules[self.__name__]
            return importlib.import_module(self.__name__)


_DEFER_LOCK = threading.RLock()


def _defer_nltk() -> None:
    """Importing medspaCy imports QuickUMLS, which imports NLTK: about a third of a second of start-up
    for a library only QuickUMLS's own matcher uses, and we never build one. Until something uses it,
    NLTK is a stand-in (`import nltk` binds it without loading anything); the first attribute read
    (`nltk.corpus`, `from nltk import ...`, `import nltk.x`) imports the real module, so nothing
    changes for code that does use it."""
    if "nltk" in sys.modules:
        return
    spec = importlib.util.find_spec("nltk")
    if spec is None:
        return
    stand_in = _Deferred("nltk")
    stand_in.__spec__ = spec
    sys.modules["nltk"] = stand_in


def _keep_longest(spans: list[Any]) -> list[Any]:
    """Of overlapping matches keep the longest; keep ties of the same extent (one phrase can name two
    findings, "bladder or bowel problems"), and one span per finding and extent. Markers (which leg)
    are kept beside the others: they neither win nor lose words, except to a longer match of their own
    finding ("than a tearing feeling", a normal statement, over its "tearing feeling")."""
    markers = {(s.start, s.end, s.label_): s for s in spans if getattr(s._, MARKER_ATTR)}
    markers = {
        key: s
        for key, s in markers.items()
        if not any(k[2] == key[2] and k[0] <= key[0] and key[1] <= k[1] and k != key for k in markers)
    }
    others = [s for s in spans if not getattr(s._, MARKER_ATTR)]
    kept = {
        (s.start, s.end, s.label_): s for s in reversed(longest_first(others, lambda s: (s.start, s.end), lambda s: 0))
    }
    return sorted([*kept.values(), *markers.values()], key=lambda s: (s.start, s.end, s.label_))


def _build(kb: KnowledgeBase) -> Any:
    _quiet_loguru()
    _defer_nltk()
    import spacy
    from medspacy.context import ConText  # noqa: F401  (registers the factory)
    from spacy.language import Language
    from spacy.tokens import Doc

    if _FILTER not in Language.factories:

        @Language.component(_FILTER)
        def _filter(doc: Doc) -> Doc:
            spans = list(doc.spans.get(TARGET_GROUP, []))
            parts = doc.user_data.get(COMPOSED_KEY, {})
            composed = [s for s in spans if (s.start, s.end, s.label_) in parts]
            phrases = [s for s in spans if (s.start, s.end, s.label_) not in parts]
            doc.spans[TARGET_GROUP] = settle(_keep_longest(phrases), composed, parts)
            return doc

    if _TARGETS not in Language.factories:

        def _targets(nlp: Language, name: str) -> LazyTargetMatcher:
            return LazyTargetMatcher(TARGET_GROUP, NORMAL_ATTR)

        # spaCy validates factory arguments against their annotations, which are strings here.
        _targets.__annotations__ = {}
        Language.factory(_TARGETS, func=_targets)

    if _WORDS not in Language.factories:

        def _words(nlp: Language, name: str) -> LazyTargetMatcher:
            return LazyTargetMatcher(WORDS_GROUP, NORMAL_ATTR)

        _words.__annotations__ = {}
        Language.factory(_WORDS, func=_words)

    nlp = spacy.blank("en")
    # An ellipsis ends a thought in texted accounts ("I wouldn't say I haven't had bladder trouble...
    # honestly I haven't managed to pee"), so it ends a sentence, and a negation's scope, too.
    from spacy.pipeline.sentencizer import Sentencizer

    nlp.add_pipe("sentencizer", config={"punct_chars": [*Sentencizer.default_punct_chars, *_ELLIPSES]})
    matcher: Any = nlp.add_pipe(_TARGETS)
    matcher.add(phrase_rules(kb))
    words: Any = nlp.add_pipe(_WORDS)
    words.add(word_class_rules(kb))
    combiner = Combiner(kb, TARGET_GROUP)
    nlp.add_pipe(_combiner_name(combiner, Language))
    nlp.add_pipe(_FILTER)
    context: Any = nlp.add_pipe(
        "medspacy_context",
        config={
            "rules": None,
            "input_span_type": "group",
            "span_group_name": TARGET_GROUP,
            "prune_on_target_overlap": True,
            "span_attrs": None,
        },
    )
    context.add(context_rules())
    _fast_modifier_matching(context, nlp.vocab)
    return nlp


def _combiner_name(combiner: Combiner, language: Any) -> str:
    """Register this knowledge base's combiner as a spaCy component; its name."""
    name = f"lumbar_combiner_{id(combiner)}"
    language.component(name, func=combiner)
    return name


def _fast_modifier_matching(context: Any, vocab: Any) -> None:
    """Put our `TokenPatternMatcher` in place of the spaCy `Matcher` inside ConText's matcher: the same
    matches (`modifiers.py`), a tenth of the time. medspaCy (pinned to 1.3) keeps both in name-mangled
    attributes; if a release renames them this fails loudly at start-up rather than reading slowly."""
    inner = context._ConText__matcher  # medspaCy's MedspacyMatcher
    replaced = inner._MedspacyMatcher__matcher  # the spaCy Matcher it runs for token patterns
    fast = TokenPatternMatcher(vocab)
    for rule_id, rule in inner.rule_map.items():
        fast.add(rule_id, [rule.pattern])
    if len(replaced) != len(fast):
        raise RuntimeError("ConText's rules were not all token patterns; the modifier matcher cannot stand in")
    inner._MedspacyMatcher__matcher = fast


def pipeline(kb: KnowledgeBase) -> Any:
    """The spaCy pipeline for this knowledge base, built on first use."""
    with _LOCK:
        nlp = _CACHE.get(kb.version)
        if nlp is None:
            nlp = _build(kb)
            _CACHE.clear()  # one knowledge base at a time is the normal case; do not grow without bound
            _CACHE[kb.version] = nlp
        return nlp
