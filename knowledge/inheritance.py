"""Specialisations use their parent's facts where they have none of their own — and say so.

The sources describe medical coders and cancer registrars as medical records (health information) technicians
who specialise. A career file records that as a `[specialises]` table (knowledge.models.Specialisation): the
parent, the fact kinds that pass down, and the quote that says so. `inherited_facts` is the one place that
applies it. Whatever shows a fact it returns with a parent id must present it as said of the parent (see
`said_of`) with the parent's quote, never as the specialisation's own figure.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from knowledge.loader import KnowledgeBase
    from knowledge.models import FactBase


def inherited_facts(kb: KnowledgeBase, career_id: str, kind: str) -> tuple[list[FactBase], str | None]:
    """The career's own facts of this kind and None; or, when it has none and the kind passes down, the facts
    of the nearest ancestor that has some, with that ancestor's id; else `([], None)`.

    A grandparent's facts are reached only when the kind passes down at every step.
    """
    own = kb.facts(career_id, kind)
    if own:
        return own, None
    seen = {career_id}
    relation = kb.careers[career_id].specialises
    while relation is not None and kind in relation.inherits and relation.parent not in seen:
        parent = relation.parent
        facts = kb.facts(parent, kind)
        if facts:
            return facts, parent
        seen.add(parent)
        relation = kb.careers[parent].specialises
    return [], None


def parent_of(kb: KnowledgeBase, career_id: str) -> str | None:
    """The career this one specialises, or None."""
    relation = kb.careers[career_id].specialises
    return relation.parent if relation is not None else None


def passes_down(kb: KnowledgeBase, career_id: str, kind: str) -> bool:
    """Whether facts of this kind pass down to the career from its parent."""
    relation = kb.careers[career_id].specialises
    return relation is not None and kind in relation.inherits


def said_of(kb: KnowledgeBase, parent_id: str) -> str:
    """The label an inherited fact carries: 'said of medical records technicians in general'."""
    name = kb.careers[parent_id].name
    lowered = name if name[:2].isupper() else name[0].lower() + name[1:]
    return f"said of {lowered}s in general"
