"""How to get there: the steps the sources give into a career, in the order a student meets them.

Built only from a career's cited facts (entry requirements, training routes, credentials, experience and
advancement), so every step carries its quotes. Where sources give different lengths or costs for the same
route, the step keeps every figure with its source instead of choosing one. No Textual here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Literal

from knowledge.base import KnowledgeBase
from knowledge.inheritance import inherited_facts, labelled, relation_citations
from knowledge.models import (CREDENTIAL_STATUS_WORDS, REQUIREMENT_WORDS, Citation, CredentialFact, FactBase,
                              LinkFact, RequirementFact, TrainingFact)

Stage = Literal["entry", "training", "credential", "experience", "advancement"]
STAGES: tuple[Stage, ...] = ("entry", "training", "credential", "experience", "advancement")

ROUTE_TITLES: dict[str, str] = {
    "high_school": "High school diploma and experience",
    "certificate": "Certificate program",
    "associate": "Associate degree",
    "bachelor": "Bachelor's degree",
    "master": "Master's degree",
    "licence_program": "Licence program",
    "on_the_job": "On-the-job training",
    "bootcamp": "Bootcamp or online program",
}
STATUS_ORDER = tuple(CREDENTIAL_STATUS_WORDS)
"""Credential statuses strictest first: the order knowledge.models lists them in."""
REQUIRED = {"required", "often_required", "required_some"}
"""Statuses that say some or all employers or states require the credential."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Step:
    """One step on the way into a career, with time and cost where the sources state them."""

    stage: Stage
    title: str
    detail: str
    """Plain words (never markup): what the step involves, as the cited facts say it."""
    time: str | None = None
    """Length as the sources state it, e.g. '9–12 months' or '9–12 months (one source); 12 months (another)'."""
    cost: str | None = None
    months_min: int | None = None
    months_max: int | None = None
    cost_min: int | None = None
    cost_max: int | None = None
    citations: list[Citation]
    inherited_from: str | None = None
    """The parent career whose step this is, when the career has no facts of its own of that kind (the detail
    then starts 'Said of …')."""


def _span(low: int | None, high: int | None, unit: str = "") -> str:
    if low is not None and high is not None and low != high:
        return f"{low}–{high}{unit}"
    return f"{high if high is not None else low}{unit}"


def _money(low: int | None, high: int | None) -> str:
    if low is not None and high is not None and low != high:
        return f"${low:,}–${high:,}"
    value = high if high is not None else low
    return f"${value:,}"


def _join(words: Iterable[str]) -> str:
    items = list(dict.fromkeys(words))
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _figures(kb: KnowledgeBase, facts: list[TrainingFact], months: bool) -> tuple[str | None, list[int]]:
    """The distinct lengths (or costs) stated for one route, each with its source when they differ."""
    stated: dict[str, list[str]] = {}
    bounds: list[int] = []
    for fact in facts:
        low, high = (fact.months_min, fact.months_max) if months else (fact.cost_min, fact.cost_max)
        if low is None and high is None:
            continue
        bounds += [v for v in (low, high) if v is not None]
        text = _span(low, high, " months") if months else _money(low, high)
        stated.setdefault(text, [])
        title = kb.sources[fact.source].title
        if title not in stated[text]:
            stated[text].append(title)
    if not stated:
        return None, []
    if len(stated) == 1:
        return next(iter(stated)), bounds
    return "; ".join(f"{text} ({', '.join(titles)})" for text, titles in stated.items()), bounds


def _cite(kb: KnowledgeBase, career: str, facts: Iterable[FactBase]) -> list[Citation]:
    found: list[Citation] = []
    for fact in facts:
        citation = kb.citation(career, fact)
        if citation not in found:
            found.append(citation)
    return found


def _entry(kb: KnowledgeBase, career: str) -> list[Step]:
    requirements = [f for f in kb.facts(career, "requirement") if isinstance(f, RequirementFact)]
    steps = []
    program = [f for f in requirements if f.stage == "program" and f.item != "internship"]
    if program:
        steps.append(Step(stage="entry", title="Before you enrol",
                          detail="Programs may ask for " + _join(REQUIREMENT_WORDS[f.item] for f in program) + ".",
                          citations=_cite(kb, career, program)))
    hiring = [f for f in requirements if f.stage != "program" and f.item in {"high_school_diploma",
                                                                             "postsecondary_education"}]
    if hiring:
        steps.append(Step(stage="entry", title="What employers ask for",
                          detail="Jobs ask for " + _join(REQUIREMENT_WORDS[f.item] for f in hiring) + ".",
                          citations=_cite(kb, career, hiring)))
    return steps


def _training(kb: KnowledgeBase, career: str) -> list[Step]:
    routes: dict[str, list[TrainingFact]] = {}
    for fact in kb.facts(career, "training"):
        if isinstance(fact, TrainingFact):
            routes.setdefault(fact.route, []).append(fact)
    ranked: list[tuple[tuple[bool, bool, int, int], Step]] = []
    order = list(ROUTE_TITLES)
    for route, facts in routes.items():
        time, months = _figures(kb, facts, months=True)
        cost, money = _figures(kb, facts, months=False)
        usual = any(f.typical for f in facts)
        detail = "A usual route in." if usual else "A less usual route in."
        missing = [what for what, value in (("length", time), ("cost", cost)) if value is None]
        if missing:
            detail += f" The sources give no {' or '.join(missing)} for it."
        if time and ";" in time:
            detail += " The sources give different lengths; each is shown with its source."
        # Quotes that state a length or a cost come first: they are the ones the step's figures rest on.
        stated = sorted(facts, key=lambda f: (f.cost_min is None, f.months_min is None and f.months_max is None))
        step = Step(stage="training", title=ROUTE_TITLES.get(route, route.replace("_", " ").capitalize()),
                    detail=detail, time=time, cost=cost,
                    months_min=min(months) if months else None, months_max=max(months) if months else None,
                    cost_min=min(money) if money else None, cost_max=max(money) if money else None,
                    citations=_cite(kb, career, stated))
        key = (not usual, not months, min(months) if months else 0,
               order.index(route) if route in order else len(order))
        ranked.append((key, step))
    steps = [step for _, step in sorted(ranked, key=lambda pair: pair[0])]
    return steps + _requirement(kb, career, "internship", "training", "Internship or externship",
                                "Programs may include hands-on work in a workplace.")


def _credentials(kb: KnowledgeBase, career: str) -> list[Step]:
    groups: dict[str, list[CredentialFact]] = {}
    for fact in kb.facts(career, "credential"):
        if isinstance(fact, CredentialFact):
            groups.setdefault(fact.abbreviation or fact.name, []).append(fact)
    ranked: list[tuple[tuple[bool, bool], Step]] = []
    optional: list[CredentialFact] = []
    for facts in groups.values():
        statuses = sorted({f.status for f in facts}, key=STATUS_ORDER.index)
        if set(statuses) <= {"optional", "in_postings"}:
            optional += facts
            continue
        first = facts[0]
        full = f"{first.name} ({first.abbreviation})" if first.abbreviation else first.name
        label = first.abbreviation or first.name
        kind = "Licence" if "licen" in first.name.lower() else "Certification"
        title = label if any(w in label.lower() for w in ("certif", "licen")) else f"{kind}: {label}"
        status = "; ".join(CREDENTIAL_STATUS_WORDS[s] for s in statuses)
        status += " (the sources differ)" if len(statuses) > 1 else ""
        detail = f"{full}: {status}" if full != title else status[0].upper() + status[1:]
        if any(f.exam for f in facts):
            detail += "; earning it means passing an exam"
        named = [f.body for f in facts if f.body]
        bodies = _join(b for b in named if not any(o != b and o.startswith(b) for o in named))
        detail += f"; offered by {bodies}." if bodies else "."
        # Exam-based credentials first, then those some or all employers require.
        key = (not any(f.exam for f in facts), not set(statuses) & REQUIRED)
        ranked.append((key, Step(stage="credential", title=title, detail=detail,
                                 citations=_cite(kb, career, facts))))
    steps = [step for _, step in sorted(ranked, key=lambda pair: pair[0])]
    if optional:
        names = _join(f.abbreviation or f.name for f in optional)
        exam = " Some of them mean passing an exam." if any(f.exam for f in optional) else ""
        steps.append(Step(stage="credential", title="Optional certifications",
                          detail=f"Optional extras the sources name: {names}.{exam}",
                          citations=_cite(kb, career, optional)))
    return steps + _requirement(kb, career, "continuing_education", "credential", "Keep it current",
                                "Certified workers renew their certification and take continuing education.")


def _requirement(kb: KnowledgeBase, career: str, item: str, stage: Stage, title: str, detail: str) -> list[Step]:
    """One step for a requirement the sources name (an internship, continuing education, work experience),
    citing every fact that names it; none when they don't."""
    facts = [f for f in kb.facts(career, "requirement") if isinstance(f, RequirementFact) and f.item == item]
    return [Step(stage=stage, title=title, detail=detail, citations=_cite(kb, career, facts))] if facts else []


def _experience(kb: KnowledgeBase, career: str) -> list[Step]:
    return _requirement(kb, career, "experience", "experience", "Work experience",
                        "Some jobs and certifications ask for work experience first.")


def _advancement(kb: KnowledgeBase, career: str) -> list[Step]:
    links = [f for f in kb.facts(career, "advancement") if isinstance(f, LinkFact)]
    ladder = sorted((f for f in links if f.years_min is not None), key=lambda f: f.years_min or 0)
    steps = []
    for fact in ladder:
        years = _span(fact.years_min, fact.years_max) if fact.years_max else f"{fact.years_min}+"
        steps.append(Step(stage="advancement", title=fact.title,
                          detail=f"{fact.title} after {years} years of experience"
                                 + (f" (needs {fact.requires})." if fact.requires else "."),
                          time=f"after {years} years",
                          months_min=fact.years_min * 12 if fact.years_min is not None else None,
                          months_max=fact.years_max * 12 if fact.years_max is not None else None,
                          citations=_cite(kb, career, [fact])))
    others = [f for f in links if f.years_min is None]
    if others:
        ways = _join(f.title + (f" (needs {f.requires})" if f.requires else "") for f in others)
        steps.append(Step(stage="advancement", title="Other ways up", detail=f"It can lead to {ways}.",
                          citations=_cite(kb, career, others)))
    special = [f for f in kb.facts(career, "specialization") if isinstance(f, LinkFact)]
    if special:
        titles = _join(f.title + (f" (needs {f.requires})" if f.requires else "") for f in special)
        steps.append(Step(stage="advancement", title="Specialise", detail=f"Some specialise as {titles}.",
                          citations=_cite(kb, career, special)))
    return steps


def pathway(kb: KnowledgeBase, career: str) -> list[Step]:
    """The cited steps into `career` (an id): entry requirements, training, credentials, experience, advancement."""
    if career not in kb.careers:
        raise KeyError(f"unknown career '{career}' (known: {', '.join(sorted(kb.careers))})")
    return (_own_or_inherited(kb, career, "requirement", _entry)
            + _own_or_inherited(kb, career, "training", _training)
            + _own_or_inherited(kb, career, "credential", _credentials)
            + _own_or_inherited(kb, career, "requirement", _experience)
            + _advancement(kb, career))


def _own_or_inherited(kb: KnowledgeBase, career: str, kind: str,
                      build: Callable[[KnowledgeBase, str], list[Step]]) -> list[Step]:
    """The career's own steps of one kind; when it has no facts of that kind and the kind passes down from the
    career it specialises, the parent's steps — each labelled as said of the parent, citing the parent's quotes
    and the sentence that says the career is a kind of it."""
    facts, parent = inherited_facts(kb, career, kind)
    if parent is None:
        return build(kb, career)
    relation = relation_citations(kb, career)
    return [replace(step, detail=labelled(kb, parent, step.detail), citations=step.citations + relation,
                    inherited_from=parent)
            for step in build(kb, parent)]
