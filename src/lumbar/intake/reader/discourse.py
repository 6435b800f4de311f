"""Context that reaches beyond one ConText modifier: lists, answers, denials and recovery.

ConText looks at one sentence and a fixed number of words. Six things people write need more:

- a long negated list: "Denies fever, weight loss, trauma, saddle anaesthesia, urinary or faecal
  incontinence, leg weakness" -- each item after a negated item, joined only by list words, is negated;
- questions with their answers: "Cancer? No, never." is absent and "Fever? Yes." present, as is the
  clinical "Fever: no.";
- a mention followed by the person's own denial: "Google says numbness in the groin means go to hospital
  - I don't have that", "my husband has been wetting himself, I don't have anything like that",
  "the doctor asked if I'd lost weight, I haven't";
- an illness that is over: "had flu with a fever back in January, fully recovered", "felt faint a couple
  of times, it has settled now" -- history, so uncertain for a symptom; so is one said not to be new
  ("a bit of leaking when I sneeze since the twins, that's not new or any different").
- a choice: weight lost "on purpose with my slimming club" is not the red flag of weight loss;
- a question confirmed: "is it normal not being able to empty my bladder?? been like that since tues"
  is present, not a hypothetical, as is the fact a question asks about ("should I be worried that I
  have to strain to pee?").

Each pass takes the mentions of one document in text order and returns them with statuses updated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from lumbar.intake.model import Status
from lumbar.intake.reader._scope import clause_like, is_list_gap
from lumbar.intake.reader.context_rules import HYPOTHETICAL, POSSIBLE
from lumbar.intake.reader.lexicon import NORMAL_ATTR

__all__ = ["Mention", "apply_discourse"]


@dataclass(frozen=True)
class Mention:
    """One matched finding in one document. `status` None: said of someone else. `carried`: the status a
    word in front of it gave (a negation or an "if"), which a list carries on to the next items.
    `end_char`: the end of the words shown as evidence (an answer or denial may extend it)."""

    span: Any
    status: Status | None
    carried: Status | None = None
    modified: bool = False  # ConText found some modifier for it
    end_char: int | None = None
    history: bool = False  # the finding is a history item ("had cancer"), present when said as history


_NO = frozenset({"no", "nope", "nah", "never", "none", "nil", "negative", "neg", "denies", "denied", "not", "n"})
_YES = frozenset({"yes", "yeah", "yep", "yup", "yes.", "positive", "pos", "y", "definitely", "absolutely",
                  "correct", "affirmative", "aye", "indeed"})  # fmt: skip
_NOT_AN_ANSWER_AFTER = frozenset({"idea", "clue", "doubt", "matter", "way", "reason", "wonder", "one", "change"})
_ANSWER_REACH = 12  # tokens from a finding to its question mark ("Any fever or weight loss?")

_DENIAL = re.compile(
    r"(?:^|[,.;:!?\-\u2013()]\s*|\b(?:but|and|though|although|tho|so)\s+)(?:(?:no|nope|nah)\s*,?\s*)?"
    r"(?:"
    r"i\s*(?:have\s*n'?t|haven'?t|have\s+not|do\s*n'?t|don'?t|do\s+not|did\s*n'?t|didn'?t|did\s+not|ain'?t|"
    r"'?ve\s+not|'?m\s+not|am\s+not)(?:\s+(?:got|have|had|get|experienced|noticed))?"
    r"(?:\s+(?:that|it|any|those|them|this|these|one|anything(?:\s+like\s+(?:that|this|it))?|either|yet))?"
    r"|(?:it|that|they|this)\s*(?:has\s*n'?t|hasn'?t|has\s+not|have\s*n'?t|haven'?t|did\s*n'?t|didn'?t|"
    r"is\s*n'?t|isn'?t|'?s\s+not)(?:\s+(?:happened|started))?"
    r"|mine\s+(?:is|are|'s|'re)\s+(?:fine|ok|okay|normal|good|alright|all\s+right)"
    r"|not\s+me|none\s+of\s+(?:that|those|these|them)"
    # the answer to a list of questions: "All no", "no to all of them", "all negative" (round 30)
    r"|all\s+(?:no|nos|negative|clear)|(?:i\s+said\s+)?no\s+to\s+(?:all|everything|each|every\s+one)(?:\s+of\s+(?:them|those|these|it))?"
    r"|(?:i'?ve|i\s+have)\s+(?:got\s+|had\s+)?none\s+of\s+(?:that|those|these|them)"
    # the answer of whoever was asked: "and she says none of that", "he rolled his eyes and said no"
    r"|(?:(?:she|he|they|mum|dad|mom)\s+)?(?:says?|said|answered|replied)\s+(?:no|nope|nah|not|none|"
    r"none\s+of\s+(?:that|those|these|them|it))"
    r")(?:\s+(?:though|tho|thankfully|luckily|at\s+all|so\s+far|yet))?\s*(?=[,.;:!?\-\u2013)]|$|\s+(?:just|but|and|it'?s|i'?m|i\s+am|only)\b)",
    re.IGNORECASE,
)
# ... or the answer yes to a question asked about it: "I asked him about numbness and he said yes"
_AFFIRMED = re.compile(
    r"[^.;!?]{0,80}?\b(?:she|he|they|i|mum|dad|mom)\s+(?:(?:says?|said|answered|replied)\s+(?:yes|yeah|yep)\b|nodded\b)",
    re.IGNORECASE,
)
_DENIAL_REACH = 160  # characters after a mention within which a denial can refer back to it

# "fully recovered", "it has settled now", "that's gone now", "cleared up", "it went after a few minutes"
_RESOLVED = re.compile(
    r"\b(?:(?:fully|completely|totally|since)\s+)?(?:recovered|resolved)\b"
    r"|\bgot\s+over\s+(?:it|that|them)\b"
    r"|\b(?:gone|settled|cleared|passed\s+off|went\s+away|cleared\s+up|died\s+down|settled\s+down)"
    r"(?:\s+for\s+(?:a\s+few|a\s+couple\s+of|several|\w+)\s+(?:days?|weeks?|hours?))?"  # "gone for four days now"
    r"(?:\s+(?:now|completely|since|away|up|off|down))?(?:\s+(?:too|as\s+well))?"  # "has gone too" (round 37)
    # "cleared up - no stinging" (round 38): a dash ends it too
    r"\s*(?=[,.;:!?)]|$|\s+[-\u2013]\s|\s+(?:now|but|and|though|it'?s|i'?m|just|with|after))"
    r"|\b(?:antibiotics|tablets|treatment)\s+(?:(?:from|off|by)\s+(?:the|my)\s+(?:gp|doctor|doc|nurse|pharmacist)\s+)?"
    r"(?:cleared|sorted|got\s+rid\s+of)\s+(?:it|them|that)\b"
    r"|\b(?:all\s+)?better\s+now\b|\bfine\s+now\b|\ball\s+better\b(?=\s*[,.;:!?)]|$)"
    # "but it went after a few minutes", "that went as soon as I stood up"
    r"|\b(?:it|they|that|which)\s+went\s+(?=(?:after|within|once|by|as\s+soon\s+as|when)\b)"
    r"|\b(?:wore|worn|wearing)\s+off\b"  # "the numbness wore off"
    # "the tingle went after stretching": the symptom named, then "went"
    r"|(?:(?<=tingle\s)|(?<=tingling\s)|(?<=numbness\s))went\s+(?=(?:after|within|once|by|as\s+soon\s+as|when)\b)"
    r"|\b(?:it|they|that|which)\s+went\s+(?:completely|totally|fully|in\s+the\s+end)\b"  # "and it went completely"
    # "Fever broke 3 days ago", "felt a bit shivery last night but fine today" (round 41)
    r"|(?:(?<=fever\s)|(?<=temperature\s)|(?<=temp\s))(?:has\s+|finally\s+)?(?:broke|broken|came\s+down|come\s+down|"
    r"went\s+down|gone\s+down)\b"
    r"|(?<!a\s)(?<!bit\s)(?<!lot\s)(?<!more\s)\b(?:fine|ok|okay|normal)\s+(?:again\s+)?(?:today|this\s+morning)\b"
    r"(?=\s*(?:[,.;:!?)]|$))"
    # "but that went ages ago" (round 40)
    r"|\b(?:it|they|that|which)\s+went\s+(?:ages|years|months|weeks|long|a\s+long\s+time)\s+ago\b"
    # "but it went and hasn't come back" (round 40); not "the feeling hasn't come back", which is still numb
    r"|\b(?:it|they|that|which)\s+went(?:\s+away)?\s+and\s+(?:has\s*n'?t|has\s+not|hasnt|never|not)\s+(?:come|came)\s+back\b"
    # "that all went back to normal"
    r"|\b(?:went|gone|got|come|came|returned|is|are|was|were|been|all)\s+back\s+to\s+normal\b"
    r"|\b(?:feeling|sensation|it)\s+(?:all\s+)?came\s+back\s+(?=(?:within|after|once|when|as\s+soon\s+as|in)\b)",
    re.IGNORECASE,
)
# ... unless it is said not to have happened since then: "wetting himself, which he hasn't done since he was
# tiny" is new (round 31)
_NEW_SINCE = re.compile(
    r"\b(?:hasn'?t|has\s+not|haven'?t|have\s+not|hadn'?t|never|not)\b(?:\s+\w+){0,3}\s*$", re.IGNORECASE
)
# Something the person has long had, said not to be new: "a bit of leaking when I sneeze since the twins,
# that's not new or any different". Read as a recovery is: the clause before it is not a new symptom.
_NOT_NEW = re.compile(
    r"\b(?:that'?s|it'?s|this\s+is|which\s+is|that\s+is|it\s+is|that|it|which)\s+(?:not|isn'?t|is\s+not)\s+"
    r"(?:new|anything\s+new|any\s+different|different|changed|worse)\b"
    r"|\b(?:that'?s|it'?s|this\s+is|which\s+is|that\s+is|it\s+is)\s+nothing\s+new\b"  # (round 37)
    r"|\b(?:hasn'?t|has\s+not|haven'?t|have\s+not)\s+changed\s+(?:in|for)\s+(?:years|ages|a\s+long\s+time)\b"
    r"|\b(?:it|that|they|which)\s+(?:has|have|'s|'ve)\s+never\s+changed\b"  # "... since 2004, it has never changed"
    r"|\b(?:said|says|is|are|been|and|stable\s+and|that'?s|it'?s|they'?re|remains|remained|stayed)\s+unchanged\b"
    # long-standing: "has wet the bed all her life", "since I was little", "ever since childhood"
    r"|\b(?:all|most\s+of)\s+(?:my|her|his|their|your)\s+(?:life|lives)\b"
    r"|\b(?:ever\s+)?since\s+(?:childhood|birth|(?:i|she|he|they|we)\s+(?:was|were)\s+(?:born|"
    r"little|small|tiny|young|a\s+(?:child|kid|baby|toddler|little\s+(?:girl|boy)|girl|boy)))\b",
    re.IGNORECASE,
)
_UNCHANGED_FOR_YEARS = (
    r"|\bfor\s+(?:(?:many|several|a\s+few|about|over|\d+|two|three|four|five|six|seven|eight|nine|ten)\s+)?"
    r"(?:years|yrs|decades)\s*[,;(-]?\s*(?:no\s+change|unchanged|not\s+changed|(?:the\s+)?same|stable)\b"
)
# A nerve symptom someone lives with, said to be their usual state: "my legs always tingle a bit, that's
# my normal", "numb diabetic feet, same as always", "that's no different to normal", "physio says it's
# stable". Read as "not new" for those findings only: "period pain, same as usual for me" is still pain.
_USUAL = re.compile(
    r"\b(?:that'?s|it'?s|this\s+is|which\s+is|that\s+is|it\s+is)\s+(?:just\s+)?(?:my|her|his|their)\s+"
    r"(?:normal|usual|baseline|norm)\b"
    r"|\b(?:normal|usual)\s+for\s+(?:me|her|him|them)\b"
    r"|\b(?:the\s+)?same\s+as\s+(?:always|ever|usual|normal|it\s+always\s+(?:is|has\s+been))\b"
    r"|\b(?:exactly|just)\s+as\s+(?:it|they)\s+always\s+(?:is|are|has\s+been|have\s+been)\b"
    r"|\bno\s+different\s+(?:to|from|than)\s+(?:normal|usual|always|before|my\s+(?:normal|usual))\b"
    # an old injury's ("that's my old ACL from netball, it has done that for ten years"), a deficit dated to a
    # year long past ("has flopped since my disc operation in 2015") (round 30)
    r"|\bthat'?s\s+(?:my|her|his|their)\s+old\s+\w+"
    r"|\b(?:has|have|'s|'ve)\s+done\s+(?:that|this|it)\s+(?:for|since)\s+(?:years|ages|decades|\w+\s+years)\b"
    # "she's incontinent and always has been" (round 35)
    r"|\b(?:and\s+)?(?:she|he|i|it|they)?\s*(?:always|forever)\s+(?:has|have)\s+been\b"
    # "the usual slight tingle in my toes which I've had for years" (round 33)
    r"|\b(?:which|that)\s+(?:i'?ve|i\s+have|she'?s|he'?s|she\s+has|he\s+has)\s+had\s+(?:for\s+)?"
    r"(?:years|ages|decades|\w+\s+years|as\s+long\s+as\s+(?:i|she|he)\s+can\s+remember)\b"
    r"|\bsince\s+(?:(?:my|the|a|an|his|her)\s+)?(?:[a-z]+\s+){0,3}(?:in\s+)?(?:19\d\d|20[01]\d|202[0-4])\b"
    # "numb feet for years, no change" (round 38); not "for 2 years, now worse"
    + _UNCHANGED_FOR_YEARS
    # a note's "chronic bilateral leg paraesthesia, unchanged per patient" (not "unchanged since Monday")
    + r"|,\s*unchanged(?=\s*(?:per\b|for\s+(?:years|months|ages)\b|[.;]|$))"
    # said of the symptom itself ("physio says it's stable"), never of something else ("obs are stable")
    r"|\b(?:that'?s|it'?s|they'?re|it\s+is|it\s+has|they\s+are|they\s+have|which\s+is|which\s+has)\s+(?:been\s+)?"
    r"(?:stable|permanent)\b",
    re.IGNORECASE,
)
# Years said straight after a bladder, bowel or sexual problem ("doubly incontinent for 3 years (no change)",
# "hesitancy and a slow start when peeing for about 10 years"): long-standing, not the new change of cauda
# equina (round 35). Only these: weakness "for 2 years, now worse" is left to the rest.
_FOR_YEARS = re.compile(
    r"\bfor\s+(?:about\s+|over\s+|nearly\s+|almost\s+|around\s+|the\s+(?:last|past)\s+)?"
    r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|twenty|a\s+few|many|several|some)\s+(?:years|yrs)\b"
    r"|\bfor\s+(?:years|ages|decades)\b",
    re.IGNORECASE,
)
_SPHINCTERS = frozenset({"bladder_dysfunction", "bowel_dysfunction", "sexual_dysfunction"})
# Findings that can be someone's usual state for years: nerve deficits, and the breathlessness of asthma or
# COPD ("a bit wheezy in cold weather, that's my asthma and it's the same as it always is").
_LIFELONG_DEFICITS = frozenset({"leg_numbness", "bilateral_leg_symptoms", "left_leg_symptoms", "right_leg_symptoms",
                                "leg_weakness", "bilateral_leg_weakness", "one_sided_weakness", "one_sided_numbness",
                                "foot_drop", "gait_disturbance", "balance_loss", "saddle_numbness",
                                "bladder_dysfunction", "bowel_dysfunction", "sexual_dysfunction",
                                "breathlessness"})  # fmt: skip
# Pins and needles that have gone, said by name in a later sentence ("I mentioned some tingling down my thigh
# on Monday ... Today the tingling has gone"; a diary's "Tue: tingling gone"), were not only of that sentence:
# the earlier mentions of it were the same tingling, now over. Only for these, which alone are no more
# than a routine check: weakness, a numb saddle, bladder or bowel changes that came and went still count.
_GONE_FOR_GOOD = frozenset({"leg_numbness", "arm_numbness"})
# What someone could do, said between a finding and "fine": "fine" is how that went, not the finding.
_ABILITY = re.compile(r"\b(?:could|can|able\s+to|managed\s+to)\s+\w+", re.IGNORECASE)
_PRONOUN_SUBJECT = re.compile(
    r"(?:^|\b)(?:it|that|which|this|they|those|these|both|all)\s*(?:'?s|has|have|had|is|was|were|are)?\s*$",
    re.IGNORECASE,
)
_CLAUSE_BREAK = frozenset({",", ";", "but", "and", "though", "although", "whereas", "-"})

# A question about what is happening, then straight after it how long it has been so: "is it normal not
# being able to empty my bladder?? been like that since tues". The question mark made it uncertain; the
# next words say it is real and current.
_CONFIRMED = re.compile(
    r"\s*(?:(?:it'?s|its|it\s+has|it|that'?s|that\s+has|i'?ve|ive|i\s+have|has)\s+)?"
    r"(?:(?:been\s+(?:like\s+(?:that|this)|going\s+on|happening)|had\s+(?:it|that|this))\s+(?:since|for)\b"
    # "is it normal to wet yourself without noticing? It's happened twice this week"
    r"|happened\s+(?:twice|again|once|already|\w+\s+times|a\s+(?:few|couple\s+of)\s+times|(?:this|last|every)\s+\w+)"
    r"|(?:keeps|kept)\s+happening)",
    re.IGNORECASE,
)
# A question whose "that" clause is said as a fact: "should I be worried that I have to strain to pee?",
# "is it normal that my foot slaps down?"; the person asks what it means, not whether it is so.
_FACTIVE_QUESTION = re.compile(
    # after a preamble that ends at a comma or colon: "Also slightly odd question, is it normal that ..."
    r"^(?:[^,:;]{0,40}[,:;-]\s*)?\W*(?:(?:so|but|and|ok|okay|hi|hello|hey)\W+)?(?:should\s+i\s+(?:be\s+)?(?:worried|worry|concerned)|"
    r"do\s+i\s+need\s+to\s+(?:worry|be\s+worried)|is\s+it\s+(?:normal|bad|serious|worrying|a\s+worry|"
    r"a\s+bad\s+sign|ok|okay|fine|concerning))\s+(?:that|about\s+the\s+fact\s+that)\b",
    re.IGNORECASE,
)
# Words that make a question hypothetical rather than about now ("what if I can't pee?").
# "the bit of me that would sit on the saddle" is a relative clause, not a supposition
_SUPPOSING = re.compile(
    r"\b(?:if|whether|(?<!\bthat\s)(?<!\bwhich\s)would|could|might|in\s+case|supposing|ever)\b", re.IGNORECASE
)


def _doc_order(mentions: list[Mention]) -> list[Mention]:
    return sorted(mentions, key=lambda m: (m.span.start, m.span.end))


def carry_list_negation(mentions: list[Mention]) -> list[Mention]:
    """An item of a list after a negated (or hypothetical) item is negated (or hypothetical) too,
    however long the list. Not across a colon: what comes before it is a heading ("Query bowel
    obstruction: colicky pain, vomiting")."""
    out = _doc_order(mentions)
    for i, m in enumerate(out):
        if m.status is not Status.PRESENT or m.modified or clause_like(m.span):
            continue
        prev = next((p for p in reversed(out[:i]) if p.span.end <= m.span.start), None)
        if prev is None or prev.carried is None or prev.span.sent.start != m.span.sent.start:
            continue
        doc = m.span.doc
        if ":" not in doc[prev.span.end : m.span.start].text and is_list_gap(doc, prev.span.end, m.span.start):
            out[i] = replace(m, status=prev.carried, carried=prev.carried)
    return out


def _answer(span: Any) -> tuple[Status, int] | None:
    """The yes or no that answers the question a finding is in ("Fever? No."), with the end of the
    answer word."""
    doc = span.doc
    for form in (_form_answer(span), _comma_answer(span)):
        if form is not None:
            return form
    mark = None
    for i in range(span.end, min(len(doc), span.end + _LIST_ANSWER_REACH)):
        if doc[i].text in ("?", ":") or doc[i].text.endswith("?"):
            mark = i
            break
        if doc[i].text in ("-", "\u2013") and i + 1 < len(doc) and doc[i + 1].lower_ == "all":
            mark = i  # "saddle anaesthesia, urinary retention, fever - all no"
            break
        if doc[i].text in (".", "!", ";") or "\n" in doc[i].text:
            return None
    far = doc[mark].text in (":", "-", "\u2013") and mark - span.end > 2 if mark is not None else False
    if mark is None or (far and not is_list_gap(doc, span.end, mark)):
        return None  # "Fever, weight loss, leg numbness, bladder: all no" answers the whole list
    if mark - span.end >= _ANSWER_REACH and not is_list_gap(doc, span.end, mark):
        return None  # far from the question mark, and not as an item of the list it asks about
    if _ABILITY_QUESTION.search(doc[span.end : mark].text):
        return _inverted(_plain_answer(span, mark, far))  # "Weakness, can you stand on tiptoe? Yes": no weakness
    return _plain_answer(span, mark, far)


def _inverted(answer: tuple[Status, int] | None) -> tuple[Status, int] | None:
    """A yes to what someone can do is a no to the finding, and a no a yes."""
    if answer is None:
        return None
    status, end = answer
    return (Status.ABSENT if status is Status.PRESENT else Status.PRESENT), end


def _plain_answer(span: Any, mark: int, far: bool) -> tuple[Status, int] | None:
    """The yes or no after the question mark (or colon, or dash) at `mark`; `far`: a colon or dash more
    than two words after the finding, which only a bare answer settles."""
    doc = span.doc
    if doc[mark].text.endswith("?"):
        numbered = _numbered_answer(span, doc[mark].idx + len(doc[mark].text))
        if numbered is not None:
            return numbered  # "1) any numbness? 2) any fever? My answers: 1) no 2) no"
    j = mark + 1
    while j < len(doc) and (doc[j].is_space or doc[j].text in ("-", "\u2013", ",")):
        j += 1
    if j + 1 < len(doc) and doc[j].lower_ in ("a", "ans") and doc[j + 1].text in (":", "-", ")"):
        j += 2  # "Q: fever? A: no": the answer's label
        while j < len(doc) and doc[j].is_space:
            j += 1
    if j >= len(doc):
        return None
    word = doc[j].lower_
    after = doc[j + 1].lower_ if j + 1 < len(doc) else ""
    if after in _NOT_AN_ANSWER_AFTER:
        return None
    if far and word != "all" and not _ends_answer(doc, j + 1):
        return None  # a list's heading answered only by a bare word: "..., no red flags on screening: no saddle ..."
    if word in _YES:
        return Status.PRESENT, doc[j].idx + len(doc[j].text)
    if word == "all" and after in _ALL_NO:
        return Status.ABSENT, doc[j + 1].idx + len(doc[j + 1].text)  # "Fever, weight loss, bladder: all no"
    if word in _FINE and _ends_answer(doc, j + 1):
        return Status.ABSENT, doc[j].idx + len(doc[j].text)  # "Legs, bladder, numbness? Fine."
    if word == "never" and _names_something_else(doc, j + 1):
        return None  # "... the stream is pathetic? Never had any prostate problems": a new statement
    if word in _NO and (word != "not" or after in {"really", "at", "that", "any", "usually"}):
        return Status.ABSENT, doc[j].idx + len(doc[j].text)
    return None


_ABILITY_QUESTION = re.compile(
    r"\b(?:can|could|are|is|do|does)\s+(?:you|she|he|they|i)\s+(?:able\s+to\s+|still\s+)?"
    r"(?:stand|walk|lift|feel|move|manage|get|go|pee|wee|control|hold)\b",
    re.IGNORECASE,
)
_LIST_ANSWER_REACH = 60  # tokens to the question mark of a list of findings ("Any of: ..., ..., ...? None.")
_ALL_NO = frozenset({"no", "nos", "negative", "fine", "normal", "clear", "none", "nil"})
_FINE = frozenset({"fine", "normal", "ok", "okay", "none", "nil", "nothing", "clear", "negative"})


def _ends_answer(doc: Any, i: int) -> bool:
    """Does the answer stop at token `i` (a full stop, another question, the end)?"""
    return i >= len(doc) or doc[i].text in (".", "!", ";", ",") or "\n" in doc[i].text or doc[i].is_space


# Forms: a tick box before an item ("[x] weight loss", "[ ] fever ... [x] none of the above"), a Y or N after
# it at the end of its line ("Fever N", "Weight loss - Y"), and a list in brackets answered after them
# ("any of the following? (fever, weight loss, numbness) none").
_BOX_BEFORE = re.compile(r"\[\s*(?P<tick>[xX\u2713\u2714*]?)\s*\][ \t]*(?:[a-z/&'-]+[ \t]+){0,2}$", re.IGNORECASE)
_TICKED = re.compile(r"\[\s*[xX\u2713\u2714*]\s*\]")
_LINE_END_ANSWER = re.compile(
    r"[ \t]*[:\-\u2013=]?[ \t]*(?P<word>y|yes|n|no|nil|neg|none)[ \t]*\.?[ \t]*(?=\n|$)", re.IGNORECASE
)
_AFTER_BRACKETS = re.compile(r"[^()\n]*\)[ \t]*[:\-\u2013]?[ \t]*(?P<word>none|no|nil|neither|nope)\b", re.IGNORECASE)


def _form_answer(span: Any) -> tuple[Status, int] | None:
    """The answer a form gives an item: its tick box, a Y or N closing its line, or a no after the
    bracketed list it is in."""
    text = span.doc.text
    start, end = span.start_char, span.end_char
    box = _BOX_BEFORE.search(text, max(0, start - 30), start)
    if box is not None:
        if box.group("tick"):
            return Status.PRESENT, end
        return (Status.ABSENT if _TICKED.search(text) else Status.UNCERTAIN), end  # unticked, on a filled form
    line = _LINE_END_ANSWER.match(text, end)
    if line is not None:
        word = line.group("word").lower()
        return (Status.PRESENT if word in ("y", "yes") else Status.ABSENT), line.end()
    opened = text.rfind("(", max(0, start - 120), start)
    if opened >= 0 and ")" not in text[opened:start] and "\n" not in text[opened:start]:
        bracketed = _AFTER_BRACKETS.match(text, end)
        if bracketed is not None:
            return Status.ABSENT, bracketed.end()
    return None


def _comma_answer(span: Any) -> tuple[Status, int] | None:
    """A finding read out and answered after a comma, as from a checklist: "numbness between the legs,
    no." or "Pain in both legs, no." (the answer alone before the full stop, not "no fever" after it)."""
    doc = span.doc
    i = None
    for k in range(span.end, min(len(doc), span.end + 4)):
        if doc[k].text in (".", "!", "?", ";", ":") or "\n" in doc[k].text:
            return None
        if doc[k].text == ",":
            i = k
            break
    if i is None or i + 1 >= len(doc) or (i > span.end and not is_list_gap(doc, span.end, i)):
        return None  # "Trouble peeing or pooing, no." answers both
    word = doc[i + 1].lower_
    if not (i + 2 >= len(doc) or doc[i + 2].text in (".", "!", ";") or "\n" in doc[i + 2].text):
        return None
    end = doc[i + 1].idx + len(doc[i + 1].text)
    if word in _YES:
        return Status.PRESENT, end
    if (word in _NO and word != "not") or word in _FINE:
        return Status.ABSENT, end
    return None


_LABEL_BEFORE = re.compile(r"(?:^|[\s:(])(\d{1,2})\s*\)\s+[^)?]*$")


def _numbered_answer(span: Any, after: int) -> tuple[Status, int] | None:
    """The answer to a numbered question ("1) any numbness between your legs?") given later under the
    same number ("My answers: 1) no 2) no"); only a plain yes or no."""
    text = span.doc.text
    label = _LABEL_BEFORE.search(text[span.sent.start_char : span.start_char])
    if label is None:
        return None
    given = re.compile(rf"(?<![\w.]){label.group(1)}\s*\)\s*(\w+)\b(?!\s*\w+\s*\?)").search(text, after)
    if given is None:
        return None
    word = given.group(1).lower()
    if word in _YES:
        return Status.PRESENT, given.end()
    if word in _NO and word != "not":
        return Status.ABSENT, given.end()
    return None


_NEVER_FILLER = frozenset({"had", "have", "has", "been", "ever", "any", "a", "an", "got", "experienced", "noticed",
                           "suffered", "with", "from", "really"})  # fmt: skip
_NEVER_BACK = frozenset({"it", "that", "this", "them", "those", "one", "anything", "such", "problems", "problem",
                         "issues", "trouble", "before", "like", "so", "once", "yet"})  # fmt: skip


def _names_something_else(doc: Any, i: int) -> bool:
    """After an answering "never": do the words go on to name a thing of their own ("never had any
    prostate problems"), rather than point back at the question ("never had it", "never had any")?"""
    while i < len(doc) and doc[i].lower_ in _NEVER_FILLER:
        i += 1
    if i < len(doc) and doc[i].lower_ in _NEVER_BACK:
        # "never had any trouble with my prostate" names it after all
        return i + 2 < len(doc) and doc[i + 1].lower_ in ("with", "from") and doc[i + 2].is_alpha
    return i < len(doc) and doc[i].is_alpha


_AFTER_BARE_NO = frozenset({"i", "i'm", "im", "it", "it's", "its", "not", "can't", "cant", "cannot", "keep",
                            "keeps", "been", "sorry"})  # fmt: skip


def _bare_answer(span: Any, end_char: int) -> bool:
    """Does the answer word ending at `end_char` (after `span`) stand alone ("no.", "no - leaking", "no,
    I can't"), rather than begin a phrase ("no problems")?"""
    following = next((t for t in span.doc[span.end :] if t.idx >= end_char and not t.is_space), None)
    return following is None or not following.is_alpha or following.lower_ in _AFTER_BARE_NO


def apply_answers(mentions: list[Mention]) -> list[Mention]:
    out = []
    for m in mentions:
        found = _answer(m.span) if m.status is not None else None
        if found is not None and m.status is Status.ABSENT and getattr(m.span._, NORMAL_ATTR):
            if found[0] is Status.ABSENT and not _bare_answer(m.span, found[1]):
                out.append(m)  # "pee ok? no problems": the no belongs to what follows
                continue
            # a normal statement asked: "pee ok? no" is a problem with peeing, "bowels normal? yes" none
            status = Status.PRESENT if found[0] is Status.ABSENT else Status.ABSENT
            out.append(replace(m, status=status, end_char=found[1], carried=None))
            continue
        if found is not None and not (found[0] is Status.PRESENT and m.status is Status.ABSENT and m.modified):
            status, end = found
            m = replace(m, status=status, end_char=end, carried=None)
        out.append(m)
    return out


# A question of what a symptom is like is no report of it: "What exactly does saddle numbness feel like? I
# don't have anything like that" (the denial after it then settles it).
_WHAT_IS_IT_BEFORE = re.compile(
    r"\bwhat\s+(?:exactly\s+|actually\s+)?(?:does|do|would|will)\s+(?:an?\s+|the\s+)?$", re.IGNORECASE
)
_WHAT_IS_IT_AFTER = re.compile(
    r"\s*(?:actually\s+|really\s+|exactly\s+)?(?:feel|feels|look|looks)\s+like\b", re.IGNORECASE
)


def apply_what_it_is(mentions: list[Mention]) -> list[Mention]:
    """A present mention asked about as "what does ... feel like" is uncertain."""
    out = []
    for m in mentions:
        if m.status is Status.PRESENT and not m.history:
            text = m.span.doc.text
            start, end = m.span.start_char, m.span.end_char
            if _WHAT_IS_IT_BEFORE.search(text, max(0, start - 30), start) and _WHAT_IS_IT_AFTER.match(text, end):
                m = replace(m, status=Status.UNCERTAIN)
        out.append(m)
    return out


def apply_denials(mentions: list[Mention]) -> list[Mention]:
    """An uncertain mention, or one said of someone else, followed by "I don't have that" is absent
    for the person."""
    out = []
    for m in mentions:
        if m.status in (Status.UNCERTAIN, None) and not m.history:
            doc = m.span.doc
            text = doc.text
            start = m.span.end_char
            window = text[start : start + _DENIAL_REACH]
            found = _DENIAL.search(window)
            said_yes = _AFFIRMED.match(window) if m.status is Status.UNCERTAIN else None
            if said_yes is not None and (found is None or found.start() > said_yes.start()):
                m = replace(m, status=Status.PRESENT, end_char=start + said_yes.end())
            elif found is not None and not _mentions_between(mentions, m, start + found.start()):
                if m.status is None:
                    out.append(m)  # still kept apart as the other person's
                m = replace(m, status=Status.ABSENT, end_char=start + found.end())
        out.append(m)
    return out


def _mentions_between(mentions: list[Mention], m: Mention, end_char: int) -> bool:
    """Is another finding, present and the person's own, named between `m` and `end_char`?"""
    return any(
        o.span.start_char >= m.span.end_char and o.span.end_char <= end_char and o.status is Status.PRESENT
        for o in mentions
    )


def apply_resolution(mentions: list[Mention]) -> list[Mention]:
    """A symptom followed by "fully recovered" or "it has settled now" was in the past: uncertain.
    A resolution with its own subject ("the numbness has gone now") covers that finding only; one
    after a pronoun or on its own covers the findings of the clause before it. "That's not new"
    (`_NOT_NEW`) is read the same way."""
    ordered = _doc_order(mentions)
    text = ordered[0].span.doc.text if ordered else ""
    found = [
        (res, None)
        for res in [*_RESOLVED.finditer(text), *_NOT_NEW.finditer(text)]
        if not _NEW_SINCE.search(text, max(0, res.start() - 30), res.start())
    ]
    usual = [*((res, _LIFELONG_DEFICITS) for res in _USUAL.finditer(text)),
             *((res, _SPHINCTERS) for res in _FOR_YEARS.finditer(text))]  # fmt: skip
    for res, only in [*found, *usual]:
        if only is _LIFELONG_DEFICITS:
            ordered = _unchanged_said_of_it(ordered, res)
        before = [i for i, m in enumerate(ordered) if m.span.end_char <= res.start()]
        if not before:
            continue
        doc = ordered[0].span.doc
        sent_start = doc.char_span(res.start(), res.end(), alignment_mode="expand")
        if sent_start is None:
            continue
        sentence = sent_start.sent
        nearest = ordered[before[-1]]
        gap = doc.text[nearest.span.end_char : res.start()]
        if _ABILITY.search(gap):
            continue  # "this morning I could walk to the kitchen fine now I need the walls": the walking was fine
        near = only is None or nearest.span.label_ in only
        if near and len(gap.split()) <= 2 and not _PRONOUN_SUBJECT.search(gap) and "," not in gap:
            # "the numbness has gone now"; with any reading of the same words ("my feet are always numb" and
            # its "numb")
            targets = [i for i in before if ordered[i].span.end_char == nearest.span.end_char]
            if only is None and nearest.span.label_ in _GONE_FOR_GOOD and nearest.status is Status.PRESENT:
                ordered = _earlier_over(ordered, before, nearest.span.label_)
            if only is _SPHINCTERS:  # "hesitancy and a slow start when peeing for about 10 years": both
                targets = _listed_with(ordered, before, targets)
        else:
            targets = _clause_before(ordered, before, sentence, res.start(), only)
        for i in targets:
            m = ordered[i]
            if only is not None and m.span.label_ not in only:
                continue
            if m.status is Status.PRESENT and not m.history and m.span.sent.start == sentence.start:
                ordered[i] = replace(m, status=Status.UNCERTAIN)
    return ordered


def _unchanged_said_of_it(ordered: list[Mention], usual: re.Match[str]) -> list[Mention]:
    """The "no change" inside a usual state's words ("numb feet for years, no change") says the deficit is
    unchanged, not that the pain is not getting better: that mention of no improvement is uncertain."""
    return [
        replace(m, status=Status.UNCERTAIN)
        if m.span.label_ == "no_improvement" and usual.start() <= m.span.start_char and m.span.end_char <= usual.end()
        else m
        for m in ordered
    ]


def _earlier_over(ordered: list[Mention], before: list[int], label: str) -> list[Mention]:
    """The earlier present mentions of `label` made uncertain: a later one says it has gone."""
    out = list(ordered)
    for i in before:
        m = out[i]
        if m.span.label_ == label and m.status is Status.PRESENT and not m.history:
            out[i] = replace(m, status=Status.UNCERTAIN)
    return out


_LISTED = re.compile(r"\s*(?:,|and|&|or|with)?\s*(?:a|an|the|some|my)?\s*", re.IGNORECASE)


def _listed_with(ordered: list[Mention], before: list[int], targets: list[int]) -> list[int]:
    """The targets, with the mentions listed straight before them ("hesitancy and a slow start when
    peeing"): nothing but "and", a comma or an article between. Not "wet myself today and ...": a word of
    its own between them ends the list."""
    found = set(targets)
    doc_text = ordered[targets[0]].span.doc.text if targets else ""
    for i in reversed(before):
        first = min(ordered[j].span.start_char for j in found)
        end = ordered[i].span.end_char
        if i in found or end > first:
            continue
        if not _LISTED.fullmatch(doc_text[end:first]):
            break
        found.add(i)
    return sorted(found)


def _clause_before(
    ordered: list[Mention], before: list[int], sentence: Any, res_start: int, only: frozenset[str] | None = None
) -> list[int]:
    """The mentions of the clause before a resolution: walking back, stop at a clause break once a
    finding (of `only`, when given) has been collected."""
    doc = sentence.doc
    collected: list[int] = []
    token = doc.char_span(res_start, res_start + 1, alignment_mode="expand")
    if token is None:
        return []
    by_token: dict[int, list[int]] = {}
    for i in before:  # a marker (which leg) can start on the same word as another finding
        by_token.setdefault(ordered[i].span.start, []).append(i)
    for t in range(token.start - 1, sentence.start - 1, -1):
        word = doc[t].lower_
        wanted = [i for i in collected if only is None or ordered[i].span.label_ in only]
        if wanted and (word in _CLAUSE_BREAK or "\n" in doc[t].text):
            break
        collected += by_token.get(t, [])
    return collected


# A finding that is a red flag only when it was not chosen: weight lost "since January on purpose with my
# slimming club" (the words of choice may be far from the phrase, past a "since" that ends ConText's scope).
_CHOSEN = {
    "weight_loss": re.compile(
        r"\b(?:on\s+purpose|intentionally|deliberately|by\s+choice|slimming|dieting|on\s+a\s+diet|"
        r"weight\s*watchers|calorie\s+deficit|trying\s+to\s+lose|wanted\s+to\s+lose|gastric\s+band|"
        r"gastric\s+sleeve|gastric\s+bypass|ozempic|wegovy|mounjaro|for\s+(?:wt|weight)\s+loss|"
        r"to\s+lose\s+(?:some\s+)?(?:wt|weight))\b",
        re.IGNORECASE,
    ),
}


def apply_choice(mentions: list[Mention]) -> list[Mention]:
    """A present mention of such a finding in a sentence that says it was chosen is absent."""
    out = []
    for m in mentions:
        chosen = _CHOSEN.get(m.span.label_)
        if m.status is Status.PRESENT and chosen is not None and _said_as_chosen(chosen, m.span.sent.text):
            m = replace(m, status=Status.ABSENT, carried=None)
        out.append(m)
    return out


_NOT_CHOSEN_BEFORE = re.compile(
    r"\b(?:not|without|no|never|n't|nt|isn'?t|wasn'?t|haven'?t)\s+(?:\w+\s+)?$", re.IGNORECASE
)


def _said_as_chosen(chosen: re.Pattern[str], sentence: str) -> bool:
    """Words of choice in the sentence that are not themselves denied ("not dieting", "without trying")."""
    return any(not _NOT_CHOSEN_BEFORE.search(sentence[: m.start()]) for m in chosen.finditer(sentence))


# Sleep lost to something other than the pain: "deadlines, not sleeping well", "very stressed with the
# wedding and not sleeping". Night pain is a red flag only when it is the pain that keeps a person up;
# lost sleep with another cause in the same sentence, and no word of pain, is left open (and asked).
# Narrower than ConText's `_SLEEP_THIEVES` (context_rules.py), which need only follow "because of" or
# "with": here a cause anywhere in the sentence counts, so everyday words ("work", "kids", "new") are out.
_SLEEP_THIEF = re.compile(
    r"\b(?:stress(?:ed|ful)?|worr(?:y|ied|ying)|anxi(?:ety|ous)|deadlines?|exams?|newborn|new\s+baby|the\s+baby|"
    r"twins|toddler|night\s*shifts?|shift\s+work|insomnia|menopause|grief|noise|jet\s*lag|caffeine|"
    r"divorce|separation|break\s*-?up|bereave\w*|debts?)\b",  # "a messy divorce, not sleeping well" (round 39)
    re.IGNORECASE,
)
_PAIN = r"(?:pain|ache|aching|hurts?|hurting|sore|back|spasms?|agony|throbbing)"
_PAIN_WORD = re.compile(rf"\b{_PAIN}\b", re.IGNORECASE)
_FOR_PAIN = re.compile(
    rf"^\W*\w*\W*(?:because|cos|coz|due|from|with|for|thanks)\s+(?:of\s+|to\s+)?(?:the\s+|my\s+|this\s+)?{_PAIN}\b",
    re.IGNORECASE,
)


def apply_sleep_thieves(mentions: list[Mention]) -> list[Mention]:
    """A present night_pain said only as lost sleep, in a sentence that names another cause: uncertain."""
    out = []
    for m in mentions:
        if (
            m.status is Status.PRESENT
            and m.span.label_ == "night_pain"
            and not _PAIN_WORD.search(m.span.text)
            and not _FOR_PAIN.search(m.span.doc.text[m.span.end_char : m.span.sent.end_char])
            and _SLEEP_THIEF.search(m.span.sent.text)
        ):
            m = replace(m, status=Status.UNCERTAIN, carried=None)
        out.append(m)
    return out


# "... would there be blood in the pee? Cause there is": the question's "there be", answered "there is"
_THERE_BE = re.compile(r"\b(?:there\s+be|is\s+there|are\s+there|will\s+there|would\s+there)\b", re.IGNORECASE)
_THERE_IS = re.compile(
    r"\s*(?:(?:cause|'cause|cos|coz|cuz|because|well|and|which|yes|yeah|yep)\s*,?\s*)+"
    r"(?:there\s+(?:is|are|was|were|has\s+been)|there's)\b(?!\s*(?:not|n't|no|none)\b)",
    re.IGNORECASE,
)


def apply_confirmation(mentions: list[Mention]) -> list[Mention]:
    """A finding asked about in a question ("is it normal ...?"), which the next words say has been so
    "since tues" or "for two days", or "there is" after a "would there be" ("If this was a kidney stone would
    there be blood in the pee? Cause there is"), is present."""
    out = []
    for m in mentions:
        if m.status is Status.UNCERTAIN and not m.history:
            sent = m.span.sent
            asked = sent.text.rstrip().endswith("?")
            doc_text = m.span.doc.text
            before = doc_text[sent.start_char : m.span.start_char]
            if asked and not _SUPPOSING.search(before) and _CONFIRMED.match(doc_text, sent.end_char):
                m = replace(m, status=Status.PRESENT, carried=None)
            elif asked and _THERE_BE.search(before) and _THERE_IS.match(doc_text, sent.end_char):
                m = replace(m, status=Status.PRESENT, carried=None)
            elif asked and _factive(before) and {x.category for x in m.span._.modifiers} <= _ASKING_ONLY:
                m = replace(m, status=Status.PRESENT, carried=None)
        out.append(m)
    return out


_ASKING_ONLY = frozenset({HYPOTHETICAL, POSSIBLE})  # what the opening "should I worry" itself gives


def _factive(before: str) -> bool:
    """Is the mention inside the "that" clause of a question that takes it as a fact, with no "if" or
    "might" between (`_FACTIVE_QUESTION`)?"""
    found = _FACTIVE_QUESTION.search(before)
    return found is not None and not _SUPPOSING.search(before, found.end())


def apply_discourse(mentions: list[Mention]) -> list[Mention]:
    """Every pass, in order: lists, questions of what a symptom is like, then answers, then denials, then
    recovery, choice, lost sleep and confirmed questions."""
    if not mentions:
        return []
    mentions = carry_list_negation(mentions)
    mentions = apply_what_it_is(mentions)
    mentions = apply_answers(mentions)
    mentions = apply_denials(mentions)
    return apply_confirmation(apply_sleep_thieves(apply_choice(apply_resolution(mentions))))
