"""Eight students written in session 4 (reader3) the way they would describe themselves and answer the quiz in
their own words, with the career a careful advisor would expect, argued from the sources' own words — written
BEFORE they were run (see git log; first-run results are in /work/notes/reader3.md).

Each student is checked twice: the engine's ranking for the answers they mean, and the chat itself, where they
type their own words at whatever question is open (a question they have no view on is skipped) and the answers
stored must be the ones they meant.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from rules.builtin import builtin_engine

ENGINE = builtin_engine()
BACK_OFFICE = frozenset({"medical_records_technician", "medical_coder", "cancer_registrar"})


@dataclass(frozen=True)
class Typed:
    id: str
    says: str
    """How the student describes themselves to an advisor."""
    words: dict[str, str]
    """question id -> what they type when that question is open."""
    means: dict
    """question id -> the option value (or number) those words mean."""
    top: str | frozenset[str]
    ruled_out: dict[str, str] = field(default_factory=dict)
    """career -> the question whose answer rules it out: not first, and the mismatch is shown."""


STUDENTS = [
    # Single parent. "A dedicated certificate program might take 6-12 months"; median $47,190 (May 2023) ≥ $40k;
    # technicians "do not provide direct patient care"; "Most positions are full-time, often during standard
    # business hours" (one source; others say evenings/weekends). The medical assistant's clinical duties
    # include "drawing blood" and the LPN provides "health care to sick or injured patients": both out on
    # patient contact. Coder and registrar are technicians who specialise, so any of the three may lead.
    Typed("tasha_single_mom",
          "i have a kid so i need normal hours, i cant do more than a year of school, need 40k, blood grosses me out",
          dict(patient_contact="none, blood grosses me out", training_months="a year at most",
               pay_min="40k at least", schedule="only weekdays, i have a kid", computer_work="yeah thats fine",
               exam="sure i can take a test"),
          dict(patient_contact="none", training_months=12, pay_min=40000, schedule="daytime_only",
               computer_work="yes", exam="yes"),
          BACK_OFFICE, ruled_out={"licensed_practical_nurse": "patient_contact"}),
    # LPN: "provide health care to sick or injured patients"; "more science classes and must pass a test to
    # obtain licensure"; "around $42,000 in 2011" ≥ $40k. No program length is given, so a year counts neither.
    Typed("kevin_hands_on",
          "i loved anatomy and bio, i want to actually help sick people, nights are fine, need like 40k",
          dict(focus="taking care of patients", patient_contact="lots, thats the point", science="i love biology",
               exam="yes", schedule="nights and weekends are fine", pay_min="40,000",
               training_months="1 year"),
          dict(focus="patient_care", patient_contact="lots", science="enjoy", exam="yes", schedule="any",
               pay_min=40000, training_months=12),
          "licensed_practical_nurse",
          ruled_out={"medical_records_technician": "patient_contact"}),
    # Radiologic technicians "perform imaging examinations such as x-rays, magnetic resonance imaging (MRI),
    # mammography and computed tomography (CT)" and "help prepare patients"; their pay, "around $35,000 in
    # 2011", is under her $40k — a real mismatch to show, but the work she asked for still leads.
    Typed("bri_xrays_40k",
          "i want to do x-rays and scans, i like working the machines, but i need at least 40 grand",
          dict(focus="x-rays", equipment="yes definitely", pay_min="40k", patient_contact="some is fine"),
          dict(focus="imaging", equipment="yes", pay_min=40000, patient_contact="some"),
          "radiologic_technician"),
    # Career changer who wants to lead: "Technicians may advance to a position as a medical or health services
    # manager after completing a bachelor's or master's degree program"; Health Information Manager $90k median
    # (no year) ≥ $70k; the supervisor's $65k is below. He would sit the RHIA ("Pursue advanced degrees or the
    # RHIA certification").
    Typed("omar_lead_a_team",
          "im 35, i want to run a department, need 70k plus, fine with exams, weekdays only",
          dict(focus="leading a team", pay_min="70k+", exam="yes thats fine", schedule="weekdays only",
               computer_work="yes", training_months="up to 4 years"),
          dict(focus="management", pay_min=70000, exam="yes", schedule="daytime_only", computer_work="yes",
               training_months=48),
          "health_information_manager", ruled_out={"medical_records_supervisor": "pay_min"}),
    # Cancer registrars "compile and analyze cancer patient information for research purposes"; "A few states and
    # facilities require cancer registrars to be certified" — a few, so not wanting exams is a weak mismatch and
    # must not hand the pick to the generalist technician (the thin-data complaint).
    Typed("nina_cancer_research",
          "my grandma had cancer and i want to help the research side, no patients, i really dont want exams",
          dict(focus="cancer research", patient_contact="no patients", exam="no exams please",
               training_months="2 years", pay_min="about 40k"),
          dict(focus="cancer_data", patient_contact="none", exam="no", training_months=24, pay_min=40000),
          "cancer_registrar"),
    # Only pay matters: the manager's $90k (no year) and the supervisor's $65k clear $60k; the technician's
    # median ($47,190, May 2023) does not. A bachelor's fits four years.
    Typed("leo_money_first",
          "honestly i just want the best money, 60k minimum, i can do 4 years of school and exams",
          dict(pay_min="60k minimum", training_months="4 years", exam="ok"),
          dict(pay_min=60000, training_months=48, exam="yes"),
          frozenset({"health_information_manager", "medical_records_supervisor"}),
          ruled_out={"medical_records_technician": "pay_min", "licensed_practical_nurse": "pay_min"}),
    # Coders "assign appropriate diagnoses and procedure codes ... for billing"; no patient care; computer work
    # ("Long hours spent in front of a computer screen"). She asked for coding; the coder must lead.
    Typed("ava_codes_no_needles",
          "i like computers but hate needles, id like the billing/insurance coding side, days only, a year, 35k",
          dict(focus="coding for insurance", patient_contact="none i hate needles", computer_work="yes i love computers",
               schedule="days", training_months="12 months", pay_min="35k", science="not really"),
          dict(focus="coding", patient_contact="none", computer_work="yes", schedule="daytime_only",
               training_months=12, pay_min=35000, science="avoid"),
          "medical_coder",
          ruled_out={"licensed_practical_nurse": "patient_contact", "medical_assistant": "patient_contact"}),
    # No kind of work chosen: likes machines and people, not science. Radiologic technicians operate imaging
    # equipment and prepare patients; the LPN "more science classes". Nothing is said of the radiologic
    # technician's science, so that answer counts neither way for it.
    Typed("ray_gadgets_and_people",
          "i like gadgets and being around people, science classes not so much, 2 years max",
          dict(equipment="yes i love machines", patient_contact="lots", science="i'd rather avoid it",
               training_months="2 years max"),
          dict(equipment="yes", patient_contact="lots", science="avoid", training_months=24),
          "radiologic_technician"),
]


def _first_and_check(student: Typed, answers: dict) -> None:
    result = ENGINE.recommend(answers)
    first = result.recommendations[0]
    top3 = [(r.career, r.score, r.judged) for r in result.recommendations[:3]]
    if isinstance(student.top, str):
        assert first.career == student.top, top3
    else:
        assert first.career in student.top, top3
    for career, question in student.ruled_out.items():
        rec = next(r for r in result.recommendations if r.career == career)
        assert rec.rank > 1 and question in rec.mismatches, (career, rec.rank, rec.mismatches)


@pytest.mark.parametrize("student", STUDENTS, ids=lambda s: s.id)
def test_the_student_gets_the_career_the_sources_point_to(student: Typed) -> None:
    _first_and_check(student, student.means)


@pytest.mark.parametrize("student", STUDENTS, ids=lambda s: s.id)
def test_the_student_typing_their_own_words_is_understood(student: Typed) -> None:
    """Through the chat: at each open question the student types their words (or skips); what is stored is what
    they meant, and the chat's top pick is the one the sources point to."""
    from rules.conversation import Conversation
    from rules.dialogue import Dialogue, SessionState

    conversation = Conversation(lambda: Dialogue(ENGINE, SessionState()))
    turn = conversation.start()
    for _ in range(len(ENGINE.rulebook.questions) + 2):
        if turn.question is None:
            break
        question = turn.question.id
        turn = conversation.say(student.words.get(question, "skip"))
    answers = conversation.dialogue.state.answers
    meant = {q: v for q, v in student.means.items() if q in answers}
    assert meant == {q: answers[q] for q in meant}, answers
    _first_and_check(student, dict(answers))
