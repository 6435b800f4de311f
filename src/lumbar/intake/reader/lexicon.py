"""Turn the `phrases` of each finding into medspaCy target rules.

The phrases live in `knowledge/data/findings.yaml` (one lexicon for the whole project). Each phrase is
lower-case text in a small notation, so that one line covers the ways people say a thing:

- `(a|b|c)` one of several words or word groups; `(a|b)?` the same, or nothing.
- `word*` any word starting with `word` (misspellings and inflections: `tingl*`).
- `~` up to two words of any kind ("lost ~ weight"), never a negation word.
- `my` also matches "his", "her" and "their" (carers' and clinicians' words), and `myself` "himself",
  "herself" and "themselves".
- A leading `!` marks a *normal* statement: saying it means the finding is absent
  ("!bladder (is|'s)? (fine|ok|normal)").
- A word written in capitals matches only in capitals: an abbreviation that is an everyday word in
  lower case ("known AS" is ankylosing spondylitis, "known as" is not).

The last word of a phrase also matches its plural (`spasm` matches `spasms`); contractions match
their spelled-out and apostrophe-less forms (`can't` matches `cant`, `cannot` and `can not`); a
hyphen matches a space; a few words also match their shorthand and texting spellings (`_SHORTHAND`:
`without` "w/o", `when` "wen", `and` "n", `because` "coz", `right` "rite"); a word ending in -ing
also matches it without the g ("liftin", "workin'"); and a few red-flag words (`_TYPO_TOLERANT`) also
match their commonest misspellings ("numbess", "bowles").

Each phrase becomes one regular expression (matched case-insensitively on the text and snapped to
token boundaries, as medspaCy's regex matcher does; see `targets.py`). Expanding the notation into
spaCy token patterns instead gave over 20,000 patterns, which took half a minute to load and a tenth of
a second per narrative.

Each phrase also records what its matches start with (`phrase_starts`): the beginnings of the words a
match can start with, in every spelling they match (the words of leading optional groups and of the
first required item; `can't` gives "can", `injury` gives "injur"). Every expression starts where a
word starts (no letter, digit or apostrophe just before), so the reader tries a phrase only where a
word starts that way, and never compiles the expression of a phrase whose beginnings are nowhere in
the text (`targets.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from lumbar.knowledge.models import KnowledgeBase

__all__ = [
    "MARKER_ATTR",
    "NORMAL_ATTR",
    "Phrase",
    "PhraseRule",
    "compile_phrase",
    "phrase_needs",
    "phrase_rules",
    "phrase_starts",
    "register_span_flags",
]

NORMAL_ATTR = "lumbar_normal"  # Span extension set on targets that are "normal" statements
MARKER_ATTR = "lumbar_marker"  # Span extension set on targets of marker findings (`Finding.marker`)


def register_span_flags() -> None:
    """Register `NORMAL_ATTR` and `MARKER_ATTR` as span flags kept per finding. spaCy keys a span's custom
    attributes by its characters only, so a plain attribute set on one finding's span would be shared by
    another finding's span over the same words: "no trauma" is a normal statement of major_trauma, and the
    same words say that insidious_onset is present. These flags are kept in the doc's `user_data` under the
    span's characters and its label (the finding)."""
    from spacy.tokens import Span

    for attr in (NORMAL_ATTR, MARKER_ATTR):

        def getter(span: Any, attr: str = attr) -> bool:
            return (span.start_char, span.end_char, span.label_) in span.doc.user_data.get(("lumbar", attr), ())

        def setter(span: Any, value: bool, attr: str = attr) -> None:
            flagged = span.doc.user_data.setdefault(("lumbar", attr), set())
            key = (span.start_char, span.end_char, span.label_)
            if value:
                flagged.add(key)
            else:
                flagged.discard(key)

        Span.set_extension(attr, getter=getter, setter=setter, force=True)


_UNIT = re.compile(r"\(([^()]*)\)(\?)?|(\S+)")
_NESTED = re.compile(r"\([^)]*\(")  # "(a|b (c|d))": a group inside a group
_HYPHEN = re.compile(r"(?<=[a-z])-(?=[a-z])")
_SEP = r"\s+"
# In phrases with a slash, ampersand or plus, spaces around those are optional ("bladder/bowel", "b&b").
# Only there: the looser separator makes the expressions slower to compile.
_LOOSE_SEP = r"(?:\s+|(?<=[/&+])\s*|\s*(?=[/&+]))"
# `~`: up to two words, spaces included, but never a negation ("both legs are not numb" is no match, so
# the negation stays outside the phrase, where ConText reads it).
_ANY_WORDS = r"(?:\s+(?!(?:not|no|never|nothing|without|nor)\b)(?![^\s.,;:!?]*n'?t\b)[^\s.,;:!?]+){0,2}"
_SPECIAL_NT = {"can't": r"(?:can'?t|cannot|can\s+not)", "won't": r"(?:won'?t|will\s+not)",
               "shan't": r"(?:shan'?t|shall\s+not)", "ain't": r"ain'?t"}  # fmt: skip
_ANY_NT = r"(?:\w+n't|(?:is|are|was|were|do|does|did|has|have|had|ca|wo|could|would|should|might|must|need)n'?t)"
# Shorthand and texting spellings a word is also written in ("poo came out w/o me knowing", "burning wen
# i pee", "numb n tingly", "cant feel it coz its numb").
_SHORTHAND = {
    "without": ("without", "w/o", "w/out"),
    "when": ("when", "wen", "whn"),
    "and": ("and", "n", "&"),
    "you": ("you", "u"),
    "your": ("your", "ur"),
    "because": ("because", "becuase", "becasue", "coz", "cuz", "cos", "bc", "b/c"),
    "coming": ("coming", "comming"),
    "right": ("right", "rite"),
}
# The red-flag words people most often misspell in a hurry ("numbess round my privates", "bowles not
# workin"): each also matches itself with one letter dropped or two neighbouring letters swapped, from
# its third letter on (so what a match starts with stays known). Real words among those are left out.
_TYPO_TOLERANT = ("numbness", "tingling", "bowels", "bladder", "weakness", "temperature", "incontinence",
                  "incontinent", "sciatica", "privates", "genitals", "buttocks", "paralysed", "paralyzed",
                  "accident", "accidents")  # fmt: skip
_NOT_TYPOS = frozenset({"bowls", "bowel", "buttock", "bowes"})


def _typos(word: str) -> tuple[str, ...]:
    """`word` and its one-slip spellings (`_TYPO_TOLERANT`), longest first."""
    variants = {word}
    for i in range(2, len(word)):
        variants.add(word[:i] + word[i + 1 :])
        if i + 1 < len(word) and word[i] != word[i + 1]:
            variants.add(word[:i] + word[i + 1] + word[i] + word[i + 2 :])
    return tuple(sorted(variants - (_NOT_TYPOS - {word}), key=lambda v: (-len(v), v)))


_TYPOS = {word: _typos(word) for word in _TYPO_TOLERANT}
# A word in capitals: an abbreviation matched only as written ("AS", never "as").
_CAPITALS = re.compile(r"[A-Z]{2,}")
_NOTATION_WORD = re.compile(r"[^\s()|?]+")  # a word of a phrase, between spaces and the group marks
# A word of six letters or more ending in -ing, whose g people drop ("liftin boxes", "tinglin").
_DROPPED_G = re.compile(r"[a-z]{3,}ing")
_CLITICS = {"s": r"(?:'?s|\s+is|\s+has)", "m": r"(?:'?m|\s+am)", "ve": r"(?:'?ve|\s+have)",
            "re": r"(?:'?re|\s+are)", "ll": r"(?:'?ll|\s+will)", "d": r"(?:'?d|\s+would|\s+had)"}  # fmt: skip


# `my` also matches "his", "her" and "their": a carer writes "his legs went weak", a clinician "her back";
# whose words they are is for the ConText rules (another person's) and `reader.carer_mode` to decide.
_MY_WORDS = ("my", "his", "her", "their")
_MY = "(?:" + "|".join(_MY_WORDS) + ")"
# And `myself` "himself", "herself" and "themselves" ("she's wet herself").
_MYSELF_WORDS = ("myself", "himself", "herself", "themselves")
_MYSELF = "(?:" + "|".join(_MYSELF_WORDS) + ")"


@dataclass(frozen=True)
class Phrase:
    """One phrase (without its leading `!`), and what any text it matches starts with (`phrase_starts`)."""

    literal: str
    starts: frozenset[str] | None

    @property
    def pattern(self) -> str:
        """The phrase's regular expression, written on first use (most texts need few of them)."""
        return compile_phrase(self.literal)

    @property
    def needs(self) -> tuple[frozenset[str], ...]:
        """Word beginnings the text must also have (`phrase_needs`)."""
        return phrase_needs(self.literal)


@dataclass(frozen=True)
class PhraseRule:
    """The phrases of one finding (or its normal statements), as regular expressions over the text."""

    finding: str
    normal: bool
    phrases: tuple[Phrase, ...]
    marker: bool = False  # the finding is a marker (`Finding.marker`): its spans never compete

    @property
    def literal(self) -> str:
        return " | ".join(p.literal for p in self.phrases)

    @property
    def pattern(self) -> str:
        """The phrases' expressions as one alternation, in order (medspaCy's form of the rule)."""
        return "|".join(p.pattern for p in self.phrases)


def _plural(word: str) -> str:
    escaped = re.escape(word)
    if not word.isalpha() or len(word) < 3 or word.endswith("s"):
        return escaped
    if word.endswith("y") and word[-2] not in "aeiou":
        return f"(?:{escaped}|{re.escape(word[:-1])}ies)"
    return escaped + "(?:e?s)?"


def _word(word: str, last: bool) -> str:
    if _CAPITALS.fullmatch(word):
        return f"(?-i:{word})"  # the expression is matched ignoring case, except here
    if word == "n't":
        return _ANY_NT
    if word == "my":
        return _MY
    if word == "myself":
        return _MYSELF
    if word in _SHORTHAND:
        return "(?:" + "|".join(_plural(w) if last else re.escape(w) for w in _SHORTHAND[word]) + ")"
    if word.startswith("'") and word[1:] in _CLITICS:
        return "'" + re.escape(word[1:])
    if word in _SPECIAL_NT:
        return _SPECIAL_NT[word]
    if len(word) > 1 and word.endswith("*"):
        return re.escape(word[:-1]) + r"[\w']*"
    if word.endswith("n't") and len(word) > 3:
        return re.escape(word[:-3]) + r"(?:n'?t|\s+not)"
    base, apostrophe, clitic = word.rpartition("'")
    if apostrophe and base and clitic in _CLITICS:
        return re.escape(base) + _CLITICS[clitic]
    if word in _TYPOS:
        return "(?:" + "|".join(_plural(v) if last else re.escape(v) for v in _TYPOS[word]) + ")"
    if _DROPPED_G.fullmatch(word):
        # "liftin", "workin'": the g dropped, as people type and say it (the plural kept: "tinglings")
        return re.escape(word[:-1]) + ("(?:gs?|')?" if last else "(?:g|')?")
    return _plural(word) if last else re.escape(word)


def _words(text: str, last: bool) -> str:
    words = text.split()
    parts: list[str] = []
    for i, w in enumerate(words):
        if w == "~":
            parts.append(_ANY_WORDS)
            continue
        if parts and parts[-1] != _ANY_WORDS:
            parts.append(_SEP)
        elif parts:
            parts.append(_SEP)
        parts.append(_word(w, last and i == len(words) - 1))
    return "".join(parts)


def _lead(option: str) -> str:
    """The space before an option: none for a clitic that attaches to the word before ("'s"), and maybe
    none before a colon ("bladder: normal")."""
    if option.startswith("'"):
        return ""
    return r"\s*" if option.startswith(":") else _SEP


def _lower(phrase: str) -> str:
    """The phrase in lower case, but for its words in capitals (matched only as written)."""
    return _NOTATION_WORD.sub(lambda m: m[0] if _CAPITALS.fullmatch(m[0]) else m[0].lower(), phrase)


@lru_cache(maxsize=4096)
def compile_phrase(phrase: str) -> str:
    """The regular expression for one phrase in the notation above."""
    phrase = _HYPHEN.sub(" ", _lower(phrase))
    if _NESTED.search(phrase) or phrase.count("(") != phrase.count(")"):
        raise ValueError(f"phrase has a nested or unbalanced group (the notation has one level): {phrase!r}")
    if any(ch in phrase for ch in "[]{}\\^$"):
        # every word is matched literally, so "c[1-8]" would never match "c6": write the words out
        raise ValueError(f"phrase uses regular-expression syntax the notation does not have: {phrase!r}")
    if any(ch in phrase for ch in "/&+"):
        return _compile(phrase).replace(_SEP, _LOOSE_SEP)
    return _compile(phrase)


def _compile(phrase: str) -> str:
    units = list(_UNIT.finditer(phrase))
    body = ""
    mandatory_seen = False
    for i, m in enumerate(units):
        last = i == len(units) - 1
        if m.group(3) == "~":
            body += _ANY_WORDS
            continue
        if m.group(3) is not None:
            options, optional = [m.group(3)], False
        else:
            raw = [o.strip() for o in m.group(1).split("|")]
            optional = bool(m.group(2)) or "" in raw
            # Longer options first: at one position the regex takes the first option that fits.
            options = sorted({o for o in raw if o}, key=lambda o: (-len(o), o))
        compiled = [(_lead(o), _words(o, last)) for o in options]
        if mandatory_seen:
            unit = "(?:" + "|".join(lead + rx for lead, rx in compiled) + ")"
            body += unit + ("?" if optional else "")
        elif optional:
            body += "(?:(?:" + "|".join(rx for _, rx in compiled) + ")" + _SEP + ")?"
        else:
            body += "(?:" + "|".join(rx for _, rx in compiled) + ")"
            mandatory_seen = True
    if not mandatory_seen:
        raise ValueError(f"phrase has no required word: {phrase!r}")
    # never end inside a number: "temp 37" is not the start of "temp 37.8" (round 36)
    return rf"(?<![\w'])(?:{body})(?!\w|[.,]\d)"


# What the contractions in `_SPECIAL_NT` start with, in every spelling they match.
_SPECIAL_NT_STARTS = {
    "can't": ("can",),
    "won't": ("won", "will"),
    "shan't": ("shan", "shall"),
    "ain't": ("ain",),
}


def _word_starts(word: str) -> tuple[str, ...] | None:
    """What every text matched by `_word(word, ...)` starts with (case aside), mirroring its cases;
    None when unsure."""
    if word == "n't":
        return None  # any word ending in n't
    if word == "my":
        return _MY_WORDS
    if word == "myself":
        return _MYSELF_WORDS
    if word in _SHORTHAND:
        return _SHORTHAND[word]
    if word in _TYPOS:
        return _TYPOS[word]
    if _DROPPED_G.fullmatch(word):
        return (word[:-1],)  # "lifting" and "liftin" both start "liftin"
    if word in _SPECIAL_NT_STARTS:
        return _SPECIAL_NT_STARTS[word]
    if len(word) > 1 and word.endswith("*"):
        return (word[:-1],)
    if word.endswith("n't") and len(word) > 3:
        return (word[:-3],)  # `don't`: "don't", "dont", "do not"
    base, apostrophe, clitic = word.rpartition("'")
    if apostrophe and base and clitic in _CLITICS:
        return (base,)  # `it's`: "it's", "its", "it is", "it has"
    if word.endswith("y") and word.isalpha() and len(word) >= 3 and word[-2] not in "aeiou":
        return (word[:-1],)  # the last word's plural (`_plural`): `injury` also matches "injuries"
    return (word,)


def _starts(word: str) -> tuple[str, ...]:
    starts = _word_starts(word)
    if starts is None or not all(s and s.isascii() and not any(c.isspace() for c in s) for s in starts):
        return ("",)  # some word start
    return starts


def _units(phrase: str) -> list[tuple[list[str] | None, bool]]:
    """The units of a phrase as `_compile` reads them: (options, optional); options None for `~`."""
    units: list[tuple[list[str] | None, bool]] = []
    for m in _UNIT.finditer(_HYPHEN.sub(" ", phrase.lower())):
        if m.group(3) == "~":
            units.append((None, True))
        elif m.group(3) is not None:
            units.append(([m.group(3)], False))
        else:
            raw = [o.strip() for o in m.group(1).split("|")]
            units.append(([o for o in raw if o], bool(m.group(2)) or "" in raw))
    return units


def phrase_starts(phrase: str) -> frozenset[str] | None:
    """What a match of one phrase (notation above, without the leading `!`) starts with: the lower-case
    beginnings of the words of its leading optional groups and of its first required item, in every
    spelling they match ("" when unsure: any word). None when a match could start anywhere at all
    (a leading `~`)."""
    starts: set[str] = set()
    for options, optional in _units(phrase):
        if options is None or any(o.split()[0] == "~" for o in options):
            return None  # a leading `~` lets the match start anywhere, even inside a word
        for option in options:
            starts.update(_starts(option.split()[0]))
        if not optional:
            return frozenset(starts)
    return None  # no required word (`compile_phrase` rejects these)


@lru_cache(maxsize=4096)
def phrase_needs(phrase: str) -> tuple[frozenset[str], ...]:
    """Words a text must also have for the phrase to match: for each required item after the first,
    the beginnings of its words (`phrase_starts`), one of which starts a word somewhere in any text the
    phrase matches. Items that can start otherwise (a clitic like `'s` joins the word before; `/`, `&`
    and `+` need no space before them) are left out."""
    needs: list[frozenset[str]] = []
    first_seen = False
    for options, optional in _units(phrase):
        if options is None or optional:
            continue
        if not first_seen:
            first_seen = True
            continue
        starts: set[str] = set()
        for option in options:
            first = option.split()[0]
            found = _starts(first) if first[0].isalnum() else ("",)
            if "" in found:
                break
            starts.update(found)
        else:
            needs.append(frozenset(starts))
    return tuple(needs)


def phrase_rules(kb: KnowledgeBase) -> list[PhraseRule]:
    """The target rules of a knowledge base: one per finding for its phrases, and one for its normal
    statements.

    The phrases of a finding are joined into one alternation, longest phrase first (at one position
    the first alternative that fits wins). medspaCy's regex matcher rebuilds the document text for
    every pattern it tries, so a few hundred patterns instead of a few thousand keeps reading fast.
    """
    rules: list[PhraseRule] = []
    for finding in kb.findings.values():
        for normal in (False, True):
            literals = [p.removeprefix("!") for p in dict.fromkeys(finding.phrases) if p.startswith("!") is normal]
            if not literals:
                continue
            literals.sort(key=lambda p: (-len(p), p))
            phrases = tuple(Phrase(p, phrase_starts(p)) for p in literals)
            rules.append(PhraseRule(finding.id, normal, phrases, marker=finding.marker))
    return rules
