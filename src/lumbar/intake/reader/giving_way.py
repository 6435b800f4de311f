"""Going down with a spasm: legs that give way from the pain, and a collapse when the back went, are not
weakness or a faint.

"My legs gave out from the pain - the spasm hit so hard my knees just buckled and I went down", "Bent down
to pick up a sock and collapsed to the floor", "Seven weeks ago I collapsed in the garden with a back
spasm". In a spasm the pain can drop a person to the floor; the words are read as legs giving way
(`bilateral_leg_weakness`, `leg_weakness`) or a collapse (`fainting`), red flags for cauda equina and a
leaking aneurysm. Where the same sentence says the pain or the spasm did it, those words are uncertain:
the question is still asked, but they are not taken as a current red flag.

- Legs or knees that gave way, buckled or gave out (never "weak": "my legs are weak from the pain" stays)
  with the pain, agony or spasm named as the cause in the sentence.
- A collapse only with the spasm or the back's movement named ("with a back spasm", "bent down ... and
  collapsed", "my knees buckled from the pain and I hit the floor"), and only when the text gives an age
  under 50: back pain with a collapse at 50 or over, or with pain alone, is a ruptured aneurysm until
  shown otherwise (NICE NG156), so it stays.
- Dizziness alone (the words "dizzy", "light-headed": never a faint, a blackout or a collapse) that came
  on standing up, lying flat or rolling over, lasted seconds, went away, or "didn't" end in a fall, and
  again only under 50, or at any age when a medicine started or changed is named with it ("started me on
  doxazosin ... since then I go dizzy when I stand up"): otherwise, in an older person, dizziness on
  standing with new back pain can be the low blood pressure of bleeding, so it stays. The question about
  fainting is still asked. Dizziness with the fog or drowsiness of a sedating medicine started or changed
  ("put me on gabapentin ... I'm dizzy and foggy") is that medicine's side effect, at any age.

Never where the text also has sudden severe or tearing pain, tummy, side or chest pain, breathlessness,
a cold sweat, a pulsing lump, a known aneurysm, or in early pregnancy a late period or bleeding: then a
faint or dizziness may be bleeding or the heart.

Cramps after a water tablet or statin was started or raised are also read as that medicine's possible side
effect (`cramps_on_a_new_medicine`), beside the spasm, not instead of it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from lumbar.intake.model import Status
from lumbar.intake.reader.discourse import Mention

__all__ = ["MEDICINE_SIDE_EFFECT", "apply_giving_way", "cramps_on_a_new_medicine", "dizzy_on_a_new_medicine"]

_LEGS = frozenset({"bilateral_leg_weakness", "leg_weakness"})
_FAINT = "fainting"
_YOUNGER_THAN = 50

_GAVE_WAY = re.compile(r"\b(?:gave|give|gives|giving|buckl\w*|collaps\w*|went|go|going|dropped|folded)\b", re.I)
_PAIN_CAUSE = re.compile(
    r"\b(?:from|with|because\s+of|due\s+to|cos\s+of|coz\s+of|in)\s+(?:the\s+|a\s+|my\s+|sheer\s+)?(?:back\s+)?"
    r"(?:pain|agony|spasms?)\b"
    r"|\b(?:pain|spasms?)\s+(?:hit|was|were|got|came|is)\s+(?:me\s+)?so\s+(?:hard|bad|strong|severe|intense|sharp|"
    r"sudden)\b"
    r"|\b(?:pain|spasms?)\s+(?:made|dropped|floored|took|brought|sent|put)\s+(?:me|my\s+legs|my\s+knees)\b",
    re.I,
)
_SPASM_CAUSE = re.compile(
    r"\b(?:with|from|in|because\s+of|due\s+to)\s+(?:a\s+|the\s+|my\s+)?(?:back\s+)?spasms?\b"
    r"|\bspasms?\s+(?:hit|was|were|got|came)\s+(?:me\s+)?so\s+(?:hard|bad|strong|severe|intense|sharp|sudden)\b"
    r"|\b(?:bent|bending|bend|stooped|stooping|twisted|twisting)\b[^.!?]{0,50}\b(?:and|then)\s+(?:i\s+)?"
    r"(?:just\s+)?(?:collapsed|went\s+down|dropped|hit\s+the\s+floor)"
    # "so stiff in the mornings that I nearly went down getting out of bed"
    r"|\bso\s+(?:stiff|sore|painful|bad|locked)\b[^.!?]{0,60}\b(?:nearly|almost)\s+(?:went\s+down|fell|collapsed|dropped)"
    # the legs went from the pain, and down they went: "my knees buckled from the pain and I hit the floor"
    r"|\b(?:knees?|legs?)\s+(?:just\s+)?(?:buckled|gave\s+way|gave\s+out|went|folded)\s+(?:from|with|because\s+of)\s+"
    r"(?:the\s+)?(?:pain|agony|spasm)\b",
    re.I,
)
# Dizziness, not a faint: light-headed on standing, lying flat or rolling over, or for a few seconds, or
# gone again ("when I stood up I felt light-headed for a few seconds. ... the dizziness went completely")
_DIZZY = re.compile(r"\b(?:dizz\w*|light[\s-]*headed\w*|woozy|giddy|faintness)\b", re.I)
_POSTURAL_OR_PASSING = re.compile(
    r"\b(?:st(?:an|oo)ds?\s+up|standing\s+up|stood\s+up|on\s+standing|gets?\s+up|got\s+up|getting\s+up|"
    r"sits?\s+up|sat\s+up|lying\s+flat|lay\s+flat|rolled|rolling|for\s+(?:a\s+)?(?:few\s+|couple\s+of\s+)?"
    r"(?:seconds?|moments?|second)|went\s+away|passed\s+(?:off|quickly|again)|went\s+completely|settled|"
    r"but\s+(?:i\s+)?did(?:n'?t|\s+not)\s+(?:fall|faint|pass\s+out|black\s+out|collapse|go\s+down))\b",
    re.I,
)


_SPASM = "muscle_spasm"
_CRAMP = re.compile(r"\bcramp\w*", re.I)
_CRAMPING_MEDICINE = re.compile(
    r"\b(?:furosemide|frusemide|bumetanide|bendroflumethiazide|indapamide|spironolactone|water\s+tablets?|"
    r"diuretics?|statins?|atorvastatin|simvastatin|rosuvastatin|pravastatin)\b",
    re.I,
)
_DAZED = re.compile(
    r"\b(?:foggy|fog|fuzzy|drowsy|sleepy|spaced\s+out|spacey|spacy|groggy|zombie|drugged|doped)\b", re.I
)
# A medicine started or changed, said in the dizziness's sentence or the one before: "The doctor started me on
# doxazosin 10 days ago. Since then I go dizzy when I stand up."
_NEW_MEDICINE = re.compile(
    r"\b(?:started|starting|put|switched|changed|changing|increased|upped|doubled|new)\s+(?:me\s+|her\s+|him\s+)?"
    r"(?:on\s+)?(?:to\s+)?(?:a\s+|an\s+|my\s+|her\s+|his\s+|the\s+)?(?:new\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:tablets?|pills?|medicines?|medication|meds|dose|doxazosin|amlodipine|ramipril|lisinopril|losartan|"
    r"candesartan|bisoprolol|atenolol|bendroflumethiazide|indapamide|furosemide|tamsulosin|nifedipine|"
    # the sedating medicines given for back pain and sciatica
    r"gabapentin|pregabalin|lyrica|amitriptyline|nortriptyline|duloxetine|tramadol|codeine|co-?codamol|"
    r"morphine|oxycodone|diazepam|baclofen|tizanidine|methocarbamol|cyclobenzaprine|"
    # water tablets and statins, whose cramps are a side effect (cramps_on_a_new_medicine)
    r"frusemide|bumetanide|spironolactone|diuretics?|statins?|atorvastatin|simvastatin|rosuvastatin|pravastatin)\b",
    re.I,
)


MEDICINE_SIDE_EFFECT = "medicine_side_effects"


def dizzy_on_a_new_medicine(mention: Mention, mentions: list[Mention]) -> bool:
    """Is the mention dizziness, postural or passing, said with a medicine started or changed (and nothing
    alarming among `mentions`)? Then it is that medicine's side effect (`MEDICINE_SIDE_EFFECT`), to be
    reviewed, whatever the age."""
    return (
        mention.span.label_ == _FAINT
        and mention.status is Status.PRESENT
        and not _alarming(mentions)
        and (_passing_dizziness(mention) or _dazed(mention))
        and _after_a_new_medicine(mention)
    )


def cramps_on_a_new_medicine(mention: Mention) -> bool:
    """Are the mention's spasms cramps said after a water tablet or statin was started or raised ("they
    doubled my furosemide last week. Now I'm getting painful cramps")? Then they may be that medicine's side
    effect (salts lost, or muscle harm), to be reviewed; the spasm itself stays (round 37)."""
    return (
        mention.span.label_ == _SPASM
        and mention.status is Status.PRESENT
        and _CRAMP.search(mention.span.text) is not None
        and _after_a_new_medicine(mention, _CRAMPING_MEDICINE)
    )


def _after_a_new_medicine(mention: Mention, medicine: re.Pattern[str] | None = None) -> bool:
    doc, sent = mention.span.doc, mention.span.sent
    before = doc[max(0, sent.start - 40) : sent.start]
    previous = list(before.sents)[-1] if len(before) else None
    said = [s.text for s in (sent, previous) if s is not None]
    return any(_NEW_MEDICINE.search(t) and (medicine is None or medicine.search(t)) for t in said)


def _because_of(mention: Mention, cause: re.Pattern[str]) -> bool:
    return cause.search(mention.span.sent.text) is not None


def _dazed(mention: Mention) -> bool:
    """Dizziness said with the fog or drowsiness a sedating medicine brings, in its own sentence."""
    return _DIZZY.fullmatch(mention.span.text.strip()) is not None and bool(_DAZED.search(mention.span.sent.text))


def _passing_dizziness(mention: Mention) -> bool:
    """Dizziness (not a faint or a collapse) that is postural or passing, said in its sentence or the next."""
    if _DIZZY.fullmatch(mention.span.text.strip()) is None:
        return False
    doc, sent = mention.span.doc, mention.span.sent
    after = doc[sent.end : min(len(doc), sent.end + 30)]
    nxt = next(iter(after.sents), None) if len(after) else None
    return any(_POSTURAL_OR_PASSING.search(s.text) for s in (sent, nxt) if s is not None)


# With any of these, dizziness or a collapse is never explained away: it may be bleeding or the heart
_ALARMING = frozenset({"sudden_severe_pain", "tearing_pain", "abdominal_pain", "chest_pain", "clammy_pale",
                       "breathlessness", "pain_on_breathing", "pulsating_abdomen", "flank_pain", "known_aneurysm",
                       # early pregnancy: dizziness may be bleeding from an ectopic pregnancy (round 37)
                       "positive_pregnancy_test", "vaginal_bleeding"})  # fmt: skip


def _alarming(mentions: list[Mention]) -> bool:
    return any(m.span.label_ in _ALARMING and m.status is Status.PRESENT for m in mentions)


def apply_giving_way(mentions: list[Mention], *, age: int | None) -> list[Mention]:
    """The mentions with legs going or a collapse from the spasm made uncertain (module docstring)."""
    alarming = _alarming(mentions)

    def explained(m: Mention) -> bool:
        if m.status is not Status.PRESENT:
            return False
        label = m.span.label_
        if label in _LEGS:
            return _GAVE_WAY.search(m.span.text) is not None and _because_of(m, _PAIN_CAUSE)
        if label == _FAINT and not alarming:
            young = age is not None and age < _YOUNGER_THAN
            if _passing_dizziness(m) and (young or _after_a_new_medicine(m)):
                return True
            if _dazed(m) and _after_a_new_medicine(m):
                return True  # "put me on gabapentin ... I'm dizzy and foggy" (round 36)
            return young and _because_of(m, _SPASM_CAUSE)
        return False

    return [replace(m, status=Status.UNCERTAIN) if explained(m) else m for m in mentions]
