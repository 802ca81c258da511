"""A comparison shows a specialisation's inherited facts as the parent's, with the parent's quotes and the
sentence that says it specialises — never as its own figure; its own facts stay its own."""

from __future__ import annotations

from rules.builtin import builtin_engine
from rules.compare import compare

KB = builtin_engine().kb


def cells(careers):
    table = compare(KB, careers)
    return table, {row.label: row.cells for row in table.rows}


def test_inherited_cells_are_labelled_and_cite_the_parent():
    specialisations = [c for c, record in KB.careers.items() if record.specialises is not None]
    assert specialisations
    for career in specialisations:
        parent = KB.careers[career].specialises.parent
        table, by_label = cells([parent, career])
        for label, (parent_cell, cell) in by_label.items():
            if cell.inherited_from is None:
                continue
            assert cell.inherited_from == parent
            assert cell.text.startswith(f"Said of {KB.careers[parent].name.lower()}s in general: ")
            assert cell.citations[-1] == KB.specialisation_citation(career)
            own_lines = {(c.source, c.line) for c in parent_cell.citations}
            assert {(c.source, c.line) for c in cell.citations[:-1]} <= own_lines, label
        assert parent_cell.inherited_from is None


def test_own_facts_are_never_labelled_as_inherited():
    table, by_label = cells(sorted(KB.careers))
    for label, row in by_label.items():
        for career, cell in zip(table.careers, row):
            if cell.inherited_from is None:
                assert not cell.text.startswith("Said of")


def test_without_inheritance_only_own_facts_are_shown():
    specialisation = next(c for c, record in KB.careers.items() if record.specialises is not None)
    table = compare(KB, [specialisation], inherit=False)
    assert all(row.cells[0].inherited_from is None for row in table.rows)
    assert not any(caveat.startswith("No pay figure of their own") for caveat in table.caveats)


def test_a_pathway_uses_the_parents_steps_labelled_when_the_career_has_none_of_its_own():
    from dataclasses import replace

    from rules.pathway import pathway

    career = next(c for c, record in KB.careers.items()
                  if record.specialises is not None and "training" in record.specialises.inherits)
    parent = KB.careers[career].specialises.parent
    record = KB.careers[career]
    bare = replace(KB, careers={**KB.careers, career: replace(
        record, facts=[f for f in record.facts if f.kind != "training"])})
    steps = [s for s in pathway(bare, career) if s.stage == "training"]
    parents = [s for s in pathway(KB, parent) if s.stage == "training"]
    assert steps and len(steps) == len(parents)
    for step, original in zip(steps, parents):
        assert step.detail == f"Said of {KB.careers[parent].name.lower()}s in general: {original.detail}"
        assert step.citations[:-1] == original.citations
        assert step.citations[-1] == KB.specialisation_citation(career)
    assert not any(s.detail.startswith("Said of") for s in pathway(KB, parent))
