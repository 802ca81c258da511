"""The advisor's report: a handout of one session, as Markdown or HTML (printed from a browser).

Page 1 is the summary: the answers, the top three with match, evidence and one line on why, and the plan for
the top pick. The details follow (ranking, reasons, the way into each of the top three, the comparison, where
the sources disagree), then every quote the report relies on, once, as numbered notes grouped by source, and
the command that reproduces the session. Everything shown comes from the engine and the knowledge base, so a
report can be read without the app and checked against the sources. No Textual here: `career-quiz report` and
the app both call `render_report`.

Source and user text is never trusted as markup: the HTML template autoescapes, and the Markdown template
passes every such text through `md_escape`, which also keeps a `|` from splitting a table cell.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from knowledge.wording import dispute_topic, shown_quote

if TYPE_CHECKING:
    from jinja2 import Environment

    from knowledge.base import KnowledgeBase
    from knowledge.models import Citation, FactBase, Source
    from rules.engine import Engine
    from rules.models import Answers, Caveat, Reason, Recommendation
    from rules.pathway import Step

Format = Literal["md", "html"]
FORMATS: dict[str, Format] = {".md": "md", ".html": "html"}
"""File extensions `career-quiz report -o` accepts, and the format each one means."""
PACKAGE = "career-quiz"
TEMPLATES = Path(__file__).resolve().parent / "templates"
_MD_SPECIAL = re.compile(r"[\\`*\[\]<>|]|&(?=#?\w+;)|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")
_BLANK_RUNS = re.compile(r"\n{3,}")


def md_escape(text: object) -> str:
    """Text that Markdown shows literally: special characters backslash-escaped, newlines folded into spaces.

    Folding newlines keeps a multi-line value inside its table cell or list item. An underscore inside a word
    (`pay_min`) cannot start emphasis and an `&` that does not spell an entity stays an `&`, so both are left
    alone to keep the raw file readable.
    """
    return _MD_SPECIAL.sub(lambda match: "\\" + match.group(), " ".join(str(text).split()))


def package_version() -> str:
    """The installed package's version; from pyproject.toml in a source checkout that is not installed."""
    try:
        return metadata.version(PACKAGE)
    except metadata.PackageNotFoundError:
        pass
    pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
    try:
        return str(tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"])
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "unknown"


@dataclass(frozen=True)
class CitedReason:
    """A reason in plain words, the first quote behind it shown inline, and the notes of all its quotes."""

    text: str
    quote: Citation | None
    notes: list[int]


@dataclass(frozen=True)
class Summary:
    """One of the top careers on page 1: match, evidence and one line on why."""

    rank: int
    name: str
    score: int
    evidence: str
    """'judged on 5 of 7 answers', or '' when the engine does not say."""
    why: str


@dataclass(frozen=True)
class Way:
    """'How to get there' for one career: cited steps, or what the sources leave out."""

    name: str
    steps: list[Step]
    notes: list[list[int]]
    """For each step, the numbers of the notes (quotes) behind it."""
    missing: str
    """What the sources do not say about the way in ('' when they cover it)."""
    times: list[str]
    """For each step, its length as shown: in full with each source, or (in the plan) as one span."""
    shared: str = ""
    """One line naming the steps left out because they are a career's shown above (a parent's, inherited)."""
    shared_notes: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class Pick:
    """One of the top careers in detail: reasons by direction, caveats and the way in."""

    rank: int
    name: str
    score: int
    evidence: str
    mismatches: list[str]
    reasons_for: list[CitedReason]
    reasons_against: list[CitedReason]
    reasons_neutral: list[CitedReason]
    caveats: list[str]
    way: Way
    silent: str = ""
    """One line naming the answers no source speaks to for this career (instead of a reason each)."""
    inherited: str = ""
    """Says once why some reasons use the facts of the career this one specialises (each is still labelled)."""
    shared: str = ""
    """One line naming the answers judged from the facts of a career shown above (the one this specialises),
    instead of repeating those reasons."""
    shared_notes: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class CompareCell:
    text: str
    notes: list[int]
    """Numbers of the notes (citations) that back this cell."""


@dataclass(frozen=True)
class Ranked:
    """One row of the full ranking."""

    rank: int
    name: str
    score: int
    evidence: str
    mismatches: list[str]


@dataclass(frozen=True)
class Dispute:
    """Where the sources disagree about one thing for one career: every version with its year and note."""

    career: str
    topic: str
    versions: list[tuple[str, str, list[int]]]
    """(value in words, year or 'undated', note numbers)."""


@dataclass(frozen=True)
class SourceNotes:
    """One source and the numbered quotes the report takes from it."""

    source: Source
    notes: list[tuple[int, Citation]]


def _key(citation: Citation) -> tuple[str, int, str]:
    return citation.source, citation.line, citation.quote


class Notes:
    """The report's endnotes: every quote it relies on, once, grouped by source and numbered in reading order.

    Quotes are first gathered (`add`), then numbered by source and line (`close`), so that a reader finds
    note 12 next to the other quotes of the same document; `numbers` then gives the notes of any citations.
    """

    def __init__(self, source_order: list[str]) -> None:
        self._order = {source: index for index, source in enumerate(source_order)}
        self._found: dict[tuple[str, int, str], Citation] = {}
        self._numbers: dict[tuple[str, int, str], int] = {}

    def add(self, citations: list[Citation]) -> None:
        for citation in citations:
            self._found.setdefault(_key(citation), citation)

    def close(self) -> None:
        """Number the quotes; one that is part of a longer quote from the same source shares that one's note."""
        within: dict[tuple[str, int, str], tuple[str, int, str]] = {}
        for key in self._found:
            words = " ".join(key[2].split())
            longer = [other for other in self._found if other[0] == key[0] and other != key
                      and len(other[2]) > len(key[2]) and words in " ".join(other[2].split())]
            if longer:
                within[key] = max(longer, key=lambda other: len(other[2]))
        shown = [key for key in self._found if key not in within]
        ordered = sorted(shown, key=lambda k: (self._order.get(k[0], len(self._order)), k[1], k[2]))
        self._numbers = {key: number for number, key in enumerate(ordered, start=1)}
        self._numbers.update({key: self._numbers[longer] for key, longer in within.items()})

    def numbers(self, citations: list[Citation]) -> list[int]:
        return sorted({self._numbers[_key(c)] for c in citations})

    def by_source(self, sources: dict[str, Source]) -> list[SourceNotes]:
        grouped: dict[str, list[tuple[int, Citation]]] = {source: [] for source in sources}
        listed: set[int] = set()
        for key, number in sorted(self._numbers.items(), key=lambda item: (item[1], -len(item[0][2]))):
            if number not in listed:
                listed.add(number)
                grouped.setdefault(key[0], []).append((number, self._found[key]))
        return [SourceNotes(sources[source], notes) for source, notes in grouped.items() if source in sources]


@dataclass
class Context:
    """Everything the templates show, already in plain words, in the order both reports print it."""

    date: str
    kb_version: str
    package_version: str
    answers: list[tuple[str, str]]
    stable: bool
    next_question: str | None
    summaries: list[Summary] = field(default_factory=list)
    near_tie: str | None = None
    plan: Way | None = None
    ranking: list[Ranked] = field(default_factory=list)
    picks: list[Pick] = field(default_factory=list)
    compare_names: list[str] = field(default_factory=list)
    compare_rows: list[tuple[str, list[CompareCell]]] = field(default_factory=list)
    compare_caveats: list[str] = field(default_factory=list)
    disputes: list[Dispute] = field(default_factory=list)
    agreeing: list[str] = field(default_factory=list)
    """Careers shown whose sources agree on every figure compared."""
    sources: list[SourceNotes] = field(default_factory=list)
    reproduce: list[str] = field(default_factory=list)
    """The command that reproduces the session, one argument (with its value) per item."""


def note_ranges(numbers: list[int]) -> str:
    """Note numbers as a reader scans them: [3, 4, 5, 9] -> '3–5, 9'."""
    runs: list[list[int]] = []
    for number in sorted(set(numbers)):
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return ", ".join(f"{run[0]}–{run[-1]}" if len(run) > 2 else ", ".join(map(str, run)) for run in runs)


def _evidence(rec: Recommendation) -> str:
    """'judged on 5 of 7 answers': how many of the student's answers the sources could judge for the career."""
    return rec.evidence if rec.answered else ""


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _listed(words: list[str]) -> str:
    words = list(dict.fromkeys(words))
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


SEE_DISPUTES = "“Where the sources disagree” lists every figure"


def reason_words(kb: KnowledgeBase, reason: Reason) -> str:
    """The reason's text, made shorter where the report says the same elsewhere.

    An inherited reason keeps its short label ('Said of medical records technicians in general: …') without the
    explanation, which the report gives once per career; a pay reason's list of every figure gives way to a
    pointer to the section that lists them.
    """
    from knowledge.inheritance import labelled

    text = reason.statement + (f" The sources disagree; {SEE_DISPUTES}." if reason.spread else "")
    return labelled(kb, reason.inherited_from, text) if reason.inherited_from else text


def _silent(reason: Reason) -> bool:
    """A reason that only says the sources cannot judge this answer for the career (nothing to quote)."""
    return reason.direction == "neutral" and (not reason.judged or not reason.citations)


def one_line_why(rec: Recommendation, short: dict[str, str]) -> str:
    """Why a career stands where it does, in one line: which answers it fits, which not, which are unknown."""
    fits = [short.get(r.question, r.question) for r in rec.reasons if r.direction == "for"]
    against = [short.get(r.question, r.question) for r in rec.reasons if r.direction == "against"]
    against += [short.get(q, q) for q in rec.mismatches]
    unknown = [short.get(r.question, r.question) for r in rec.reasons if _silent(r)]
    parts = []
    if fits:
        parts.append(f"Fits your answers on {_listed(fits)}")
    if against:
        parts.append(f"{'does not fit' if fits else 'Does not fit'} on {_listed(against)}")
    if unknown:
        parts.append(f"{'the sources' if parts else 'The sources'} say nothing on {_listed(unknown)}")
    if not parts:
        return "No answer so far separates it from the others."
    return "; ".join(parts) + "."


PLAN_STEPS = 6
"""Most steps the page-1 plan shows; the full route follows in the details."""


def plan_steps(steps: list[Step]) -> list[Step]:
    """The steps a student takes first: what to have, the usual training, the main credential, a first move up."""
    training = [s for s in steps if s.stage == "training" and (s.time or s.cost)]
    if not training:
        training = [s for s in steps if s.stage == "training"][:1]
    chosen = [s for s in steps if s.stage == "entry"] + training[:2]
    chosen += [s for s in steps if s.stage == "credential"][:1]
    chosen += [s for s in steps if s.stage == "advancement" and s.time][:1]
    return [s for s in steps if s in chosen][:PLAN_STEPS]


def step_time(step: Step, short: bool) -> str:
    """A step's length; `short` gives one span where the sources differ ('6–12 months, the sources differ')."""
    time = step.time or ""
    if short and ";" in time and step.months_min is not None and step.months_max is not None:
        span = f"{step.months_min}–{step.months_max}" if step.months_min != step.months_max else f"{step.months_min}"
        return f"{span} months, the sources differ"
    return time


def _pathway(kb: KnowledgeBase, career: str) -> list[Step]:
    """The 'how to get there' steps."""
    from rules.pathway import pathway

    return pathway(kb, career)


def left_out(kb: KnowledgeBase, career: str, steps: list[Step]) -> str:
    """What the sources leave out of the way into a career ('' when they cover training, credential and entry)."""
    from knowledge.wording import plural

    name = plural(kb.careers[career].name)
    if not steps:
        return (f"The sources do not describe the way into this career: they give {name} no training route, "
                "no licence or certification and no entry requirement. Ask a school or an employer.")
    stages = {s.stage for s in steps}
    gaps = [what for stage, what in (("training", "a training route"), ("credential", "a licence or certification"),
                                     ("entry", "what programs or employers ask for")) if stage not in stages]
    if "training" in stages:
        if not any(s.time for s in steps if s.stage == "training"):
            gaps.append("how long training takes")
        if not any(s.cost for s in steps if s.stage == "training"):
            gaps.append("what training costs")
    return f"The sources do not say {_listed(gaps)} for {name}." if gaps else ""


def _caveats(caveats: list[Caveat]) -> list[str]:
    """A career's caveats for the details: the lists of what the sources disagree on become one line pointing to
    the section that shows every version."""
    from rules.engine import PAY_DISPUTE

    topics = [c.disputed for c in caveats if c.disputed]
    kept = [c.text for c in caveats if not c.disputed]
    if topics:
        latest = " The most recent pay figure is used." if PAY_DISPUTE in topics else ""
        kept.insert(0, f"The sources disagree on {_listed(topics)}; {SEE_DISPUTES}.{latest}")
    return kept


def _versions(versions: list[tuple[FactBase, Citation]], notes: Notes) -> list[tuple[str, str, list[int]]]:
    """Each distinct value (with its year) once, with the notes of every source that gives it."""
    merged: dict[tuple[str, str], list[Citation]] = {}
    for fact, citation in versions:
        merged.setdefault((fact.summary(), str(fact.year or "undated")), []).append(citation)
    return [(value, year, notes.numbers(citations)) for (value, year), citations in merged.items()]


def command_parts(answers: Answers) -> list[str]:
    """`rules.answers.to_command` cut into arguments, each flag kept with its value (never split in print)."""
    from rules.answers import to_command

    head, *flags = to_command(answers).split(" --")
    return [head, *("--" + flag for flag in flags)]


def build_context(engine: Engine, answers: Answers, today: date | None = None) -> Context:
    """Gather the report's content for these answers; both templates render the same context."""
    from knowledge.inheritance import no_own_facts, relation_citations, said_of
    from knowledge.wording import plural
    from rules.compare import COMPARED, compare
    from rules.stability import planned

    kb, rulebook = engine.kb, engine.rulebook
    result = planned(engine, engine.recommend(answers))
    short = {q.id: q.short for q in rulebook.questions}
    following = result.next_question
    context = Context(
        date=(today or date.today()).isoformat(), kb_version=kb.version, package_version=package_version(),
        answers=[(_capital(rulebook.question(q).short), rulebook.question(q).label(v))
                 for q, v in result.answers.items()],
        stable=result.stable,
        next_question=rulebook.question(following).text if following else None,
        ranking=[Ranked(r.rank, r.name, r.score, _evidence(r), [short.get(m, m) for m in r.mismatches])
                 for r in result.recommendations],
        reproduce=command_parts(result.answers),
    )
    top = result.recommendations[:COMPARED] if result.answers else []
    careers = [rec.career for rec in top]
    routes = {career: _pathway(kb, career) for career in careers}
    comparison = compare(kb, careers, inherit=False) if careers else None  # inherited figures: in the reasons
    disputes = [d for d in kb.disagreements if d.career in careers]
    disputes.sort(key=lambda d: careers.index(d.career))
    disputed = [(d, [(kb.fact(d.career, f), kb.citation(d.career, kb.fact(d.career, f))) for f in d.facts])
                for d in disputes]

    notes = Notes(list(kb.sources))
    for rec in top:
        notes.add([c for reason in rec.reasons for c in reason.citations])
        notes.add([c for step in routes[rec.career] for c in step.citations])
    for row in comparison.rows if comparison else []:
        notes.add([c for cell in row.cells for c in cell.citations])
    notes.add([citation for _, versions in disputed for _, citation in versions])
    notes.close()

    # A specialisation's reasons and steps taken from a parent the report has already shown in full (ranked
    # above it) are named in one line instead of being printed again.
    above = {rec.career: {other.career for other in top if other.rank < rec.rank} for rec in top}

    def relation(career: str) -> list[int]:
        return notes.numbers(relation_citations(kb, career))

    def way(career: str, steps: list[Step], short: bool = False) -> Way:
        shown = [s for s in steps if s.inherited_from not in above.get(career, ())]
        again = [s for s in steps if s not in shown]
        shared = (f"As for {plural(kb.careers[again[0].inherited_from].name)} above (the sources give these "
                  f"steps for them, not for {plural(kb.careers[career].name)} themselves): "
                  f"{_listed([s.title for s in again])}.") if again else ""
        return Way(kb.careers[career].name, shown, [notes.numbers(s.citations) for s in shown],
                   left_out(kb, career, routes[career]), [step_time(s, short) for s in shown], shared,
                   relation(career) if again else [])

    def repeated(rec: Recommendation, reason: Reason) -> bool:
        return reason.inherited_from in above[rec.career]

    def cited(rec: Recommendation, direction: str) -> list[CitedReason]:
        return [CitedReason(reason_words(kb, r), r.citations[0] if r.citations else None,
                            notes.numbers(r.citations))
                for r in rec.reasons if r.direction == direction and not _silent(r) and not repeated(rec, r)]

    def inherited(rec: Recommendation) -> str:
        parents = {r.inherited_from for r in rec.reasons if r.inherited_from and not repeated(rec, r)}
        return "; ".join(f"Reasons that start “{said_of(kb, parent, start=True)}” use the facts of "
                         f"{plural(kb.careers[parent].name)}: {no_own_facts(kb, rec.career, 'those topics')}."
                         for parent in sorted(parents))

    def shared(rec: Recommendation) -> str:
        again = [r for r in rec.reasons if repeated(rec, r) and not _silent(r)]
        if not again:
            return ""
        topics = _listed([short.get(r.question, r.question) for r in again])
        return (f"{_capital(no_own_facts(kb, rec.career, topics))}: those answers are judged as for "
                f"{plural(kb.careers[again[0].inherited_from].name)} above, from the same quotes.")

    def silent(rec: Recommendation) -> str:
        topics = [short.get(r.question, r.question) for r in rec.reasons if _silent(r)]
        return f"No source speaks to your answers on {_listed(topics)} for this career." if topics else ""

    context.summaries = [Summary(r.rank, r.name, r.score, _evidence(r), one_line_why(r, short)) for r in top]
    context.near_tie = result.near_tie.sentence if result.near_tie else None
    if top:
        context.plan = way(top[0].career, plan_steps(routes[top[0].career]), short=True)
    context.picks = [Pick(rank=r.rank, name=r.name, score=r.score, evidence=_evidence(r),
                          mismatches=[short.get(m, m) for m in r.mismatches], reasons_for=cited(r, "for"),
                          reasons_against=cited(r, "against"), reasons_neutral=cited(r, "neutral"),
                          caveats=_caveats(r.caveats), way=way(r.career, routes[r.career]),
                          silent=silent(r), inherited=inherited(r), shared=shared(r),
                          shared_notes=relation(r.career) if shared(r) else [])
                     for r in top]
    if comparison:
        context.compare_names = list(comparison.names)
        context.compare_rows = [(row.label, [CompareCell(cell.text, notes.numbers(cell.citations))
                                             for cell in row.cells]) for row in comparison.rows]
        context.compare_caveats = list(comparison.caveats)
    context.disputes = [Dispute(kb.careers[d.career].name, dispute_topic(d.topic), _versions(versions, notes))
                        for d, versions in disputed]
    context.agreeing = [kb.careers[c].name for c in careers if c not in {d.career for d in disputes}]
    context.sources = notes.by_source(kb.sources)
    return context


class ReportError(Exception):
    """The report cannot be made (its template is missing or broken); the message says what to do."""


@cache
def _environment(fmt: Format) -> Environment:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    environment = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=fmt == "html",
                              undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                              keep_trailing_newline=True)
    environment.filters["md"] = md_escape
    environment.filters["quote"] = shown_quote
    environment.filters["notes"] = note_ranges
    return environment


def render_report(engine: Engine, answers: Answers, fmt: Format, today: date | None = None) -> str:
    """The report for these answers as Markdown ("md") or one self-contained HTML page ("html")."""
    if fmt not in ("md", "html"):
        raise ValueError(f"unknown report format '{fmt}' (accepted: md, html)")
    from jinja2 import TemplateError, TemplateNotFound

    context = build_context(engine, answers, today)
    name = f"report.{fmt}.j2"
    try:
        text = _environment(fmt).get_template(name).render(report=context)
    except TemplateNotFound:
        raise ReportError(f"the report template {name} is missing from {TEMPLATES}; "
                          "reinstall career-quiz to restore it") from None
    except TemplateError as error:
        raise ReportError(f"the report template {name} is broken ({error}); "
                          "reinstall career-quiz to restore it") from None
    if fmt == "md":
        text = _BLANK_RUNS.sub("\n\n", text)
    return text.rstrip() + "\n"
