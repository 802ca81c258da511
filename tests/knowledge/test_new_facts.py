"""Facts the sources give that the base used to lack (issue #10): what makes pay vary, work pressure, time to
job-ready and exam preparation, school subjects that help admission, and the job market — for technicians, and
through the specialisation relation, said of technicians for coders and registrars."""

from __future__ import annotations

from knowledge.inheritance import inherited_facts
from knowledge.loader import KnowledgeBase
from knowledge.models import (
    FACT_KINDS, MarketFact, PayFactorFact, PressureFact, SubjectFact, TimelineFact,
)

MRT = "medical_records_technician"


def test_the_new_kinds_are_fact_kinds() -> None:
    assert {"pay_factor", "pressure", "timeline", "subject", "market"} <= set(FACT_KINDS)


def test_what_makes_pay_vary(kb: KnowledgeBase) -> None:
    factors = [f for f in kb.facts(MRT, "pay_factor") if isinstance(f, PayFactorFact)]
    covered = {f.factor for f in factors}
    assert {"state", "facility_size", "setting", "benefits", "location", "experience"} <= covered
    quotes = " ".join(f.quote for f in factors)
    assert "California, New York, and Massachusetts" in quotes
    assert "large hospital systems or specialized clinics may earn more than those in smaller private practices" in quotes
    assert "hospitals will likely make more than those in small doctor’s offices" in quotes
    assert "health insurance, paid time off, retirement plans" in quotes


def test_work_pressure(kb: KnowledgeBase) -> None:
    pressure = {f.aspect: f for f in kb.facts(MRT, "pressure") if isinstance(f, PressureFact)}
    assert {"pace", "repetition", "frustration", "overtime"} <= set(pressure)
    assert "fast-paced" in pressure["pace"].quote
    assert "Overtime is uncommon" in pressure["overtime"].quote
    assert "frustrating" in pressure["frustration"].quote


def test_time_to_job_ready_and_exam_preparation(kb: KnowledgeBase) -> None:
    timeline = [f for f in kb.facts(MRT, "timeline") if isinstance(f, TimelineFact)]
    ready = next(f for f in timeline if f.stage == "job_ready" and f.months_min is not None)
    assert (ready.months_min, ready.months_max) == (12, 24)
    exam = next(f for f in timeline if f.stage == "exam_preparation")
    assert "a few weeks to prepare" in exam.quote and exam.months_min is None, "the guide gives no number of weeks"


def test_school_subjects_that_help_admission(kb: KnowledgeBase) -> None:
    subjects = [f for f in kb.facts(MRT, "subject") if isinstance(f, SubjectFact)]
    assert {f.name for f in subjects if f.use == "admission"} == {"Health", "Computer science", "Math", "Biology"}
    assert any(f.name == "Anatomy and physiology" for f in subjects if f.use == "program_course")


def test_market_balance_and_urban_rural(kb: KnowledgeBase) -> None:
    market = [f for f in kb.facts(MRT, "market") if isinstance(f, MarketFact)]
    aspects = {f.aspect for f in market}
    assert {"balance", "urban_rural", "competition", "demand", "geography"} <= aspects
    assert any("more opportunities than rural regions" in f.quote for f in market)
    assert any("generally balanced" in f.quote for f in market)


def test_specialisations_get_the_new_facts_as_said_of_technicians(kb: KnowledgeBase) -> None:
    for child in ("medical_coder", "cancer_registrar"):
        for kind in ("pay_factor", "pressure", "timeline", "subject", "market"):
            assert not kb.facts(child, kind)
            facts, origin = inherited_facts(kb, child, kind)
            assert origin == MRT and facts == kb.facts(MRT, kind), f"{child} {kind}"
