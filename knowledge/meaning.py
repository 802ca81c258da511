"""Checks that a fact means what its quote says — beyond the quote being present and its numbers appearing.

An independent read (issue #10) found facts whose quote was in the source but whose value was not what the
source meant: a four-year length taken from a sentence saying technicians do *not* need a four-year degree, net
job growth filed as openings, "more science classes" filed as "a lot of science", a credential graded "employers
prefer" where the quote only says an exam exists. Each function here catches one such class of error; the loader
runs them on every fact and reports what they return next to the fact's id.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from knowledge.models import (
    CredentialFact, EquipmentFact, FactBase, LevelFact, OpeningsFact, ScheduleFact, ScienceFact, TimelineFact,
    TrainingFact,
)
from knowledge.numbers import WORDS

Finder = Callable[[str, str], bool]
"""Whether a verbatim span is in a source: (source id, span) -> found."""

_NUMBER_WORD = "|".join(sorted((w for w in WORDS if " " not in w), key=len, reverse=True))
_AMOUNT = rf"(\d+(?:\.\d+)?|{_NUMBER_WORD})"
_DURATION = re.compile(
    rf"(?<![\w.,$])(?:between\s+{_AMOUNT}\s+and\s+|{_AMOUNT}(?:\s*[-–—]\s*|\s+(?:to|or)\s+))?{_AMOUNT}"
    rf"(?:\s+or\s+more)?[\s-]*(months?|years?)\b", re.IGNORECASE)
"""A length with its unit, alone or as a range: '12 months', 'two-year', '9-12 months', '9 to 12 months',
'1–2 years', 'one or two years', 'between 6 and 12 months', 'two or more years', '1.5 years'. The unit after a
range applies to both ends; a number glued to a letter, a dollar sign, a comma or a decimal point ('$3,000 to
10,000', 'v2') starts no length."""
_NEGATION_BEFORE = re.compile(r"(rather than|instead of|\bnot\b|\bwithout\b|n't|\bno need for)\W+(\w+\W+){0,2}$",
                              re.IGNORECASE)
_COMPARATIVE = re.compile(r"\b(more|less|fewer|greater|than)\b", re.IGNORECASE)
_TOP_LEVELS = {"high", "lots", "heavy"}
_EXAM_WORDS = re.compile(r"\b(exam|exams|examination|test)\b", re.IGNORECASE)
_STANDARD_HOURS = re.compile(r"standard (business|daytime) (hours|shifts)", re.IGNORECASE)
_EQUIPMENT_WORDS = re.compile(r"equipment|x-ray|imaging|\bMRI\b|tomography|mammography|machine|scanner|monitor",
                              re.IGNORECASE)
STATUS_EVIDENCE: dict[str, re.Pattern[str]] = {
    "required": re.compile(r"requir|\bmust\b|\bneed", re.IGNORECASE),
    "often_required": re.compile(r"\boften\b.*(requir|prerequisite|must)", re.IGNORECASE),
    "required_some": re.compile(r"(\bsome\b|\bfew\b|\bmay\b|not required in every|certain).*requir|"
                                r"requir.*(\bsome\b|\bfew\b|every state)", re.IGNORECASE),
    "preferred": re.compile(r"prefer|\bchoose\b|\bfavou?r", re.IGNORECASE),
    "in_postings": re.compile(r"applicants|candidates|posting", re.IGNORECASE),
}
"""Words a credential's quote must contain for its status; `optional` needs none."""


def _value(word: str) -> float:
    return float(word) if word[0].isdigit() else float(WORDS[word.lower()])


def durations_in_months(text: str) -> set[float]:
    """Every length the text states with a unit of time, in months: '9-12 months' and '9 to 12 months' are
both 9 and 12, 'two years' is 24, 'one-year' 12."""
    found: set[float] = set()
    for match in _DURATION.finditer(text):
        *amounts, unit = match.groups()
        factor = 12 if unit.lower().startswith("year") else 1
        found.update(_value(amount) * factor for amount in amounts if amount)
    return found


def training_length(fact: FactBase, before: str) -> list[str]:
    """A length must be a length the quote states for this route, not a number from a sentence that denies it."""
    if not isinstance(fact, (TrainingFact, TimelineFact)):
        return []
    months = [m for m in (fact.months_min, fact.months_max) if m is not None]
    if not months:
        return []
    found = []
    stated = durations_in_months(fact.quote)
    for value in months:
        if float(value) not in stated:
            found.append(f"{value} months is not a length the quote states (it states "
                         f"{', '.join(f'{m:g}' for m in sorted(stated)) or 'no length'} months)")
    if _NEGATION_BEFORE.search(before):
        found.append(f"the source denies what the quote says (\"…{before[-40:].strip()}\" comes right before it); "
                     f"a length cannot come from it")
    return found


def openings(fact: FactBase) -> list[str]:
    """Openings are openings: net job growth ('increase by 37,700', a projection table's 'Change') is not."""
    if isinstance(fact, OpeningsFact) and "opening" not in fact.quote.lower():
        return ["an openings figure needs a quote that speaks of openings; net job growth belongs on a growth "
                "fact as jobs_added"]
    return []


def comparative_level(fact: FactBase) -> list[str]:
    """'More science classes' than another career is a comparison, not 'a lot of science'."""
    level = getattr(fact, "level", None)
    if isinstance(fact, LevelFact) and level in _TOP_LEVELS and _COMPARATIVE.search(fact.quote):
        return [f"level '{level}' is read from a comparison (\"{_COMPARATIVE.search(fact.quote).group(0)}\"); "  # type: ignore[union-attr]
                f"record the comparison (e.g. more_than) instead of an absolute level"]
    return []


def named_equipment(fact: FactBase) -> list[str]:
    """A career operates equipment only where the quote names some."""
    if isinstance(fact, EquipmentFact) and fact.level != "none" and not _EQUIPMENT_WORDS.search(fact.quote):
        return [f"equipment level '{fact.level}' but the quote names no equipment"]
    return []


def credential_grade(fact: FactBase, find: Finder) -> list[str]:
    """A status needs the words that grant it; an exam needs words that say there is one."""
    if not isinstance(fact, CredentialFact):
        return []
    found = []
    evidence = STATUS_EVIDENCE.get(fact.status)
    if evidence is not None and not evidence.search(fact.quote):
        found.append(f"status '{fact.status}' is not supported by the quote (it needs words like "
                     f"{evidence.pattern!r}); use 'optional' when the quote only says the credential exists or helps")
    if fact.status == "in_postings" and fact.year is None:
        found.append("a credential asked for by job postings needs the postings' year")
    if fact.exam_quote is not None:
        source = fact.exam_source or fact.source
        if not find(source, fact.exam_quote):
            found.append(f"exam_quote not found in source '{source}': \"{fact.exam_quote[:80]}\"")
        if not _EXAM_WORDS.search(fact.exam_quote):
            found.append("exam_quote does not speak of an exam or test")
    elif fact.exam_source is not None:
        found.append("exam_source given without an exam_quote")
    if fact.exam and not _EXAM_WORDS.search(fact.quote) and fact.exam_quote is None:
        found.append("exam = true, but neither the quote nor an exam_quote speaks of an exam or test")
    return found


def schedule(fact: FactBase) -> list[str]:
    """A quote that calls standard hours the norm cannot make the schedule irregular."""
    if isinstance(fact, ScheduleFact) and fact.hours == "irregular" and _STANDARD_HOURS.search(fact.quote):
        return ["hours 'irregular' but the quote says standard hours are the norm; use standard_daytime with "
                "includes for what some roles may require"]
    return []


def fact_problems(fact: FactBase, before: str, find: Finder) -> list[str]:
    """Every meaning problem of one fact. `before` is the source text just before the quote."""
    return [*training_length(fact, before), *openings(fact), *comparative_level(fact), *named_equipment(fact),
            *credential_grade(fact, find), *schedule(fact)]


def exam_consistency(facts: Iterable[tuple[str, CredentialFact]]) -> list[tuple[str, str, str]]:
    """(career, fact id, message) for every credential recorded without its exam where another fact of the
    same credential (same abbreviation) says it is exam-based."""
    by_credential: dict[str, list[tuple[str, CredentialFact]]] = {}
    for career, fact in facts:
        if fact.abbreviation:
            by_credential.setdefault(fact.abbreviation, []).append((career, fact))
    found = []
    for abbreviation, group in by_credential.items():
        sayers = [f"{career}.{fact.id}" for career, fact in group if fact.exam]
        if not sayers:
            continue
        for career, fact in group:
            if not fact.exam:
                found.append((career, fact.id, f"{abbreviation} is exam-based (says {sayers[0]}), but this fact "
                                               f"has no exam; add exam = true with an exam_quote"))
    return found


def comparison_targets(fact: FactBase, careers: Iterable[str]) -> list[str]:
    """A science comparison names a career the knowledge base has."""
    if isinstance(fact, ScienceFact) and fact.more_than is not None and fact.more_than not in set(careers):
        return [f"more_than names unknown career '{fact.more_than}'"]
    return []

