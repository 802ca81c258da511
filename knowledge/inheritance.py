"""Specialisations use their parent's facts where they have none of their own — and say so.

The sources describe medical coders and cancer registrars as medical records (health information) technicians
who specialise. A career file records that as a `[specialises]` table (knowledge.models.Specialisation): the
parent, the fact kinds that pass down, and the quote that says so. `inherited_facts` is the one place that
applies it. Whatever shows a fact it returns with a parent id must present it as said of the parent, with the
parent's quote and the sentence that says the career specialises it, never as the specialisation's own figure:
`said_of` and `labelled` are the one place that wording is made, `relation_citations` the one place that
sentence is cited.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from knowledge.wording import plural

if TYPE_CHECKING:
    from knowledge.base import KnowledgeBase
    from knowledge.models import Citation, FactBase


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


def said_of(kb: KnowledgeBase, parent_id: str, start: bool = False) -> str:
    """The label an inherited fact carries: 'said of medical records technicians in general' mid-sentence, or
    'Said of …' with `start`."""
    label = f"said of {plural(kb.careers[parent_id].name)} in general"
    return label[0].upper() + label[1:] if start else label


def no_own_facts(kb: KnowledgeBase, career_id: str, on: str = "this") -> str:
    """Why a specialisation shows its parent's facts: 'the sources say nothing of their own on this for medical
    coders, who specialise in that work'."""
    return (f"the sources say nothing of their own on {on} for {plural(kb.careers[career_id].name)}, "
            "who specialise in that work")


def labelled(kb: KnowledgeBase, parent_id: str, text: str, career_id: str | None = None) -> str:
    """`text` shown as said of the parent: 'Said of medical records technicians in general: …'. Given the
    specialisation, the label also says why, in brackets (for a reason read on its own, as in the chat)."""
    why = f" ({no_own_facts(kb, career_id)})" if career_id is not None else ""
    return f"{said_of(kb, parent_id, start=True)}{why}: {text}"


def relation_citations(kb: KnowledgeBase, career_id: str) -> list[Citation]:
    """The quote that says the career specialises its parent, to cite after an inherited fact's own quotes
    ([] for a career that specialises nothing)."""
    relation = kb.specialisation_citation(career_id)
    return [relation] if relation is not None else []
