"""The advisor's report: one session's answers, recommendation, reasons and quotes, as Markdown or HTML.

Everything shown comes from the engine and the knowledge base, each claim with its citation, so a report can
be read without the app and checked against the sources. The report ends with the command that reproduces
the session. No Textual here: `career-quiz report` and the app both call `render_report`.

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

if TYPE_CHECKING:
    from jinja2 import Environment

    from knowledge.models import Citation, Source
    from rules.engine import Engine
    from rules.models import Answers, Reason
    from rules.pathway import Step

Format = Literal["md", "html"]
FORMATS: dict[str, Format] = {".md": "md", ".html": "html"}
"""File extensions `career-quiz report -o` accepts, and the format each one means."""
TOP = 3
"""How many careers the report explains in full (and compares side by side)."""
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
    """A reason in plain words with its citations, each quote once."""

    text: str
    citations: list[Citation]


@dataclass(frozen=True)
class Pick:
    """One of the top careers, with its reasons sorted by direction."""

    rank: int
    name: str
    score: int
    mismatches: list[str]
    reasons_for: list[CitedReason]
    reasons_against: list[CitedReason]
    reasons_neutral: list[CitedReason]
    caveats: list[str]


@dataclass(frozen=True)
class CompareCell:
    text: str
    notes: list[int]
    """Numbers of the comparison notes (citations) that back this cell."""


@dataclass
class Context:
    """Everything the templates show, already in plain words."""

    date: str
    kb_version: str
    package_version: str
    answers: list[tuple[str, str]]
    ranking: list[tuple[int, str, int, list[str]]]
    picks: list[Pick]
    stable: bool
    next_question: str | None
    pathway_for: str | None = None
    pathway: list[Step] = field(default_factory=list)
    compare_names: list[str] = field(default_factory=list)
    compare_rows: list[tuple[str, list[CompareCell]]] = field(default_factory=list)
    compare_notes: list[Citation] = field(default_factory=list)
    compare_caveats: list[str] = field(default_factory=list)
    disagreements: list[tuple[str, str, list[tuple[str, str, str, int]]]] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    reproduce: str = ""


def _unique(citations: list[Citation]) -> list[Citation]:
    """Citations in order, each once (a rule may cite the same quote twice)."""
    return list({(c.source, c.line, c.quote): c for c in citations}.values())


def _cited(reasons: list[Reason], direction: str) -> list[CitedReason]:
    return [CitedReason(r.text, _unique(r.citations)) for r in reasons if r.direction == direction]


def _pathway(engine: Engine, career: str) -> list[Step]:
    """The 'how to get there' steps, when rules.pathway is available."""
    try:
        from rules.pathway import pathway
    except ImportError:
        return []
    return pathway(engine.kb, career)


def build_context(engine: Engine, answers: Answers, today: date | None = None) -> Context:
    """Gather the report's content for these answers; both templates render the same context."""
    from rules.answers import to_command
    from rules.compare import compare
    from rules.stability import planned

    kb, rulebook = engine.kb, engine.rulebook
    result = planned(engine, engine.recommend(answers))
    short = {q.id: q.short for q in rulebook.questions}
    shown = [(rulebook.question(q).text, rulebook.question(q).label(v)) for q, v in result.answers.items()]
    top = result.recommendations[:TOP]
    picks = [Pick(rank=r.rank, name=r.name, score=r.score, mismatches=[short.get(m, m) for m in r.mismatches],
                  reasons_for=_cited(r.reasons, "for"), reasons_against=_cited(r.reasons, "against"),
                  reasons_neutral=_cited(r.reasons, "neutral"), caveats=list(r.caveats)) for r in top]
    context = Context(
        date=(today or date.today()).isoformat(), kb_version=kb.version, package_version=package_version(),
        answers=shown, picks=picks, stable=result.stable,
        ranking=[(r.rank, r.name, r.score, [short.get(m, m) for m in r.mismatches]) for r in result.recommendations],
        next_question=rulebook.question(result.next_question).text if result.next_question else None,
        reproduce=to_command(result.answers),
    )
    if top:
        context.pathway_for = top[0].name
        context.pathway = _pathway(engine, top[0].career)
        comparison = compare(kb, [r.career for r in top])
        notes: dict[tuple[str, int, str], int] = {}
        for row in comparison.rows:
            cells = []
            for cell in row.cells:
                numbers = []
                for citation in _unique(cell.citations):
                    key = (citation.source, citation.line, citation.quote)
                    if key not in notes:
                        notes[key] = len(notes) + 1
                        context.compare_notes.append(citation)
                    numbers.append(notes[key])
                cells.append(CompareCell(cell.text, numbers))
            context.compare_rows.append((row.label, cells))
        context.compare_names = list(comparison.names)
        context.compare_caveats = list(comparison.caveats)
    for disagreement in kb.disagreements:
        items = []
        for fact_id in disagreement.facts:
            fact = kb.fact(disagreement.career, fact_id)
            citation = kb.citation(disagreement.career, fact)
            items.append((fact.summary(), str(fact.year or "undated"), citation.title, citation.line))
        context.disagreements.append((kb.careers[disagreement.career].name, disagreement.topic, items))
    context.sources = list(kb.sources.values())
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
