"""Each rule family on facts from the real knowledge base: what a student would read in the reasons."""

from __future__ import annotations

import pytest

from knowledge.loader import KnowledgeError
from rules.builtin import builtin_engine
from rules.engine import headline_medians
from rules.rulebook import load_rulebook


@pytest.fixture(scope="module")
def engine():
    return builtin_engine()


def reason(engine, career, answers, question):
    rec = next(r for r in engine.recommend(answers).recommendations if r.career == career)
    return next(r for r in rec.reasons if r.question == question), rec


def test_every_career_is_ranked_once_with_citations(engine):
    result = engine.recommend({"focus": "records", "pay_min": 30000})
    careers = [r.career for r in result.recommendations]
    assert sorted(careers) == sorted(engine.kb.careers)
    assert [r.rank for r in result.recommendations] == list(range(1, len(careers) + 1))
    for rec in result.recommendations:
        for why in rec.reasons:
            for citation in why.citations:
                assert " ".join(citation.quote.split()) in " ".join(engine.kb.texts[citation.source].text.split())


def test_pay_uses_most_recent_median_and_shows_the_spread(engine):
    why, rec = reason(engine, "medical_records_technician", {"pay_min": 45000}, "pay_min")
    assert why.direction == "for"
    assert "$47,190 (2023)" in why.text
    for figure in ("$32,350", "$36,000", "$38,040", "$40,000"):
        assert figure in why.text
    assert any("disagree on median pay" in c.text and c.disputed == "median pay" for c in rec.caveats)
    assert why.citations[0].year == 2023


def test_pay_above_the_median_is_a_mismatch(engine):
    why, rec = reason(engine, "medical_assistant", {"pay_min": 30000}, "pay_min")
    assert why.direction == "against"
    assert "$29,000" in why.text and "2011" in why.text
    assert "pay_min" in rec.mismatches


def test_pay_unknown_is_neutral_and_said(engine):
    from dataclasses import replace

    from rules.engine import Engine

    kb = engine.kb
    record = kb.careers["medical_assistant"]
    silent = replace(record, facts=[f for f in record.facts if f.kind != "pay"])
    without_pay = Engine(replace(kb, careers={**kb.careers, "medical_assistant": silent}), engine.rulebook)
    why, rec = reason(without_pay, "medical_assistant", {"pay_min": 30000}, "pay_min")
    assert why.direction == "neutral" and not why.judged
    assert "no pay figure" in why.text
    assert "pay_min" not in rec.mismatches
    assert why.citations == []
    assert (rec.judged, rec.answered) == (0, 1)


def test_training_longer_than_allowed_is_a_mismatch(engine):
    # (The manager used to be "bachelor, 48 months", read from a sentence saying technicians need no four-year
    # degree; no source gives a degree length, so the quickest technician route stands in.)
    why, rec = reason(engine, "medical_records_technician", {"training_months": 3}, "training_months")
    assert why.direction == "against" and "training_months" in rec.mismatches
    why, rec = reason(engine, "medical_records_technician", {"training_months": 12}, "training_months")
    assert why.direction == "for" and "6–12 months" in why.text


def test_patient_contact_none_rules_out_hands_on_care(engine):
    why, rec = reason(engine, "licensed_practical_nurse", {"patient_contact": "none"}, "patient_contact")
    assert why.direction == "against" and "patient_contact" in rec.mismatches
    assert "hands-on care of patients" in why.text
    why, rec = reason(engine, "medical_records_technician", {"patient_contact": "none"}, "patient_contact")
    assert why.direction == "for"
    assert "another source says" in why.text  # mrt_degree disagrees: "frequently interact with … patients"


def test_required_exam_is_a_mismatch_when_exams_are_refused(engine):
    why, rec = reason(engine, "licensed_practical_nurse", {"exam": "no"}, "exam")
    assert why.direction == "against" and "exam" in rec.mismatches
    assert any("licensure" in c.quote for c in why.citations)


def test_equipment_and_focus_rules(engine):
    why, rec = reason(engine, "radiologic_technician", {"equipment": "yes", "focus": "imaging"}, "equipment")
    assert why.direction == "for"
    focus, _ = reason(engine, "radiologic_technician", {"focus": "imaging"}, "focus")
    assert focus.direction == "for" and focus.citations


def test_schedule_daytime_only_against_irregular_hours(engine):
    why, rec = reason(engine, "medical_records_technician", {"schedule": "daytime_only"}, "schedule")
    assert "standard daytime hours" in why.text and "evenings" in why.text


def test_unanswered_questions_count_neither_way(engine):
    result = engine.recommend({})
    assert {r.score for r in result.recommendations} == {50}
    assert all(r.reasons == [] and r.mismatches == [] for r in result.recommendations)


def test_ties_break_in_the_documented_order(engine):
    result = engine.recommend({})
    assert [r.career for r in result.recommendations] == engine.rulebook.tie_order


def test_headline_medians_are_most_recent_first(engine):
    medians = headline_medians(engine.kb, "medical_records_technician")
    assert medians[0].amount == 47190
    assert len({m.source for m in medians}) == 5


def test_a_rule_naming_unknown_things_is_an_error_with_file_and_rule(tmp_path, engine):
    from rules import PACKAGE_DIR

    (tmp_path / "questions.toml").write_text((PACKAGE_DIR / "questions.toml").read_text())
    rules = (PACKAGE_DIR / "rules.toml").read_text()
    rules = rules.replace('question = "science"', 'question = "astrology"', 1)
    rules = rules.replace("[rules.agreement.imaging]\nradiologic_technician", "[rules.agreement.imaging]\nastronaut")
    rules = rules.replace('quantity = "latest_median_pay"', 'quantity = "lottery"')
    rules = rules.replace("none = 1.0\nsome = -0.2\nheavy", "nothing = 1.0\nsome = -0.2\nheavy")
    rules = rules.replace('{{ fact }}."', '{{ fact }."', 1)
    (tmp_path / "rules.toml").write_text(rules)
    with pytest.raises(KnowledgeError) as caught:
        load_rulebook(engine.kb, tmp_path)
    report = caught.value.report()
    assert "rules.toml [science_fit]: unknown question 'astrology'" in report
    assert "rules.toml [focus_fit]: unknown career 'astronaut'" in report
    assert "rules.toml [pay_fit]: unknown quantity 'lottery'" in report
    assert "rules.toml [equipment_fit]: unknown equipment value 'nothing'" in report
    assert "not a valid template" in report


def test_a_malformed_rules_file_names_the_file(tmp_path, engine):
    (tmp_path / "questions.toml").write_text("[[questions]\n")
    (tmp_path / "rules.toml").write_text("tie_order = []\nrules = []\n")
    with pytest.raises(KnowledgeError) as caught:
        load_rulebook(engine.kb, tmp_path)
    assert "questions.toml: malformed TOML" in caught.value.report()


def test_pay_figures_years_apart_get_a_caveat(engine):
    result = engine.recommend({"pay_min": 30000})
    lpn = next(r for r in result.recommendations if r.career == "licensed_practical_nurse")
    assert any("from 2011, 12 years older than the newest figure it is compared with (2023)" in c.text
               for c in lpn.caveats)
    mrt = next(r for r in result.recommendations if r.career == "medical_records_technician")
    assert not any("years older" in c.text for c in mrt.caveats)
    unasked = engine.recommend({"focus": "records"})
    assert not any("years older" in c.text for r in unasked.recommendations for c in r.caveats)


def test_runtime_results_are_plain_frozen_objects(engine):
    """Results are built by the engine, never read from a file: plain frozen slotted dataclasses, no pydantic."""
    import dataclasses

    from rules.models import plain

    result = engine.recommend({"focus": "coding", "pay_min": 40000})
    top = result.recommendations[0]
    for thing in (result, top, top.reasons[0]):
        assert dataclasses.is_dataclass(thing) and not hasattr(thing, "model_dump")
        assert not hasattr(thing, "__dict__")  # slotted
    with pytest.raises(dataclasses.FrozenInstanceError):
        top.score = 1  # type: ignore[misc]
    data = plain(result)
    assert data["recommendations"][0]["judged"] == top.judged and data["recommendations"][0]["answered"] == 2


@pytest.mark.parametrize(("status", "grade"), [
    ("required", "exam_required"), ("often_required", "exam_some"), ("required_some", "exam_some"),
    ("preferred", "exam_preferred"), ("optional", "exam_optional"), ("in_postings", "exam_optional"),
])
def test_an_exam_credential_is_graded_by_what_its_quote_says(status: str, grade: str) -> None:
    """Only 'employers prefer' reads as preferred; an optional certification is not sold as one employers want."""
    from dataclasses import replace

    from knowledge.levels import exam_level
    from knowledge.models import CredentialFact

    fact = CredentialFact(id="c", kind="credential", source="s", quote="qqq", name="X", status=status, exam=True)
    assert exam_level(fact) == grade
    assert exam_level(replace(fact, exam=None)) == "no_exam_stated"


def test_every_exam_grade_has_words_and_an_agreement(engine):
    rule = next(r for r in engine.rulebook.rules if r.id == "exam_fit")
    phrases = engine.rulebook.phrases("exam")
    for grade in ("exam_required", "exam_some", "exam_preferred", "exam_optional", "no_exam_stated"):
        assert grade in phrases
        assert all(grade in table for table in rule.agreement.values())
