"""Reading a level that no single field holds: a science fact that only compares, and the exam a credential means.

The source never says how much science LPN programs have, only that they have more than medical records
technician programs. For ranking, that places them one step above the technicians' level; for showing, it must
stay a comparison. Both come from here so no caller turns the comparison into "a lot of science".

A career's `exam` level is how strongly its credentials ask for an exam, graded from each credential's status;
its words, strictest first, are LEVEL_WORDS["exam"].
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from knowledge.models import LEVEL_WORDS, CredentialFact, ScienceFact, science_comparison

if TYPE_CHECKING:
    from knowledge.base import KnowledgeBase

SCIENCE_ORDER = ("low", "moderate", "high")


def science_level(kb: KnowledgeBase, fact: ScienceFact) -> str | None:
    """The level to rank by: the fact's own, or one step above the compared career's highest stated level
    (capped at the top); None when the compared career states none."""
    if fact.level is not None:
        return fact.level
    if fact.more_than is None or fact.more_than not in kb.careers:
        return None
    stated = [f.level for f in kb.facts(fact.more_than, "science") if isinstance(f, ScienceFact) and f.level]
    if not stated:
        return None
    base = max(SCIENCE_ORDER.index(level) for level in stated)
    return SCIENCE_ORDER[min(base + 1, len(SCIENCE_ORDER) - 1)]


def science_phrase(kb: KnowledgeBase, fact: ScienceFact) -> str | None:
    """How to say a comparison ('more science than medical records technician training'); None for a level."""
    if fact.more_than is None:
        return None
    other = kb.careers[fact.more_than].name if fact.more_than in kb.careers else fact.more_than.replace("_", " ")
    lowered = other if other[:2].isupper() else other[0].lower() + other[1:]
    return science_comparison(lowered)


EXAM_LEVELS = tuple(LEVEL_WORDS["exam"])
"""The exam levels, strictest first."""


def exam_level(fact: CredentialFact) -> str:
    """How strongly a credential asks for an exam: only 'preferred' means employers prefer it; a credential the
    sources call optional, or that only dated job postings ask for, is an optional exam."""
    if not fact.exam:
        return "no_exam_stated"
    return {"required": "exam_required", "required_some": "exam_some", "often_required": "exam_some",
            "preferred": "exam_preferred", "optional": "exam_optional", "in_postings": "exam_optional"}[fact.status]
