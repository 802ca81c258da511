"""The specialisation relation: coders and registrars are technicians who specialise, and use the technician's
facts — labelled as the technician's — only for the kinds that pass down and only where they have none."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from knowledge.inheritance import inherited_facts, parent_of, passes_down, said_of
from knowledge.loader import SPECIALISES, KnowledgeBase, load
from knowledge.models import FACT_KINDS
from knowledge.snapshot import from_data, to_data
from tests.knowledge.demo_kb import PAY, SCHEDULE, report_of

MakeKB = Callable[[dict[str, str]], Path]
MRT = "medical_records_technician"
SPECIALISATIONS = ("medical_coder", "cancer_registrar")

QUOTE = ("medical coders and cancer registrars are medical records technicians who have decided to specialize "
         "in something")

def career(career_id: str, parent: str | None = None, inherits: str = '["pay", "schedule"]',
           quote: str = QUOTE, facts: str = "") -> str:
    """A small career file, optionally specialising `parent`."""
    text = f'id = "{career_id}"\nname = "{career_id.capitalize()} career"\n'
    if parent is not None:
        text += (f'\n[specialises]\nparent = "{parent}"\ninherits = {inherits}\nsource = "mrt_what_they_do"\n'
                 f'quote = "{quote}"\n')
    return text + facts


# --- the real knowledge base ---------------------------------------------------------------------------------

def test_coder_and_registrar_specialise_the_technician_with_a_located_quote(kb: KnowledgeBase) -> None:
    for child in SPECIALISATIONS:
        relation = kb.careers[child].specialises
        assert relation is not None and relation.parent == MRT
        assert relation.note, "the choice of kinds is explained"
        citation = kb.specialisation_citation(child)
        assert citation is not None and citation.line == 10 and citation.source == "mrt_what_they_do"
        assert set(relation.inherits) <= set(FACT_KINDS)
    assert kb.careers[MRT].specialises is None
    assert kb.specialisation_citation(MRT) is None


def test_duties_counts_and_links_never_pass_down(kb: KnowledgeBase) -> None:
    for child in SPECIALISATIONS:
        for kind in ("duty", "employment", "openings", "advancement", "specialization", "related"):
            assert not passes_down(kb, child, kind), f"{child} must not inherit {kind}"


def test_a_coder_gets_the_technicians_pay_labelled_as_theirs(kb: KnowledgeBase) -> None:
    assert not kb.facts("medical_coder", "pay"), "the sources give no coder pay figure"
    facts, origin = inherited_facts(kb, "medical_coder", "pay")
    assert origin == MRT
    assert facts == kb.facts(MRT, "pay")
    assert said_of(kb, origin) == "said of medical records technicians in general"


def test_own_facts_win_and_are_not_labelled(kb: KnowledgeBase) -> None:
    own = kb.facts("cancer_registrar", "credential")
    assert own
    assert inherited_facts(kb, "cancer_registrar", "credential") == (own, None)


def test_a_kind_that_does_not_pass_down_stays_empty(kb: KnowledgeBase) -> None:
    assert not kb.facts("medical_coder", "employment")
    assert inherited_facts(kb, "medical_coder", "employment") == ([], None)


def test_a_career_that_specialises_nothing_has_only_its_own_facts(kb: KnowledgeBase) -> None:
    assert parent_of(kb, "radiologic_technician") is None
    assert inherited_facts(kb, "radiologic_technician", "growth") == ([], None)


def test_the_relation_survives_the_start_up_snapshot(kb: KnowledgeBase) -> None:
    restored = from_data(to_data(kb), kb.root)
    for child in SPECIALISATIONS:
        assert restored.careers[child].specialises == kb.careers[child].specialises
        assert restored.specialisation_citation(child) == kb.specialisation_citation(child)
    assert inherited_facts(restored, "medical_coder", "pay")[1] == MRT


# --- small knowledge bases -----------------------------------------------------------------------------------

def test_a_grandparents_facts_pass_only_when_every_step_passes_the_kind(make_kb: MakeKB) -> None:
    kb = load(make_kb({
        "a.toml": career("a", facts=PAY + SCHEDULE),
        "b.toml": career("b", parent="a", inherits='["pay"]'),
        "c.toml": career("c", parent="b", inherits='["pay", "schedule"]'),
    }))
    assert inherited_facts(kb, "c", "pay") == (kb.facts("a", "pay"), "a")
    assert inherited_facts(kb, "c", "schedule") == ([], None), "b does not pass schedule down"
    assert inherited_facts(kb, "b", "schedule") == ([], None)
    assert kb.lines[("b", SPECIALISES)] == 10


def test_unknown_parent_is_reported(make_kb: MakeKB) -> None:
    report = report_of(make_kb({"b.toml": career("b", parent="nobody", facts=PAY)}))
    assert "careers/b.toml [b]: specialises: unknown parent career 'nobody' (known: b)" in report


def test_a_cycle_is_reported(make_kb: MakeKB) -> None:
    report = report_of(make_kb({"a.toml": career("a", parent="b", facts=PAY),
                                "b.toml": career("b", parent="a", facts=PAY)}))
    assert "[a]: specialises: cycle a -> b -> a" in report
    assert "[b]: specialises: cycle b -> a -> b" in report


def test_a_career_cannot_specialise_itself(make_kb: MakeKB) -> None:
    assert "[a]: specialises: a career cannot specialise itself" in report_of(
        make_kb({"a.toml": career("a", parent="a", facts=PAY)}))


def test_unknown_and_repeated_kinds_are_reported(make_kb: MakeKB) -> None:
    report = report_of(make_kb({"a.toml": career("a", facts=PAY),
                                "b.toml": career("b", parent="a", inherits='["pay", "wages", "pay"]')}))
    assert "[b]: specialises: inherits unknown fact kind(s) 'wages' (known: pay, " in report
    assert "[b]: specialises: inherits lists 'pay' more than once" in report


def test_the_relations_quote_is_verified(make_kb: MakeKB) -> None:
    report = report_of(make_kb({"a.toml": career("a", facts=PAY),
                                "b.toml": career("b", parent="a", quote="coders are nurses")}))
    assert "[b]: specialises: quote not found in source 'mrt_what_they_do': \"coders are nurses\"" in report


def test_an_empty_inherits_list_is_refused(make_kb: MakeKB) -> None:
    report = report_of(make_kb({"a.toml": career("a", facts=PAY),
                                "b.toml": career("b", parent="a", inherits="[]")}))
    assert "careers/b.toml [b]: specialises.inherits:" in report


def test_no_inherited_kind_is_only_copies_of_the_parents_facts(kb: KnowledgeBase) -> None:
    """Copies would show the technician's words as the specialisation's own and hide the inheritance label."""
    for child in SPECIALISATIONS:
        relation = kb.careers[child].specialises
        assert relation is not None
        for kind in relation.inherits:
            own = kb.facts(child, kind)
            parents = {(f.source, " ".join(f.quote.split())) for f in kb.facts(relation.parent, kind)}
            if own:
                assert not all((f.source, " ".join(f.quote.split())) in parents for f in own), f"{child} {kind}"


def test_coders_and_registrars_inherit_training_contact_and_screen_time(kb: KnowledgeBase) -> None:
    for child in SPECIALISATIONS:
        for kind in ("training", "patient_contact", "computer_time"):
            facts, origin = inherited_facts(kb, child, kind)
            assert origin == MRT and facts, f"{child} {kind}"
