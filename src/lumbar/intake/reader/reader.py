"""`read`: a person's own words, or a clinical note, into findings and values.

Each matched phrase becomes an Observation whose status comes from its ConText modifiers:

- another person ("my dad had cancer") -> kept apart in `Reading.others`, never triaged;
  except for findings *about* relatives (family_spondyloarthritis), where that is the point; said of the
  person, the same words are the person's own condition where one is named (known_spondyloarthritis);
- a "normal" statement ("peeing's fine") -> absent;
- hypothetical or possible ("what if...", "not sure if...", a question) -> uncertain;
- negated ("no tingling", "denies...") -> absent;
- historical ("numbness last year") -> uncertain for symptoms, present for history items
  ("had breast cancer 10 years ago" is cancer_history);
- otherwise present.

When a finding is mentioned more than once, present beats absent beats uncertain: one current mention
is enough to raise a flag, and a clear "no" says more than a "what if".
"""

from __future__ import annotations

import re
import warnings
from dataclasses import replace
from datetime import date
from typing import Any

from lumbar.intake.model import Findings, Observation, Status
from lumbar.intake.reader._family import OTHER_PERSON_AGED, RELATIVES
from lumbar.intake.reader._owner import MY_BACK, own_account, someone_elses
from lumbar.intake.reader._text import MAX_CHARS, chunks, normalise
from lumbar.intake.reader.body_mass import FINDING as BODY_MASS_FINDING
from lumbar.intake.reader.body_mass import excess_weight_observation
from lumbar.intake.reader.both_legs import FINDING as BOTH_LEGS
from lumbar.intake.reader.both_legs import WALKING_FINDING, new_on_walking, not_both_legs_red_flag
from lumbar.intake.reader.context_rules import (
    ALL_CLEAR,
    DIED,
    FAMILY,
    HISTORICAL,
    HYPOTHETICAL,
    LONG_PAST,
    NEGATED,
    PLACE_NAMED_BY_OPERATION,
    POSSIBLE,
    TARGET_GROUP,
    mentions_other_person,
    negation_just_before,
    other_person_just_before,
    relative_earlier_in_line,
)
from lumbar.intake.reader.derived import progressive_weakness
from lumbar.intake.reader.discourse import Mention, apply_discourse
from lumbar.intake.reader.doses import overdose_observation
from lumbar.intake.reader.giving_way import (
    MEDICINE_SIDE_EFFECT,
    apply_giving_way,
    cramps_on_a_new_medicine,
    dizzy_on_a_new_medicine,
)
from lumbar.intake.reader.lexicon import NORMAL_ATTR
from lumbar.intake.reader.pipeline import pipeline
from lumbar.intake.reader.pregnancy_state import born_already, pregnant_now
from lumbar.intake.reader.pressure import apply_pressure
from lumbar.intake.reader.side_effects import apply_side_effects
from lumbar.intake.reader.still_sore import FINDING as NO_IMPROVEMENT
from lumbar.intake.reader.still_sore import still_sore_but_better
from lumbar.intake.reader.temperature import FEVER_C, readings, todays_reading
from lumbar.intake.reader.there import apply_there
from lumbar.intake.reader.values import read_values
from lumbar.intake.reading import Reading
from lumbar.knowledge.models import Finding, FindingKind, KnowledgeBase

__all__ = ["NOT_UNDERSTOOD", "TRUNCATED", "read"]

NOT_UNDERSTOOD = "I couldn't find anything about your symptoms in that text; please answer the questions instead."
TRUNCATED = (
    f"That text is very long, so I read only the first {MAX_CHARS:,} characters; "
    "please check the answers to the questions."
)

_ABOUT_RELATIVES = frozenset({"family_spondyloarthritis"})
# A finding about relatives whose words also name the person's own condition: "ankylosing spondylitis" is
# family_spondyloarthritis said of a relative and known_spondyloarthritis said of the person. Where the
# person's own finding reads the same words as about the person, the relatives' reading is dropped.
_OWN_FORM = {"family_spondyloarthritis": "known_spondyloarthritis"}
# Where a question can start inside a sentence: after a clause mark or a word of asking.
_CLAUSE_OPENERS = frozenset({",", ";", ":", "-", "\u2013", "\u2014", "(", "'", '"'})
_ASKING = frozenset({"asks", "asked", "asking", "ask", "wonders", "wondering", "wondered", "wonder", "whether"})
_RANK = {Status.PRESENT: 2, Status.ABSENT: 1, Status.UNCERTAIN: 0}
_QUESTION_START = frozenset(
    {"should", "is", "are", "can", "could", "would", "will", "what", "does", "do", "did", "how", "when", "why",
     "am", "might", "may", "has", "have", "shall", "which", "anyone", "any"}
)  # fmt: skip
# Words about the body: a text with none of these, no finding and no value says nothing we can use.
_BODY_WORDS = re.compile(
    r"\b(?:back|backache|spine|spinal|lumbar|lumbago|pain|painful|pains|hurt|hurts|hurting|ache|aches|aching|"
    r"achy|sore|spasm|spasms|cramp|cramps|pulled|strain|strained|sprain|twinge|lbp|sciatica|stiff|neck|leg|"
    r"legs|hip|hips|buttock|disc|muscle|muscles|injury|injured|tender|throbbing|agony|killing)\b",
    re.IGNORECASE,
)


# The relatives, and others a writer may describe ("my friend", "my patient"); each use ends with \b.
_RELATIVE = (
    "(?:"
    + "|".join((*RELATIVES, "child", "kid", "boy", "girl", "friend", "baby", "toddler", "patient", "client"))
    + r"|\d{1,2}[\s-]*(?:years?|yrs?)[\s-]*old|\d{1,2}\s*yo"  # "my 8 year old has had back pain"
    + ")"
)
# A carer writing about the person with the back pain: the back pain is a named relative's ("my mum has
# back pain", "my daughter ... her lower back aches") and the writer never speaks of their own back.
_RELATIVE_BACK = re.compile(
    rf"\b(?:my|our)\s+(?:[\w-]+\s+){{0,3}}{_RELATIVE}(?:'s)?\b(?:[^.!?\n]|\.(?=\d)){{0,60}}\b(?:back|spine|lumbar)\b"
    r"|\b(?:her|his)\s+(?:lower\s+|low\s+)?back\s+(?:pain|ache|aches|hurts|is|has|went|spasm)"
    r"|\b(?:my|our)\s+(?:[\w-]+\s+){0,3}?" + _RELATIVE + r"\b[^.!?\n]{0,80}\b(?:backache|back-ache)\b"
    # "My son is 9. He's had back pain ...": a named relative, then "he" or "she" with the back pain
    rf"|\b(?:my|our)\s+(?:[\w-]+\s+){{0,3}}?{_RELATIVE}\b[^\n]{{0,120}}?\b(?:he|she)(?:'s|\s+has|\s+had|\s+is|\s+gets|\s+keeps)?\s+"
    r"(?:been\s+|had\s+|got\s+|having\s+|complaining\s+(?:of|about)\s+)?"
    r"(?:(?:\w+\s+){0,5}?back\s*-?\s*(?:pain|ache|spasm)|(?:\w+\s+){0,3}?bad\s+back)",
    re.IGNORECASE,
)
# An age said before a relative: "my 14 yo daughter", "our 15-year-old son"
_AGE_BEFORE = r"(?:\d{1,2}[\s-]*(?:yo|y/o|years?[\s-]*old|yrs?[\s-]*old)\s+)?"
# A relative opening a sentence ("Mum is 78 and ...", "My husband, 52, ...") and then "her back" or "his
# lower back": a carer's account too. Clinical words (patient, client) are left out: a clinician's note
# about "his back" is not a carer writing, and the note's "his brother" must stay someone else. A short
# aside may come first ("Bless her heart, my aunt's ...", "Hi there, Mum is 80").
_RELATIVE_SUBJECT = re.compile(
    rf"(?:^|[.!?\n]\s*)(?:[\w' ]{{1,30}},\s*)?(?:my\s+|our\s+)?{_AGE_BEFORE}(?:{'|'.join(RELATIVES)})\b",
    re.IGNORECASE,
)
# ... with the relative's age straight after ("Dad's 78 and has myeloma", "My mum is 84 and ...", "Mum, 80,"):
# whose account it is, even when the writer then says "he told me" or "I think she's ..."
_RELATIVE_AGED = re.compile(
    rf"(?:^|[.!?\n]\s*)(?:[\w' ]{{1,30}},\s*)?(?:my\s+|our\s+)?(?:{'|'.join(RELATIVES)})"
    r"(?:'s|\s+is|\s+was|\s*,|\s*\()\s*(?:aged\s+|now\s+|just\s+)?\d{1,3}\b(?!\s*(?:kg|kilos?|stone|lbs?|%|/))",
    re.IGNORECASE,
)
# A neighbour, friend or pupil with their age ("the old chap next door is 79"), then "he" or "she": theirs
_OTHER_AGED = re.compile(OTHER_PERSON_AGED, re.IGNORECASE)
# "Writing for my dad (63).", "asking on behalf of my mum": the writer says whose account it is.
_WRITING_FOR = re.compile(
    r"\b(?:writing|asking|messaging|typing|texting|posting|enquiring|inquiring|calling|ringing|phoning|emailing|here|"
    r"filling\s+(?:this|it)\s+in|"
    rf"doing\s+this)\s+(?:for|on\s+behalf\s+of|about)\s+(?:my|our)\s+(?:{'|'.join(RELATIVES)})\b",
    re.IGNORECASE,
)
# Any word of the writer about themselves ("my" alone is allowed: "my daughter is 4").
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|im|i've|ive|i'd|me|myself|mine)\b", re.IGNORECASE)
_THIRD_PERSON = re.compile(r"\b(?:he|she|he's|she's|hes|shes|her|his|him)\b", re.IGNORECASE)
# "My mum died of breast cancer that spread to her spine": a relative who died is not the one writing in
_DIED = re.compile(r"\b(?:died|passed\s+away|passed\s+on|late)\b", re.IGNORECASE)
_THEIR_BACK = re.compile(
    r"\b(?:her|his)\s+(?:lower\s+|low\s+|upper\s+|middle\s+|mid\s+)?back\b(?!\s*(?:pack|packs|door|garden|yard|seat))",
    re.IGNORECASE,
)
_OWN_BACK = re.compile(
    MY_BACK  # "my back", "my neck and lower back", but not "my back is fine"
    # "I ... back", but not a back support or going back: "she asked me to find out whether a back support
    # belt would help" is not the writer's back
    # (with no one else's pronoun between: "I noticed one side of her back sticks up" is hers, round 40)
    + r"|\b(?:i|i've|i'm|ive|im|me)\b(?:(?!\b(?:he|she|him|his|her|hers|their|he's|she's)\b)[^.!?\n]){0,30}\bback\b"
    r"(?!\s*(?:supports?|belts?|braces?|packs?|door|garden|yard|seat|home|then|later|soon|to|into|and\s+forth)\b)"
    r"|(?<!of\s)\bmine\b"  # "my mum died of bone cancer ... mine started after squash" (not "a pupil of mine")
    # "I've had pain", but not "one spot ... tender when I press it, and it hurts": no one else's pronoun
    # between the writer and the pain
    r"|\b(?:i|i've|i'm|ive|im)\b(?:(?!\b(?:he|she|it|they|him|his|her|hers|he's|she's|it's)\b)[^.!?\n]){0,30}"
    r"\b(?:pain|ache|aches|aching|spasms?|hurts?|sore|pulled|strained|"
    r"tweaked|twisted|injured|jarred|ricked)\b",
    re.IGNORECASE,
)
CARER = (
    "I read this as being about the person whose back pain you describe; the advice is for them, and if "
    "you have symptoms yourself, please check them separately."
)


def carer_mode(text: str) -> bool:
    """Is the text a carer's account of someone else's back pain (so that person's findings count)?
    Yes when it names a relative's back ("my mum's back", "Mum is 78 ... her lower back") or a neighbour's or
    friend's with their age, speaking of "he" or "she" ("the old chap next door is 79 ... his back's gone"),
    says it is
    written for a relative, or is about a relative from its first words, speaking of "he" or "she" ("his", "her"),
    without one word of the writer about themselves ("My daughter is 4. ... she's had temperatures") or with
    the relative's age first ("Dad's 78 and has myeloma ... he told me");
    never when the writer speaks of their own back pain."""
    relative = _RELATIVE_SUBJECT.search(text)
    opening = _THIRD_PERSON_OPENING.match(text)
    someone_elses = (
        (opening and (opening.group("found") or not _FIRST_PERSON.search(text)))
        or any(not _DIED.search(m.group()) for m in _RELATIVE_BACK.finditer(text))
        or _WRITING_FOR.search(text)
        or (_OTHER_AGED.search(text) and _THIRD_PERSON.search(text))
        or (
            relative
            and (
                _THEIR_BACK.search(text)
                or (relative.start() == 0 and _THIRD_PERSON.search(text) and not _FIRST_PERSON.search(text))
                or (_RELATIVE_AGED.match(text) and _THIRD_PERSON.search(text))
            )
        )
    )
    return bool(someone_elses) and not _OWN_BACK.search(text)


_THEIR = frozenset({"his", "her", "their"})
# A care worker's note that opens on the person: "found her on the floor at the 7am check" (even with "I"
# later), "Today she has been wet three times without signing" (with no word of the writer's own: "He's
# referred me to physio" is the doctor) (round 35, round 36)
_THIRD_PERSON_OPENING = re.compile(
    r"\W*(?:(?:today|tonight|this\s+morning|yesterday|overnight|now|so|ok|okay|hi|hello)\W+)?"
    r"(?:(?:she|he)(?:'s|\s+(?:has|had|is|was|keeps|kept|can't|cannot|won't|wont|didn't|didnt|isn't|isnt|seems|"
    r"started|woke))|(?P<found>(?:we\s+)?found\s+(?:her|him)))\b",
    re.IGNORECASE,
)


def _their_relative(span: Any) -> bool:
    """Is the mention about a relative of the person a carer writes for ("his dad died of prostate
    cancer"), or about a relative who died ("my uncle died of a burst aneurysm"), rather than the person
    themselves ("my husband has ...")?"""
    doc = span.doc
    return any(
        m.category == FAMILY and (doc[m.modifier_span[0]].lower_ in _THEIR or m.rule.literal == DIED)
        for m in span._.modifiers
    )


def _status(span: Any, finding: Finding, carer: bool = False, own: bool = False) -> Status | None:
    """The status one mention gives its finding; None when it is about someone else (unless the whole
    text is a carer's account of that person). A finding that counts only when recent
    (`Finding.recent`) is uncertain when dated long past."""
    kind = finding.kind
    categories = _categories(span, own)
    about_relatives = span.label_ in _ABOUT_RELATIVES
    if FAMILY in categories and carer and not about_relatives and not _their_relative(span):
        categories.discard(FAMILY)
    if FAMILY in categories and not about_relatives:
        return None
    if about_relatives and _of_the_person(span, categories):
        return Status.UNCERTAIN  # psoriasis or colitis in the person: worth asking about the family
    if categories & {HYPOTHETICAL, POSSIBLE} or _in_question(span):
        return Status.UNCERTAIN
    if getattr(span._, NORMAL_ATTR):
        return Status.ABSENT
    if NEGATED in categories and kind is FindingKind.HISTORY and HISTORICAL in categories and _all_clear_since(span):
        categories.discard(NEGATED)  # "had bowel cancer 2 yrs ago (all clear at last check)": had it (round 37)
    if NEGATED in categories or negation_just_before(span):
        return Status.ABSENT
    told = kind is FindingKind.TRIGGER and _told_it_is_so(span)  # a lasting state behind the spasm, said to be so
    if HISTORICAL in categories and kind is not FindingKind.HISTORY and not told:
        return Status.UNCERTAIN
    if finding.recent and any(m.category == HISTORICAL and m.rule.literal in LONG_PAST for m in span._.modifiers):
        return Status.UNCERTAIN
    return Status.PRESENT


# "Physio last year said I have a weak core": the time is when it was said, and it is said to be so now
_TOLD_NOW = re.compile(
    r"\b(?:said|says|told\s+me|tells\s+me|told\s+us|found|diagnosed)\s+"
    r"(?:(?:last|this)\s+(?:year|month|week|summer|spring|autumn|winter)\s+|\w+\s+(?:years?|months?|weeks?)\s+ago\s+)?"
    r"(?:that\s+)?(?:(?:i|my|he|she|his|her)\s+(?:\w+\s+){0,2}?(?:have|has|am|is|are)\b|(?:i'm|i've|it's|he's|she's)\s)",
    re.IGNORECASE,
)


def _told_it_is_so(span: Any) -> bool:
    """Is every historical modifier of this mention the time something was said, in the present tense, before
    it ("last year said I have a weak core")? Read only for the factors behind a spasm (`FindingKind.TRIGGER`):
    a red flag said to be so last year is still asked about."""
    doc = span.doc
    historical = [m for m in span._.modifiers if m.category == HISTORICAL]
    return all(
        m.modifier_span[1] <= span.start
        and _TOLD_NOW.search(doc.text, max(0, doc[m.modifier_span[0]].idx - 12), span.end_char) is not None
        for m in historical
    )


def _all_clear_since(span: Any) -> bool:
    """Is every denial of this mention a clear result after it ("... all clear at last check")?"""
    return all(m.rule.literal == ALL_CLEAR for m in span._.modifiers if m.category == NEGATED)


def _categories(span: Any, own: bool) -> set[str]:
    """The ConText categories of a mention, with FAMILY where the words just before name someone else."""
    categories = {m.category for m in span._.modifiers}
    if other_person_just_before(span) or (own and someone_elses(span)):
        categories.add(FAMILY)
    return categories


def _of_the_person(span: Any, categories: set[str]) -> bool:
    """Is a finding about relatives said of the person ("I have psoriasis")?"""
    return FAMILY not in categories and not mentions_other_person(span)


def _relatives_kept_open(read_mentions: list[Mention], own: bool) -> list[Mention]:
    """A finding about relatives said of the person stays uncertain when a yes answers it: "Iritis? yes"
    is the person's own iritis, not a relative's."""
    return [
        replace(m, status=Status.UNCERTAIN)
        if m.status is Status.PRESENT and m.span.label_ in _ABOUT_RELATIVES
        and _of_the_person(m.span, _categories(m.span, own)) and not relative_earlier_in_line(m.span)
        else m
        for m in read_mentions
    ]  # fmt: skip


_LEADING_DENIAL = frozenset({"no", "denies", "denied", "without", "nil", "never"})


def _mention(span: Any, finding: Finding, carer: bool = False, own: bool = False) -> Mention:
    status = _status(span, finding, carer, own)
    kind = finding.kind
    before = {
        m.category
        for m in span._.modifiers
        if m.modifier_span[1] <= span.start and m.rule.literal != PLACE_NAMED_BY_OPERATION
    }
    carried = None
    if status is Status.ABSENT and not getattr(span._, NORMAL_ATTR):
        carried = Status.ABSENT if NEGATED in before or negation_just_before(span) else None
    elif status is Status.ABSENT and span[0].lower_ in _LEADING_DENIAL:
        # A normal statement that begins with the denial ("denies trauma, fever or weight loss") holds the
        # negation word inside its own span, so it must hand the denial on to the rest of the list.
        carried = Status.ABSENT
    elif status is Status.UNCERTAIN and before & {HYPOTHETICAL, POSSIBLE}:
        carried = Status.UNCERTAIN
    return Mention(
        span,
        status,
        carried=carried,
        modified=bool(span._.modifiers) or getattr(span._, NORMAL_ATTR),
        history=kind is FindingKind.HISTORY and status is Status.PRESENT,
    )


def _own_over_relatives(mentions: list[Mention]) -> list[Mention]:
    """The mentions without a relatives' reading (`_OWN_FORM`) of words that the person's own finding
    reads as about the person ("I have ankylosing spondylitis" is no family history)."""
    own = {(m.span.start, m.span.end, m.span.label_) for m in mentions if m.status is not None}
    return [
        m
        for m in mentions
        if m.span.label_ not in _OWN_FORM or (m.span.start, m.span.end, _OWN_FORM[m.span.label_]) not in own
    ]


def _in_question(span: Any) -> bool:
    """Is the mention inside a question ("any numbness?", "do I need an X-ray?", "..., pt asks could I
    lose bladder control?")? The sentence must end with "?", and its first word, or the first word of
    the mention's clause, must open a question."""
    sent = span.sent
    if not any(t.text == "?" for t in sent[-2:]):
        return False
    first = next((t for t in sent if not (t.is_space or t.is_punct)), None)
    if first is not None and first.lower_ in _QUESTION_START:
        return True
    doc = span.doc
    i = span.start - 1
    while i >= sent.start and not (doc[i].text in _CLAUSE_OPENERS or doc[i].lower_ in _ASKING):
        i -= 1
    if i < sent.start:
        return False  # the mention's clause is the sentence's first: looked at above
    opener = next((t for t in doc[i + 1 : span.start + 1] if not (t.is_space or t.is_punct)), None)
    return opener is not None and opener.lower_ in _QUESTION_START


def _evidence(span: Any, status: Status, offset: int) -> tuple[int, int]:
    """Character offsets of the words shown as evidence: the phrase, and for an absent or uncertain
    mention also the nearest modifier that made it so, when it is close by."""
    start, end = span.start_char, span.end_char
    if status is not Status.PRESENT and not getattr(span._, NORMAL_ATTR):
        near = [m for m in span._.modifiers if m.category in (NEGATED, HYPOTHETICAL, POSSIBLE, HISTORICAL)]
        if near:
            doc = span.doc
            m_start, m_end = near[0].modifier_span
            if abs(m_start - span.start) <= 6 or abs(span.end - m_end) <= 6:
                start = min(start, doc[m_start].idx)
                while m_end - 1 > m_start and doc[m_end - 1].is_punct:
                    m_end -= 1  # "fever nil," shows "fever nil"
                last = doc[m_end - 1]
                end = max(end, last.idx + len(last.text))
    return offset + start, offset + end


def _fever_reading(prepared: str, said: Observation | None, *, carer: bool) -> tuple[int, int] | None:
    """Where a stated temperature of a fever is ("temp 39.2 last night, 37.4 this morning" is a fever
    the paracetamol hides), unless it is in the sentence that made the fever uncertain, a past illness
    ("had covid in August with a fever of 39, fully recovered"). A denial does not hide a reading."""
    lowered = prepared.lower()
    found = readings(lowered, carer=carer)
    today = todays_reading(lowered, found)  # may be one said only after its time: "tonight it's 38.9"
    for celsius, start, end in [*found, *([today] if today is not None and today not in found else [])]:
        if celsius < FEVER_C:
            continue
        if said is not None and said.status is Status.UNCERTAIN and said.span is not None:
            low, high = sorted((said.span[0], start))
            if not _SENTENCE_END.search(prepared, low, high):
                continue
        return start, end
    return None


_SENTENCE_END = re.compile(r"[.!?\n]")


def read(text: str, *, kb: KnowledgeBase, today: date | None = None) -> Reading:
    """Read `text` into findings and values. Never raises on any string; never logs the text.
    `today`: the date, for durations said as a date ("since 3rd Oct"); without it those are not read."""
    if not isinstance(text, str):
        text = ""
    problems: list[str] = []
    considered = text
    if len(considered) > MAX_CHARS:
        considered = considered[:MAX_CHARS]
        problems.append(TRUNCATED)
    prepared = normalise(considered)
    nlp = pipeline(kb)
    carer = carer_mode(prepared)
    if carer:
        problems.append(CARER)
    own = own_account(prepared, carer=carer)

    values = read_values(prepared, carer=carer, today=today, own=own)
    best: dict[str, Observation] = {}
    others: dict[str, Observation] = {}
    both_legs: list[tuple[int, int]] = []  # where both legs were said to be affected, as the person's own
    no_better: list[Observation] = []  # every present "no improvement" read, for `still_sore_but_better`
    pieces = list(chunks(prepared))
    with warnings.catch_warnings():
        # Our phrases are regular expressions, so medspaCy's token Matcher is empty and spaCy warns
        # (W036) on every document; that one warning is expected here.
        warnings.filterwarnings("ignore", message=r"\[W036\]", category=UserWarning)
        docs = list(nlp.pipe(piece for _, piece in pieces))
    for (offset, _), doc in zip(pieces, docs, strict=True):
        mentions = _own_over_relatives(
            [
                _mention(span, kb.findings[span.label_], carer, own)
                for span in doc.spans[TARGET_GROUP]
                if span.label_ in kb.findings
            ]
        )
        read_mentions = apply_there(apply_side_effects(apply_pressure(apply_discourse(mentions))))
        read_mentions = _relatives_kept_open(read_mentions, own)
        for mention in read_mentions:
            side_effect = dizzy_on_a_new_medicine(mention, read_mentions) or cramps_on_a_new_medicine(mention)
            if side_effect and MEDICINE_SIDE_EFFECT in kb.findings:
                start, end = offset + mention.span.start_char, offset + mention.span.end_char
                _keep(best, _observation(MEDICINE_SIDE_EFFECT, Status.PRESENT, text, start, end))
        for mention in apply_giving_way(read_mentions, age=values.age):
            span, status = mention.span, mention.status
            if status is None:
                start, end = offset + span.start_char, offset + span.end_char
                others.setdefault(span.label_, _observation(span.label_, Status.PRESENT, text, start, end))
                continue
            start, end = _evidence(span, status, offset)
            if mention.end_char is not None:
                end = max(end, offset + mention.end_char)
            if span.label_ == BOTH_LEGS and status is Status.PRESENT:
                both_legs.append((offset + span.start_char, offset + span.end_char))
            obs = _observation(span.label_, status, text, start, end)
            if span.label_ == NO_IMPROVEMENT and status is Status.PRESENT:
                no_better.append(obs)
            _keep(best, obs)
    overdose = overdose_observation(prepared, text)
    if overdose is not None:
        _keep(best, overdose)
    if BODY_MASS_FINDING in kb.findings:
        heavy = excess_weight_observation(prepared, text)
        if heavy is not None:
            _keep(best, heavy)
    derived = progressive_weakness(list(best.values()), prepared, text)
    if derived is not None:
        _keep(best, derived)
    _not_both_legs(best, both_legs, prepared, values.duration_days, kb)
    still_sore_but_better(best, no_better, text, course=values.course)
    if "fever" in kb.findings:
        stated = _fever_reading(prepared, best.get("fever"), carer=carer)
        if stated is not None:
            _keep(best, _observation("fever", Status.PRESENT, text, stated[0], stated[1]))

    if values.pregnancy_weeks is not None and "pregnancy" in others and "pregnancy" not in best:
        values = replace(values, pregnancy_weeks=None)  # "my sister is 30 weeks pregnant": her weeks
    pregnant_now(best, values.pregnancy_weeks, prepared, text)
    born_already(best, values.pregnancy_weeks, prepared)
    understood = bool(best or others or values.pain_score is not None or values.temperature_c is not None)
    understood = understood or bool(_BODY_WORDS.search(prepared))
    if not understood:
        problems.append(NOT_UNDERSTOOD)
    return Reading(
        text=text,
        findings=Findings.of(best.values(), values),
        understood=understood,
        problems=tuple(problems),
        others=tuple(others.values()),
    )


def _not_both_legs(
    best: dict[str, Observation], spans: list[tuple[int, int]], prepared: str, days: float | None, kb: KnowledgeBase
) -> None:
    """Both legs said only of walking in long-standing trouble, of numbness come on over months, or of pain
    that stops above the knee (`both_legs.py`): uncertain, and the walking read as leg pain on walking. Leg
    pain on walking in both legs said to have begun lately is both legs, the red flag."""
    walking = best.get(WALKING_FINDING)
    if BOTH_LEGS in kb.findings and walking is not None and new_on_walking(walking, prepared, days):
        _keep(best, replace(walking, finding=BOTH_LEGS))  # "since yesterday, when I walk, pain down both legs"
        return
    said = best.get(BOTH_LEGS)
    why = not_both_legs_red_flag(spans, prepared, best, days) if said is not None else None
    if said is None or why is None:
        return
    best[BOTH_LEGS] = replace(said, status=Status.UNCERTAIN)
    if why == "walking" and WALKING_FINDING in kb.findings:
        _keep(best, replace(said, finding=WALKING_FINDING))


def _keep(best: dict[str, Observation], obs: Observation) -> None:
    """Present beats absent beats uncertain; the first mention wins a tie."""
    current = best.get(obs.finding)
    if current is None or _RANK[obs.status] > _RANK[current.status]:
        best[obs.finding] = obs


def _observation(finding: str, status: Status, text: str, start: int, end: int) -> Observation:
    return Observation(finding, status, evidence=text[start:end], origin="text", span=(start, end))
