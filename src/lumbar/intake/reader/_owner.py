"""Whose symptom is it, when a person writes about their own back and also about someone else ("Mum says
she can't feel her legs today, but that's her MS. I'm asking about me: my back went into spasm")?

`own_account` says whether the text is the writer's account of their own back (it says the question is
about the writer, or names "my back" and the writer's own age or sex) and is not written for someone else;
only then does a "he" or "she" mean another person. Where that is not clear, everyone's findings count:
reading a patient's symptom as someone else's is the unsafe mistake. (In a carer's account or a
clinician's note "he" and "she" are the person the text is about, and every finding counts.)

`someone_elses` then says whether a finding is said of that other person:
- the finding's own words hold "his" or "her" and no word of the writer's ("her legs", "his bladder");
- or, going back from the finding within its clause, the nearest word for a person is "he" or "she" as
  the subject ("she can't feel her legs"), "his" or "her" ("his lower back has gone"), or someone named
  as the subject ("my dad collapsed with a burst aneurysm");
- or its sentence has no word of the writer's at all and "he" or "she" is its subject before the finding,
  or is named before it and is a subject after it ("The GP saw her this morning, it's a urine infection,
  she's on antibiotics").

"He" or "she" who only tells or finds something ("she says", "he thinks", "the physio said she found")
is an informant, not the one with the symptom, and "her" or "him" after a verb or a preposition
("lifting her", "next to him") is not a subject: both are passed over. "They" is never taken for another
person (it is as often the doctors). A first-person word ("I", "me", "my", "mine") ends the search: the
finding is the writer's.
"""

from __future__ import annotations

import re
from typing import Any

from lumbar.intake.reader._family import RELATIVES
from lumbar.intake.reader.context_rules import REPORTING, VERB_BEFORE_OBJECT

__all__ = ["MY_BACK", "own_account", "someone_elses"]

# The writer's own back, not said to be fine ("my back is fine, I'm asking about my wife")
MY_BACK = (
    r"\bmy\s+(?:(?:own|lower|low|upper|mid|middle|whole|bad|sore|poor|neck|shoulders?|hips?|and|&)\s+){0,4}"
    r"(?:back|spine)\b"
    r"(?!\s+(?:is|'s|feels|was|seems)\s+(?:fine|ok|okay|good|alright|all\s+right|normal)\b)"
)
_MY_BACK = re.compile(MY_BACK, re.IGNORECASE)
_ABOUT_ME = re.compile(
    r"\b(?:asking|question\s+is|this\s+is|writing|it'?s)\s+(?:about|for)\s+(?:me|myself|my\s+(?:own\s+)?"
    r"(?:lower\s+|low\s+)?(?:back|spine))\b"
    # terse: "Dad 80, had prostate cancer. Me 45, back went yesterday" (round 31)
    r"|\bme\s*,?\s*\d{1,2}\s*[,:;-]?\s*(?:my\s+)?(?:lower\s+|low\s+)?back\b",
    re.IGNORECASE,
)
# The writer asks about someone else ("asking about my wife", "writing this for my dad", "worried about
# him", "she asked me to type this"): their account, not the writer's
_ABOUT_THEM = re.compile(
    r"\b(?:asking|writing|messaging|enquiring|typing|texting|posting|emailing|worried|worrying|concerned|scared|here)"
    r"\s+(?:this\s+|here\s+|in\s+|on\s+here\s+|now\s+)?(?:about|for|on\s+behalf\s+of)\s+"
    r"(?:him|her|them|my\s+(?:\w+\s+)?(?:mum|mom|mother|dad|father|wife|husband|partner|son|daughter|child|"
    r"boy|girl|baby|brother|sister|gran|grandma|grandad|grandpa|nan|friend|neighbou?r|patient|girlfriend|"
    r"boyfriend|fianc\w*|hubby|missus|mam|nana|granny))\b"
    r"|\basked\s+me\s+to\s+(?:type|write|send|post|ask|message|fill)",
    re.IGNORECASE,
)
# The writer's own age or sex ("I'm 44", "35 F", "27M"): the writer speaks of themselves as the patient
_WRITER_STATED = re.compile(
    r"\b(?:i'?m|i\s+am|im)\s+(?:now\s+|only\s+|just\s+|a\s+)?\d{1,2}\b"
    r"|(?<![\w-])\d{1,2}\s*(?:f|m|yo|y/o|yrs?\s+old|years?\s+old)\b(?!\s*(?:son|daughter|boy|girl|child|kid))",
    re.IGNORECASE,
)

_FIRST = frozenset({"i", "me", "my", "mine", "myself", "i'm", "im", "i've", "ive", "i'd", "id"})
_SUBJECT = frozenset({"he", "she"})
_POSSESSIVE = frozenset({"his", "her"})
_OBJECT = frozenset({"him", "her", "himself", "herself"})
# Between a pronoun and its verb: "she has also said", "he's just told"
_AUXILIARY = frozenset({"has", "had", "have", "'s", "s", "'d", "d", "also", "just", "then", "already", "even",
                        "is", "was", "been", "did", "does", "do", "always", "keeps", "kept", "actually",
                        "really", "now", "only"})  # fmt: skip
# "she says", "he found", "the doctor said she thinks": an informant or examiner
_TELLS = REPORTING | frozenset({"think", "reckoned", "tell", "mentions", "found", "finds", "checked", "checks",
                                "examined", "tested",
                                "asked", "asks", "wants", "wanted", "suggested", "suggests", "recommended",
                                "advised", "believes", "suspects", "suspected", "diagnosed", "sent", "referred",
                                "gave", "prescribed", "saw", "looked", "explained", "reassured", "agreed", "warned",
                                "booked", "arranged", "helped", "drove", "took", "rang", "called", "worried",
                                "worries", "insists", "insisted", "swears", "knows", "knew", "doubts", "wonders",
                                "wondered", "confirmed", "ruled", "wrote", "writes", "measured", "scanned",
                                "x-rayed", "pressed", "prodded"})  # fmt: skip
# A verb or preposition before "her" or "him" makes it an object ("lifting her", "with him")
_BEFORE_OBJECT = VERB_BEFORE_OBJECT | frozenset({"for", "after", "of", "about", "behind", "beside", "near", "next",
                                                 "like", "than",
                                                 "onto", "into", "on", "off", "up", "lift", "carry", "move", "moved",
                                                 "moving", "hold", "push", "pushed", "pushing", "pull", "pulled",
                                                 "pulling", "bath", "bathe", "wash", "washing", "dress", "dressing",
                                                 "turn", "turning", "turned", "seen", "visiting", "take", "took",
                                                 "taking", "drive", "drove", "driving", "get", "got", "getting",
                                                 "put", "putting", "pick", "picking", "catch", "caught", "support",
                                                 "supporting", "nursing", "nurse", "care", "look", "looking",
                                                 "looked", "watch", "watching", "text", "hug", "hugged", "love",
                                                 "left", "leave", "leaving", "let", "make", "made", "bring",
                                                 "brought", "give", "gave", "giving", "keep", "kept", "keeping",
                                                 "send", "sent", "miss", "missed", "met", "meet"})  # fmt: skip
# Someone named by who they are ("my dad collapsed with a burst aneurysm"), unless the object of a verb
# or a preposition ("lifting my dad", "with my wife")
_SOMEONE = frozenset({*RELATIVES, "friend", "mate", "neighbour", "neighbor", "colleague", "boss", "flatmate",
                      "housemate", "roommate", "kid", "kids", "child", "baby", "toddler", "teenager"})  # fmt: skip
_DETERMINERS = frozenset({"my", "our", "his", "her", "their", "the", "a", "an", "little", "older", "younger",
                          "eldest", "youngest", "big", "best", "late", "poor", "own"})  # fmt: skip
_CLAUSE_END = frozenset({",", ";", ":", "-", "(", ")", "but", "because", "cos", "so", "although", "though",
                         "while", "whilst", "whereas"})  # fmt: skip


def own_account(text: str, *, carer: bool) -> bool:
    """Is `text` (prepared) the writer's account of their own back, written for no one else? It must say
    so ("I'm asking about me"), or name "my back" and the writer's own age or sex: "My wife is 63. She
    says her back's aching ... just the same as my back spasm last week, but she's breathless" is about
    her, and where it is not clear whose account it is, everyone's findings count."""
    if carer or _ABOUT_THEM.search(text):
        return False
    return bool(_ABOUT_ME.search(text) or (_MY_BACK.search(text) and _WRITER_STATED.search(text)))


def _word(token: Any) -> str:
    return str(token.lower_)


def _tells(doc: Any, i: int) -> bool:
    """Is the pronoun at `i` followed (past any auxiliaries) by a verb of telling or finding?"""
    j = i + 1
    while j < len(doc) and _word(doc[j]) in _AUXILIARY:
        j += 1
    return j < len(doc) and _word(doc[j]) in _TELLS


def _an_object(doc: Any, i: int, start: int) -> bool:
    """Is "her" or "him" at `i` the object of the word before it ("lifting her")?"""
    return i > start and _word(doc[i - 1]) in _BEFORE_OBJECT


def _someone_subject(doc: Any, i: int, start: int) -> bool:
    """Is the word at `i` someone named ("dad", "wife") who is the subject, not an object or an informant?"""
    j = i - 1
    while j >= start and _word(doc[j]) in _DETERMINERS:
        j -= 1
    return not (j >= start and _word(doc[j]) in _BEFORE_OBJECT) and not _tells(doc, i)


def _owner_before(doc: Any, end: int, start: int, *, clause: bool) -> bool | None:
    """Going back from `end` to `start`: True when the nearest person is "he" or "she" (or "his", "her"),
    False when it is the writer, None when there is no one (or, with `clause`, a clause ends first)."""
    for i in range(end - 1, start - 1, -1):
        word = _word(doc[i])
        if clause and word in _CLAUSE_END:
            return None
        if word in _FIRST:
            return False
        if word in _SUBJECT and not _tells(doc, i):
            return True
        if word in _POSSESSIVE and not _an_object(doc, i, start):
            return True
        if word in _SOMEONE and _someone_subject(doc, i, start):
            return True
    return None


def _them_in(doc: Any, start: int, end: int) -> bool:
    return any(_word(doc[i]) in _SUBJECT | _POSSESSIVE | _OBJECT for i in range(start, end))


def _subject_in(doc: Any, start: int, end: int) -> bool:
    return any(_word(doc[i]) in _SUBJECT and not _tells(doc, i) for i in range(start, end))


def someone_elses(span: Any) -> bool:
    """Is the finding at `span` said of another person ("he", "she"), in a text that is the writer's
    account of their own back (`own_account`)?"""
    doc, sent = span.doc, span.sent
    if any(_word(doc[i]) in _FIRST for i in range(span.start, span.end)):
        return False
    if any(_word(doc[i]) in _POSSESSIVE and not _an_object(doc, i, sent.start) for i in range(span.start, span.end)):
        return True  # "her legs", but not "carrying his bags"
    near = _owner_before(doc, span.start, sent.start, clause=True)
    if near is not None:
        return near
    if any(_word(t) in _FIRST for t in sent):
        return False
    if _owner_before(doc, span.start, sent.start, clause=False):
        return True
    # "The GP saw her this morning, it's a urine infection, she's on antibiotics": about her throughout
    return _them_in(doc, sent.start, span.start) and _subject_in(doc, span.end, sent.end)
