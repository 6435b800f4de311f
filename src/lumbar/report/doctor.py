"""The doctor's report as values: what a doctor asks (seed 001: how bad the pain is, how often it flares,
what was tried, what worked, when it started), the red-flag screen, urgency over time, the facts that
matter for medicine safety, the person's own words, and what the charts need.

Pure: the episodes, entries, profile, clock and knowledge base come in; a frozen ReportModel comes out.
No I/O and no formatting beyond plain words; `lumbar.report.render` turns the model into HTML and PDF.

How the red-flag screen is read from the diary: a check saved since answers were kept stores its
red-flag answers (present, absent, uncertain: "yes", "no", "not sure"). For the rest, and for an
entry's re-triage, only the red flags that fired are known. Every rule expression is monotone (no
`not`), so a finding is known to have been present when the rule cannot fire without it; a finding
that is only one way the rule could fire is shown as "one of a flag" unless the check answered it. A
"no" needs a recorded answer (`Screen.absent`); silence is "not asked", never "no" (DESIGN.md, safety
principles).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Literal

from lumbar.diary.course import episode_safety_net
from lumbar.diary.insights import TREND_WINDOW_DAYS, Insights, compute_insights
from lumbar.diary.model import Entry, Episode, Treatment
from lumbar.intake.expr import evaluate
from lumbar.intake.model import Profile
from lumbar.knowledge.models import (
    AllOf,
    AnyOf,
    AtLeast,
    Expr,
    KnowledgeBase,
    RedFlagRule,
    Urgency,
    ValueTest,
)

__all__ = [
    "SECTIONS",
    "SECTION_TITLES",
    "ReportError",
    "ReportModel",
    "Screen",
    "build_report",
    "parse_sections",
]

SectionId = Literal[
    "summary", "severity", "flares", "treatments", "red_flags", "urgency", "safety", "own_words", "charts"
]
SECTIONS: tuple[SectionId, ...] = (
    "summary",
    "severity",
    "flares",
    "treatments",
    "red_flags",
    "urgency",
    "safety",
    "own_words",
    "charts",
)
# Headings are distinct phrases, so a reader of the printed text (or a test) can tell which are there.
SECTION_TITLES: dict[SectionId, str] = {
    "summary": "When it started and how",
    "severity": "Severity now and its trend",
    "flares": "How often it flares",
    "treatments": "What was tried and what helped",
    "red_flags": "Red-flag screen",
    "urgency": "Urgency over time",
    "safety": "Medicines and safety facts",
    "own_words": "In the person's own words",
    "charts": "Charts of the diary",
}
MEDICINES = (Treatment.NSAID, Treatment.PARACETAMOL, Treatment.MUSCLE_RELAXANT)
MAX_OWN_WORDS = 8  # the most recent notes: enough for the doctor to hear the person, within two pages
MAX_NOTE_CHARS = 280
MAX_EPISODE_ROWS = 6
MAX_URGENCY_ROWS = 8
MAX_MONTHS = 6


class ReportError(ValueError):
    """A report request that cannot be met (unknown section, empty range); the message says which."""


def parse_sections(raw: str | None) -> tuple[SectionId, ...]:
    """'summary,charts' -> the sections in report order; None -> all. Unknown names raise ReportError."""
    if raw is None:
        return SECTIONS
    asked = [part.strip().lower().replace("-", "_") for part in raw.split(",") if part.strip()]
    unknown = [a for a in asked if a not in SECTIONS]
    if unknown or not asked:
        named = ", ".join(map(repr, unknown)) if unknown else "none"
        raise ReportError(f"unknown section {named}; choose from: {', '.join(SECTIONS)}")
    return tuple(s for s in SECTIONS if s in asked)


@dataclass(frozen=True)
class Screen:
    """What one check or one entry's re-triage says about red-flag findings, and when."""

    at: datetime
    source: Literal["check", "diary note", "profile"]
    present: frozenset[str] = frozenset()
    absent: frozenset[str] = frozenset()
    possible: frozenset[str] = frozenset()  # read by a flag that fired, which needed it or a sibling
    uncertain: frozenset[str] = frozenset()  # asked, and the person was not sure


Answer = Literal["yes", "no", "one of a flag", "not sure", "not asked"]
# Which answer a row shows when several checks spoke: the strongest, then the latest.
_RANK: dict[Answer, int] = {"yes": 4, "one of a flag": 3, "not sure": 2, "no": 1, "not asked": 0}


@dataclass(frozen=True)
class ScreenRow:
    question: str
    label: str
    answer: Answer
    at: datetime | None
    source: str | None


@dataclass(frozen=True)
class RaisedFlag:
    id: str
    label: str
    urgency: Urgency | None  # None: a rule this knowledge base no longer has
    first: datetime
    last: datetime
    times: int
    sources: tuple[str, ...]


@dataclass(frozen=True)
class UrgencyRun:
    level: Urgency
    first: datetime
    last: datetime
    records: int


@dataclass(frozen=True)
class CourseNote:
    urgency: Urgency
    reasons: tuple[str, ...]  # plain-language reasons of the course rules that fired
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Medicine:
    treatment: Treatment
    tried: int
    helped: int
    last: datetime | None


@dataclass(frozen=True)
class Caution:
    medication_class: str
    severity: str
    advice: str
    logged: int  # times this class of medicine was logged in the period
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Words:
    at: datetime
    pain: int | None
    text: str
    truncated: bool


@dataclass(frozen=True)
class MonthPain:
    month: date
    entries: int
    mean: float
    worst: int


@dataclass(frozen=True)
class ReportModel:
    now: datetime
    tz: tzinfo
    sections: tuple[SectionId, ...]
    titles: tuple[tuple[SectionId, str], ...]
    start: date | None
    end: date | None
    episode_id: str | None
    episodes: tuple[Episode, ...]  # in the period, oldest first
    entries: tuple[Entry, ...]  # in the period, oldest first
    insights: Insights
    latest_pain: Entry | None
    interference: tuple[tuple[str, float], ...]  # mean interference scores over the last week
    months: tuple[MonthPain, ...]  # most recent last
    screen: tuple[ScreenRow, ...]
    raised: tuple[RaisedFlag, ...]  # highest urgency first
    urgency_runs: tuple[UrgencyRun, ...]  # the most recent MAX_URGENCY_ROWS, oldest first
    urgency_counts: tuple[tuple[Urgency, int], ...]
    course: CourseNote | None
    profile: Profile | None
    facts: tuple[tuple[str, str], ...]  # (finding id, label) of the profile's standing facts
    medicines: tuple[Medicine, ...]
    cautions: tuple[Caution, ...]
    own_words: tuple[Words, ...]  # most recent first
    notes_total: int
    sources: tuple[tuple[str, str], ...]  # (id, citation) of every source the report cites
    knowledge_version: str

    @property
    def empty(self) -> bool:
        return not self.entries and not self.episodes


# --- the red-flag screen ---------------------------------------------------------------------------


def _holds_without(expr: Expr, missing: str) -> bool:
    """Whether `expr` can hold with every finding and value present except `missing` (monotone)."""
    if isinstance(expr, str):
        return expr != missing
    if isinstance(expr, ValueTest):
        return True
    if isinstance(expr, AllOf):
        return all(_holds_without(e, missing) for e in expr.all)
    if isinstance(expr, AnyOf):
        return any(_holds_without(e, missing) for e in expr.any)
    if isinstance(expr, AtLeast):
        return sum(_holds_without(e, missing) for e in expr.of) >= expr.at_least
    return True  # pragma: no cover - the Expr union is closed


def _reads(expr: Expr) -> set[str]:
    if isinstance(expr, str):
        return {expr}
    parts = expr.all if isinstance(expr, AllOf) else expr.any if isinstance(expr, AnyOf) else []
    parts = expr.of if isinstance(expr, AtLeast) else parts
    return set().union(*(_reads(p) for p in parts)) if parts else set()


def _screen_of(
    at: datetime,
    source: Literal["check", "diary note"],
    fired: Iterable[str],
    rules: dict[str, RedFlagRule],
    answers: Iterable[tuple[str, str]] = (),
) -> Screen:
    """What a check (or a re-triage) says: its recorded answers, and what the flags that fired imply. A
    finding a fired flag cannot do without stays "yes" whatever was answered (the profile may have set it);
    an answered finding is no longer only "one of a flag"."""
    present: set[str] = set()
    possible: set[str] = set()
    for rule_id in fired:
        rule = rules.get(rule_id)
        if rule is None:
            continue
        for finding in _reads(rule.when):
            (possible if _holds_without(rule.when, finding) else present).add(finding)
    said = dict(answers)
    present |= {f for f, status in said.items() if status == "present"}
    absent = {f for f, status in said.items() if status == "absent"} - present
    uncertain = {f for f, status in said.items() if status == "uncertain"} - present
    possible -= present | said.keys()
    return Screen(at, source, frozenset(present), frozenset(absent), frozenset(possible), frozenset(uncertain))


def _screen_rows(screens: Sequence[Screen], kb: KnowledgeBase) -> tuple[ScreenRow, ...]:
    rows = []
    for q in kb.questions:
        if q.section != "red_flag_screen" or q.finding is None:
            continue
        best: tuple[Answer, datetime | None, str | None] = ("not asked", None, None)
        for s in sorted(screens, key=lambda s: s.at):  # the latest of the strongest answer wins
            said: Answer | None = (
                "yes" if q.finding in s.present
                else "one of a flag" if q.finding in s.possible
                else "not sure" if q.finding in s.uncertain
                else "no" if q.finding in s.absent
                else None
            )  # fmt: skip
            if said is not None and _RANK[said] >= _RANK[best[0]]:
                best = (said, s.at, s.source)
        rows.append(ScreenRow(q.text, kb.findings[q.finding].label, *best))
    return tuple(rows)


def _raised(
    records: Sequence[tuple[datetime, tuple[str, ...]]], rules: dict[str, RedFlagRule]
) -> tuple[RaisedFlag, ...]:
    seen: dict[str, list[datetime]] = {}
    for at, fired in sorted(records, key=lambda r: r[0]):
        for rule_id in fired:
            seen.setdefault(rule_id, []).append(at)
    out = []
    for rule_id, times in seen.items():
        rule = rules.get(rule_id)
        label = rule.label if rule is not None else rule_id.replace("_", " ")
        out.append(
            RaisedFlag(
                rule_id,
                label,
                rule.urgency if rule else None,
                times[0],
                times[-1],
                len(times),
                tuple(rule.sources) if rule else (),
            )
        )
    return tuple(sorted(out, key=lambda f: (-(f.urgency.rank if f.urgency else -1), -f.last.timestamp())))


# --- urgency over time -----------------------------------------------------------------------------


def _runs(records: Sequence[tuple[datetime, Urgency]]) -> tuple[UrgencyRun, ...]:
    runs: list[UrgencyRun] = []
    for at, level in sorted(records, key=lambda r: r[0]):
        if runs and runs[-1].level is level:
            last = runs[-1]
            runs[-1] = UrgencyRun(level, last.first, at, last.records + 1)
        else:
            runs.append(UrgencyRun(level, at, at, 1))
    return tuple(runs[-MAX_URGENCY_ROWS:])


# --- the rest --------------------------------------------------------------------------------------


def _in_period(at: datetime, tz: tzinfo, start: date | None, end: date | None) -> bool:
    day = at.astimezone(tz).date()
    return (start is None or day >= start) and (end is None or day <= end)


def _months(entries: Sequence[Entry], tz: tzinfo) -> tuple[MonthPain, ...]:
    by_month: dict[date, list[int]] = {}
    for e in entries:
        if e.pain is not None:
            local = e.at.astimezone(tz)
            by_month.setdefault(date(local.year, local.month, 1), []).append(e.pain)
    rows = [MonthPain(m, len(p), sum(p) / len(p), max(p)) for m, p in sorted(by_month.items())]
    return tuple(rows[-MAX_MONTHS:])


def _interference(entries: Sequence[Entry], now: datetime) -> tuple[tuple[str, float], ...]:
    week = [e for e in entries if now - e.at <= timedelta(days=TREND_WINDOW_DAYS)]
    out = []
    for name in ("activity", "enjoyment", "sleep"):
        scores = [s for e in week if (s := getattr(e, f"interference_{name}")) is not None]
        if scores:
            out.append((name, sum(scores) / len(scores)))
    return tuple(out)


def _cautions(profile: Profile | None, entries: Sequence[Entry], kb: KnowledgeBase) -> tuple[Caution, ...]:
    if profile is None:
        return ()
    findings = profile.as_findings()
    out = []
    for c in kb.medication_cautions:
        if evaluate(c.when, findings)[0]:
            logged = sum(1 for e in entries if c.medication_class in {t.value for t in e.tried})
            out.append(Caution(c.medication_class, c.severity, c.advice, logged, tuple(c.sources)))
    return tuple(out)


def _medicines(entries: Sequence[Entry]) -> tuple[Medicine, ...]:
    out = []
    for t in MEDICINES:
        used = [e for e in entries if t in e.tried]
        if used:
            out.append(Medicine(t, len(used), sum(1 for e in used if t in e.helped), used[-1].at))
    return tuple(out)


def _own_words(entries: Sequence[Entry]) -> tuple[tuple[Words, ...], int]:
    noted = [e for e in entries if e.notes]
    words = []
    for e in reversed(noted[-MAX_OWN_WORDS:]):
        text = e.notes or ""
        cut = len(text) > MAX_NOTE_CHARS
        words.append(Words(e.at, e.pain, text[: MAX_NOTE_CHARS - 1].rstrip() + "…" if cut else text, cut))
    return tuple(words), len(noted)


def _course(
    episodes: Sequence[Episode],
    entries: Sequence[Entry],
    profile: Profile | None,
    now: datetime,
    kb: KnowledgeBase,
) -> CourseNote | None:
    open_ = [e for e in episodes if e.ended_at is None]
    if not open_:
        return None
    net = episode_safety_net(open_[-1], entries, profile=profile, now=now, kb=kb)
    if net is None:
        return None
    reasons = tuple(r.reason for r in net.red_flags)
    sources = tuple(dict.fromkeys(s for r in net.red_flags for s in r.sources))
    return CourseNote(net.urgency, reasons, sources)


def build_report(
    *,
    episodes: Iterable[Episode],
    entries: Iterable[Entry],
    profile: Profile | None,
    now: datetime,
    kb: KnowledgeBase,
    sections: Sequence[SectionId] = SECTIONS,
    start: date | None = None,
    end: date | None = None,
    episode_id: str | None = None,
    tz: tzinfo = UTC,
    screens: Iterable[Screen] = (),
) -> ReportModel:
    """The report over the diary up to `now`: of one episode with `episode_id`, and/or of the days from
    `start` to `end` (inclusive, in `tz`). The red-flag screen is read from the stored checks (their
    answers and the flags that fired) and the re-triaged entries; `screens` adds answers kept elsewhere."""
    if start is not None and end is not None and start > end:
        raise ReportError(f"the period starts ({start}) after it ends ({end})")
    eps = tuple(
        sorted(
            (
                e
                for e in episodes
                if e.started_at <= now
                and (episode_id is None or e.id == episode_id)
                and (end is None or e.started_at.astimezone(tz).date() <= end)
                and (start is None or e.ended_at is None or e.ended_at.astimezone(tz).date() >= start)
            ),
            key=lambda e: e.started_at,
        )
    )
    ids = {e.id for e in eps}
    ents = tuple(
        sorted(
            (e for e in entries if e.at <= now and e.episode_id in ids and _in_period(e.at, tz, start, end)),
            key=lambda e: e.at,
        )
    )
    rules = {r.id: r for r in kb.rules}
    checks = [a for ep in eps for a in ep.assessments if a.at <= now and _in_period(a.at, tz, start, end)]
    fired = [(a.at, a.red_flags) for a in checks] + [(e.at, e.red_flags) for e in ents if e.red_flags]
    all_screens = [_screen_of(a.at, "check", a.red_flags, rules, a.answers) for a in checks]
    all_screens += [_screen_of(e.at, "diary note", e.red_flags, rules) for e in ents if e.red_flags]
    if profile is not None and profile.facts:
        all_screens.append(Screen(now, "profile", frozenset(profile.facts)))
    all_screens += list(screens)
    levels = [(a.at, a.urgency) for a in checks] + [(e.at, e.urgency) for e in ents if e.urgency is not None]
    counts = tuple((u, n) for u in reversed(list(Urgency)) if (n := sum(1 for _, lv in levels if lv is u)))
    insights = compute_insights(eps, ents, now=now, tz=tz)
    raised = _raised(fired, rules)
    course = _course(eps, ents, profile, now, kb)
    cautions = _cautions(profile, ents, kb)
    words, notes_total = _own_words(ents)
    cited = ["seed_001", *insights.flares.sources]
    cited += [s for f in raised for s in f.sources] + [s for c in cautions for s in c.sources]
    cited += list(course.sources) if course else []
    pained = [e for e in ents if e.pain is not None]
    facts = (
        tuple((f, kb.findings[f].label if f in kb.findings else f) for f in sorted(profile.facts)) if profile else ()
    )
    return ReportModel(
        now=now,
        tz=tz,
        sections=tuple(sections),
        titles=tuple((s, SECTION_TITLES[s]) for s in sections),
        start=start,
        end=end,
        episode_id=episode_id,
        episodes=eps,
        entries=ents,
        insights=insights,
        latest_pain=pained[-1] if pained else None,
        interference=_interference(ents, now),
        months=_months(ents, tz),
        screen=_screen_rows(all_screens, kb),
        raised=raised,
        urgency_runs=_runs(levels),
        urgency_counts=counts,
        course=course,
        profile=profile,
        facts=facts,
        medicines=_medicines(ents),
        cautions=cautions,
        own_words=words,
        notes_total=notes_total,
        sources=tuple((s, kb.sources[s].citation) for s in dict.fromkeys(cited) if s in kb.sources),
        knowledge_version=kb.version,
    )
