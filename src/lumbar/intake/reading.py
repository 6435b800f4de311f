"""The result of reading a person's own words: findings plus what could not be understood."""

from __future__ import annotations

from dataclasses import dataclass, field

from lumbar.intake.model import Findings, Observation


@dataclass(frozen=True)
class Reading:
    """What the free-text reader made of a text.

    - `findings`: the person's own current findings (present, absent, uncertain) and values.
      Hypothetical ("should I worry if...") and historical symptoms ("had numbness years ago") are
      `uncertain`: not current, and the question stays open. History items such as cancer_history
      are present when the history is stated.
    - `others`: findings said of other people ("my dad had cancer"), kept for display, never triaged.
    - `understood`: False when the text says nothing we can read about the body (empty, another
      language, noise); `problems` then says why, in plain words, and the caller asks the questions.
    """

    text: str
    findings: Findings
    understood: bool
    problems: tuple[str, ...] = ()
    others: tuple[Observation, ...] = field(default_factory=tuple)
