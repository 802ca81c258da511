"""People for whom one career is clearly the best fit — and some for whom it clearly is not."""

from __future__ import annotations

import pytest

from rules.builtin import builtin_engine

FITS = {
    "medical_records_technician": dict(focus="records", patient_contact="none", training_months=12, pay_min=35000,
                                       exam="yes", science="ok", equipment="no", computer_work="yes",
                                       schedule="any"),
    "medical_coder": dict(focus="coding", patient_contact="none", exam="yes", computer_work="yes", equipment="no"),
    "cancer_registrar": dict(focus="cancer_data", patient_contact="none", exam="yes", computer_work="yes",
                             equipment="no"),
    "licensed_practical_nurse": dict(focus="patient_care", patient_contact="lots", science="enjoy", exam="yes",
                                     pay_min=40000, computer_work="no"),
    "radiologic_technician": dict(focus="imaging", patient_contact="lots", equipment="yes", computer_work="no"),
    "medical_assistant": dict(focus="front_office_and_clinical", patient_contact="some", equipment="maybe",
                              pay_min=25000),
    "health_information_manager": dict(focus="management", patient_contact="none", training_months=120,
                                       pay_min=80000, exam="yes"),
    # Loves records work, will put in the years, but needs $60k: the supervisor step, not the entry job.
    "medical_records_supervisor": dict(focus="records", training_months=120, pay_min=60000, exam="yes"),
}


@pytest.mark.parametrize("career", sorted(FITS))
def test_persona_gets_its_career_first(career):
    result = builtin_engine().recommend(FITS[career])
    top = result.recommendations[0]
    assert top.career == career
    assert top.mismatches == []
    assert top.score >= 75


def test_a_would_be_nurse_is_not_sent_to_records():
    result = builtin_engine().recommend(FITS["licensed_practical_nurse"])
    mrt = next(r for r in result.recommendations if r.career == "medical_records_technician")
    assert mrt.rank > 3
    assert "focus" in mrt.mismatches and "patient_contact" in mrt.mismatches


def test_no_patients_no_exams_short_training_rules_out_nursing():
    answers = dict(patient_contact="none", exam="no", training_months=12)
    result = builtin_engine().recommend(answers)
    lpn = next(r for r in result.recommendations if r.career == "licensed_practical_nurse")
    assert set(lpn.mismatches) >= {"patient_contact", "exam"}
    assert result.recommendations[0].career in {"medical_records_technician", "medical_coder", "cancer_registrar"}


def test_high_pay_demand_rules_out_entry_jobs():
    result = builtin_engine().recommend(dict(pay_min=85000, focus="records"))
    for career in ("medical_records_technician", "medical_assistant", "licensed_practical_nurse"):
        rec = next(r for r in result.recommendations if r.career == career)
        assert "pay_min" in rec.mismatches
