"""Facts mean what their sources say: each meaning error an independent read found (issue #10) stays fixed, and
the loader refuses each class of error in a new file — a quote present but misread is as wrong as a made-up one."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from knowledge.inheritance import inherited_facts
from knowledge.levels import science_level, science_phrase
from knowledge.loader import KnowledgeBase, dating, load
from knowledge.meaning import durations_in_months
from knowledge.models import CredentialFact, GrowthFact, OpeningsFact, ScheduleFact, ScienceFact, TrainingFact
from tests.knowledge.demo_kb import HEADER, report_of

MakeKB = Callable[[dict[str, str]], Path]
MRT = "medical_records_technician"


def fact(body: str) -> str:
    return "\n[[facts]]\n" + body.strip() + "\n"


def problems_of(make_kb: MakeKB, *facts: str, extra: dict[str, str] | None = None) -> str:
    return report_of(make_kb({"demo.toml": HEADER + "".join(facts), **(extra or {})}))


# --- the fixes, against the real knowledge base --------------------------------------------------------------

def test_no_degree_length_comes_from_a_sentence_that_denies_it(kb: KnowledgeBase) -> None:
    """mrt_career_guide line 160: technicians train 'rather than [in] a traditional four-year degree'."""
    for career in ("medical_records_supervisor", "health_information_manager"):
        for training in kb.facts(career, "training"):
            assert isinstance(training, TrainingFact)
            assert training.months_min is None and training.months_max is None, f"{career}.{training.id}"


def test_net_job_growth_is_growth_and_only_openings_are_openings(kb: KnowledgeBase) -> None:
    """mrhit_career_info line 159 (Change 2016-26: 27,800) and mrt_degree line 49 ('increase ... by 37,700')."""
    openings = kb.facts(MRT, "openings")
    assert [(f.count, f.per) for f in openings if isinstance(f, OpeningsFact)] == [(15500, "year")]
    added = {f.jobs_added for f in kb.facts(MRT, "growth") if isinstance(f, GrowthFact)}
    assert {27800, 37700} <= added


def test_standard_business_hours_with_some_evening_roles_is_not_irregular(kb: KnowledgeBase) -> None:
    """mrt_career_guide line 62: 'often during standard business hours, though some roles ... may require'."""
    guide = kb.fact(MRT, "schedule_some_evening_weekend")
    assert isinstance(guide, ScheduleFact) and guide.hours == "standard_daytime"
    assert "some roles may include evenings or weekends" in guide.summary()
    for schedule in kb.facts(MRT, "schedule"):
        assert isinstance(schedule, ScheduleFact)
        if schedule.hours == "irregular":
            assert re.search(r"\bmay\b", schedule.quote), "every irregular schedule in the sources is a 'may'"
            assert schedule.summary().startswith("hours that may include")


def test_rhit_is_exam_based_wherever_it_is_recorded(kb: KnowledgeBase) -> None:
    """mrt_careers_salary line 66, mrt_degree line 15 and mrt_career_guide line 164 all say the RHIT is by exam."""
    rhit = [(career, f) for career in kb.careers for f in kb.facts(career, "credential")
            if isinstance(f, CredentialFact) and f.abbreviation == "RHIT"]
    assert any(career == "medical_records_supervisor" for career, _ in rhit)
    assert all(f.exam for _, f in rhit), [f"{c}.{f.id}" for c, f in rhit if not f.exam]


def test_credential_grades_say_what_the_quotes_say(kb: KnowledgeBase) -> None:
    pharmacy = kb.fact(MRT, "credential_pharmacy_technician_license_2012")
    assert isinstance(pharmacy, CredentialFact) and pharmacy.status == "in_postings"
    assert "job postings" in pharmacy.summary() and "states" not in pharmacy.summary()
    often = kb.fact(MRT, "credential_certification_often_required")
    assert isinstance(often, CredentialFact) and often.summary().endswith("often required")
    helps = kb.fact(MRT, "credential_rhit_helps")
    assert isinstance(helps, CredentialFact) and helps.status == "optional"
    for career in kb.careers:
        for credential in kb.facts(career, "credential"):
            assert isinstance(credential, CredentialFact)
            if credential.status == "preferred":
                assert re.search(r"prefer|choose|favou?r", credential.quote, re.I), f"{career}.{credential.id}"


def test_technician_outlook_is_filed_under_the_technician(kb: KnowledgeBase) -> None:
    """mrt_career_guide lines 321 and 333 speak of medical records technicians' market, not of managers."""
    assert not kb.facts("health_information_manager", "outlook")
    quotes = " ".join(f.quote for f in kb.facts(MRT, "outlook"))
    assert "Specializations in medical coding, health information management (HIM)" in quotes
    assert "Market saturation is less pronounced at higher skill levels" in quotes


def test_ai_is_beginning_to_affect_the_work_not_taking_it_over(kb: KnowledgeBase) -> None:
    """mrt_career_guide line 331: 'beginning to impact this field. While not displacing roles entirely'."""
    for career in (MRT, "medical_coder"):
        ai = [f for f in inherited_facts(kb, career, "outlook")[0] if "automat" in f.quote]
        assert ai
        for outlook in ai:
            assert "not displacing roles entirely" in outlook.quote
            assert "taking over" not in outlook.summary() and "take over" not in outlook.summary()
            assert "not displacing" in outlook.summary()


def test_more_science_classes_is_a_comparison_not_a_lot_of_science(kb: KnowledgeBase) -> None:
    """mrt_careers_salary line 82: LPN programs have 'more science classes' than technician programs."""
    science = kb.facts("licensed_practical_nurse", "science")
    assert len(science) == 1 and isinstance(science[0], ScienceFact)
    assert science[0].level is None and science[0].more_than == MRT
    assert science_level(kb, science[0]) == "high", "one step above the technicians' moderate, for ranking only"
    assert science_phrase(kb, science[0]) == "more science than in medical records technician training"
    assert "a lot" not in science[0].summary()


def test_no_equipment_is_claimed_where_none_is_named(kb: KnowledgeBase) -> None:
    assert not kb.facts("medical_assistant", "equipment")


def test_no_figure_shows_a_year_the_text_does_not_give(kb: KnowledgeBase) -> None:
    from knowledge.numbers import numbers_in

    inferred = 0
    for career in kb.careers.values():
        for item in career.facts:
            if item.year is not None:
                assert float(item.year) in numbers_in(item.quote) or item.year_quote, f"{career.id}.{item.id}"
            if item.inferred_year is not None:
                inferred += 1
                assert item.year is None and item.note and "inferred" in item.note, f"{career.id}.{item.id}"
                assert dating(item) == f"undated, {item.inferred_year} inferred"
                assert kb.citation(career.id, item).inferred_year == item.inferred_year
    assert inferred >= 14


def test_identical_values_are_one_side_of_a_disagreement(kb: KnowledgeBase) -> None:
    growth = next(d for d in kb.disagreements if d.career == MRT and d.topic == "growth")
    assert sum(value.startswith("13% growth") for value in growth.values) == 1
    assert len(growth.facts) == len(growth.values) == 4
    remote = next(d for d in kb.disagreements if d.career == MRT and d.topic == "remote work")
    assert len(remote.values) == 2


def test_a_specialisations_fact_quoting_technicians_in_general_says_so(kb: KnowledgeBase) -> None:
    """A technician-wide statement filed under a specialisation carries a note saying whose it is."""
    for career_id in ("medical_coder", "cancer_registrar"):
        career = kb.careers[career_id]
        names = [career.name.lower(), *(alias.lower() for alias in career.aliases)]
        for item in career.facts:
            quote = item.quote.lower()
            if item.kind in {"related", "advancement", "specialization"} or "technician" not in quote:
                continue
            if not any(re.search(rf"\b{re.escape(name)}\b", quote) for name in names):
                assert item.note, f"{career_id}.{item.id} quotes technicians in general without a note"


# --- each class of error is refused in a new file ------------------------------------------------------------

def test_a_length_from_a_denying_sentence_is_refused(make_kb: MakeKB) -> None:
    report = problems_of(make_kb, fact('''
id = "training_bachelor"
kind = "training"
route = "bachelor"
months_min = 48
source = "mrt_career_guide"
quote = "a traditional four-year degree"'''))
    assert "[demo.training_bachelor]: the source denies what the quote says" in report
    assert "rather than" in report


def test_a_length_must_be_stated_as_a_length(make_kb: MakeKB) -> None:
    report = problems_of(make_kb, fact('''
id = "training_certificate"
kind = "training"
route = "certificate"
months_min = 12
source = "mrt_career_guide"
quote = "Top Industries 1 Hospitals (State, Local, and Private)"'''))
    assert "12 months is not a length the quote states (it states no length months)" in report


@pytest.mark.parametrize(("text", "months"), [
    ("usually 9-12 months", {9, 12}), ("typically requires two years", {24}), ("a one-year certificate", {12}),
    ("job-ready within 1-2 years", {12, 24}), ("a traditional four-year degree", {48}), ("$3,000 to $10,000", set()),
    # a range written with words or another dash: the unit after it applies to both ends
    ("takes 9 to 12 months", {9, 12}), ("9–12 months", {9, 12}), ("9 – 12 months", {9, 12}),
    ("1 to 2 years", {12, 24}), ("nine to twelve months", {9, 12}), ("one or two years", {12, 24}),
    ("between 6 and 12 months", {6, 12}), ("9 to 12-month programs", {9, 12}), ("two or more years", {24}),
    ("12 months to 2 years", {12, 24}), ("6 to 12 months or 1 to 2 years", {6, 12, 24}),
    # not lengths, or not these: a decimal is one number, money and bare years are no lengths
    ("1.5 years", {18}), ("$3,000 to 10,000 months", set()), ("from 2010 to 2020", set()),
])
def test_durations_are_read_with_their_unit(text: str, months: set[int]) -> None:
    assert durations_in_months(text) == {float(m) for m in months}


def test_a_range_written_with_to_is_a_length_the_loader_accepts(make_kb: MakeKB) -> None:
    """A source that writes '9 to 12 months' supports both ends, as '9-12 months' does (and 10 is still no end)."""
    folder = make_kb({"demo.toml": HEADER + fact('''
id = "training_certificate"
kind = "training"
route = "certificate"
months_min = 9
months_max = 12
source = "ranges"
quote = "A certificate program takes 9 to 12 months"''') + fact('''
id = "training_associate"
kind = "training"
route = "associate"
months_min = 12
months_max = 24
source = "ranges"
quote = "an associate degree takes one or two years"''')})
    with open(folder / "sources.toml", "a", encoding="utf-8") as sources:
        sources.write('\n[[sources]]\nid = "ranges"\ntitle = "Ranges"\n')
    (folder / "sources" / "ranges.txt").write_text(
        "Ranges\nA certificate program takes 9 to 12 months, and an associate degree takes one or two years.\n",
        encoding="utf-8")
    training = load(folder).facts("demo", "training")
    assert [(f.months_min, f.months_max) for f in training if isinstance(f, TrainingFact)] == [(9, 12), (12, 24)]
    text = (folder / "careers" / "demo.toml").read_text(encoding="utf-8").replace("months_min = 9", "months_min = 10")
    (folder / "careers" / "demo.toml").write_text(text, encoding="utf-8")
    assert "10 months is not a length the quote states (it states 9, 12 months)" in report_of(folder)


def test_net_growth_filed_as_openings_is_refused(make_kb: MakeKB) -> None:
    report = problems_of(make_kb, fact('''
id = "openings_decade"
kind = "openings"
count = 37700
per = "period"
source = "mrt_degree"
quote = "jobs for medical records technicians will increase in number by 37,700"'''))
    assert "[demo.openings_decade]: an openings figure needs a quote that speaks of openings" in report


def test_a_top_level_from_a_comparison_is_refused(make_kb: MakeKB) -> None:
    report = problems_of(make_kb, fact('''
id = "science_high"
kind = "science"
level = "high"
source = "mrt_careers_salary"
quote = "With the LPN program, you have more science classes"'''))
    assert "[demo.science_high]: level 'high' is read from a comparison (\"more\")" in report


def test_a_science_fact_is_a_level_or_a_comparison_with_a_known_career(make_kb: MakeKB) -> None:
    both = problems_of(make_kb, fact('''
id = "science_more"
kind = "science"
level = "high"
more_than = "demo"
source = "mrt_careers_salary"
quote = "you have more science classes"'''))
    assert "give either level or more_than" in both


def test_a_science_comparison_names_a_known_career(make_kb: MakeKB) -> None:
    unknown = problems_of(make_kb, fact('''
id = "science_more"
kind = "science"
more_than = "nobody"
source = "mrt_careers_salary"
quote = "you have more science classes"'''))
    assert "[demo.science_more]: more_than names unknown career 'nobody'" in unknown


def test_equipment_without_named_equipment_is_refused(make_kb: MakeKB) -> None:
    report = problems_of(make_kb, fact('''
id = "equipment_some"
kind = "equipment"
level = "some"
source = "mrt_careers_salary"
quote = "drawing blood, recording vital signs"'''))
    assert "[demo.equipment_some]: equipment level 'some' but the quote names no equipment" in report


def test_a_grade_the_quote_does_not_give_is_refused(make_kb: MakeKB) -> None:
    report = problems_of(make_kb, fact('''
id = "credential_ctr"
kind = "credential"
name = "Certified Tumor Registrar"
abbreviation = "CTR"
status = "preferred"
exam = true
source = "mrt_degree"
quote = "specialized types of certification such as a Certified Tumor Register or CTR who specializes in cancer patient records. There are several types of specialized certification, each with its own individual exam"'''),
        fact('''
id = "credential_licence"
kind = "credential"
name = "Pharmacy technician license"
status = "required_some"
source = "mrt_careers_salary"
quote = "Candidates must have high school diplomas and pharmacy technician license."'''))
    assert "[demo.credential_ctr]: status 'preferred' is not supported by the quote" in report
    assert "[demo.credential_licence]: status 'required_some' is not supported by the quote" in report


def test_postings_need_their_year_and_exams_need_exam_words(make_kb: MakeKB) -> None:
    report = problems_of(make_kb, fact('''
id = "credential_licence"
kind = "credential"
name = "Pharmacy technician license"
status = "in_postings"
source = "mrt_careers_salary"
quote = "Candidates must have high school diplomas and pharmacy technician license."'''), fact('''
id = "credential_rhit"
kind = "credential"
name = "Registered Health Information Technician"
abbreviation = "RHIT"
status = "optional"
exam = true
source = "mrt_what_they_do"
quote = "Getting a Registered Health Information Technician certificate can also help you land a job."'''), fact('''
id = "credential_rhit_elsewhere"
kind = "credential"
name = "Registered Health Information Technician"
abbreviation = "RHIT"
status = "optional"
exam = true
source = "mrt_what_they_do"
quote = "Getting a Registered Health Information Technician certificate can also help you land a job."
exam_quote = "pass a written examination"'''))
    assert "[demo.credential_licence]: a credential asked for by job postings needs the postings' year" in report
    assert "[demo.credential_rhit]: exam = true, but neither the quote nor an exam_quote speaks of an exam" in report
    assert "[demo.credential_rhit_elsewhere]: exam_quote not found in source 'mrt_what_they_do'" in report


def test_an_exam_based_credential_recorded_without_its_exam_is_refused(make_kb: MakeKB) -> None:
    exam = fact('''
id = "credential_rhit_exam"
kind = "credential"
name = "Registered Health Information Technician"
abbreviation = "RHIT"
status = "preferred"
exam = true
source = "mrt_careers_salary"
quote = "Employers often prefer to hire technicians who have the Registered Health Information Technicians (RHIT) credential. The American Health Information Management Association (AHIMA) offers this credential to those who complete the training and pass a written examination."''')
    other = ('id = "other"\nname = "Other career"\n' + fact('''
id = "credential_rhit"
kind = "credential"
name = "Registered Health Information Technician"
abbreviation = "RHIT"
status = "optional"
source = "mrt_what_they_do"
quote = "Getting a Registered Health Information Technician certificate can also help you land a job."'''))
    report = problems_of(make_kb, exam, extra={"other.toml": other})
    assert ("careers/other.toml [other.credential_rhit]: RHIT is exam-based (says demo.credential_rhit_exam), "
            "but this fact has no exam") in report


def test_standard_hours_read_as_irregular_are_refused(make_kb: MakeKB) -> None:
    report = problems_of(make_kb, fact('''
id = "schedule_guide"
kind = "schedule"
hours = "irregular"
includes = ["evenings", "weekends"]
source = "mrt_career_guide"
quote = "Most positions are full-time, often during standard business hours, though some roles in larger facilities may require evening or weekend shifts."'''))
    assert "[demo.schedule_guide]: hours 'irregular' but the quote says standard hours are the norm" in report


SHARE = '''
id = "setting_hospitals"
kind = "setting"
name = "Hospitals"
share_percent = 39
source = "mrt_degree"
quote = "39 percent work in state, local, or private hospital settings"
'''


def test_a_year_the_text_does_not_give_is_refused(make_kb: MakeKB) -> None:
    report = problems_of(make_kb, fact(SHARE + "year = 2010"))
    assert "[demo.setting_hospitals]: year 2010 is not stated by the quote and no year_quote dates it" in report


def test_an_inferred_year_needs_a_reason_and_excludes_a_stated_one(make_kb: MakeKB) -> None:
    report = problems_of(make_kb, fact(SHARE + "inferred_year = 2010\nyear = 2010"))
    assert "give year (stated by the text) or inferred_year (our inference), not both" in report
    assert "inferred_year needs a note saying why that year" in report


def test_an_inferred_year_with_its_reason_loads_and_is_shown_as_inferred(make_kb: MakeKB) -> None:
    kb = load(make_kb({"demo.toml": HEADER + fact(SHARE + 'inferred_year = 2010\nnote = "inferred: the article\'s '
                                                           'one dated figure is from 2010"')}))
    share = kb.fact("demo", "setting_hospitals")
    assert share.year is None and dating(share) == "undated, 2010 inferred"


def test_identical_values_alone_are_no_disagreement(make_kb: MakeKB) -> None:
    same = '''
kind = "remote_work"
level = "some"
source = "mrhit_career_info"
quote = "Some technicians may work from home."
'''
    kb = load(make_kb({"demo.toml": HEADER + fact('id = "remote_a"' + same) + fact('id = "remote_b"' + same)}))
    assert kb.disagreements == []


def test_notes_name_sources_by_title_not_by_id(kb: KnowledgeBase) -> None:
    """Notes are shown to students; a source id like 'mrt_career_guide' means nothing to them."""
    for career in kb.careers.values():
        notes = [career.thin_note or "", career.specialises.note if career.specialises else ""]
        notes += [fact.note or "" for fact in career.facts]
        for note in notes:
            for source in kb.sources:
                assert not re.search(rf"\b{source}\b", note), (career.id, source, note[:80])
