"""What the results, the comparison, the advisor's trace and the report show, as plain data for any front end.

The conversation builds these (`Conversation.results()`, `.comparison()`, `.trace()`, `.report()`); the
Textual screens, browser mode and `chat --plain` only lay them out. Everything a screen used to work out from
the engine — which answers a career does not fit and in whose words, which pay figures to list, which caveats
the pay lines already say, which careers get a way in and which are compared — is decided here, so no front
end reads the dialogue, the engine or a caption's wording. Frozen dataclasses; the knowledge base rides along
only as the library a citation opens its source in.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from knowledge.base import KnowledgeBase
    from knowledge.models import Citation
    from rules.compare import Comparison
    from rules.engine import Engine
    from rules.models import AnswerValue, Recommendation, Result
    from rules.pathway import Step
    from rules.personas import Persona


@dataclass(frozen=True, slots=True)
class Misfit:
    """An answer a career does not fit: the question as asked (and its short name), and the student's answer in
    the question's own words."""

    question: str
    short: str
    said: str | None


@dataclass(frozen=True, slots=True)
class PayFigure:
    """One headline median pay figure with its year (None: the source gives none) and its citation."""

    amount: int
    approximate: bool
    year: int | None
    citation: Citation


@dataclass(frozen=True, slots=True)
class CareerCard:
    """One career on the results: its recommendation (rank, score, evidence, reasons) and what goes with it."""

    rec: Recommendation
    misfits: tuple[Misfit, ...]
    pay: tuple[PayFigure, ...]
    """The career's headline median: every figure, lowest first, when the sources disagree; else the latest."""
    pay_disputed: bool
    caveats: tuple[str, ...]
    """The recommendation's caveats (their text), without the one the pay lines already say (the figures that
    disagree)."""
    pathway: tuple[Step, ...] | None
    """The cited steps into the career, for the best careers only (None: not shown; empty: the sources don't
    describe the way in)."""


@dataclass(frozen=True, slots=True)
class ResultsView:
    """Every career, best first, for the answers so far."""

    cards: tuple[CareerCard, ...]
    answered: int
    stable: bool
    """More answers can no longer change the top pick."""
    near_tie: str | None
    """The engine's sentence about a near tie at the top, if there is one."""
    compared: tuple[str, ...]
    """The careers (ids) a comparison from here shows: the best `rules.compare.COMPARED`."""
    kb: KnowledgeBase
    """Where a citation opens its source."""


@dataclass(frozen=True, slots=True)
class CompareView:
    """Careers side by side, and every career a student may choose to compare instead."""

    comparison: Comparison
    choices: tuple[tuple[str, str], ...]
    """(career id, name) of every career, in the knowledge base's order."""
    kb: KnowledgeBase


@dataclass(frozen=True, slots=True)
class TraceRow:
    """One rule's effect on one career, in the words the advisor's trace shows."""

    rule: str
    question: str
    """The question's short name, e.g. 'pay'."""
    answer: str
    """The student's answer as a person would say it."""
    direction: str
    """'for', 'against' or 'neutral'."""
    points: float


@dataclass(frozen=True, slots=True)
class Trace:
    """The rules that fired for one career on the answers so far (the advisor's panel)."""

    rec: Recommendation
    rows: tuple[TraceRow, ...]


@dataclass(frozen=True, slots=True)
class Standing:
    """Where the student stands after a turn: the live ranking beside the chat."""

    result: Result
    answered: int


@dataclass(frozen=True, slots=True)
class DemoStudent:
    """A demo student the advisor can replay, with the name of the career their answers should put first."""

    persona: Persona
    expected: str


@dataclass(frozen=True, slots=True)
class ReportInput:
    """What a printed report of this conversation is made from (`tui.report.render_report` lays it out)."""

    engine: Engine
    answers: Mapping[str, AnswerValue]


def results_view(engine: Engine, result: Result) -> ResultsView:
    """The results screen's content for a result of `engine` (see `rules.dialogue.Dialogue.result`)."""
    from rules.compare import COMPARED

    cards = tuple(_card(engine, result, rec, with_pathway=rec.rank <= COMPARED) for rec in result.recommendations)
    return ResultsView(cards=cards, answered=len(result.answers), stable=result.stable,
                       near_tie=result.near_tie.sentence if result.near_tie is not None else None,
                       compared=tuple(rec.career for rec in result.recommendations[:COMPARED]), kb=engine.kb)


def _card(engine: Engine, result: Result, rec: Recommendation, with_pathway: bool) -> CareerCard:
    from rules.engine import PAY_DISPUTE, headline_medians
    from rules.pathway import pathway

    kb, rulebook = engine.kb, engine.rulebook
    misfits = []
    for question_id in rec.mismatches:
        question = rulebook.question(question_id)
        answer = result.answers.get(question_id)
        misfits.append(Misfit(question.text, question.short, question.label(answer) if answer is not None else None))
    medians = headline_medians(kb, rec.career)
    disputed = len({m.amount for m in medians}) > 1
    shown = sorted(medians, key=lambda m: m.amount) if disputed else medians[:1]
    pay = tuple(PayFigure(m.amount, m.approximate, m.year, kb.citation(rec.career, m)) for m in shown)
    caveats = tuple(c.text for c in rec.caveats if c.disputed != PAY_DISPUTE)
    return CareerCard(rec=rec, misfits=tuple(misfits), pay=pay, pay_disputed=disputed, caveats=caveats,
                      pathway=tuple(pathway(kb, rec.career)) if with_pathway else None)


def compare_view(kb: KnowledgeBase, careers: Sequence[str]) -> CompareView:
    """The given careers side by side (unknown ids dropped; none known: the first `COMPARED` careers)."""
    from rules.compare import COMPARED, compare

    known = [c for c in careers if c in kb.careers] or list(kb.careers)[:COMPARED]
    return CompareView(comparison=compare(kb, known),
                       choices=tuple((career_id, career.name) for career_id, career in kb.careers.items()), kb=kb)


def trace(engine: Engine, rec: Recommendation, answers: Mapping[str, AnswerValue]) -> Trace:
    """Every rule that fired for the recommendation's career on these answers, in question order."""
    rows = []
    for reason in engine.reasons(rec.career, dict(answers)):
        question = engine.rulebook.question(reason.question)
        rows.append(TraceRow(reason.rule, question.short, question.label(answers[reason.question]),
                             reason.direction, reason.points))
    return Trace(rec, tuple(rows))
