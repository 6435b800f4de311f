"""Text preparation for the reader: same-length normalisation and bounded chunks.

Every change keeps the text the same length, so character offsets found in the prepared text point
at the person's own words in the original.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

__all__ = ["MAX_CHARS", "chunks", "normalise", "sentence_around"]

# Longer texts are cut here (and the person told): the reader must finish in bounded time, and a
# symptom description longer than this is almost certainly pasted material.
MAX_CHARS = 20_000
_CHUNK_CHARS = 1_500  # ConText compares modifiers pairwise, so it runs on pieces of this size

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u201c": '"', "\u201d": '"'})
_WORD_HYPHEN = re.compile(r"(?<=[A-Za-z])[-\u2010\u2011\u2013](?=[A-Za-z])")
_SENTENCE_END = re.compile(r"(?<=[.!?;\n])\s+")
# Quotation marks around words ("'tearing' pain", 'says "maybe a bit numb"') would split a phrase; they
# become spaces. A single quote counts as one where it opens a word or closes one (never inside a word:
# "can't", "it's" keep theirs).
_QUOTE_MARKS = re.compile(r"\"|(?<![\w'])'(?=[A-Za-z])|(?<=[A-Za-z.?!,])'(?![\w'])")


def _is_emoji(ch: str) -> bool:
    """Pictographs, emoticons and their skin tones, and the older symbols used the same way (weather,
    hearts): "back spasm \U0001f629 legs fine \U0001f44d pee fine \U0001f44d". Ticks and crosses are not
    among them: in a pasted form they answer a question."""
    code = ord(ch)
    return 0x1F300 <= code <= 0x1FAFF or 0x2600 <= code <= 0x26FF or code == 0x2764


def _clean_char(ch: str) -> str:
    if ch in "\n\t":
        return ch
    if _is_emoji(ch):
        return "."  # in texted accounts an emoji ends a thought, and a negation's scope, like a full stop
    category = unicodedata.category(ch)
    if category.startswith("C") or category == "Zs":
        return " "  # control, format, unassigned and odd spaces would confuse the tokenizer
    return ch


# "me back", "me legs", "wet meself": "me" for "my" in Irish, Scottish, northern English and Australian
# speech. Both words have two letters (and "meself" and "myself" six), so the length stays the same.
_BEFORE_THE_BODY = (
    r"(?=\s+(?:own\s+|poor\s+|bad\s+|sore\s+|lower\s+|low\s+|upper\s+|left\s+|right\s+|whole\s+)?"
    r"(?:back|backside|bum|arse|bottom|spine|legs?|feet|foot|hips?|knees?|thighs?|calf|calves|waterworks|bladder|bits|"
    r"groin|privates|side|belly|tummy|stomach|kidneys?|neck|shoulders?|arms?|hands?|toes|ankles?|head|ribs|chest"
)
_ME_AS_MY = re.compile(r"\b(?:(?P<me>[Mm]e)" + _BEFORE_THE_BODY + r")\b)|(?P<meself>[Mm]eself))\b")


def _me_as_my(m: re.Match[str]) -> str:
    word = m.group(0)
    return word[0] + "y" + word[2:]


# Scots and northern words with an English word of the same length (or one letter shorter, padded with a
# space): "I cannae get a pee oot", "baith ma legs", "didnae feel it". "ma" and "mi" are "my" only before the
# parts of the body "me" is (above) or a relative ("ma back", "mi granny"); "MI" (a heart attack) keeps its
# capitals.
_DIALECT = {
    "cannae": "can't ", "canna": "can't", "dinnae": "don't ", "didnae": "didn't", "couldnae": "couldn't",
    "wouldnae": "wouldn't", "isnae": "isn't", "wasnae": "wasn't", "doesnae": "doesn't", "hasnae": "hasn't",
    "havnae": "havent", "hivnae": "havent", "oot": "out", "baith": "both ", "noo": "now", "tae": "to ",
}  # fmt: skip
_DIALECT_WORD = re.compile(r"\b(?:" + "|".join(_DIALECT) + r")\b", re.IGNORECASE)
_MA_AS_MY = re.compile(
    r"\b[Mm][ai]" + _BEFORE_THE_BODY + r"|granny|gran|nan|nana|grandma|grandmother|grandad|grandfather|mum|mam|mother|"
    r"dad|father|sister|brother|son|daughter|wife|husband|auntie|aunty|uncle|cousin|pickney)\b)"
)


def _dialect(m: re.Match[str]) -> str:
    word = _DIALECT[m.group(0).lower()]
    return word[0].upper() + word[1:] if m.group(0)[0].isupper() else word


# Names that contain a symptom's word but are not the symptom: "hay fever", "cabin fever", "weight loss
# injections", "protein shakes". Their space becomes an underscore, so no phrase can start at the second word
# (phrases start only where a word does) and the length stays the same.
_NOT_THE_SYMPTOM = re.compile(
    r"(?:(?<=\bhay)|(?<=\bcabin))\s(?=fever\b)"
    r"|(?:(?<=\bprotein)|(?<=\bmilk)|(?<=\breplacement)|(?<=\bdiet)|(?<=\bgainer))\s(?=shakes?\b)"
    r"|(?<=\bweight)\s(?=loss\s+(?:injections?|jabs?|drugs?|medications?|medicines?|tablets?|pills?|surgery|"
    r"operation|clinic|club|programme|program|plan|group|app|journey|goals?|shots?|pens?)\b)"
    # oxygen saturation "on room air" ("SpO2 95% RA", "sats 96% on RA"), not rheumatoid arthritis (round 38)
    r"|(?:(?<=%)|(?<=%\son))\s(?=RA\b)",
    re.IGNORECASE,
)


# `_clean_char` over ASCII, as one table: the control characters but tab and newline become spaces.
_ASCII_CLEAN = str.maketrans({chr(i): " " for i in (*range(32), 127) if chr(i) not in "\n\t"})


def normalise(text: str) -> str:
    """Straight quotes, quotation marks and word-joining hyphens as spaces, control characters as spaces,
    emoji as full stops, "me" (and "ma", "mi") as "my" before a part of the body, a few Scots words as
    their English ("cannae" as "can't"), and "hay fever" as one word."""
    text = text.translate(_QUOTES)
    if text.isascii():
        text = text.translate(_ASCII_CLEAN)
    else:
        text = "".join(_clean_char(ch) for ch in text)
    if "'" in text or '"' in text:
        text = _QUOTE_MARKS.sub(" ", text)
    text = _ME_AS_MY.sub(_me_as_my, text)
    text = _MA_AS_MY.sub(lambda m: m.group(0)[0] + "y", text)
    text = _DIALECT_WORD.sub(_dialect, text)
    text = _WORD_HYPHEN.sub(" ", text)
    return _NOT_THE_SYMPTOM.sub("_", text)


def chunks(text: str) -> Iterator[tuple[int, str]]:
    """(offset, piece) pairs covering `text`, split at sentence ends, each at most about
    `_CHUNK_CHARS` long (a longer sentence is cut at a space)."""
    start = 0
    n = len(text)
    while start < n:
        end = min(n, start + _CHUNK_CHARS)
        if end < n:
            cut = None
            for m in _SENTENCE_END.finditer(text, start, end):
                cut = m.end()
            if cut is None or cut <= start:
                space = text.rfind(" ", start + 1, end)
                cut = space + 1 if space > start else end
            end = cut
        yield start, text[start:end]
        start = end


_SENTENCE_ENDS = ".!?\n"


def sentence_around(text: str, start: int, end: int | None = None) -> str:
    """The sentence (up to a full stop, question or exclamation mark, or line break) holding text[start:end]."""
    end = start if end is None else end
    begin = max((text.rfind(c, 0, start) for c in _SENTENCE_ENDS), default=-1) + 1
    stops = [i for i in (text.find(c, end) for c in _SENTENCE_ENDS) if i >= 0]
    return text[begin : min(stops, default=len(text))]
