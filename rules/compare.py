"""Careers side by side: training, cost, patient contact, exams, pay with year, outlook, schedule, screen time.

Every cell is built from cited facts and keeps them, so a screen or report can show the quote on demand.
When pay figures of the compared careers are more than three years apart, the comparison says so.
"""

from __future__ import annotations

from collections.abc import Callable

from knowledge.loader import KnowledgeBase
from knowledge.models import Citation, FactBase, PayFact, TrainingFact
from rules.engine import headline_medians
from rules.models import Strict

PAY_YEARS_APART = 3


class Cell(Strict):
    text: str
    citations: list[Citation] = []


class Row(Strict):
    label: str
    cells: list[Cell]


class Comparison(Strict):
    careers: list[str]
    names: list[str]
    rows: list[Row]
    caveats: list[str] = []


def _cell(kb: KnowledgeBase, career: str, facts: list[FactBase], text: str | None = None) -> Cell:
    if not facts:
        return Cell(text="not stated in the sources")
    shown = text if text is not None else "; ".join(dict.fromkeys(f.summary() for f in facts))
    return Cell(text=shown, citations=[kb.citation(career, f) for f in facts])


def _training(kb: KnowledgeBase, career: str) -> Cell:
    """One entry per route, with every length the sources give for it (they sometimes differ)."""
    routes = [f for f in kb.facts(career, "training") if isinstance(f, TrainingFact)]
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
    return _cell(kb, career, routes, text or None)


def _cost(kb: KnowledgeBase, career: str) -> Cell:
    priced = [f for f in kb.facts(career, "training") if isinstance(f, TrainingFact) and f.cost_min is not None]
    text = "; ".join(f"{f.route.replace('_', ' ')} ${f.cost_min:,}–${f.cost_max or f.cost_min:,}" for f in priced)
    return _cell(kb, career, priced, text or None)


def _pay(kb: KnowledgeBase, career: str) -> Cell:
    medians = headline_medians(kb, career)
    if not medians:
        return _cell(kb, career, [])
    text = f"${medians[0].amount:,} median ({medians[0].year or 'undated'})"
    if len({m.amount for m in medians}) > 1:
        low, high = min(m.amount for m in medians), max(m.amount for m in medians)
        text += f"; sources range ${low:,}–${high:,}"
    return _cell(kb, career, list(medians), text)


def _kind(kind: str) -> Callable[[KnowledgeBase, str], Cell]:
    return lambda kb, career: _cell(kb, career, kb.facts(career, kind))


def _outlook(kb: KnowledgeBase, career: str) -> Cell:
    return _cell(kb, career, kb.facts(career, "growth") + kb.facts(career, "openings"))


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


def compare(kb: KnowledgeBase, careers: list[str]) -> Comparison:
    """The comparison table for these careers (ids), in the order given."""
    rows = [Row(label=label, cells=[build(kb, c) for c in careers]) for label, build in ROWS]
    caveats = []
    latest = {c: headline_medians(kb, c)[0] for c in careers if headline_medians(kb, c)}
    years = [m.year for m in latest.values() if isinstance(m, PayFact) and m.year]
    if len(years) >= 2 and max(years) - min(years) > PAY_YEARS_APART:
        caveats.append(f"Pay figures are from different years ({min(years)}–{max(years)}); "
                       "wages change over time, so compare them with care.")
    undated = [kb.careers[c].name for c, m in latest.items() if m.year is None]
    if undated:
        caveats.append("Undated pay figure for: " + ", ".join(undated) + ".")
    missing = [kb.careers[c].name for c in careers if c not in latest]
    if missing:
        caveats.append("The sources give no pay figure for: " + ", ".join(missing) + ".")
    return Comparison(careers=careers, names=[kb.careers[c].name for c in careers], rows=rows, caveats=caveats)
