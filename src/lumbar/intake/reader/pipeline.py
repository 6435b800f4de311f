"""The reading pipeline: a blank spaCy English model with medspaCy's TargetMatcher and ConText.

Built once per knowledge base (keyed on `kb.version`) because compiling a few thousand phrase patterns
takes a noticeable fraction of a second. Fully offline: no model is downloaded.

Sentence splitting uses spaCy's rule-based `sentencizer` rather than medspaCy's PyRuSH: on this kind of
text (short narratives, clinical shorthand) it splits as well, is several times faster to load and to
run, and does not log every document through loguru.
"""

from __future__ import annotations

import sys
import threading
from typing import Any

from lumbar.intake.reader.context_rules import TARGET_GROUP, context_rules
from lumbar.intake.reader.lexicon import NORMAL_ATTR, phrase_rules
from lumbar.knowledge.models import KnowledgeBase

__all__ = ["pipeline"]

_LOCK = threading.Lock()
_CACHE: dict[str, Any] = {}
_FILTER = "lumbar_target_filter"


def _quiet_loguru() -> None:
    # medspaCy's sentence splitter logs DEBUG lines through loguru; keep warnings only.
    from loguru import logger

    logger.remove()
    logger.add(sys.stderr, level="WARNING")


def _keep_longest(spans: list[Any]) -> list[Any]:
    """Of overlapping matches keep the longest; keep ties of the same extent (one phrase can name two
    findings, "bladder or bowel problems"), and one span per finding and extent."""
    ordered = sorted(spans, key=lambda s: (-(s.end - s.start), s.start))
    kept: list[Any] = []
    taken: dict[int, tuple[int, int]] = {}
    seen: set[tuple[int, int, str]] = set()
    for span in ordered:
        extent = (span.start, span.end)
        key = (span.start, span.end, span.label_)
        if key in seen:
            continue
        clash = [taken[i] for i in range(span.start, span.end) if i in taken]
        if any(c != extent for c in clash):
            continue
        seen.add(key)
        kept.append(span)
        for i in range(span.start, span.end):
            taken[i] = extent
    return sorted(kept, key=lambda s: (s.start, s.end, s.label_))


def _build(kb: KnowledgeBase) -> Any:
    _quiet_loguru()
    import spacy
    from medspacy.context import ConText  # noqa: F401  (registers the factory)
    from medspacy.ner import TargetMatcher, TargetRule  # noqa: F401
    from spacy.language import Language
    from spacy.tokens import Doc, Span

    if not Span.has_extension(NORMAL_ATTR):
        Span.set_extension(NORMAL_ATTR, default=False)

    if _FILTER not in Language.factories:

        @Language.component(_FILTER)
        def _filter(doc: Doc) -> Doc:
            doc.spans[TARGET_GROUP] = _keep_longest(list(doc.spans.get(TARGET_GROUP, [])))
            return doc

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    matcher: Any = nlp.add_pipe(
        "medspacy_target_matcher",
        config={"result_type": "group", "span_group_name": TARGET_GROUP, "prune": False},
    )
    matcher.add(
        [
            TargetRule(
                r.literal,
                r.finding,
                pattern=r.pattern,
                attributes={NORMAL_ATTR: True} if r.normal else None,
            )
            for r in phrase_rules(kb)
        ]
    )
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
    return nlp


def pipeline(kb: KnowledgeBase) -> Any:
    """The spaCy pipeline for this knowledge base, built on first use."""
    with _LOCK:
        nlp = _CACHE.get(kb.version)
        if nlp is None:
            nlp = _build(kb)
            _CACHE.clear()  # one knowledge base at a time is the normal case; do not grow without bound
            _CACHE[kb.version] = nlp
        return nlp
