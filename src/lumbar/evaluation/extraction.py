"""Score the free-text reader against the annotated extraction corpus (`tests/extraction/*.yaml`).

Corpus format: each file is a YAML list of snippets
```
- id: E0001
  text: "hurt my back lifting, no bladder problems, pain 7/10 shooting down left leg"
  findings: {trigger_lifting: present, bladder_dysfunction: absent, sciatica: present}
  values: {pain_score: 7, side: left}        # optional; only values the text states
  style: patient                              # patient | clinical
```
Annotation contract (what the reader is measured against):
- every finding the text mentions is annotated: `present`, `absent` (negated) or `uncertain`
  (hypothetical, "not sure if", or a symptom the person had before but not now);
- findings said of other people are not annotated at all, except `family_spondyloarthritis`, which is
  the person's own family history; the person's own ankylosing spondylitis is `known_spondyloarthritis`
  only (not also the family history);
- history-kind findings stated as history are `present` ("had breast cancer 10 years ago"), except those
  that count only when recent (a major or minor injury, injecting drugs, travel to a malaria area), which
  are `uncertain` when dated long past or said with "used to" ("I used to inject, clean for 8 years");
- a current statement wins over history ("retention in 2019, resolved; voiding normally" is absent);
- the most specific finding only: both legs weak is `bilateral_leg_weakness` (not also `leg_weakness`),
  arm and leg on one side is `one_sided_weakness`, stiffness for an hour each morning is
  `morning_stiffness`, waking in the early hours is `wakes_second_half_night`;
- "no better", "nothing helps" is `no_improvement: present` (not `improving: absent`); "getting worse"
  is `worsening` with course `worse`, "getting better" is `improving` with course `better`;
- a lift is `trigger_lifting` (not also `minor_trauma`, which is kept for falls, bumps and coughs);
- values are annotated only when the text states them; temperatures in Fahrenheit are converted to
  Celsius with one decimal; `duration_days` is how long the current pain has lasted ("2/7" is 2,
  "3/52" is 21, "a month" is 30, "3 months" is 90); `side` is the side of the pain or deficit.

Scoring is per (snippet, finding) pair. A pair is a true positive when the reader gives the expected
status; a prediction with any other status (or for a finding that was not annotated) is a false
positive; an expected finding that is missing or has another status is a false negative. So a wrong
status counts once as each. Pure: `load_corpus` reads the files it is given, nothing else does I/O.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Literal, get_args

import yaml

from lumbar.intake.model import Course, Sex, Side, Status, Values
from lumbar.intake.reading import Reading
from lumbar.knowledge.models import KnowledgeBase

__all__ = [
    "CorpusError",
    "ExtractionReport",
    "FindingScore",
    "Miss",
    "Snippet",
    "ValueMiss",
    "ValueScore",
    "format_report",
    "load_corpus",
    "score_extraction",
]

Style = Literal["patient", "clinical"]
ValueScalar = int | float | str

VALUE_NAMES: tuple[str, ...] = tuple(f.name for f in fields(Values))
_INT_VALUES = frozenset({"age", "pain_score", "pregnancy_weeks"})
_FLOAT_VALUES = frozenset({"temperature_c", "duration_days"})
_CHOICE_VALUES: dict[str, tuple[str, ...]] = {
    "sex": get_args(Sex),
    "side": get_args(Side),
    "course": get_args(Course),
}
# Temperatures are annotated to one decimal place after conversion; allow rounding either way.
_TOLERANCE = {"temperature_c": 0.051, "duration_days": 1e-6}
_STYLES: dict[str, Style] = {"patient": "patient", "clinical": "clinical"}
_SNIPPET_KEYS = frozenset({"id", "text", "findings", "values", "style"})


class CorpusError(ValueError):
    """A corpus file does not follow the format; the message names the file and the snippet."""


@dataclass(frozen=True)
class Snippet:
    id: str
    text: str
    findings: Mapping[str, Status]
    values: Mapping[str, ValueScalar]
    style: Style
    file: str = ""


@dataclass(frozen=True)
class Miss:
    """One (snippet, finding) pair the reader did not get right. `None` means not reported."""

    snippet: str
    finding: str
    expected: Status | None
    got: Status | None


@dataclass(frozen=True)
class ValueMiss:
    snippet: str
    value: str
    expected: ValueScalar | None
    got: ValueScalar | None


@dataclass(frozen=True)
class FindingScore:
    finding: str
    red_flag: bool
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float | None:
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float | None:
        return _ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn)


@dataclass(frozen=True)
class ValueScore:
    """`correct` of `expected` stated values read right; `spurious`: values read where none was stated."""

    value: str
    expected: int
    correct: int
    spurious: int

    @property
    def accuracy(self) -> float | None:
        return _ratio(self.correct, self.expected)


@dataclass(frozen=True)
class ExtractionReport:
    snippets: int
    per_finding: tuple[FindingScore, ...]
    overall: FindingScore  # micro-averaged over every pair; finding == "*"
    red_flag_expected: int  # red-flag pairs annotated present or absent
    red_flag_correct: int
    wrong_status: tuple[Miss, ...]  # red flag present read as absent, or absent read as present
    values: tuple[ValueScore, ...]
    misses: tuple[Miss, ...]
    value_misses: tuple[ValueMiss, ...]

    @property
    def red_flag_recall(self) -> float | None:
        return _ratio(self.red_flag_correct, self.red_flag_expected)

    @property
    def precision(self) -> float | None:
        return self.overall.precision

    @property
    def recall(self) -> float | None:
        return self.overall.recall

    @property
    def f1(self) -> float | None:
        return self.overall.f1


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


# --- loading --------------------------------------------------------------------------------------


def load_corpus(paths: Iterable[Path], *, kb: KnowledgeBase | None = None) -> list[Snippet]:
    """Read and validate corpus files. Finding ids are checked against `kb` (the packaged knowledge
    base by default); any problem raises CorpusError naming the file and the snippet id."""
    if kb is None:
        from lumbar.knowledge.loader import default_kb

        kb = default_kb()
    known = frozenset(kb.findings)
    snippets: list[Snippet] = []
    seen: dict[str, str] = {}
    for path in sorted(paths):
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise CorpusError(f"{path.name}: cannot read: {exc}") from exc
        if not isinstance(raw, list):
            raise CorpusError(f"{path.name}: expected a list of snippets")
        for index, item in enumerate(raw):
            snippet = _snippet(item, path.name, index, known)
            if snippet.id in seen:
                raise CorpusError(f"{path.name}: {snippet.id}: duplicate id (also in {seen[snippet.id]})")
            seen[snippet.id] = path.name
            snippets.append(snippet)
    return snippets


def _snippet(item: Any, file: str, index: int, known: frozenset[str]) -> Snippet:
    if not isinstance(item, dict):
        raise CorpusError(f"{file}: entry {index}: expected a mapping")
    sid = item.get("id")
    if not isinstance(sid, str) or not sid:
        raise CorpusError(f"{file}: entry {index}: missing id")
    where = f"{file}: {sid}"
    extra = set(item) - _SNIPPET_KEYS
    if extra:
        raise CorpusError(f"{where}: unknown keys {sorted(extra)}")
    text = item.get("text")
    if not isinstance(text, str):
        raise CorpusError(f"{where}: text must be a string")
    style = _STYLES.get(str(item.get("style")))
    if style is None:
        raise CorpusError(f"{where}: style must be patient or clinical, not {item.get('style')!r}")
    raw_findings = item.get("findings")
    if not isinstance(raw_findings, dict):
        raise CorpusError(f"{where}: findings must be a mapping (use {{}} for none)")
    findings: dict[str, Status] = {}
    for fid, status in raw_findings.items():
        if fid not in known:
            raise CorpusError(f"{where}: unknown finding id {fid!r}")
        try:
            findings[fid] = Status(status)
        except ValueError:
            raise CorpusError(f"{where}: finding {fid!r} has unknown status {status!r}") from None
    values = _values(item.get("values") or {}, where)
    return Snippet(sid, text, findings, values, style, file)


def _values(raw: Any, where: str) -> dict[str, ValueScalar]:
    if not isinstance(raw, dict):
        raise CorpusError(f"{where}: values must be a mapping")
    out: dict[str, ValueScalar] = {}
    for name, value in raw.items():
        if name not in VALUE_NAMES:
            raise CorpusError(f"{where}: unknown value {name!r}")
        ok = (
            (name in _INT_VALUES and isinstance(value, int) and not isinstance(value, bool))
            or (name in _FLOAT_VALUES and isinstance(value, int | float) and not isinstance(value, bool))
            or (name in _CHOICE_VALUES and value in _CHOICE_VALUES[name])
        )
        if not ok:
            raise CorpusError(f"{where}: value {name} = {value!r} is not valid")
        out[name] = value
    try:
        Values(**out)  # type: ignore[arg-type]  # checked above, name by name
    except ValueError as exc:
        raise CorpusError(f"{where}: {exc}") from None
    return out


# --- scoring --------------------------------------------------------------------------------------


def score_extraction(
    snippets: Sequence[Snippet], read_fn: Callable[[str], Reading], *, kb: KnowledgeBase | None = None
) -> ExtractionReport:
    """Run `read_fn` on every snippet and compare with the annotations."""
    if kb is None:
        from lumbar.knowledge.loader import default_kb

        kb = default_kb()
    red_flags = frozenset(f.id for f in kb.findings.values() if f.red_flag)
    counts: dict[str, list[int]] = {}  # finding -> [tp, fp, fn]
    misses: list[Miss] = []
    wrong: list[Miss] = []
    rf_expected = rf_correct = 0
    value_counts = {name: [0, 0, 0] for name in VALUE_NAMES}  # expected, correct, spurious
    value_misses: list[ValueMiss] = []

    for snippet in snippets:
        reading = read_fn(snippet.text)
        got = {fid: obs.status for fid, obs in reading.findings.observations.items()}
        for fid in sorted(set(snippet.findings) | set(got)):
            expected, predicted = snippet.findings.get(fid), got.get(fid)
            tally = counts.setdefault(fid, [0, 0, 0])
            if expected is not None and expected is not Status.UNCERTAIN and fid in red_flags:
                rf_expected += 1
                rf_correct += predicted is expected
            if predicted is expected:
                tally[0] += 1
                continue
            if predicted is not None:
                tally[1] += 1
            if expected is not None:
                tally[2] += 1
            miss = Miss(snippet.id, fid, expected, predicted)
            misses.append(miss)
            if fid in red_flags and {expected, predicted} == {Status.PRESENT, Status.ABSENT}:
                wrong.append(miss)
        _score_values(snippet, reading.findings.values, value_counts, value_misses)

    per_finding = tuple(FindingScore(fid, fid in red_flags, *tally) for fid, tally in sorted(counts.items()))
    total = [sum(t[i] for t in counts.values()) for i in range(3)]
    return ExtractionReport(
        snippets=len(snippets),
        per_finding=per_finding,
        overall=FindingScore("*", False, *total),
        red_flag_expected=rf_expected,
        red_flag_correct=rf_correct,
        wrong_status=tuple(wrong),
        values=tuple(ValueScore(name, *c) for name, c in value_counts.items()),
        misses=tuple(misses),
        value_misses=tuple(value_misses),
    )


def _score_values(snippet: Snippet, values: Values, counts: dict[str, list[int]], misses: list[ValueMiss]) -> None:
    for name in VALUE_NAMES:
        expected = snippet.values.get(name)
        got: ValueScalar | None = getattr(values, name)
        if expected is None:
            if got is not None:
                counts[name][2] += 1
                misses.append(ValueMiss(snippet.id, name, None, got))
            continue
        counts[name][0] += 1
        if _same_value(name, expected, got):
            counts[name][1] += 1
        else:
            misses.append(ValueMiss(snippet.id, name, expected, got))


def _same_value(name: str, expected: ValueScalar, got: ValueScalar | None) -> bool:
    if got is None:
        return False
    if isinstance(expected, str) or isinstance(got, str):
        return expected == got
    return abs(float(expected) - float(got)) <= _TOLERANCE.get(name, 1e-9)


# --- printing -------------------------------------------------------------------------------------


def _pct(x: float | None) -> str:
    return "   -" if x is None else f"{x:4.2f}"


def _status(s: Status | None) -> str:
    return "-" if s is None else s.value


def format_report(report: ExtractionReport) -> str:
    """A plain-text report: per-finding table, overall figures, values, then every miss."""
    width = max([len(s.finding) for s in report.per_finding] + [len("finding")])
    lines = [
        f"Extraction: {report.snippets} snippets",
        "",
        f"{'finding':<{width}}  rf   tp   fp   fn  prec  rec    f1",
    ]
    for s in report.per_finding:
        flag = "RF" if s.red_flag else "  "
        lines.append(
            f"{s.finding:<{width}}  {flag} {s.tp:4d} {s.fp:4d} {s.fn:4d}  "
            f"{_pct(s.precision)}  {_pct(s.recall)}  {_pct(s.f1)}"
        )
    o = report.overall
    lines += [
        "",
        f"overall (micro): precision {_pct(o.precision)}  recall {_pct(o.recall)}  F1 {_pct(o.f1)}"
        f"  (tp {o.tp}, fp {o.fp}, fn {o.fn})",
        f"red-flag recall: {_pct(report.red_flag_recall)}"
        f"  ({report.red_flag_correct}/{report.red_flag_expected} present/absent red-flag annotations)",
        f"red-flag wrong-status errors: {len(report.wrong_status)}",
    ]
    lines += [
        f"  {m.snippet}  {m.finding}: expected {_status(m.expected)}, got {_status(m.got)}" for m in report.wrong_status
    ]
    lines += ["", "values:"]
    for v in report.values:
        lines.append(f"  {v.value:<16} {v.correct}/{v.expected} correct ({_pct(v.accuracy)}), {v.spurious} spurious")
    lines += ["", f"misses ({len(report.misses)}):"]
    lines += [
        f"  {m.snippet}  {m.finding}: expected {_status(m.expected)}, got {_status(m.got)}" for m in report.misses
    ]
    if report.value_misses:
        lines += ["", f"value misses ({len(report.value_misses)}):"]
        lines += [f"  {m.snippet}  {m.value}: expected {m.expected}, got {m.got}" for m in report.value_misses]
    return "\n".join(lines)
