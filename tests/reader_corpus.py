"""Texts the reader's matchers are compared on: every text of the extraction corpus and the vignettes,
and the red-flag text forms of the rule cases."""

from __future__ import annotations

from pathlib import Path

import yaml

__all__ = ["CORPUS"]

TESTS = Path(__file__).parent


def _corpus_texts() -> list[str]:
    texts: list[str] = []
    for path in sorted((TESTS / "extraction").glob("*.yaml")) + sorted((TESTS / "vignettes").glob("*.yaml")):
        texts += [item["text"] for item in yaml.safe_load(path.read_text(encoding="utf-8"))]
    forms = yaml.safe_load((TESTS / "rule_cases" / "text_forms.yaml").read_text(encoding="utf-8"))
    for item in forms:
        for key, value in item.items():
            if key != "rule":
                texts += list(value)
    return texts


CORPUS = _corpus_texts()
