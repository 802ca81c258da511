"""How to get there: the steps a student reads for each career, every one backed by a quote."""

from __future__ import annotations

import pytest

from rules.pathway import STAGES, pathway


def test_every_step_of_every_career_is_cited(kb) -> None:  # type: ignore[no-untyped-def]
    for career in kb.careers:
        for step in pathway(kb, career):
            assert step.citations, f"{career}: step '{step.title}' has no citation"
            for citation in step.citations:
                assert kb.texts[citation.source].find(citation.quote) == citation.line


def test_steps_run_from_entry_to_advancement(kb) -> None:  # type: ignore[no-untyped-def]
    for career in kb.careers:
        stages = [STAGES.index(step.stage) for step in pathway(kb, career)]
        assert stages == sorted(stages), career


def test_technician_certificate_route_has_its_time_and_cost(kb) -> None:  # type: ignore[no-untyped-def]
    steps = pathway(kb, "medical_records_technician")
    certificate = next(s for s in steps if s.title == "Certificate program")
    assert certificate.time is not None and "9–12 months" in certificate.time
    assert certificate.cost == "$3,000–$10,000"
    assert (certificate.cost_min, certificate.cost_max) == (3000, 10000)
    assert any("9-12 months" in c.quote and "$3,000 to $10,000" in c.quote for c in certificate.citations)


def test_differing_lengths_are_all_shown_with_their_sources(kb) -> None:  # type: ignore[no-untyped-def]
    certificate = next(s for s in pathway(kb, "medical_records_technician") if s.title == "Certificate program")
    assert certificate.time is not None
    assert "6–12 months" in certificate.time and "12 months (" in certificate.time
    assert (certificate.months_min, certificate.months_max) == (6, 12)


def test_technician_route_runs_entry_then_training_then_exam_then_ladder(kb) -> None:  # type: ignore[no-untyped-def]
    titles = [s.title for s in pathway(kb, "medical_records_technician")]
    assert titles[0] == "Before you enrol"
    assert titles.index("Certificate program") < titles.index("Certification: RHIT")
    assert titles.index("Certification: RHIT") < titles.index("Senior Medical Records Technician")
    senior = next(s for s in pathway(kb, "medical_records_technician")
                  if s.title == "Senior Medical Records Technician")
    assert senior.time == "after 4–7 years"


def test_practical_nurse_must_pass_a_licence_exam(kb) -> None:  # type: ignore[no-untyped-def]
    steps = pathway(kb, "licensed_practical_nurse")
    licence = next(s for s in steps if s.stage == "credential")
    assert "licence" in licence.title.lower()
    assert "Required" in licence.detail and "exam" in licence.detail
    assert "must pass a test to obtain licensure" in licence.citations[0].quote


def test_route_without_figures_says_the_sources_give_none(kb) -> None:  # type: ignore[no-untyped-def]
    training = next(s for s in pathway(kb, "licensed_practical_nurse") if s.stage == "training")
    assert training.time is None and training.cost is None
    assert "give no length or cost" in training.detail


def test_career_the_sources_give_no_route_for_has_no_steps(kb) -> None:  # type: ignore[no-untyped-def]
    assert pathway(kb, "radiologic_technician") == []


def test_unknown_career_is_named_in_the_error(kb) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(KeyError, match="unknown career 'astronaut'"):
        pathway(kb, "astronaut")
