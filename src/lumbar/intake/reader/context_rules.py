"""ConText rules for the reader: negation, uncertainty, hypotheticals, history and other people.

Written for two voices: a person's own words ("no tingling", "peeing's fine", "what if I can't feel
down there") and clinical notes ("denies saddle anaesthesia", "SLR -ve", "h/o ca prostate"). We do not
load medspaCy's default rules: several of them misfire on lay text ("free" negates backwards, "return"
makes a symptom hypothetical), and a short list we can read is easier to keep right.

Scope (INTEROP.md section 4): the default scope runs to the end of the sentence, across commas, so
"no bladder problems, pain shooting down left leg" would negate the leg pain. `_scope.within_clause`
ends a scope at a comma, unless what follows the comma is only a list of further findings ("denies
fever, night sweats or weight loss"), and at a new clause ("... and I ...") or a line break.
"""

from __future__ import annotations

import re
from typing import Any

from lumbar.intake.reader._scope import CLAUSE_JOIN, TARGET_GROUP, scope_for

__all__ = [
    "DIED",
    "FAMILY",
    "HISTORICAL",
    "HYPOTHETICAL",
    "LONG_PAST",
    "NEGATED",
    "PLACE_NAMED_BY_OPERATION",
    "POSSIBLE",
    "REPORTING",
    "TARGET_GROUP",
    "VERB_BEFORE_OBJECT",
    "context_rules",
    "mentions_other_person",
    "negation_just_before",
    "other_person_just_before",
    "relative_earlier_in_line",
]

NEGATED = "NEGATED_EXISTENCE"
POSSIBLE = "POSSIBLE_EXISTENCE"
HYPOTHETICAL = "HYPOTHETICAL"
HISTORICAL = "HISTORICAL"
FAMILY = "FAMILY"
# The rule for a relative who died ("my uncle died of a burst aneurysm, but that came on with belly pain"):
# never the one a carer writes for, so it holds in a carer's account too (reader.py)
DIED = "my uncle died"
_SELF = "SELF"  # first-person words: they end the scope of an "other person" modifier
_PSEUDO = "PSEUDO"
_TERMINATE = "TERMINATE"

_NO_TARGETS = {"__NO_TARGET__"}  # allowed_types for modifiers that only end other scopes

_NT = {"LOWER": {"IN": ["not", "n't", "nt"]}}
_EXPECTING = ["expect", "expected", "think", "thought", "imagine", "imagined", "dream", "dreamed", "dreamt",
              "believe", "believed"]  # fmt: skip
# Medicines (and where they come from) whose side effect may be dizziness.
_MEDICINES = ("tablets", "pills", "meds", "medication", "medicine", "gabapentin", "pregabalin", "codeine", "tramadol",
              "amitriptyline", "morphine", "diazepam", "opioids", "naproxen", "co-codamol", "cocodamol",
              "nortriptyline", "duloxetine", "baclofen", "co-dydramol", "codydramol", "dydramol", "codamol",
              "dihydrocodeine", "oxycodone", "methocarbamol", "cyclobenzaprine", "chemist", "pharmacy", "pharmacist",
              "prescription", "relaxant", "relaxants", "painkillers")  # fmt: skip
_DIZZY = {"dizzy", "dizziness", "lightheaded", "light", "light-headed", "woozy", "giddy", "faint"}
# What keeps a person awake other than the pain ("because of stress", "with the new baby").
_SLEEP_THIEVES = {"stress", "stresses", "stressed", "worry", "worries", "worrying", "anxiety", "nerves", "baby",
                  "newborn", "kids", "twins", "toddler", "shifts", "nightshifts", "insomnia", "menopause", "grief",
                  "exams", "deadlines", "noise", "neighbours", "neighbors", "caffeine", "jetlag", "hot", "work",
                  "money", "new", "little",
                  # "woke in the night with both calves cramping": cramp, not the back (round 30)
                  "cramp", "cramps", "cramping", "calves"}  # fmt: skip
_RELATIONS = [
    "dad", "father", "mum", "mom", "mother", "mam", "mommy", "mummy", "ma", "pa", "parent", "parents",
    "brother", "sister", "sibling", "siblings", "bro", "sis", "son", "daughter", "child", "children", "kid",
    "kids", "baby", "wife", "husband", "hubby", "partner", "spouse", "boyfriend", "girlfriend", "bf", "gf",
    "fiance", "fiancee", "friend", "friends", "mate", "buddy", "colleague", "coworker", "coworkers",
    "boss", "neighbour", "neighbor", "grandma", "grandmother", "granny", "gran", "nan", "nana", "nanna",
    "grandad", "granddad", "grandfather", "grandpa", "grandparent", "grandparents", "aunt", "auntie",
    "aunty", "uncle", "cousin", "nephew", "niece", "family", "relative", "relatives", "roommate",
    "flatmate", "housemate", "twin", "stepdad", "stepmum", "stepmom", "someone", "somebody", "people",
    "others", "everyone", "fhx", "fh", "boy", "girl", "lad", "lass", "toddler", "missus", "grandson",
    "granddaughter", "stepson", "stepdaughter",
]  # fmt: skip
# Words between "my" and the relative ("my little boy", "my eldest").
_RELATIVE_ADJECTIVES = ["little", "eldest", "youngest", "older", "younger", "oldest", "elder", "big", "baby",
                        "teenage", "poor", "late", "best", "twin", "step", "new", "ex"]  # fmt: skip
# Someone who tells of the person's symptoms is an informant, not the one who has them ("my dad says my
# right side isn't working", "wife reports that he has had a fever").
REPORTING = frozenset({"says", "said", "say", "thinks", "thought", "reports", "reported", "noticed", "notices",
                        "told", "tells", "reckons", "mentioned", "describes", "described"})  # fmt: skip
_RELATION_WORDS = frozenset(_RELATIONS) | {"familial", "fam", "relatives"}
_RELATIVE_VERBS = [
    "has", "had", "have", "'s", "s", "got", "gets", "get", "was", "is", "were", "are", "suffers", "suffered",
    "suffering", "died", "passed", "with", "diagnosed", "developed", "both", "also", "too", "been", "having",
    "who", "takes", "took", "thinks", "caught", "sadly", "recently", "feels", "felt", "feeling", "looks",
    "looked", "seems", "seemed", "gets", "keeps", "kept", "can", "can't", "could", "couldn't", "started",
    "complains", "complained", "woke", "wakes", "needs", "ended", "landed", "wound", "went",
    "fractured", "broke", "lost", "fell", "collapsed", "injects", "injected", "uses", "used",
]  # fmt: skip


def mentions_other_person(span: Any) -> bool:
    """Does the span itself name a relative or another person ("family history of AS")?"""
    return any(t.lower_ in _RELATION_WORDS for t in span)


def relative_earlier_in_line(span: Any) -> bool:
    """Does the span's line name a relative before it ("FHx: psoriasis? Y", "Dad: colitis? yes")?"""
    text = span.doc.text
    line = text[text.rfind("\n", 0, span.start_char) + 1 : span.start_char].lower()
    return any(word in _RELATION_WORDS or word in {"fhx", "fh"} for word in re.findall(r"[a-z]+", line))


_NEGATION_CUES = frozenset({"no", "not", "n't", "nt", "never", "without", "denies", "deny", "denied", "nil", "nor",
                            "neither", "w/o"})  # fmt: skip


def negation_just_before(span: Any) -> bool:
    """Is the span straight after a negation word? ConText drops a modifier that overlaps a finding's
    own words ("no more than the dose", where "no more" would be the modifier), so look here too."""
    i = span.start - 1
    while i >= span.sent.start and span.doc[i].is_space:
        i -= 1
    return i >= span.sent.start and span.doc[i].lower_ in _NEGATION_CUES


def other_person_just_before(span: Any) -> bool:
    """Is the span the words right after a relative ("my wife has a fever", where the finding's
    own words swallow the verb ConText would need)? Stops at punctuation, "and" and "I"."""
    doc = span.doc
    for i in range(span.start - 1, max(span.start - 4, span.sent.start - 1), -1):
        word = doc[i].lower_
        if doc[i].is_punct or word in CLAUSE_JOIN or word in REPORTING:
            return False
        if word in {"i", "me", "my", "when", "while", "to", "for"}:
            return False
        if word in _RELATION_WORDS:
            return not _object_of_verb(doc, i)
    return False


# A relative who is the object ("when I rang my sister the words came out wrong"), not the subject.
VERB_BEFORE_OBJECT = frozenset({"rang", "ring", "called", "call", "phoned", "phone", "told", "tell", "asked",
    "ask", "texted", "text", "messaged", "emailed", "saw", "see", "visited", "visit", "with", "to", "at",
    "from", "by", "helped", "help", "helping", "carried", "carrying", "lifted", "lifting", "picked", "holding",
    "held", "bathing", "caring", "minding"})  # fmt: skip


_BEFORE_RELATIVE = frozenset({"my", "his", "her", "our", "their", "the", "a", *_RELATIVE_ADJECTIVES})


def _object_of_verb(doc: Any, i: int) -> bool:
    """Is the relative at token `i` the object of a verb or preposition just before ("rang my sister")?"""
    j = i - 1
    while j >= 0 and doc[j].lower_ in _BEFORE_RELATIVE:
        j -= 1
    return j >= 0 and doc[j].lower_ in VERB_BEFORE_OBJECT


def _rule(
    literal: str,
    category: str,
    direction: str,
    pattern: list[dict[str, Any]] | None = None,
    *,
    max_scope: int | None = None,
    followed_by: set[str] | None = None,
    whole_sentence: bool = False,
    **extra: Any,
) -> Any:
    """One ConText rule. `followed_by`: the words one of which must come straight after the trigger,
    for a trigger whose next word is itself a finding's phrase (a modifier that overlaps a target is
    pruned, so "in my first pregnancy" is matched as "in my first" before "pregnancy"). `whole_sentence`:
    its scope crosses commas and clauses (`scope_for`)."""
    from medspacy.context import ConTextRule  # imported here so that importing the reader stays cheap

    on_modifies = (
        None
        if direction in ("TERMINATE", "PSEUDO")
        else scope_for(category, followed_by, whole_sentence=whole_sentence)
    )
    if direction == "TERMINATE":
        # medspaCy's overlap test misses a scope that contains the other one entirely, so a terminator
        # whose scope is the whole sentence would never end anything: keep its scope to its neighbours.
        max_scope = 1
    return ConTextRule(
        literal,
        category,
        pattern=pattern,
        direction=direction,
        max_scope=max_scope,
        on_modifies=on_modifies,
        **extra,
    )


def _words(*alternatives: str) -> dict[str, Any]:
    return {"LOWER": {"IN": list(alternatives)}}


def _negation() -> list[Any]:
    fw, bw = "FORWARD", "BACKWARD"
    return [
        _rule("no", NEGATED, fw, [_words("no", "nor", "neither", "nope", "zero", "nae")], max_scope=10),
        _rule("not", NEGATED, fw, [_NT], max_scope=8),
        _rule("never", NEGATED, fw, [_words("never", "nvr")], max_scope=8),
        _rule("without", NEGATED, fw, [_words("without", "w/o", "wo", "sans")], max_scope=8),
        _rule("deny", NEGATED, fw, [_words("deny", "denies", "denied", "denying", "dnies")], max_scope=12),
        _rule("nil", NEGATED, fw, [_words("nil", "nill")], max_scope=6),
        # "nothing goes down my legs", "nothing in my legs": a short scope ("nothing helps ..." is pseudo below).
        _rule("nothing", NEGATED, fw, [_words("nothing", "nowt", "none")], max_scope=6),
        _rule("negative for", NEGATED, fw, [_words("negative", "neg", "-ve"), _words("for", "on")]),
        _rule("no sign of", NEGATED, fw, [_words("no", "nil", "without"), _words("sign", "signs", "evidence",
                                                                         "symptoms", "complaints", "features",
                                                                         "suggestion"),
                                          _words("of", "for")], max_scope=10),
        _rule("free of", NEGATED, fw, [_words("free", "clear", "absence", "lack", "lacking"), _words("of")]),
        _rule("no longer", NEGATED, fw, [_words("no"), _words("longer", "more")]),
        _rule("ruled out", NEGATED, bw, [_words("ruled", "excluded"), {"LOWER": "out", "OP": "?"}], max_scope=4),
        _rule("negative", NEGATED, bw, [_words("negative", "neg", "-ve", "absent", "nad")], max_scope=4),
        _rule("not present", NEGATED, bw, [_NT, _words("present", "there", "noted", "seen", "reported")],
              max_scope=4),
        # "Fever: no." but not "Skin: no petechiae", where the "no" belongs to what follows.
        _rule(": none", NEGATED, bw, [_words(":", "-", "="), _words("none", "nil", "nad", "denied", "neg",
                                                                    "negative", "absent")], max_scope=6),
        _rule(": no.", NEGATED, bw, [_words(":", "-", "="), _words("no", "nope"), {"IS_PUNCT": True}],
              max_scope=6),
        # A pasted form's answer: "Bowels: -" is a no; "Numb: x" may be a cross (no) or a mark in the box
        # (yes), so it is left uncertain, and asked.
        _rule(": -", NEGATED, bw, [_words(":"), _words("-", "--", "n", "nope", "nah")], max_scope=6),
        _rule(": x", POSSIBLE, bw, [_words(":"), _words("x")], max_scope=6),
        _rule("none", NEGATED, bw, [_words("none", "nil")], max_scope=3),
        # "N&V nil, fever nil," in a note, "fever n, numb n," in a quick list: the word after the finding,
        # before a comma or full stop
        _rule("fever nil,", NEGATED, bw, [_words("nil", "nill", "none", "nad", "neg", "negative", "absent", "denied",
                                                 "n", "no", "nope", "nah"),
                                          {"IS_PUNCT": True}], max_scope=4),
        _rule("weakness N.", NEGATED, bw, [_words("n.")], max_scope=4),  # one token at a list's end
        _rule("never been told", NEGATED, fw, [_words("never", "not", "n't", "nt"), {"LOWER": "been", "OP": "?"},
                                               _words("told", "diagnosed", "found")], max_scope=10),
        _rule("rather than", NEGATED, fw, [_words("rather", "instead"), _words("than", "of")], max_scope=5),
        _rule("than a", NEGATED, fw, [_words("than"), _words("a", "an")], max_scope=4),
        _rule(ALL_CLEAR, NEGATED, bw, [{"LOWER": {"IN": ["which", "that", "and", "it"]}, "OP": "?"},
                                         _words("was", "were", "came", "come", "is", "are", "all"),
                                         {"LOWER": "back", "OP": "?"},
                                         _words("clear", "normal", "negative", "fine", "unremarkable")],
              max_scope=8),
        _rule("not a problem", NEGATED, bw,
              [{"LOWER": {"IN": ["is", "'s", "are", "s"]}, "OP": "?"}, _words("not", "n't", "nt", "no"),
               {"LOWER": {"IN": ["a", "an"]}, "OP": "?"}, _words("problem", "problems", "issue", "issues")],
              max_scope=4),
    ]  # fmt: skip


def _uncertainty() -> list[Any]:
    fw, bw = "FORWARD", "BACKWARD"
    return [
        _rule("not sure", POSSIBLE, fw, [_NT, _words("sure", "certain", "clear")]),
        _rule("don't know if", POSSIBLE, fw, [_words("do", "dont"), _NT, _words("know", "think")]),
        _rule("unsure", POSSIBLE, fw, [_words("unsure", "uncertain", "unclear", "maybe", "perhaps", "possibly",
                                              "possible", "poss", "query", "querying", "suspected", "suspect",
                                              "suspicion", "probable", "¿", "?")], max_scope=6),
        _rule("might", POSSIBLE, fw, [_words("might", "may", "could"), _words("be", "have", "it", "get")],
              max_scope=6),
        # a belief the person went on to check: "went to A&E because I thought I had numbness down below"
        _rule("i thought i had", POSSIBLE, fw, [_words("i", "we"),
                                                {"LOWER": {"IN": ["genuinely", "really", "honestly", "actually",
                                                                  "literally", "seriously", "truly"]}, "OP": "?"},
                                                _words("thought", "feared", "worried"),
                                                _words("i", "it", "i'd", "id"), _words("had", "was", "might", "'d")],
              max_scope=6),
        # A diagnosis the person fears or guesses: "googled back pain and now I think I have cancer"
        _rule("i think i have", POSSIBLE, fw, [_words("i", "we"),
                                               {"LOWER": {"IN": ["now", "really", "honestly", "genuinely"]}, "OP": "?"},
                                               _words("think", "reckon", "fear", "worry", "suspect", "bet"),
                                               {"LOWER": "that", "OP": "?"}, _words("i"),
                                               _words("have", "'ve", "ve", "got"),
                                               {"LOWER": "got", "OP": "?"}],
              max_scope=6, allowed_types=_GUESSED_DIAGNOSES),
        # ... or names as the cause: "i think its a kidney stone my dad gets them" (round 33)
        _rule("i think it's a", POSSIBLE, fw, [_words("i", "we"),
                                               {"LOWER": {"IN": ["really", "honestly", "genuinely"]}, "OP": "?"},
                                               _words("think", "reckon", "suspect", "bet", "guess"),
                                               {"LOWER": "that", "OP": "?"},
                                               _words("it's", "its", "it", "this", "that's"),
                                               {"LOWER": {"IN": ["'s", "is", "might", "could", "may", "be"]},
                                                "OP": "*"}, _words("a", "an")],  # not "another": had before
              max_scope=3, allowed_types=_GUESSED_DIAGNOSES),
        # A medicine or treatment only talked of: "my GP suggested I might start methotrexate"
        _rule("might start", POSSIBLE, fw, [_words("might", "may", "could", "should"), {"LOWER": "need", "OP": "?"},
                                            {"LOWER": "to", "OP": "?"}, _words("start", "starting", "begin", "try",
                                                                               "trying", "go", "take", "switch")],
              max_scope=6),
        _rule("thinking about starting", POSSIBLE, fw,
              [_words("considering", "consider", "thinking", "deciding", "discussing", "discussed", "offered",
                      "suggested", "suggesting", "recommended", "recommending"),
               {"LOWER": {"IN": ["about", "of", "whether", "on", "me", "i", "to", "that"]}, "OP": "*"},
               _words("start", "starting", "begin", "beginning", "try", "trying", "going", "go", "taking", "take")],
              max_scope=6),
        _rule("wondering if", POSSIBLE, fw, [_words("wondering", "wonder", "wondered", "asking", "ask")],
              max_scope=10),
        # what someone was asked about is a question, answered (or not) after it: "I asked her about
        # numbness, tingling, weakness ... and she says none of that"
        _rule("asked her about", POSSIBLE, fw, [_words("asked", "ask", "checked", "check", "questioned"),
                                                _words("her", "him", "them", "dad", "mum", "mom"),
                                                _words("about", "regarding", "re")], max_scope=12),
        _rule("i asked about", POSSIBLE, fw, [_words("i", "we"), _words("asked", "questioned", "quizzed"),
                                              _words("about", "regarding")], max_scope=12),
        # a screen of questions, then its list: "111 asked me lots of questions last night: any numbness
        # between my legs, trouble peeing or pooing, weakness, fever, cancer. All no" (round 30)
        *(_rule("asked me questions", POSSIBLE, fw,
                [_words("asked", "went", "ran", "checked"), *middle, _words("questions", "question", "checklist",
                                                                              "list", "screen", "screening"),
                 *when],
                max_scope=24)
          for when in ([], [_words("yesterday", "today", "earlier", "tonight")],
                       [_words("last", "this", "yesterday"),
                        _words("night", "morning", "afternoon", "evening", "week")])
          for middle in ([_words("me", "her", "him", "us", "through", "the")],
                         [_words("me", "her", "him", "us", "through", "the"),
                          _words("lots", "loads", "load", "lot", "few", "some", "all", "usual", "a", "the", "several",
                                 "those", "their", "red", "standard")],
                         [_words("me", "her", "him", "us", "through", "the"),
                          _words("lots", "loads", "load", "lot", "few", "some", "all", "usual", "a", "the", "several",
                                 "those", "their", "red", "standard"),
                          _words("of", "the", "usual", "flag", "screening", "red", "safety")])),
        _rule("worried about", POSSIBLE, fw,
              [_words("worried", "worry", "worrying", "concerned", "concern", "afraid", "scared", "fear",
                      "fearful", "anxious", "nervous", "paranoid", "frightened", "convinced", "terrified",
                      "petrified", "panicking", "panicked", "dreading", "dread", "freaking", "freaked")],
              max_scope=10),
        _rule("rule out", POSSIBLE, fw, [_words("rule"), _words("out")], max_scope=6),
        _rule("exclude", POSSIBLE, fw, [_words("r/o", "exclude", "excluding", "?exclude")], max_scope=6),
        _rule("test for", POSSIBLE, fw, [_words("screen", "screened", "test", "tested", "testing", "check",
                                                "checked", "checking", "scan", "scanned", "investigate",
                                                "investigated", "assess", "assessed"), _words("for")],
              max_scope=6),
        _rule("not ruled out", POSSIBLE, bw, [_NT, {"LOWER": "been", "OP": "?"}, _words("ruled", "excluded")],
              max_scope=4),
        _rule("cannot rule out", POSSIBLE, fw, [_words("ca", "can", "could", "did"), _NT, _words("rule", "exclude")]),
        # "AAA screening": a test for it, not the thing itself ("glass test" is a finding's own words)
        _rule("screening", POSSIBLE, bw, [_words("screening", "screen", "screened", "scan", "scanned")],
              max_scope=2),
        _rule("sign of", POSSIBLE, fw, [_words("sign", "signs", "symptom", "symptoms"), _words("of")],
              max_scope=6),
        # A medicine's side effect is not a faint: "gabapentin which made me dizzy so I stopped"
        *(_rule("tablets made me dizzy", POSSIBLE, fw,
                [_words("which", "that", *_MEDICINES), _words("made", "makes", "make", "making"),
                 _words("me", "him", "her"), *feel],
                max_scope=3, allowed_types={"fainting"}, followed_by=_DIZZY)
          for feel in ([], [_words("feel", "feeling", "go")])),
        # ... or said beside it: "I'm on gabapentin and just dizzy", "pregabalin, a bit woozy"
        *(_rule("on tablets and dizzy", POSSIBLE, fw, [_words(*_MEDICINES), _words("and", ","), *filler],
                max_scope=3, allowed_types={"fainting"}, followed_by=_DIZZY)
          for filler in ([], [_words("just", "bit", "abit", "quite", "very", "so", "really", "feeling", "feel",
                                     "feels", "little", "slightly", "now", "im", "i'm")],
                         [_words("a"), _words("bit", "little")], [_words("just", "i'm", "im", "feeling"),
                                                                  _words("a", "bit", "abit", "feeling")])),
        # Sleep lost to something other than the pain is not yet night pain: "not sleeping because of
        # stress at work", "can't sleep with worry" (the question stays open). Every token required: spaCy
        # orders a match that ends on optional tokens differently from `TokenPatternMatcher`.
        *(_rule("sleepless from stress", POSSIBLE, bw, [*cause, *article], max_scope=5,
                allowed_types={"night_pain"}, followed_by=_SLEEP_THIEVES)
          for cause in ([_words("because", "cos", "coz", "due", "thanks"), _words("of", "to")],
                        [_words("with", "from", "over")])
          for article in ([], [_words("the", "my", "all", "a", "both")])),
    ]  # fmt: skip


# Diagnoses a person can only guess at ("I think I have cancer"), unlike symptoms they feel.
_GUESSED_DIAGNOSES = {"cancer_history", "known_aneurysm", "kidney_stone_history", "multiple_sclerosis",
                      "known_spondyloarthritis", "osteoporosis", "known_disc_problem", "spinal_arthritis",
                      "scoliosis_known"}  # fmt: skip
# Findings that say what eases or worsens the pain: "if" before them states a habit.
_HABITUAL_IF = {"relief_sitting_bending", "worse_with_movement", "better_with_exercise", "worse_with_rest",
                "leg_pain_walking", "cough_sneeze_worse"}  # fmt: skip


def _hypothetical() -> list[Any]:
    fw = "FORWARD"
    return [
        # "if I sit on a bench it goes off": what eases or worsens the pain, said as a habit, is no
        # hypothesis (the red flags keep theirs: "if I lose control of my bladder")
        _rule("if", HYPOTHETICAL, fw, [_words("if", "incase", "whether", "unless", "iff")], max_scope=12,
              excluded_types=_HABITUAL_IF),
        _rule("in case", HYPOTHETICAL, fw, [_words("in"), _words("case")], max_scope=12),
        _rule("in the event", HYPOTHETICAL, fw, [_words("in"), _words("the"), _words("event")], max_scope=12),
        _rule("should i", HYPOTHETICAL, fw, [_words("should", "would", "will", "shall"),
                                             _words("i", "he", "she", "they", "you", "it", "there", "pt", "we")],
              max_scope=12),
        _rule("when should", HYPOTHETICAL, fw, [_words("when", "what", "how"),
                                                _words("should", "would", "do", "happens", "to")], max_scope=12),
        # the course a clinician expects: "expect improvement over 2-6/52"
        _rule("expect", HYPOTHETICAL, fw, [_words("expect", "expected", "expecting", "anticipate", "anticipated")],
              max_scope=4, followed_by={"improvement", "improve", "improving", "recovery", "resolution", "full",
                                        "gradual", "slow", "it", "symptoms", "things", "this"}),
        _rule("watch for", HYPOTHETICAL, fw, [_words("watch", "look", "looking", "watching", "lookout"),
                                              {"LOWER": "out", "OP": "?"}, _words("for")], max_scope=12),
        _rule("keep an eye", HYPOTHETICAL, fw, [_words("keep", "keeping"), _words("an"), _words("eye"),
                                                {"LOWER": "out", "OP": "?"}, _words("for", "on")], max_scope=12),
        _rule("safety net", HYPOTHETICAL, fw, [_words("safety", "safetynet", "safetynetted"),
                                               {"LOWER": {"IN": ["net", "netted", "netting"]}, "OP": "?"}],
              max_scope=14),
        # A note's safety-netting, over its whole sentence: "SN: urinary retention / saddle numbness / bilat leg
        # sx -> 999/ED", "Re-contact if not improving, or any leg numbness/weakness, difficulty passing urine",
        # "explained CES sx: numbness between legs ..., weakness in both legs -> A&E" (round 34)
        _rule("SN:", HYPOTHETICAL, fw, [_words("sn", "s/n", "sna"), _words(":", "re", "-", "given", "advice")],
              max_scope=40, whole_sentence=True),
        _rule("re-contact if", HYPOTHETICAL, fw,
              [_words("re", "recontact", "return", "reattend", "rtc", "reconsult"),
               {"LOWER": {"IN": ["contact", "attend", "present", "consult"]}, "OP": "?"},
               _words("if", "should", "with")], max_scope=40, whole_sentence=True),
        _rule("explained ces sx", HYPOTHETICAL, fw,
              [_words("explained", "discussed", "described", "gave", "given", "provided", "went"),
               {"LOWER": {"IN": ["over", "through", "the", "ces", "cauda", "equina", "red", "flag", "flags",
                                 "warning", "worsening", "signs", "sx", "symptoms", "of", "re", "about", "card",
                                 "leaflet", "advice", "syndrome"]}, "OP": "*"},
               _words("ces", "cauda", "flag", "flags", "sx", "symptoms", "signs", "card", "leaflet", "advice",
                      "syndrome")],
              max_scope=40, whole_sentence=True),
        # A place named by an operation ("the bit above the fusion is sore") reports no recent operation; the
        # question stays open (round 34)
        _rule(PLACE_NAMED_BY_OPERATION, HYPOTHETICAL, fw,
              [_words("above", "below", "under", "beneath", "around", "near", "beside")], max_scope=2,
              allowed_types={"spinal_procedure"}),
        _rule("advised", HYPOTHETICAL, fw, [_words("advised", "advise", "warned", "educated", "counselled",
                                                   "counseled")], max_scope=14),
        # "told to come back if...", "said to watch for...", but not "told I have an aneurysm"
        _rule("told to", HYPOTHETICAL, fw, [_words("told", "tells", "said", "says", "mentioned", "explained"),
                                            {"LOWER": {"IN": ["me", "him", "her", "us", "pt", "patient"]},
                                             "OP": "?"},
                                            _words("to", "if", "re", "about", "regarding", "of", "when", "should")],
              max_scope=14),
        # general statements the person has read or heard: not their own symptoms
        _rule("google says", HYPOTHETICAL, fw, [_words("google", "internet", "online", "website", "websites",
                                                       "article", "articles", "leaflet", "forum", "forums", "reddit",
                                                       "tiktok", "youtube", "they", "people", "everyone", "nhs",
                                                       "site", "sites", "pages", "chatgpt"),
                                                _words("says", "said", "say", "suggests", "suggested", "reckon",
                                                       "reckons", "mentions")], max_scope=14),
        _rule("i read", HYPOTHETICAL, fw, [_words("i", "i've", "ive", "have", "'ve"),
                                           _words("read", "heard", "googled", "seen")], max_scope=14),
        _rule("read that", HYPOTHETICAL, fw, [_words("read", "heard", "googled", "reading", "hearing", "seeing", "saw"),
                                              _words("that", "online", "somewhere", "about")], max_scope=14),
        _rule("apparently", HYPOTHETICAL, fw, [_words("apparently", "supposedly", "allegedly", "googling",
                                                      "googled")], max_scope=14),
        # A correction of the person's own earlier words: 'where I wrote "my right leg is numb", I meant stiff'
        _rule("where i wrote", HYPOTHETICAL, fw, [_words("where", "when"), _words("i"),
                                                  _words("wrote", "typed", "said", "put", "texted")], max_scope=10),
        # A figure of speech: "my mates pissed themselves laughing", "I wet myself laughing"
        _rule("wet myself laughing", HYPOTHETICAL, "BACKWARD", [_words("laughing", "laughin", "laughing'")],
              max_scope=3, allowed_types={"bladder_dysfunction", "bowel_dysfunction"}),
        # "nearly shat myself (figuratively)": said so as not to be taken at the word
        _rule("figuratively", HYPOTHETICAL, "BACKWARD", [_words("figuratively", "metaphorically")], max_scope=4),
        # "losing weight would help my back": advice about something to do, not a change that happened
        _rule("would help", HYPOTHETICAL, "BACKWARD",
              [_words("would", "will", "should", "could", "might", "'d", "'ll"),
               _words("help", "improve", "benefit", "ease")], max_scope=3),
        # "... numbness in the groin means go to hospital"
        _rule("means go", HYPOTHETICAL, "BACKWARD",
              [_words("means", "mean", "meant", "indicates", "indicate"),
               _words("go", "you", "it", "it's", "its", "that", "an", "a", "emergency", "something", "cauda", "ces",
                      "hospital", "a&e", "serious", "urgent", "calling", "ringing", "seeing", "get", "getting",
                      "call", "ring", "see")], max_scope=12),
        _rule("red flags", HYPOTHETICAL, fw, [_words("red", "warning"), _words("flag", "flags", "sign", "signs")],
              max_scope=14),
        # A note's heading, "Red flags: saddle anaesthesia, urinary retention: nil", lists what was looked
        # for and answers it; what follows the colon is not talked of as a mere possibility.
        _rule("red flags:", _PSEUDO, "PSEUDO", [_words("red", "warning"), _words("flag", "flags", "sign", "signs"),
                                                _words(":")]),
    ]  # fmt: skip


# The historical rules that date a thing long past ("4 years ago", "last year", "in 2015", "as a child"):
# a history item that matters only when recent (`Finding.recent`) is then no longer present.
# "used to" says the thing is not current: "I used to inject heroin" is no recent injecting.
# A place named by an operation ("above the fusion"): uncertain, but not handed on along a list
PLACE_NAMED_BY_OPERATION = "above the fusion"
# A clear result after a history ("bowel cancer 2 yrs ago, all clear"): the history stands (reader.py)
ALL_CLEAR = "was clear"
# An earlier pregnancy ("in my first pregnancy I had a kidney infection") is long past too.
LONG_PAST = frozenset({"years ago", "months ago", "weeks ago", "long ago", "last year", "in 2015", "back in may",
                       "as a child",
                       "when i was 13", "used to", "in my first pregnancy", "after my last baby",
                       "with my last baby", "when i was pregnant"})  # fmt: skip


def _historical() -> list[Any]:
    fw, bw, bi = "FORWARD", "BACKWARD", "BIDIRECTIONAL"
    return [
        _rule("history of", HISTORICAL, fw, [_words("history", "hx", "hist", "pmh", "pmhx", "phx", "h/o", "pmhx")],
              max_scope=8),
        _rule("h/o", HISTORICAL, fw, [{"LOWER": "h"}, {"LOWER": "/"}, {"LOWER": "o"}], max_scope=8),
        _rule("previous", HISTORICAL, fw, [_words("previous", "previously", "prior", "past", "former",
                                                  "formerly", "childhood")], max_scope=6),
        _rule("once had", HISTORICAL, fw, [_words("once"), _words("had", "got", "suffered")], max_scope=6),
        _rule("used to", HISTORICAL, fw, [_words("used", "use"), _words("to")], max_scope=8),
        # long-standing and known: "Always had a slightly weak stream", "My GP already knows about my erection
        # problems" (round 35)
        _rule("always had", HISTORICAL, fw, [_words("always"), _words("had", "have", "has")], max_scope=6),
        _rule("already knows about", HISTORICAL, fw,
              [_words("already"), _words("knows", "know", "knew", "aware", "treating", "treats", "treated"),
               _words("about", "of", "for")], max_scope=6),
        # "tingling in my legs, which my neuro knows about": known and long-standing (round 36)
        _rule("which my neuro knows about", HISTORICAL, bw,
              [_words("which", "that"), {"LOWER": {"IN": ["my", "the", "our", "her", "his"]}, "OP": "?"},
               {"LOWER": {"IN": ["ms", "spinal", "pain", "gp", "specialist", "district", "continence"]}, "OP": "?"},
               _words("neuro", "neurologist", "neurology", "gp", "doctor", "consultant", "team", "nurse",
                      "specialist", "physio", "surgeon"),
               {"LOWER": {"IN": ["already", "all", "fully"]}, "OP": "?"},
               _words("knows", "know", "knew", "monitors", "monitor", "follows", "follow")], max_scope=10,
              whole_sentence=True),
        _rule("years ago", HISTORICAL, bi,
              [_words("year", "years", "yrs", "yr", "decade", "decades", "ages"),
               _words("ago", "back", "before")], max_scope=8),
        # an injury months ago ("Car accident 4 months ago (rear-ended)"): its fracture flags are past; the
        # pain that stayed is read on its own (round 37). Only injuries: a trip abroad or chemotherapy
        # months ago can still matter.
        _rule("months ago", HISTORICAL, bi,
              [{"LOWER": {"REGEX": r"^(\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|several|few|many)$"}},
               _words("months", "mths", "mos"), _words("ago", "back", "before")], max_scope=8,
              allowed_types={"major_trauma", "minor_trauma", "head_injury"}),
        # and four weeks or more: "Fell off a ladder 6 weeks ago, X-rays normal, still sore" is no fresh
        # fall for the emergency pathway (NICE NG41 is for the acute injury); the pain that stayed is read on
        # its own. Fewer weeks stay recent, and so does a minor fall: weeks on, an older person's fall still
        # asks whether a bone gave way (the fragility-fracture rule).
        _rule("weeks ago", HISTORICAL, bi,
              [{"LOWER": {"REGEX": r"^([4-9]|1[0-9]|four|five|six|seven|eight|nine|ten|eleven|twelve|several)$"}},
               _words("weeks", "wks", "wk"), _words("ago", "back", "before")], max_scope=8,
              allowed_types={"major_trauma", "head_injury"}),
        _rule("long ago", HISTORICAL, bi, [{"LOWER": {"IN": ["a", "long"]}, "OP": "*"},
                                           _words("time", "long", "while"), _words("ago")], max_scope=8),
        # "an inflamed red eye (iritis) last spring"; "since last summer" is now ("since" ends the scope)
        _rule("last year", HISTORICAL, bi, [_words("last", "previous"), _words("year", "yr", "decade", "spring",
                                                                                 "summer", "autumn", "winter",
                                                                                 "christmas", "easter", "season")],
              max_scope=8),
        # Stuck for a moment, or all of yesterday, and now moving: "I couldn't move for about a minute",
        # "spent the whole of yesterday bedbound" (the question is still asked)
        _rule("couldn't move for a minute", HISTORICAL, bw,
              [_words("for"), {"LOWER": {"IN": ["about", "around", "maybe", "like", "a", "few", "couple", "of", "an",
                                               "one", "two", "ten", "30", "20", "10", "5", "few"]}, "OP": "*"},
               _words("minute", "minutes", "min", "mins", "second", "seconds", "sec", "secs", "moment",
                      "moments")], max_scope=4, allowed_types={"cannot_move"}),
        *(_rule("the whole of yesterday", HISTORICAL, bi, pattern, max_scope=6, allowed_types={"cannot_move"})
          for pattern in ([_words("the"), _words("whole"), _words("of"), _words("yesterday")],
                          [_words("all"), _words("day"), _words("yesterday")],
                          [_words("yesterday"), _words("all"), _words("day")])),
        # A note's "attempted suicide 1998": a bare year after it dates it (for these findings only: "numbness
        # 2019" in a list is not clear enough to date a nerve symptom)
        _rule("attempt 1998", HISTORICAL, bw, [{"LOWER": {"REGEX": r"^(19|20)\d\d$"}}], max_scope=3,
              allowed_types={"suicidal_thoughts", "suicidal_intent"}),
        # "I went through a really bad patch with depression and suicidal thoughts": a time that is over
        _rule("went through a bad patch", HISTORICAL, fw,
              [_words("went", "been", "had"), _words("through"), _words("a"),
               {"LOWER": {"IN": ["really", "very", "pretty", "quite", "bit", "of", "a"]}, "OP": "*"},
               _words("bad", "rough", "dark", "difficult", "tough", "hard", "low", "awful", "terrible"),
               _words("patch", "time", "period", "spell", "phase", "few", "year", "years")], max_scope=12,
              allowed_types={"suicidal_thoughts", "suicidal_intent", "stress"}),  # never a body symptom
        # "shooting up heroin until last year": past, but not long past (it went on until then)
        _rule("until last year", HISTORICAL, bi, [_words("until", "till", "til", "untill"), _words("last"),
                                                  _words("year")], max_scope=8),
        # "Back in 2015 I had sciatica in both legs and a discectomy": the whole clause (round 31)
        _rule("in 2015", HISTORICAL, bi, [_words("in", "back"), {"LOWER": {"REGEX": r"^(19|20)\d\d$"}}],
              max_scope=12),
        _rule("back in may", HISTORICAL, bi, [_words("back"), _words("in"), _words(*_MONTHS)], max_scope=8),
        _rule("as a child", HISTORICAL, bi, [_words("as", "when"), {"LOWER": {"IN": ["a", "i", "was"]}, "OP": "*"},
                                             _words("child", "kid", "teenager", "teen", "baby", "younger",
                                                    "student", "boy", "girl")], max_scope=8),
        # "operated on when I was 13": an age the person was, so long past
        _rule("when i was 13", HISTORICAL, bi, [_words("when"), _words("i"), _words("was"),
                                                {"LOWER": {"REGEX": r"^\d{1,2}$"}}], max_scope=8),
        # "pins and needles when I was pregnant" (round 40): a pregnancy that is over, and what came with it
        _rule("when i was pregnant", HISTORICAL, bi, [_words("when", "while", "whilst"), _words("i", "she"),
                                                      _words("was")], max_scope=8, followed_by={"pregnant"}),
        _rule("gone now", HISTORICAL, bw, [_words("gone", "resolved", "settled", "cleared", "better", "fine", "ok"),
                                           _words("now", "since")], max_scope=6),
        _rule("went away", HISTORICAL, bw, [_words("went", "gone", "cleared", "settled"),
                                            _words("away", "up", "down")], max_scope=6),
        # An earlier pregnancy: "in my first pregnancy", "after my last baby". Not "with my first baby",
        # which is how a woman pregnant now says it.
        _rule("in my first pregnancy", HISTORICAL, fw,
              [_words("in", "during"), {"LOWER": {"IN": ["my", "her"]}, "OP": "?"}, _words(*_EARLIER)],
              max_scope=12, followed_by={"pregnancy", "pregnancies"}),
        _rule("after my last baby", HISTORICAL, fw,
              [_words("after", "since"), _words("my", "her"), _words(*_EARLIER), _words(*_BABIES)], max_scope=12),
        _rule("with my last baby", HISTORICAL, fw,
              [_words("with", "when", "in"), _words("my", "her"), _words("last", "previous", "older", "eldest",
                                                                        "earlier", "other"),
               _words(*_BABIES)], max_scope=12),
        # Long-standing, not new: "a bit of leakage when I cough ever since my third baby"
        _rule("ever since my third baby", HISTORICAL, bw,
              [_words("ever"), _words("since"), {"LOWER": {"IN": ["my", "her", "the", "i", "she"]}, "OP": "?"},
               {"LOWER": {"IN": ["had", "gave", "was"]}, "OP": "?"},
               {"LOWER": {"IN": ["my", "her", "birth"]}, "OP": "?"},
               {"LOWER": {"IN": [*_EARLIER, "third", "3rd", "fourth", "4th"]}, "OP": "?"},
               _words(*_BABIES, "babies", "kids", "children", "pregnancies", "menopause", "birth", "to")],
              max_scope=12),
    ]  # fmt: skip


_EARLIER = ["first", "1st", "last", "previous", "earlier", "other", "second", "2nd", "older", "eldest"]
_BABIES = ["baby", "pregnancy", "son", "daughter", "child", "kid", "boy", "girl", "labour", "labor", "delivery", "one"]
_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
           "dec", "spring", "summer", "autumn", "winter", "the", "school", "uni", "college"]  # fmt: skip


def _others() -> list[Any]:
    fw, bw = "FORWARD", "BACKWARD"
    possessive = {"LOWER": {"IN": ["my", "his", "her", "our", "their", "a", "your", "the"]}, "OP": "?"}
    terminate_family: dict[str, Any] = {"terminated_by": {_SELF}}
    # "my older sister"
    relative = [possessive, {"LOWER": {"IN": _RELATIVE_ADJECTIVES}, "OP": "?"}, _words(*_RELATIONS)]
    return [
        # Only a relative who is the subject ("my dad had...", "my wife has..."): "I picked up my son and
        # felt a spasm" is about the person.
        _rule("my dad", FAMILY, fw, [*relative, {"LOWER": {"IN": ["'s", "'"]}, "OP": "?"},
                                     {"LOWER": {"IN": ["and", "&", "or"]}, "OP": "?"},
                                     {"LOWER": {"IN": ["my", "his", "her", "our"]}, "OP": "?"},
                                     {"LOWER": {"IN": _RELATIONS}, "OP": "?"}, _words(*_RELATIVE_VERBS)],
              max_scope=15, **terminate_family),
        # "My sister, 62, has been bloated for weeks": the same, with the relative's age in apposition
        _rule("my sister, 62,", FAMILY, fw, [*relative, {"IS_PUNCT": True}, {"LOWER": {"REGEX": r"^\d{1,3}$"}},
                                             {"IS_PUNCT": True, "OP": "?"}, _words(*_RELATIVE_VERBS)],
              max_scope=15, **terminate_family),
        # "Our 6-year-old had a temperature", "my 15 year old son has": a child named by age
        _rule("our 6-year-old", FAMILY, fw, [_words("my", "our"), {"LOWER": {"REGEX": r"^\d{1,2}$"}},
                                             {"IS_PUNCT": True, "OP": "?"}, _words("year", "yr", "month"),
                                             {"IS_PUNCT": True, "OP": "?"}, _words("old"),
                                             {"LOWER": {"IN": _RELATIONS}, "OP": "?"}, _words(*_RELATIVE_VERBS)],
              max_scope=15, **terminate_family),
        # "My dad (lung cancer) was admitted": the relative's own findings, in brackets after the word
        _rule("my dad (", FAMILY, fw, [*relative, _words("(")], max_scope=8, **terminate_family),
        # A correction: "I did have a temperature, no, sorry, that was my son"
        _rule("that was my son", FAMILY, bw, [_words("that", "this", "it"), _words("was", "is", "'s", "were"),
                                              _words("my", "our"), _words(*_RELATIONS)], max_scope=12,
              whole_sentence=True),
        # "A guy at work said his back spasm turned out to be a kidney stone": someone the person knows
        _rule("a guy at work", FAMILY, fw, [_words("a", "one", "this", "my", "some", "another"),
                                            _words("guy", "bloke", "lad", "man", "woman", "lady", "girl", "chap",
                                                   "person", "fella", "fellow", "colleague", "friend", "mate"),
                                            _words("at", "from", "in"),
                                            _words("work", "the", "my", "church", "school", "uni", "our")],
              max_scope=25, whole_sentence=True, **terminate_family),
        # "a colleague of mine in his sixties collapsed with a burst aneurysm": someone the person knows
        _rule("a colleague of mine", FAMILY, fw, [_words("a", "one", "this", "another"),
                                                  _words("colleague", "friend", "mate", "neighbour", "neighbor",
                                                         "coworker", "workmate", "relative", "cousin", "pal",
                                                         "acquaintance", "client", "patient", "teammate"),
                                                  _words("of"), _words("mine", "ours", "my", "his", "hers")],
              max_scope=25, whole_sentence=True, **terminate_family),
        # "a story online about a man whose 'back spasm' was a burst aneurysm": someone in a story
        _rule("a man whose", FAMILY, fw, [_words("a", "an", "this", "that", "some", "one", "another"),
                                          {"LOWER": {"REGEX": r"^[a-z]+$"}, "OP": "?"},
                                          {"LOWER": {"REGEX": r"^[a-z]+$"}}, _words("whose")],
              max_scope=20, whole_sentence=True, **terminate_family),
        _rule("a story about", FAMILY, fw, [_words("story", "stories", "post", "posts", "article", "articles",
                                                   "video", "videos", "programme", "program", "documentary",
                                                   "clip", "tiktok", "thread", "piece", "report", "episode"),
                                           _words("about", "where", "on")],
              max_scope=15, whole_sentence=True, **terminate_family),
        # "my uncle died of a burst aneurysm, but that came on with belly pain and a collapse": the whole
        # sentence is about the one who died
        _rule(DIED, FAMILY, fw, [*relative, {"LOWER": {"IN": ["'s", "'"]}, "OP": "?"}, _words("died", "passed"),
                                 _words("of", "from", "after", "with", "away", "on", "suddenly", "last", "in", "when",
                                        "aged", "at", "young", "because")],
              max_scope=30, whole_sentence=True, **terminate_family),
        # "it left her with weak legs": what something did to another person (round 36)
        _rule("left her with", FAMILY, fw, [_words("left", "leaving", "leaves", "gave", "given", "giving"),
                                            _words("her", "him", "them"), _words("with")],
              max_scope=6, **terminate_family),
        # "Hers goes down her leg and her foot's gone tingly": the other person's, whoever writes
        _rule("hers", FAMILY, fw, [_words("hers")], max_scope=15, **terminate_family),
        _rule("family history", FAMILY, fw, [_words("family", "fam", "familial"),
                                             _words("history", "hx", "member", "members")], max_scope=12),
        _rule("runs in the family", FAMILY, bw, [{"LOWER": {"IN": ["runs", "run", "running"]}, "OP": "?"},
                                                 _words("in"), {"LOWER": {"IN": ["the", "my", "our"]}, "OP": "?"},
                                                 _words("family", "families")], max_scope=10),
        _rule("i", _SELF, "BIDIRECTIONAL", [_words("i", "me", "myself", "my", "mine", "pt", "patient")],
              max_scope=1, allowed_types=_NO_TARGETS),
    ]  # fmt: skip


def _boundaries() -> list[Any]:
    return [
        _rule("but", _TERMINATE, "TERMINATE",
              [_words("but", "however", "although", "though", "tho", "except", "whereas", "yet", "whilst",
                      "otherwise", "besides", "because", "cos", "coz", "since", "anyway", "although", ";")]),
        _rule("apart from", _TERMINATE, "TERMINATE", [_words("apart", "aside", "other"), _words("from", "than")]),
        # "I have my aneurysm scanned every 6 months": a known aneurysm under surveillance, not a test for one
        _rule("aneurysm scanned", _PSEUDO, "PSEUDO", [_words("aneurysm", "aneurism", "aaa", "aorta"),
                                                      _words("scanned", "checked", "monitored", "measured")]),
        # "a 5.1 cm aortic aneurysm they scan every 3 months": the same, said with who scans it
        _rule("aneurysm they scan", _PSEUDO, "PSEUDO", [_words("aneurysm", "aneurism", "aaa", "aorta"),
                                                        _words("they", "which", "that", "we", "doctors"),
                                                        _words("scan", "check", "monitor", "measure", "watch")]),
        # "the past few days", "over the past 3 weeks": the time of the current symptoms, not past history
        _rule("the past few days", _PSEUDO, "PSEUDO", [_words("past"),
                                                       {"LOWER": {"IN": ["few", "couple", "of", "several", "two",
                                                                         "three", "four", "five", "six"]},
                                                        "OP": "*"},
                                                       {"LOWER": {"REGEX": r"^\d+$"}, "OP": "?"},
                                                       _words("days", "day", "hours", "hour", "weeks", "week", "nights",
                                                              "night", "month", "months", "fortnight", "hrs", "wks",
                                                              "year", "years")]),
        # "the last year my daughter says one shoulder looks lower": the year up to now, not last year
        _rule("the last year", _PSEUDO, "PSEUDO", [_words("the", "this"), _words("last"),
                                                   {"LOWER": {"IN": ["few", "couple", "of", "several", "two", "three"]},
                                                    "OP": "*"},
                                                   _words("year", "years", "yr", "yrs", "decade")]),
        # Surprise, not denial: "I didn't expect to be wetting myself", "never thought I'd lose control"
        _rule("didn't expect to", _PSEUDO, "PSEUDO",
              [{"LOWER": {"IN": ["not", "n't", "nt", "never"]}}, _words(*_EXPECTING), _words("to")]),
        _rule("never thought I'd", _PSEUDO, "PSEUDO",
              [{"LOWER": {"IN": ["not", "n't", "nt", "never"]}}, _words(*_EXPECTING),
               {"LOWER": {"IN": ["that", "how"]}, "OP": "?"}, _words("i", "it", "my", "this", "he", "she"),
               _words("would", "'d", "d", "'ll", "will", "ever", "could")]),
        # "what's worrying me is the baby has hardly moved": the worry names something that is happening
        # "nothing like my usual AS ache": unlike, not denied (round 37)
        _rule("nothing like", _PSEUDO, "PSEUDO", [_words("nothing", "not"), _words("like")]),
        # "the worry is he's been sick twice": what worries is so, when it is said of someone (not "my worry is
        # that I might lose control of my bladder")
        _rule("the worry is", _PSEUDO, "PSEUDO", [_words("the"), _words("worry", "concern", "problem"),
                                                  _words("is", "'s"), _words("he", "she", "they", "he's", "she's")]),
        _rule("what's worrying me is", _PSEUDO, "PSEUDO",
              [_words("what", "whats"), {"LOWER": {"IN": ["'s", "s", "is"]}, "OP": "?"},
               _words("worrying", "worries", "bothering", "concerning", "scaring", "frightening"),
               _words("me", "us"), {"LOWER": "most", "OP": "?"}, _words("is", "'s")]),
        # "a bump on my spine that wasn't there before": new, not denied
        _rule("that wasn't there before", _PSEUDO, "PSEUDO",
              [_words("that", "which", "it"), _words("was", "were", "is", "has"), _NT,
               {"LOWER": {"IN": ["been", "there", "here"]}, "OP": "*"},
               _words("before", "previously", "yesterday", "earlier", "last")]),
        # "no wait, actually I fell" corrects the speaker, it denies nothing.
        _rule("no wait", _PSEUDO, "PSEUDO", [_words("no", "nope"), {"IS_PUNCT": True, "OP": "?"},
                                             _words("wait", "actually", "hang", "hold")]),
        # "asking for my dad, he has lung cancer": who the writer speaks for, not a question about the cancer
        _rule("asking for my dad", _PSEUDO, "PSEUDO", [_words("asking", "ask", "writing", "messaging", "enquiring",
                                                              "inquiring"),
                                                       _words("for", "on"), {"LOWER": "behalf", "OP": "?"},
                                                       {"LOWER": "of", "OP": "?"}, _words("my", "our")]),
        # "went down on the bathroom floor" is a fall, not a symptom that went down (settled)
        _rule("went down on the floor", _PSEUDO, "PSEUDO", [_words("went", "gone", "goes", "go"), _words("down"),
                                                            _words("on", "onto", "to", "in")]),
        # "they're keeping an eye on a swelling on his aorta", "keeping an eye on a 5.2 cm aneurysm": a known
        # aneurysm under watch, not a maybe
        _rule("keeping an eye on", _PSEUDO, "PSEUDO", [_words("keeping", "keep", "kept", "keeps"), _words("an"),
                                                       _words("eye"), _words("on"),
                                                       {"LOWER": {"IN": ["a", "the", "my", "his", "her", "their"]},
                                                        "OP": "?"},
                                                       *[{"IS_PUNCT": False, "OP": "?"}] * 3,
                                                       _words("swelling", "aneurysm", "aneurism", "aaa", "bulge",
                                                              "aorta")]),
        # Not a denial but how unusual it is: "no wet pad since this morning, which never happens"
        _rule("which never happens", _PSEUDO, "PSEUDO", [_words("which", "that", "this", "it"),
                                                        _words("never", "rarely"),
                                                        _words("happens", "happened", "happen")]),
        _rule("not only", _PSEUDO, "PSEUDO", [_NT, _words("only", "just", "bad", "much", "too", "that")]),
        _rule("no doubt", _PSEUDO, "PSEUDO", [_words("no"), _words("doubt", "idea", "matter", "wonder", "way", "reason",
                                                                  "change", "worse", "difference", "clue")]),
        _rule("can't stop", _PSEUDO, "PSEUDO", [_words("ca", "can", "could", "cannot", "couldn't"),
                                                {"LOWER": {"IN": ["n't", "not", "nt"]}, "OP": "?"},
                                                _words("stop", "help")]),
        _rule("nothing helps", _PSEUDO, "PSEUDO", [_words("nothing", "nowt", "none"),
                                                   _words("helps", "help", "helped", "works", "worked", "seems",
                                                          "eases", "eased", "relieves", "relieved", "touches",
                                                          "touched", "shifts", "shifted", "stops", "stopped",
                                                          "makes", "but", "else")]),
        # What someone else asked about is a question: "she asked about numbness, bladder and fever, and I've
        # got none of that" (the answer after it settles it)
        _rule("she asked about", POSSIBLE, "FORWARD",
              [_words("she", "he", "they", "physio", "doctor", "nurse", "gp", "doc"), _words("asked", "checked"),
               _words("about", "for")], max_scope=12),
        # Denies only the pain of a movement: "I can't put my chin on my chest without pain and the lights are
        # hurting my eyes", where "without" would otherwise deny everything after it
        _rule("without pain", _PSEUDO, "PSEUDO", [_words("without", "w/o"),
                                                  {"LOWER": {"IN": ["any", "much", "too", "real", "the"]}, "OP": "?"},
                                                  _words("pain", "hurting", "discomfort", "difficulty", "bother",
                                                         "trouble", "help", "support", "stopping", "assistance")]),
        # Playing it down, not denying anything: "this is probably nothing: on Saturday I got a tight chest"
        _rule("probably nothing", _PSEUDO, "PSEUDO", [_words("probably", "prob", "likely", "maybe", "possibly"),
                                                      {"LOWER": {"IN": ["it's", "its", "it", "is", "'s"]}, "OP": "?"},
                                                      _words("nothing", "nowt")]),
        # "pregnant with my first baby and have blurred vision": the baby is not someone with symptoms
        _rule("with my first baby", _PSEUDO, "PSEUDO",
              [_words("with", "expecting", "carrying"), {"LOWER": {"IN": ["my", "our", "a", "the"]}, "OP": "?"},
               {"LOWER": {"IN": ["first", "second", "third", "1st", "2nd", "3rd", "fourth", "4th", "new"]},
                "OP": "?"},
               _words("baby", "babies", "twins", "child", "bump"),
               {"LOWER": {"IN": ["and", "&"]}, "OP": "?"},
               {"LOWER": {"IN": ["have", "has", "i", "i've", "now", "got"]}, "OP": "?"}]),
        # "the same pain as last year", "like last time": this pain compared with an old one, not history
        _rule("same as last year", _PSEUDO, "PSEUDO", [_words("as", "like"), _words("last", "previous", "before"),
                                                       _words("year", "time", "month", "week")]),
        _rule("without doubt", _PSEUDO, "PSEUDO", [_words("without"), _words("doubt", "fail", "question")]),
        # "I wouldn't say I haven't had bladder trouble": two negations make a yes.
        _rule("wouldn't say I haven't", _PSEUDO, "PSEUDO",
              [_words("would", "could", "ca", "can", "wo", "do", "did"), _NT,
               _words("say", "claim", "pretend", "deny"), {"LOWER": {"IN": ["i", "that", "i've", "i'm"]}, "OP": "?"},
               _words("have", "'ve", "ve", "am", "'m", "do", "did", "had", "was", "ca", "can", "could"), _NT]),
        # "had bowel cancer, all clear since": in remission, still a history of cancer (the scan-result
        # "all clear" negation above is for tests and scans).
        _rule("been all clear", _PSEUDO, "PSEUDO", [_words("been", "be", "being", "remained", "stayed"),
                                                    _words("all"), _words("clear")]),
        _rule("all clear since", _PSEUDO, "PSEUDO", [_words("all"), _words("clear"),
                                                     _words("since", "ever", "for", "now", "after")]),
        # "had breast cancer and was told all clear", "given the all clear": a cancer treated, still history.
        _rule("told all clear", _PSEUDO, "PSEUDO", [_words("told", "given", "got", "declared", "gave"),
                                                    {"LOWER": {"IN": ["the", "i", "i'm", "she", "he", "was", "is",
                                                                      "she's", "he's", "it", "it's", "its", "her",
                                                                      "him", "me", "them"]}, "OP": "*"},
                                                    _words("all"), _words("clear")]),
        # "finished treatment for breast cancer and was told I was clear": the same
        _rule("told I was clear", _PSEUDO, "PSEUDO", [_words("told", "said", "declared"),
                                                      _words("i", "she", "he", "that", "i'm", "she's", "he's", "im"),
                                                      {"LOWER": {"IN": ["was", "is", "were", "am"]}, "OP": "?"},
                                                      _words("clear", "cancer-free")]),
    ]  # fmt: skip


def context_rules() -> list[Any]:
    """Every ConText rule the reader uses."""
    return [*_negation(), *_uncertainty(), *_hypothetical(), *_historical(), *_others(), *_boundaries()]
