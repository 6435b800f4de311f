"""`lumbar questionnaire`: print the adaptive questionnaire."""

from __future__ import annotations

import argparse
import json
from typing import Any

from lumbar.intake.questionnaire import questionnaire_as_dict
from lumbar.knowledge.loader import default_kb

__all__ = ["add_parser", "run"]


def add_parser(sub: Any) -> None:
    p = sub.add_parser("questionnaire", help="print the questionnaire (question ids are the --answers keys)")
    form = p.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="as JSON")
    form.add_argument("--fhir", action="store_true", help="as a FHIR R4 Questionnaire (JSON)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.fhir:
        from lumbar.interop.fhir_questionnaire import questionnaire_json  # fhir.resources: only when asked

        print(json.dumps(questionnaire_json(default_kb()), indent=2, ensure_ascii=False))  # noqa: T201
        return 0
    data = questionnaire_as_dict(default_kb())
    if args.json:
        print(json.dumps(data, indent=2, ensure_ascii=False))  # noqa: T201
        return 0
    section = None
    for q in data["questions"]:
        if q["section"] != section:
            section = q["section"]
            print(f"\n{section.replace('_', ' ').upper()}")  # noqa: T201
        cond = " (asked only if an earlier answer makes it matter)" if "ask_if" in q else ""
        print(f"  [{q['id']}] {q['text']} ({q['type']}){cond}")  # noqa: T201
    return 0
