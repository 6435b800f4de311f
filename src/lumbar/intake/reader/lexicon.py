"""Turn the `phrases` of each finding into medspaCy target rules.

The phrases live in `knowledge/data/findings.yaml` (one lexicon for the whole project). Each phrase is
lower-case text in a small notation, so that one line covers the ways people say a thing:

- `(a|b|c)` one of several words or word groups; `(a|b)?` the same, or nothing.
- `word*` any word starting with `word` (misspellings and inflections: `tingl*`).
- `~` up to two words of any kind ("lost ~ weight").
- A leading `!` marks a *normal* statement: saying it means the finding is absent
  ("!bladder (is|'s)? (fine|ok|normal)").

The last word of a phrase also matches its plural (`spasm` matches `spasms`); contractions match
their spelled-out and apostrophe-less forms (`can't` matches `cant`, `cannot` and `can not`); a
hyphen matches a space.

Each phrase becomes one regular expression (a medspaCy `TargetRule` with a string pattern, matched
case-insensitively on the text and snapped to token boundaries). Expanding the notation into spaCy
token patterns instead gave over 20,000 patterns, which took half a minute to load and a tenth of a
second per narrative.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lumbar.knowledge.models import KnowledgeBase

__all__ = ["NORMAL_ATTR", "PhraseRule", "compile_phrase", "phrase_rules"]

NORMAL_ATTR = "lumbar_normal"  # Span extension set on targets that are "normal" statements

_UNIT = re.compile(r"\(([^()]*)\)(\?)?|(\S+)")
_HYPHEN = re.compile(r"(?<=[a-z])-(?=[a-z])")
_SEP = r"\s+"
# In phrases with a slash, ampersand or plus, spaces around those are optional ("bladder/bowel", "b&b").
# Only there: the looser separator makes the expressions slower to compile.
_LOOSE_SEP = r"(?:\s+|(?<=[/&+])\s*|\s*(?=[/&+]))"
_ANY_WORDS = r"(?:\s+[^\s.,;:!?]+){0,2}"  # `~`: up to two words, spaces included
_SPECIAL_NT = {"can't": r"(?:can'?t|cannot|can\s+not)", "won't": r"(?:won'?t|will\s+not)",
               "shan't": r"(?:shan'?t|shall\s+not)", "ain't": r"ain'?t"}  # fmt: skip
_ANY_NT = r"(?:\w+n't|(?:is|are|was|were|do|does|did|has|have|had|ca|wo|could|would|should|might|must|need)n'?t)"
_CLITICS = {"s": r"(?:'?s|\s+is|\s+has)", "m": r"(?:'?m|\s+am)", "ve": r"(?:'?ve|\s+have)",
            "re": r"(?:'?re|\s+are)", "ll": r"(?:'?ll|\s+will)", "d": r"(?:'?d|\s+would|\s+had)"}  # fmt: skip


@dataclass(frozen=True)
class PhraseRule:
    """One phrase of one finding, as a regular expression over the text."""

    finding: str
    literal: str
    pattern: str
    normal: bool


def _plural(word: str) -> str:
    escaped = re.escape(word)
    if not word.isalpha() or len(word) < 3 or word.endswith("s"):
        return escaped
    if word.endswith("y") and word[-2] not in "aeiou":
        return f"(?:{escaped}|{re.escape(word[:-1])}ies)"
    return escaped + "(?:e?s)?"


def _word(word: str, last: bool) -> str:
    if word == "n't":
        return _ANY_NT
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
    """The space before an option: none for a clitic that attaches to the word before ("'s")."""
    return "" if option.startswith("'") else _SEP


def compile_phrase(phrase: str) -> str:
    """The regular expression for one phrase in the notation above."""
    phrase = _HYPHEN.sub(" ", phrase.lower())
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
    return rf"(?<![\w'])(?:{body})(?!\w)"


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
            pattern = "|".join(compile_phrase(p) for p in literals)
            rules.append(PhraseRule(finding.id, " | ".join(literals), pattern, normal))
    return rules
