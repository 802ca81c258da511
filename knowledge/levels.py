"""Reading a level from a fact that only compares: 'more science classes than technician programs'.

The source never says how much science LPN programs have, only that they have more than medical records
technician programs. For ranking, that places them one step above the technicians' level; for showing, it must
stay a comparison. Both come from here so no caller turns the comparison into "a lot of science".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from knowledge.models import ScienceFact

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
    return f"more science than {lowered} training"
