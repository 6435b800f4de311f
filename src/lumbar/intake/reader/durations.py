"""How long the pain has lasted, as stated in free text: "for 3 weeks", "3/7", "since yesterday", "week 7
of this sciatica", "since March (it's July now)", "since I was 24", and a date counted back from today's
("since 3rd Oct") when the caller gives today. Plain regular expressions over the prepared (lower-cased)
text, as in values.py; the longest stated length wins there.

Not the pain's length: the time since a birth or an operation ("6/52 post-op"), a plan ("review in 2/52"),
a medicine or a long-standing condition ("on prednisolone for 5 years"), how long an activity can be
borne ("can only walk for 10 minutes"), morning stiffness, another person's age, and the weeks of a
pregnancy (passed in as `pregnancy_at`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from lumbar.intake.reader._family import RELATIVE_WORDS
from lumbar.intake.reader._numbers import DIGIT, HALF, NUM, number
from lumbar.intake.reader._text import sentence_around

__all__ = ["AGE_ALONE", "AGE_IN_YEARS", "duration_days", "years_of_a_condition"]

# "..., it go away. 45 years": an adult age in years standing alone as a sentence or list item; the age
# (values.py reads it so), not a duration
AGE_ALONE = re.compile(r"(?:^|[,;.!]\s*)(?P<age>[1-9]\d)\s*(?:years?|yrs?)(?:\s+old)?\s*(?=[,;.!]|$)")
# "I have 52 years", "a woman of 38 years", "I am girl 27 years": the age said as in French, Spanish, Italian or
# Portuguese (values.py reads it so), not a duration; "I have 20 years of back pain" is a duration
AGE_IN_YEARS = re.compile(
    r"\b(?:i\s+have|i\s+has|(?:woman|man|lady|girl|boy|guy|male|female|gentleman)\s+of|"
    r"(?:i\s+am|i'?m|im)\s+(?:an?\s+)?(?:woman|man|lady|girl|boy|guy|male|female|gentleman)(?:\s+of)?)\s+(?P<age>\d{1,3})\s+"
    r"(?:years?|yrs?)\b(?!\s+(?:ago|of|since|with|now|experience|history))"
)

_UNIT_DAYS = {
    "minute": 1 / 1440, "min": 1 / 1440, "hour": 1 / 24, "hr": 1 / 24, "h": 1 / 24, "day": 1.0, "d": 1.0,
    "night": 1.0, "week": 7.0, "wk": 7.0, "w": 7.0, "fortnight": 14.0, "month": 30.0, "mo": 30.0,
    "mth": 30.0, "year": 365.0, "yr": 365.0, "y": 365.0,
}  # fmt: skip
# Clinical shorthand: 3/7 = three days, 2/52 = two weeks, 3/12 = three months, 6/24 = six hours.
_SHORTHAND_DAYS = {"7": 1.0, "52": 7.0, "12": 30.0, "24": 1 / 24}

_UNITS = (
    r"(?P<unit>minutes?|mins?|hours?|hrs?|h|days?|d|nights?|weeks?|wks?|w|fortnights?|months?|mos?|mths?|"
    r"years?|yrs?|y)"
)
_DURATION_PATTERNS = [
    # "for 3 weeks", "two and a half weeks", "a month and a half" (the half after its unit), "6 weeks ago"
    re.compile(
        rf"\b(?:for|since|past|last|over|about|around|nearly|almost|roughly|within|x|lasted|lasting|been)?\s*"
        rf"(?:the\s+)?(?:(?:past|last)\s+)?(?:a\s+|the\s+)?(?P<n>{NUM}|\d+)(?P<half>{HALF})?\+?(?:\s+of)?\s*"
        rf"(?:-|\s)?\s*(?:or\s+so\s+)?(?:more\s+)?{_UNITS}\b(?P<half_after>\s+and\s+a\s+half\b)?"
        r"(?P<after>[\s-]*(?:(?:ago|back|pregnant|gestation|old|of\s+age|check|follow\s*-?\s*up|review|appointment|"
        r"appt|course|flight|flights|drive|journey|trip|shift|shifts|coach|train|bus|ride|walk|hike|run|session|"
        r"wait|operation|surgery|labou?r|late|overdue)\b)?)"
    ),
    re.compile(r"(?<![\d/])(?P<n>\d{1,2})\s*/\s*(?P<denom>7|52|12|24)\b(?!\s*/)"),
    re.compile(
        r"\b(?P<word>yesterday|last\s+night|overnight|this\s+morning|today|tonight|this\s+afternoon|"
        r"this\s+evening|(?:a\s+)?half\s+(?:a\s+)?year|half\s+a\s+month|half\s+a\s+day)\b"
    ),
]
# A birth or an operation, the time since which a note gives as "10/52 postnatal", "8/52 pp", "6/52 post-op",
# "4/52 post L4/5 discectomy", "six weeks postpartum", "6 weeks after my c-section", "post-op 6/52" or
# "discectomy 4/52 ago": how long since the event, not how long this pain has lasted (which the same note
# gives as "LBP 2/52"). An injury is not among them: "LBP 3/7 post fall" is the pain's own time.
_EVENT = (
    r"(?:partum|natal(?:ly)?|pp|delivery|birth|baby|c-?\s*section|section|lscs|caesarean|cesarean|labou?r|op|"
    r"operative(?:ly)?|operation|surgery|surgical(?:ly)?|procedure|biopsy|\w+(?:ectomy|otomy|plasty|desis)|fusion|"
    r"decompression|replacement)\b"
)
_POST_EVENT = rf"(?:post|s/p)[\s-]*(?:[\w/]+\s+){{0,2}}?{_EVENT}"
_SINCE_EVENT_AFTER = re.compile(
    rf"[\s-]*(?:{_POST_EVENT}|pp\b|after\s+(?:my|the|her|having|giving)\s+(?:the\s+|a\s+|my\s+|her\s+|our\s+)?"
    r"(?:c-?\s*section|caesarean|cesarean|section|birth|delivery|baby|labou?r)\b)"
)
_SINCE_EVENT_BEFORE = re.compile(rf"\b(?:(?:post|s/p)[\s-]*(?:[\w/]+\s+){{0,2}}?)?{_EVENT}\s*:?\s*$")


def _since_an_event(text: str, start: int, end: int) -> bool:
    """Is the duration at text[start:end] the time since a birth or an operation, named just after it
    or just before it?"""
    return bool(_SINCE_EVENT_AFTER.match(text, end) or _SINCE_EVENT_BEFORE.search(text, max(0, start - 40), start))


# Before a clinician's N/7 or N/52 that is a plan, not the pain's duration: "expect improvement over
# 2-6/52", "review in 2/52", "fit note 1/52", "rv 4/52", "ibuprofen 400mg tds 5/7" (a course of
# medicine); "off work 2/52" is the pain's
_PLANNED_BEFORE = re.compile(
    r"\b(?:expect\w*|improv\w*|resol\w*|settle\w*|review\w*|rv|r/v|f/?u|follow\s*-?\s*up|reassess\w*|re-?check|"
    r"see\s+(?:again|back)?|rtc|return\w*|fit\s+note|sick\s+note|med3|max(?:imum)?)\b[^.;\n]{0,18}$"
    r"|\b(?:tds|tid|bd|bid|qds|qid|od|prn|nocte|mane|daily|rx)\s*(?:x\s*)?$"
)
# "over the past year or so", "for the last month": one of the unit, said without a number
_THE_PAST_UNIT = re.compile(
    r"\b(?:(?:over|for|in|during|throughout)\s+(?:(?:roughly|about|around|nearly|almost|maybe)\s+)?the|this)\s+"
    r"(?:past|last)\s+(?P<unit>year|month|fortnight|week)\b"
)
# "week 7 of sciatica", "day 3 of this back pain": counted from the start of this episode
_NTH_WEEK = re.compile(
    rf"\b(?P<unit>week|wk|day)\s+(?P<n>{NUM}|\d{{1,2}})\s+(?:of|with|into)\s+(?:this\s+|my\s+|the\s+)?"
    r"(?:back|sciatica|pain|lbp|it|spasms?|flare|episode|agony)\b",
    re.IGNORECASE,
)
# An update's own day or week, at the start of a sentence or after "it's", "now" or "this is": "Day 33.",
# "Update on the sciatica: it's now week 7", "Now, week 3, the numb patch is bigger" (not "day 3 of
# antibiotics", "day 2 post-op", "week 30 pregnant": what follows says whose time it is)
_UPDATE_DAY = re.compile(
    rf"(?:^|[.!?:;,\n(]\s*|\b(?:it'?s|it\s+is|now|this\s+is|we'?re\s+on|i'?m\s+on|we\s+are\s+on|i\s+am\s+on)[\s,]+)"
    rf"(?:now[\s,]+)?(?P<unit>week|wk|day)\s+(?P<n>{NUM}|\d{{1,2}})\b"
    r"(?![\s-]*(?:(?:of|post|after|pregnant|gestation|since)\b|\+|/|-\s*\d|to\s+\d|and\s+\d))",
    re.IGNORECASE,
)
_PREGNANT = re.compile(r"\b(?:pregnan\w*|gestation|trimester)\b")


# "still here at 7 weeks", "still sore at day 10", "no better at 3 weeks": the episode's age, said of the pain
_STILL_AT = re.compile(
    r"\b(?:still\s+(?:here|there|going|around|sore|bad|hurting|painful|aching|stiff|ongoing|the\s+same|not\s+gone|"
    r"not\s+right|no\s+better)|no\s+better|not\s+(?:gone|settled|improving|better))\s+(?:now\s+)?at\s+"
    rf"(?:(?P<unit_first>week|day)\s+(?P<n_first>{NUM}|\d{{1,2}})|(?P<n>{NUM}|\d{{1,2}})\s+(?P<unit>weeks?|days?|months?))\b"
    r"(?![\s-]*(?:pregnant|gestation|old|post|after))"
)
# "since I was about 24 (now 27)": the years between the age it began and the age now
_SINCE_AGE = re.compile(
    r"\bsince\s+(?:i\s+was|i\s+turned|age|aged|the\s+age\s+of|my\s+early|my\s+late|my\s+mid)\s+"
    r"(?:about\s+|around\s+|roughly\s+|maybe\s+)?(?P<then>[1-9]\d)\b(?!\s*(?:kg|kilos?|stone|weeks?|months?))"
)
# Months without a number: "for months", "for months now", "for many months".
_FOR_MONTHS = re.compile(r"\bfor\s+(?:many\s+|several\s+)?months\b")
_WORD_DAYS = {"yesterday": 1.0, "last night": 1.0, "overnight": 1.0, "this morning": 0.0, "today": 0.0,
              "tonight": 0.0, "this afternoon": 0.0, "this evening": 0.0, "half year": 182.5,
              "a half year": 182.5, "half a year": 182.5, "a half a year": 182.5, "half a month": 15.0,
              "half a day": 0.5}  # fmt: skip


_NOT_EPISODE_BEFORE = re.compile(
    r"(?:\b(?:once|twice|times|per|every|each|in|next|i'?m|im|am|aged?|x|pregnant|pregnancy|gestation|at)|"
    r"\b(?:i'?m|im|am)\s+(?:a\s+)?(?:man|woman|male|female|lady|guy|gentleman|mother|father|mum|dad)|"
    # a child's or another person's age: "(she is 14 months and a chunk!)"
    r"\b(?:he|she|they|who)(?:\s+is|\s+was|\s+are|'s)|"
    r"\b(?:father|mother|dad|mum|mom|wife|husband|son|daughter|grand\w*|brother|sister|partner)\s+(?:is|was)|"
    # a stretch of life, not of pain: "rough few months", "a hectic couple of weeks at work"
    r"\b(?:rough|tough|busy|stressful|hectic|crazy|awful|horrible|difficult|manic|mad|full\s+on)(?:\s+(?:few|couple\s+of))?|"
    # a rate: "on my feet 10 hours a day", "2 litres a day" (round 40)
    r"\b(?:hours?|hrs?|minutes?|mins?|litres?|liters?|pints?|cups?|units?|miles?|km)|"
    # a number just before ("2 x 10 days"), but not a spinal level ("pain over L2 for 10 days", round 40)
    r"(?<![A-Za-z])\d(?<!/10)(?<!/ 10)(?<!out of 10))\s*$"
)


# A duration that belongs to a medicine or a long-standing condition is not how long this pain has lasted:
# "on prednisolone for 5 years", "diabetic for 10 years", "worked at a desk for 20 years", "had ankylosing
# spondylitis for 20 years".
_OTHER_THING_BEFORE = re.compile(
    r"\b(?:prednisolone|prednisone|steroids?|tablets|pills|medication|medicines?|inhalers?|insulin|warfarin|"
    # long-term medicines and what they are for: "on tamsulosin for my prostate about 4 yrs" (round 35)
    r"tamsulosin|finasteride|statins?|metformin|levothyroxine|thyroxine|amlodipine|ramipril|lisinopril|omeprazole|"
    r"hrt|methotrexate|allopurinol|sertraline|citalopram|fluoxetine|antidepressants?|pregabalin|gabapentin|"
    r"tramadol|codeine|morphine|oxycodone|dialysis|prostate|"
    r"diabetic|diabetes|t[12]\s*dm|iddm|niddm|dm|smoked|smoking|smoker|married|worked|working|job|lived|living|retired|clean|sober|well|"
    r"play(?:s|ed|ing)?(?!\s+up)|had\s+(?:my|the|a|our|her)\s+(?:baby|son|daughter|twins)|gave\s+birth|"
    r"c-?\s*section|caesarean|cesarean|"
    r"osteoporosis|arthritis|spondylitis|spondyloarthritis|axspa|cancer|asthma|copd|waiting\s+list|wait\s+list|"
    r"remission|crohn'?s|colitis|psoriasis|(?:post[\s-]*)?menopaus\w*|"
    r"ms|multiple\s+sclerosis|parkinson'?s|epilepsy|neuropathy|paraplegic|paraplegia|tetraplegic|wheelchair|"
    r"polio|stroke|scoliosis|catheter|coil|mirena|iud|ius|implant|fitted|inserted|"
    # a spinal cord injury's level: "T12 complete (15 yrs)" (round 36)
    r"[ct]\d{1,2}\s+(?:complete|incomplete)|sci|spinal\s+cord\s+injury|"
    r"waitlist|appointment|referral|done\s+(?:that|this|it)|"
    # a weight gained or lost: "put on about 15 kg over the last few years"
    r"kgs?|kilos?|lbs?|pounds|stones?)\b"
    # ... in the same clause (and line): "a few weeks into the job and for the last 4 months" is this pain again
    r"(?:(?!\s(?:and|but)\s)[^.,;!?\n]){0,25}$"
)


# Years of a sport or training: "been lifting about two years", "I've been running for 10 years" (a pain's
# years are had or suffered: "had back pain for 2 years")
_SPORT_YEARS_BEFORE = re.compile(
    r"\b(?:(?:been|i'?ve\s+been|have\s+been)\s+(?:lifting|powerlifting|weightlifting|training|running|climbing|cycling|"
    r"swimming|boxing|dancing|rowing|playing\s+\w+|doing\s+\w+)|trained|lifted|played|competed|raced)\b[^.,;!?]{0,20}$"
)

# Years of a job: "builder for 30yrs", "worked as a nurse for 20 years", "been a postie 15 years" (round 33)
_WORK_YEARS_BEFORE = re.compile(
    r"\b(?:builder|plumber|nurse|carer|teacher|driver|electrician|joiner|carpenter|farmer|labourer|laborer|"
    r"mechanic|chef|cleaner|roofer|plasterer|bricklayer|brickie|scaffolder|decorator|postman|postie|firefighter|"
    r"fireman|soldier|miner|welder|warehouse\s+\w+|trade|job|career|worked|working|work(?:ed)?\s+as\s+an?\s+\w+|"
    r"been\s+an?\s+\w+)\b(?:\s+(?:for|over|about|nearly|almost|around|of))*\s*$"
)

# Someone else's time, in a clause whose subject is a relative: "my husband has been incontinent for a couple
# of years" (nothing of the writer's between: "my wife says I've had it for 3 weeks" is the writer's)
_RELATIVES_CLAUSE_BEFORE = re.compile(
    rf"\b(?:my|our|his|her)\s+(?:{RELATIVE_WORDS})\b"
    r"(?:(?!\b(?:and|but|i|i'm|im|i've|ive|me|my|mine)\b)[^.;,!?]){0,50}$"
)
# A past episode that has ended: "last year I had sciatica down my left leg for 3 months; it cleared" (in the
# same clause as the time it was, with nothing of now between: "this", "now", "still", "again", "since")
_PAST_EPISODE_BEFORE = re.compile(
    r"\b(?:last\s+(?:year|summer|winter|spring|autumn|fall|time|season)|(?:a|one|two|three|a\s+few|a\s+couple\s+of|\d+)\s+"
    r"years?\s+ago|in\s+(?:19|20)\d\d|back\s+in|previously|in\s+the\s+past|once\s+before)\b"
    r"(?:(?!\b(?:but|now|since|still|this|again|currently)\b|\band\b(?!\s+had\b))[^.;,!?]){0,60}\bhad\b"
    r"(?:(?!\b(?:and|but|now|since|still|this|again|currently)\b)[^.;,!?]){0,50}$"
)


def years_of_a_condition(text: str, start: int) -> bool:
    """Are the years at `start` said straight after a long-standing condition or medicine, as in "T6
    paraplegic, 15 years" or "diabetic - 12 years"? Then they are how long it has been, not an age."""
    return bool(_OTHER_THING_BEFORE.search(text[max(0, start - 45) : start].rstrip(" ,;:-(")))


# Years in a chair are a wheelchair user's ("in my chair for 10 years"); days in one are not ("stuck in my
# chair for 3 days" is this pain).
_CHAIR_BEFORE = re.compile(r"\bchair\b(?:(?!\s(?:and|but)\s)[^.,;!?]){0,25}$")

# Minutes or hours of an activity are how long it can be borne: "can only walk for 10 minutes",
# "after sitting for an hour", "stood for 2 hours at work".
# How long morning stiffness lasts ("stiff every morning over an hour"), not how long the pain has lasted.
_STIFF_BEFORE = re.compile(r"\bstiff\w*\b[^.;!?\d]{0,30}(?:\d+\s*(?:-|to)\s*)?$")  # "stiff ... for 10-15 mins"
# A time away: "after three months off" (not "off work", "off and on"), "again after 10 years".
_OFF_AFTER = re.compile(r"\s*off\b(?!\s+(?:and\s+on|work|sick))")
# "Since my pregnancy 2 years ago I've had ...": the years since then are this trouble's (round 39)
_SINCE_BEFORE = re.compile(r"\bsince\b[^.,;:!?\n]{0,40}$")
# ... or "ever since" said after it: "Car accident 2 years ago, ... Ever since, the lower back goes into spasm"
# (round 40): the trouble has lasted from then. Not "since then a couple of ordinary spasms" (episodes since),
# "ever since my last baby" (another time) or "been fine ever since" (`_WELL_SINCE`)
_EVER_SINCE_AFTER = re.compile(r"[^\n]{0,100}?\b(?P<since>ever\s+since)\b(?!\s+(?:my|her|his|the|i|she|he|then)\b)")
_WELL_SINCE = re.compile(
    r"\b(?:fine|ok|okay|well|good|great|better|normal|clear|free|nothing|no\s+(?:problems?|trouble|issues?|pain))"
    r"(?:\s+\w+){0,2}\s*,?\s*$"
)


def _ever_since_after(text: str, end: int) -> bool:
    """Is the time followed by "ever since" of the trouble (not "been fine ever since")?"""
    m = _EVER_SINCE_AFTER.match(text, end)
    return m is not None and _WELL_SINCE.search(text, max(end, m.start("since") - 30), m.start("since")) is None


# A baby's or child's age said without "old": "Baby is 4 months" (round 37)
_CHILD_AGE_BEFORE = re.compile(
    r"\b(?:baby|son|daughter|little\s+one|newborn|toddler|twins|grandson|granddaughter|lo)(?:'s|\s+is|\s+was|"
    r"\s+turned|\s+turns|\s+just\s+turned)\s+(?:now\s+|only\s+|just\s+|nearly\s+|almost\s+)?$"
    # "New mum here (8 wks)": the baby's age (round 41)
    r"|\bnew\s+(?:mum|mom|mother|mummy|mama|parent|dad)(?:\s+here)?\s*[(,:-]?\s*(?:of\s+)?$"
)
# A time of being well or of keeping off something, said straight before it: "completely fine for 5 years",
# "no injecting for 6 years", "pain free for about 2 years" (round 38): the time before this pain, not its
# length ("clean", "sober", "well" and "remission" are `_OTHER_THING_BEFORE`'s, which reaches further back)
_WELL_BEFORE = re.compile(
    r"\b(?:fine|ok|okay|good|great|pain[\s-]?free|symptom[\s-]?free|flare[\s-]?free|trouble[\s-]?free|"
    r"abstinent|clear|dry|continent|no\s+(?:injecting|using|drugs|drink|drinking|alcohol|smoking|problems?|leaks?|leaking|"
    r"trouble|issues?|pain|symptoms|episodes?|flares?|flare[\s-]?ups?|relapses?|attacks?|bother))\s+"
    r"(?:at\s+all\s+|since\s+then\s+|since\s+|ever\s+since\s+)?(?:for\s+)?(?:about\s+|around\s+|over\s+|nearly\s+|"
    r"almost\s+|the\s+(?:last|past)\s+|a\s+good\s+)?$"
)
# ... or said after it: "3 months sober" (round 39)
_WELL_AFTER = re.compile(
    r"\s*(?:sober|clean|dry|off\s+(?:the\s+)?(?:drink|booze|drugs|gear)|smoke[\s-]?free|drug[\s-]?free)\b"
)
# ... and a time ago of something said straight after to have gone: "tingling in my foot a few months back but
# it went and hasn't come back" (round 40) dates that, not this pain
_GONE_AFTER = re.compile(
    r"[^.!?;]{0,24}?\b(?:but|and)\s+(?:it|that|they|this|the\s+\w+)\s+(?:went|(?:'s|is|has|had|was)\s+gone|"
    r"cleared|settled|passed|resolved|got\s+better|wore\s+off)\b",
    re.IGNORECASE,
)
_AFTER_BEFORE = re.compile(r"\bafter\s+(?:a\s+|about\s+|nearly\s+|almost\s+)?$")
_AGAIN_AFTER_BEFORE = re.compile(r"\bagain\s+after\s+(?:about\s+|nearly\s+|almost\s+|over\s+)?$")
# "takes 1-2 hours to loosen up": how long the stiffness lasts
_TO_LOOSEN_AFTER = re.compile(
    r"\s*(?:or\s+(?:so|more|longer|two)\s+)?(?:to|before\s+(?:it|i|my\s+back)\s+(?:starts?\s+to\s+)?)\s*(?:loosen|ease|wear\s+off|warm\s+up|"
    r"get\s+going|free\s+up|limber\s+up|settle|go\s+off)"
)
_ACTIVITY_BEFORE = re.compile(
    r"\b(?:walk|stand|stood|sit|sat|driv|drove|run|ran|lie|lying|lay|bend|kneel|knelt|jog|cycl|hik|queu|spen[dt]|"
    r"garden|hoover|vacuum|clean)\w*\s+(?:\w+\s+)?(?:(?:for|about|around|over|after)\s+)?(?:about\s+|around\s+|"
    r"only\s+|up\s+to\s+|more\s+than\s+|over\s+|maybe\s+|roughly\s+|~\s*)?(?:the\s+)?$"
)


def _unit_days(unit: str) -> float | None:
    unit = unit.lower()
    for key in sorted(_UNIT_DAYS, key=len, reverse=True):
        if unit.startswith(key):
            return _UNIT_DAYS[key]
    return None


_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                                        "dec"))}  # fmt: skip
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|christmas|xmas)\b"
)
_MONTHS.update({"chr": 11, "xma": 11})  # "since Christmas and it's March now"
_SINCE_MONTH = re.compile(
    r"(?:\b(?:since|back\s+in|started\s+in|began\s+in|from|in|at\s+the\s+(?:end|start|beginning)\s+of)\s+"
    r"(?:(?:like|about|around|roughly|early|late|mid|"
    r"the\s+start\s+of|the\s+end\s+of)[\s-]+)*"
    # a part of a month is a date on its own: "Pulled my back mid-September" (round 38)
    r"|\b(?:early|mid|late)[\s-]+(?=" + _MONTH.replace("?P<month>", "?:") + r"))" + _MONTH
)
_NOW_MONTH = re.compile(
    r"\b(?:it'?s|it\s+is|now\s+it'?s|and\s+now)\s+(?:now\s+|already\s+)?"
    r"(?:(?:mid|early|late|the\s+end\s+of|the\s+start\s+of|"
    r"the\s+(?:first|second|third|fourth|last|1st|2nd|3rd|4th)\s+week\s+of)[\s-]+)?"
    + _MONTH.replace("may|", "")
    + r"(?!\s+\d)|\b"
    + _MONTH.replace("may|", "").replace("?P<month>", "?P<month_now>")
    + r"\s+now\b"
    # "it's now May." ("it may ..." is not a month)
    + r"|\b(?:it'?s|it\s+is|now\s+it'?s|and\s+now)\s+(?:now\s+|already\s+)?(?:(?:mid|early|late|the\s+end\s+of|"
    r"the\s+start\s+of)[\s-]+)?(?P<month_may>may)(?=\s*(?:[.,;!?)]|$|and\b))"
)


def _months_between(text: str) -> float | None:
    """'Hurt my back in March, it's now July', 'since like september (its feb now)': the months
    between a month the pain began and the month it is now, when the text names both."""
    began, now = _SINCE_MONTH.search(text), _NOW_MONTH.search(text)
    if began is None or now is None or now.start() < began.start():
        return None
    month_now = now.group("month") or now.group("month_now") or now.group("month_may")
    months = (_MONTHS[month_now[:3]] - _MONTHS[began.group("month")[:3]]) % 12
    return months * 30.0 if months else None


# "since 3rd Oct", "since the 3rd of October", "since Oct 3", "since jan", "since early May": a date the
# pain began, counted back from today's date when the caller gives it (`read_values(today=...)`).
_DAY = r"(?P<day>3[01]|[12]\d|[1-9])(?!\d)(?:st|nd|rd|th)?"
_SINCE_DATE = re.compile(
    r"\b(?:since|started\s+on|started\s+in|began\s+on|began\s+in)\s+(?:(?:the|about|around|roughly|like|last)\s+)*"
    r"(?:"
    + _DAY
    + r"\s+(?:of\s+)?"
    + _MONTH
    + r"|"
    + _MONTH.replace("?P<month>", "?P<month2>")
    + r"\s+(?:the\s+)?"
    + _DAY.replace("?P<day>", "?P<day2>")
    + r"|(?P<part>early|mid|late|the\s+start\s+of|the\s+beginning\s+of|the\s+end\s+of)?[\s-]*"
    + _MONTH.replace("?P<month>", "?P<month3>")
    + r"(?![\s,]*\d)"
    + r")"
)
_PART_DAY = {"early": 1, "the start of": 1, "the beginning of": 1, "mid": 15, "late": 25, "the end of": 28}


def _since_date(text: str, today: date | None) -> float | None:
    """Days since the date the pain began ("since 3rd Oct", "since jan"), by `today`; None without it.
    A month alone counts from its first day (or its middle or end: "mid", "late"); a date later in the
    year than today was last year."""
    if today is None:
        return None
    days: float | None = None
    for m in _SINCE_DATE.finditer(text):
        if _OTHER_THING_BEFORE.search(text[max(0, m.start() - 45) : m.start()]):
            continue  # "lost 9 kg since January on purpose": the weight's time
        month = m.group("month") or m.group("month2") or m.group("month3")
        day_text = m.group("day") or m.group("day2")
        part = " ".join((m.group("part") or "").split())
        day = int(day_text) if day_text else _PART_DAY.get(part, 1)
        try:
            began = date(today.year, _MONTHS[month[:3]] + 1, day)
        except ValueError:
            continue  # "since the 31st of June"
        if began > today:
            if began.month == 2 and began.day == 29:
                continue  # no 29th of February last year
            began = began.replace(year=today.year - 1)
        days = max(days or 0.0, float((today - began).days))
    return days


_RANGE_START = re.compile(r"\d+\s*(?:-|to|or)\s*$")
_AVOID_BEFORE = re.compile(r"\b(?:avoid\w*|refrain\w*|no\s+(?:heavy\s+)?(?:lifting|gym|running|sport))\b[^.;\n]{0,25}$")
_SEX_AFTER = re.compile(r"[\s-]*(?:old\s+)?(?:male|female|man|woman|gentleman|lady|m|f)\b(?![\s,]*\d)")
_HALF_BEFORE = re.compile(r"\bhalf\s+$")


def _how_many(text: str, m: re.Match[str]) -> float | None:
    """How many of its unit a duration is: "three and a half (months)" is 3.5, "a (month) and a half"
    1.5, "half a (year)" 0.5."""
    n = number(m.group("n"))
    if n is None:
        return None
    if m.group("half") or m.group("half_after"):
        return n + 0.5
    return n / 2 if _HALF_BEFORE.search(text, max(0, m.start("n") - 6), m.start("n")) else n


def _durations(text: str, pregnancy_at: frozenset[int] = frozenset(), own_account: bool = False) -> Iterator[float]:
    between = _months_between(text)
    if between is not None:
        yield between
    ages_alone = {a.start("age") for a in (*AGE_ALONE.finditer(text), *AGE_IN_YEARS.finditer(text))}
    for m in _DURATION_PATTERNS[0].finditer(text):
        after = m.group("after").strip(" -\t\n")
        unit = m.group("unit")
        if after and after not in ("ago", "back"):
            # "six weeks pregnant", "my 6 week check": since the conception or the birth; "my 6 week follow
            # up", "a 5 day course", "an 11 hour flight", "2 weeks late" (round 36, 37): not this pain's length
            continue
        if _since_an_event(text, m.start("n"), m.end()):
            continue  # "six weeks postpartum", "6 weeks post-op"
        if m.start("n") in pregnancy_at or text[max(0, m.start("n") - 1) : m.start("n")] == "+":
            continue  # the gestation, or its days ("34+1 weeks")
        before_n = text[max(0, m.start("n") - 20) : m.start("n")]
        if _OFF_AFTER.match(text, m.end()) and _AFTER_BEFORE.search(before_n):
            continue  # "a hard session after three months off": a break from it, not this pain
        if _CHILD_AGE_BEFORE.search(text, max(0, m.start("n") - 30), m.start("n")):
            continue  # "Baby is 4 months": the baby's age
        if re.match(r"\s*(?:a|an|per|each|every|/)\s*(?:day|night|week|shift|month)\b", text[m.end() : m.end() + 14]):
            continue  # "on my feet 10 hours a day", "3 days a week": a rate, not this pain's length (round 40)
        if after in ("ago", "back") and _GONE_AFTER.match(text, m.end()):
            continue  # "tingling a few months back but it went": when something now gone was
        if _WELL_AFTER.match(text, m.end()):
            continue  # "3 months sober": the time off drink or drugs, not this pain
        if _WELL_BEFORE.search(text, max(0, m.start("n") - 50), m.start("n")):
            continue  # "completely fine for 5 years", "no injecting for 6 years": the time well, not this pain
        if _AGAIN_AFTER_BEFORE.search(before_n):
            continue  # "took up golf again after 10 years": the time away, not this pain
        since_then = after in ("ago", "back") and bool(
            _SINCE_BEFORE.search(text, max(0, m.start() - 40), m.start()) or _ever_since_after(text, m.end())
        )
        if after in ("ago", "back") and unit.startswith(("y", "decade")) and not since_then:
            continue  # "five years ago" is usually a past event, not this episode ("since ... 2 years ago" is)
        if unit.startswith(("y", "min", "h")) and re.match(
            r"[\s-]*(?:or\s+(?:two|so|more|three)\s+)?later\b", text[m.end() : m.end() + 20]
        ):
            continue  # "still ok a year later?", "a minute or two later it eases": a time after something
        if re.match(r"\s*since\s+(?:my|her|the)\s+last\b", text[m.end() : m.end() + 20]):
            continue  # "it's 6 weeks since my last one" (a period): not this pain's length (round 38)
        if re.match(r"[\s-]*(?:before|earlier|previously)\b", text[m.end() : m.end() + 14]):
            continue  # "two year before I had kidney stone": when something else was
        if len(unit) == 1 and not re.search(r"\d\s*[hdwy]\b", m.group(0)):
            continue  # single-letter units only straight after a digit ("3d", "2w")
        if unit.startswith("y") and m.start("n") in ages_alone:
            continue  # "45 years." alone, "I have 52 years": the age
        if unit.startswith("y") and _SEX_AFTER.match(text, m.end()) and not re.search(r"\bfor\s+$", before_n):
            continue  # "61 YRS MALE", "45 years female": the age
        # a range's first number ("in 4-6 wks") is not what comes before the duration
        before = _RANGE_START.sub("", text[max(0, m.start() - 18) : m.start()])[-14:]
        if _AVOID_BEFORE.search(text, max(0, m.start() - 40), m.start()):
            continue  # "avoid heavy lifts 1-2 wks": advice for the weeks to come, not this pain's length
        in_the_last = re.match(r"\s*(?:the\s+)?(?:last|past)\b", m.group(0)) and re.search(r"\bin\s*$", before)
        if _NOT_EPISODE_BEFORE.search(before) and not in_the_last and not since_then:
            continue  # "twice a day", "in 2 weeks", "once a year", "I'm 45 years"
        if _PLANNED_BEFORE.search(text, max(0, m.start() - 30), m.start()):
            continue  # "fit note for 1 wk", "naproxen max 5 days" (round 35): the plan, not this pain
        if _OTHER_THING_BEFORE.search(text[max(0, m.start() - 45) : m.start()]):
            continue
        if _PAST_EPISODE_BEFORE.search(text[max(0, m.start() - 120) : m.start()]):
            continue  # "last year I had sciatica for 3 months": a past episode's length
        if own_account and _RELATIVES_CLAUSE_BEFORE.search(text[max(0, m.start() - 80) : m.start()]):
            continue  # "my husband has been incontinent for a couple of years": his, not this pain's
        if unit.startswith(("y", "decade")) and (
            _CHAIR_BEFORE.search(text[max(0, m.start() - 45) : m.start()])
            or _SPORT_YEARS_BEFORE.search(text[max(0, m.start() - 45) : m.start()])
            or _WORK_YEARS_BEFORE.search(text[max(0, m.start() - 45) : m.start()])
        ):
            continue  # "in my chair for 10 years", "been lifting about two years", "builder for 30yrs"
        if unit.startswith(("min", "h")) and (
            _ACTIVITY_BEFORE.search(text, max(0, m.start("n") - 40), m.start("n"))
            or _STIFF_BEFORE.search(text, max(0, m.start("n") - 40), m.start("n"))
            or _TO_LOOSEN_AFTER.match(text, m.end())
        ):
            continue  # "I can only walk for 10 minutes", "stiff every morning over an hour": not this pain's length
        if unit.startswith(("min", "h")) and _AFTER_BEFORE.search(before_n):
            continue  # "after about five minutes both legs go heavy": when something comes on, not this pain's length
        n, days = _how_many(text, m), _unit_days(unit)
        if n is not None and days is not None:
            yield n * days
    for m in _DURATION_PATTERNS[1].finditer(text) if DIGIT.search(text) else ():
        if _PLANNED_BEFORE.search(text, max(0, m.start() - 30), m.start()):
            continue  # "expect improvement over 2-6/52", "review in 2/52": the plan, not this pain
        if _since_an_event(text, m.start(), m.end()):
            continue  # "10/52 postnatal", "6/52 post-op": since the birth or the operation
        yield float(m.group("n")) * _SHORTHAND_DAYS[m.group("denom")]
    for m in _DURATION_PATTERNS[2].finditer(text):
        word = " ".join(m.group("word").split())
        if word in _WORD_DAYS:
            yield _WORD_DAYS[word]
    for m in _FOR_MONTHS.finditer(text):
        if not _OTHER_THING_BEFORE.search(text[max(0, m.start() - 45) : m.start()]):
            yield 60.0  # "stiff every morning for months": two months at the least
    for m in _NTH_WEEK.finditer(text):
        n = number(m.group("n"))
        if n is not None:
            yield n * (7.0 if m.group("unit").lower().startswith("w") else 1.0)
    for m in _UPDATE_DAY.finditer(text):
        n = number(m.group("n"))
        sentence = sentence_around(text, m.start("n"))
        if n is not None and not _PREGNANT.search(sentence) and not _since_an_event(text, m.start(), m.end()):
            yield n * (7.0 if m.group("unit").lower().startswith("w") else 1.0)
    for m in _STILL_AT.finditer(text):
        n = number(m.group("n") or m.group("n_first"))
        days = _unit_days(m.group("unit") or m.group("unit_first"))
        if n is not None and days is not None and m.start("n" if m.group("n") else "n_first") not in pregnancy_at:
            yield n * days
    for m in _THE_PAST_UNIT.finditer(text):
        days = _unit_days(m.group("unit"))
        if days is not None:
            yield days


def _since_age(text: str, age: int | None) -> float | None:
    found = _SINCE_AGE.search(text) if age is not None else None
    if found is None or age is None or not 0 < age - int(found.group("then")) < 60:
        return None
    return (age - int(found.group("then"))) * 365.0


def duration_days(
    text: str,
    *,
    pregnancy_at: frozenset[int] = frozenset(),
    age: int | None = None,
    today: date | None = None,
    own_account: bool = False,
) -> float | None:
    """How many days the pain has lasted, by the longest length `text` (prepared, lower case) states;
    `pregnancy_at`: where the weeks of a pregnancy were read; `age`: the person's, for "since I was 24";
    `today`: the date, for a length said as the date it began; `own_account`: the text is the writer's
    account of their own back (`_owner.own_account`), so a relative's time is theirs. None when the text
    states none."""
    durations = list(_durations(text, pregnancy_at, own_account))
    since_age = _since_age(text, age)
    if since_age is not None:
        durations.append(since_age)
    # a date counted back from today only when the text gives no length itself: "since January (4
    # months)" and "since March (it's August now)" (`_months_between`, among `durations`) were written on
    # the writer's own today
    since_date = None if durations else _since_date(text, today)
    if since_date is not None:
        durations.append(since_date)
    return max(durations) if durations else None
