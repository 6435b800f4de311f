"""Words for the relatives a carer writes about, shared by the carer test (reader.py) and the carer's
age and sex (values.py)."""

from __future__ import annotations

__all__ = ["FAMILY_SEX", "OTHER_PERSON_AGED", "RELATIVES", "RELATIVE_WORDS"]

# A relative's word and the sex it gives (a carer's "my mum ... her back" is a woman's back pain).
FAMILY_SEX = {"mum": "female", "mom": "female", "mother": "female", "wife": "female", "daughter": "female",
              "grandma": "female", "grandmother": "female", "gran": "female", "nan": "female", "nana": "female",
              "sister": "female", "girlfriend": "female", "dad": "male", "father": "male", "husband": "male",
              "son": "male", "grandad": "male", "grandfather": "male", "grandpa": "male", "brother": "male",
              "boyfriend": "male",
              "gf": "female", "mam": "female", "mammy": "female", "mammie": "female", "mummy": "female",
              "mommy": "female", "mama": "female", "momma": "female", "granny": "female", "nanna": "female",
              "aunt": "female", "auntie": "female", "aunty": "female", "niece": "female", "granddaughter": "female",
              "stepmum": "female", "stepmom": "female", "stepmother": "female", "missus": "female",
              "daddy": "male", "papa": "male", "granddad": "male", "grandson": "male", "uncle": "male",
              "nephew": "male", "stepdad": "male", "stepfather": "male", "hubby": "male"}  # fmt: skip
# The relatives whose back pain a carer may describe (clinical words such as "patient" are left out: a
# clinician's note about "his back" is not a carer writing).
RELATIVES = (*FAMILY_SEX, "partner", "cousin")
# A relative named near a stated age or temperature, as a regular-expression alternation: the value is
# theirs ("father died of AAA aged 70", "my son's temperature was 39"), not the writer's (values.py,
# temperature.py).
RELATIVE_WORDS = (
    r"father|mother|dad|mum|mom|brother|sister|wife|husband|son|daughter|grand\w*|aunt|uncle|cousin|partner|friend"
)
# Someone not family whose back pain a neighbour, friend or teacher writes about, with their age: "the old
# chap next door is 79", "my neighbour, 84,", "a pupil of mine, 12,". Their age is the person's when the
# account is theirs.
OTHER_PERSON_AGED = (
    r"\b(?:chap|man|gentleman|fella|fellow|guy|bloke|lady|woman|neighbou?r|friend|flatmate|housemate|lodger|"
    r"colleague|pupil|student|player|client|resident|tenant|service\s+user)"
    r"(?:\s+next\s+door|\s+upstairs|\s+downstairs|\s+across\s+the\s+road|\s+over\s+the\s+road|"
    r"\s+of\s+(?:mine|ours)|\s+(?:at|from)\s+(?:the\s+|our\s+|my\s+)?(?:work|depot|site|yard|office|warehouse|"
    r"garage|farm|shop|factory|gym|club|church))?"  # "my colleague at the depot (he's 66)" (round 36)
    r"\s*(?:,|\(|is|'s|who\s+is|aged?)\s*(?:he'?s\s+|she'?s\s+|he\s+is\s+|she\s+is\s+)?"
    r"(?:only\s+|just\s+|now\s+)?(?P<age>\d{1,3})\b"
)
