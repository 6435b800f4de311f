"""Phrasings found missing by a probe of fresh cases run through `lumbar check --batch`; each is a
general way of saying the thing, kept here so it stays read."""

from __future__ import annotations

import pytest

from lumbar.intake.reader import read
from lumbar.knowledge import default_kb

KB = default_kb()


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("pain in my left side going down to my groin", "colicky_pain"),
        ("I use heroin", "iv_drug_use"),
        ("sharp pain between my shoulder blades, feels like tearing", "tearing_pain"),
        ("both legs have pins and needles", "bilateral_leg_symptoms"),
        ("I have to stop and bend forward", "relief_sitting_bending"),
        ("when I walk more than 200 metres my buttocks and thighs ache", "leg_pain_walking"),
        ("I've been drinking hardly any water", "dehydration"),
        ("both my legs are getting weaker by the hour", "bilateral_leg_weakness"),
        ("fell about 3 metres off scaffolding", "major_trauma"),
        ("slid off a chair onto her bottom", "minor_trauma"),
        ("straining to get my wee started", "bladder_dysfunction"),
    ],
)
def test_phrasing_is_read_as_present(text: str, finding: str) -> None:
    assert read(text, kb=KB).findings.is_present(finding)


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("my legs go heavy when I walk to the shops", "bilateral_leg_weakness"),  # claudication, not CES
        ("twisted hard in a rugby tackle", "major_trauma"),
        ("my doctor keeps telling me to lose weight", "weight_loss"),
        ("poor sleep with all the stress at work", "night_pain"),
        ("my trainer says I've got a big imbalance front to back", "balance_loss"),  # muscle imbalance
        ("a fall off a bike, just a slow tumble", "major_trauma"),
    ],
)
def test_phrasing_is_not_read_as(text: str, finding: str) -> None:
    assert not read(text, kb=KB).findings.is_present(finding)
