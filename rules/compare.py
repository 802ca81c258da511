"""Careers side by side: training, cost, patient contact, exams, pay with year, outlook, schedule, screen time.

Every cell is built from cited facts and keeps them, so a screen or report can show the quote on demand.
When pay figures of the compared careers are more than three years apart, the comparison says so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from knowledge.base import KnowledgeBase
from knowledge.inheritance import inherited_facts, labelled, relation_citations
from knowledge.models import Citation, FactBase, PayFact, TrainingFact
from rules.engine import _medians

PAY_YEARS_APART = 3
COMPARED = 3
"""How many careers go side by side: the best ones for the answers (the results' `c`, Ctrl+O, 'compare
them', the report, the chat's result reply) or the first ones a student names."""


@dataclass(frozen=True, slots=True)
class Cell:
    """One career's entry for one row; `inherited_from` names the parent career when the facts are its."""

    text: str
    citations: list[Citation] = field(default_factory=list)
    inherited_from: str | None = None


@dataclass(frozen=True, slots=True)
class Row:
    label: str
    cells: list[Cell]


@dataclass(frozen=True, slots=True)
class Comparison:
    careers: list[str]
    names: list[str]
    rows: list[Row]
    caveats: list[str] = field(default_factory=list)


def _cell(kb: KnowledgeBase, career: str, facts: list[FactBase], text: str | None = None,
          parent: str | None = None) -> Cell:
    """A cell from cited facts; facts of the parent career are labelled as said of it, with its quotes and
    the sentence that says the career specialises it — never shown as the career's own."""
    if not facts:
        return Cell(text="not stated in the sources")
    shown = text if text is not None else "; ".join(dict.fromkeys(f.summary() for f in facts))
    citations = [kb.citation(parent or career, f) for f in facts]
    if parent is not None:
        shown = labelled(kb, parent, shown)
        citations += relation_citations(kb, career)
    return Cell(text=shown, citations=citations, inherited_from=parent)


def _training(kb: KnowledgeBase, career: str) -> Cell:
    """One entry per route, with every length the sources give for it (they sometimes differ)."""
    facts, parent = inherited_facts(kb, career, "training")
    routes = [f for f in facts if isinstance(f, TrainingFact)]
    by_route: dict[str, list[str]] = {}
    for fact in routes:
        lengths = by_route.setdefault(fact.route.replace("_", " "), [])
        low, high = fact.months_min, fact.months_max
        if low is not None or high is not None:
            span = f"{low}–{high} months" if low is not None and high is not None and low != high \
                else f"{low if low is not None else high}+ months" if high is None else f"{high} months"
            if span not in lengths:
                lengths.append(span)
    text = "; ".join(f"{route} ({' or '.join(lengths)})" if lengths else route for route, lengths in by_route.items())
    return _cell(kb, career, routes, text or None, parent)


def _cost(kb: KnowledgeBase, career: str) -> Cell:
    facts, parent = inherited_facts(kb, career, "training")
    priced = [f for f in facts if isinstance(f, TrainingFact) and f.cost_min is not None]
    text = "; ".join(f"{f.route.replace('_', ' ')} ${f.cost_min:,}–${f.cost_max or f.cost_min:,}" for f in priced)
    return _cell(kb, career, priced, text or None, parent if priced else None)


def _latest(kb: KnowledgeBase, career: str) -> tuple[list[PayFact], str | None]:
    facts, parent = inherited_facts(kb, career, "pay")
    medians = _medians(facts)
    return medians, (parent if medians else None)


def _pay(kb: KnowledgeBase, career: str) -> Cell:
    medians, parent = _latest(kb, career)
    if not medians:
        return _cell(kb, career, [])
    text = f"${medians[0].amount:,} median ({medians[0].year or 'undated'})"
    if len({m.amount for m in medians}) > 1:
        low, high = min(m.amount for m in medians), max(m.amount for m in medians)
        text += f"; sources range ${low:,}–${high:,}"
    return _cell(kb, career, list(medians), text, parent)


def _kind(kind: str) -> Callable[[KnowledgeBase, str], Cell]:
    def build(kb: KnowledgeBase, career: str) -> Cell:
        facts, parent = inherited_facts(kb, career, kind)
        return _cell(kb, career, facts, parent=parent)

    return build


def _outlook(kb: KnowledgeBase, career: str) -> Cell:
    growth, parent = inherited_facts(kb, career, "growth")
    openings, openings_parent = inherited_facts(kb, career, "openings")
    if parent is not None and openings_parent is None and openings:
        return _cell(kb, career, openings)  # the career's own figures first; never mix owners in one cell
    if parent != openings_parent and growth and openings:
        return _cell(kb, career, growth, parent=parent)
    return _cell(kb, career, growth + openings, parent=parent if growth else openings_parent)


ROWS: list[tuple[str, Callable[[KnowledgeBase, str], Cell]]] = [
    ("Training", _training),
    ("Cost", _cost),
    ("Patient contact", _kind("patient_contact")),
    ("Exams and credentials", _kind("credential")),
    ("Median pay (year)", _pay),
    ("Outlook", _outlook),
    ("Schedule", _kind("schedule")),
    ("Screen time", _kind("computer_time")),
]


def compare(kb: KnowledgeBase, careers: list[str], inherit: bool = True) -> Comparison:
    """The comparison table for these careers (ids), in the order given. With `inherit` off, a specialisation's
    cells show only its own facts (for a printout short of room; its inherited figures are labelled elsewhere)."""
    rows = [Row(label=label, cells=[build(kb, c) for c in careers]) for label, build in ROWS]
    if not inherit:
        rows = [Row(row.label, [cell if cell.inherited_from is None else _cell(kb, c, [])
                                for c, cell in zip(careers, row.cells)]) for row in rows]
    caveats = []
    latest = {c: found for c in careers if (found := _latest(kb, c))[0] and (inherit or found[1] is None)}
    figures = {c: medians[0] for c, (medians, _) in latest.items()}
    years = [m.year for m in figures.values() if m.year]
    if len(years) >= 2 and max(years) - min(years) > PAY_YEARS_APART:
        caveats.append(f"Pay figures are from different years ({min(years)}–{max(years)}); "
                       "wages change over time, so compare them with care.")
    undated = [kb.careers[c].name for c, m in figures.items() if m.year is None]
    if undated:
        caveats.append("Undated pay figure for: " + ", ".join(undated) + ".")
    inherited = [kb.careers[c].name for c, (_, parent) in latest.items() if parent is not None]
    if inherited:
        caveats.append("No pay figure of their own for: " + ", ".join(inherited) + "; the figure shown is the "
                       "one the sources give for the career they specialise.")
    missing = [kb.careers[c].name for c in careers if c not in latest]
    if missing:
        caveats.append("The sources give no pay figure for: " + ", ".join(missing) + ".")
    return Comparison(careers=careers, names=[kb.careers[c].name for c in careers], rows=rows, caveats=caveats)
