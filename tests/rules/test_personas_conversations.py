"""Six students as whole conversations (session 5, reader4), written blind before they were run: the blind
draft is tests/rules/bank/personas7_blind.md (see git log); first-run results are in /work/notes/reader4.md.

Each student opens with what they would say to an advisor — often several preferences and a question at once —
then types their own words at whatever quiz question is open (a question they have no view on is skipped), and
asks side questions on the way. What must hold:
- every side question (and a question in the opening) is answered with what the sources say, and stores nothing
  for the question it was asked at;
- what is stored is what the student meant;
- the chat's top pick is the career the sources point to, and the careers they rule out are not first.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from rules.builtin import builtin_engine

ENGINE = builtin_engine()
BACK_OFFICE = frozenset({"medical_records_technician", "medical_coder", "cancer_registrar"})


@dataclass(frozen=True)
class Aside:
    at: str
    """The quiz question open (or already answered) when the student asks it."""
    says: str
    must: tuple[str, ...]
    """The answer holds at least one of these (case-insensitive)."""


@dataclass(frozen=True)
class Student:
    id: str
    opening: str
    opening_must: tuple[str, ...]
    """The answer to the opening holds one of these (empty: no check of the wording)."""
    words: dict[str, str]
    means: dict
    top: str | frozenset[str]
    not_first: tuple[str, ...] = ()
    asides: tuple[Aside, ...] = field(default_factory=tuple)


STUDENTS = [
    # Career changer, 44: "vocational training programs, community college associate degrees, and focused
    # professional certifications offer viable pathways into the field, particularly for career changers".
    # Records work, a certificate (6-12 months), $47,190 (May 2023) >= $35k, "do not provide direct patient care".
    Student("luis_career_changer",
            "im 44 and been in a warehouse 20 yrs, back is shot so i need to sit down for work. "
            "can i still get hired at my age?",
            ("career changer",),
            dict(training_months="a year max", focus="office stuff, keeping records i guess",
                 patient_contact="as little as possible", pay_min="35k at least, i got bills",
                 computer_work="yes sitting is what i need", equipment="no", exam="if i have to sure",
                 schedule="whatever works", science="not my thing"),
            dict(training_months=12, focus="records", patient_contact="none", pay_min=35000, computer_work="yes",
                 equipment="no", exam="yes", schedule="any", science="avoid"),
            "medical_records_technician",
            not_first=("licensed_practical_nurse", "radiologic_technician"),
            asides=(Aside("training_months", "how much does the school cost tho", ("3,000", "10,000")),)),
    # LPNs "provide health care to sick or injured patients", have "more science classes" and "must pass a test
    # to obtain licensure"; about $42,000 in 2011.
    Student("mia_hospital_bio",
            "i want to be in a hospital helping people, not stuck at a desk all day. "
            "bio is my favorite class and needles dont bother me",
            (),
            dict(focus="helping patients", patient_contact="lots!!", science="love it",
                 computer_work="no i wanna move around", schedule="nights r fine", exam="yeah",
                 training_months="a year or two", pay_min="idk like 35k"),
            dict(focus="patient_care", patient_contact="lots", science="enjoy", computer_work="no", schedule="any",
                 exam="yes", training_months=24, pay_min=35000),
            "licensed_practical_nurse",
            not_first=("medical_records_technician", "medical_coder", "cancer_registrar"),
            asides=(Aside("exam", "what test do nurses take", ("licens",)),)),
    # Radiologic technicians "perform imaging examinations such as x-rays, magnetic resonance imaging (MRI),
    # mammography and computed tomography (CT)" and "maintain equipment"; about $35,000 in 2011.
    Student("jordan_machines",
            "i like tech and machines and mri stuff looks cool. im fine with patients",
            (),
            dict(focus="mri and ct scans", equipment="heck yes", patient_contact="some is fine",
                 training_months="2 yrs", science="theyre ok", pay_min="30k is ok"),
            dict(focus="imaging", equipment="yes", patient_contact="some", training_months=24, science="ok",
                 pay_min=30000),
            "radiologic_technician",
            not_first=("medical_records_technician", "medical_coder"),
            asides=(Aside("pay_min", "what do rad techs make", ("35,000",)),)),
    # Coders "assign appropriate diagnoses and procedure codes for patient care, population health statistics,
    # and billing purposes"; "remote work opportunities exist, especially for coding or auditing roles".
    Student("sam_coding_from_home",
            "i have 2 little kids so i cant do weekends. coding looks good and i want to work from home if i can",
            (),
            dict(focus="medical coding", schedule="weekdays only bc of daycare", patient_contact="none",
                 computer_work="yes def", training_months="no more than a year", exam="ok", pay_min="30k is fine"),
            dict(focus="coding", schedule="daytime_only", patient_contact="none", computer_work="yes",
                 training_months=12, exam="yes", pay_min=30000),
            "medical_coder",
            not_first=("licensed_practical_nurse", "radiologic_technician", "medical_assistant"),
            asides=(Aside("focus", "can coders work from home?", ("remote", "home")),)),
    # Medical assistants do "clerical work such as filling out insurance forms, answering phones and scheduling
    # appointments" and clinical duties such as "recording vital signs"; "some receive on-the-job training";
    # about $29,000 in May 2011.
    Student("aaliyah_front_desk",
            "i like front desk stuff but i also wanna do some clinical things like taking vitals. "
            "i want to start working asap",
            (),
            dict(focus="a mix of both", patient_contact="some", training_months="6 months max", pay_min="25k",
                 science="meh its ok", exam="id rather not"),
            dict(focus="front_office_and_clinical", patient_contact="some", training_months=6, pay_min=25000,
                 science="ok", exam="no"),
            "medical_assistant",
            not_first=("health_information_manager", "licensed_practical_nurse"),
            asides=(Aside("training_months", "which job is the fastest to get into", ("month",)),)),
    # Cancer registrars "compile and analyze cancer patient information for research purposes"; the CTR
    # "requires completion of a formal education program and experience, along with passing an exam".
    Student("grace_cancer_data",
            "my grandma had cancer so i want to do something with cancer research, but i cant handle blood. "
            "im good with data and computers",
            (),
            dict(focus="tracking cancer data for research", patient_contact="none please", exam="yes ill take it",
                 computer_work="yes", science="i like bio", training_months="2 years"),
            dict(focus="cancer_data", patient_contact="none", exam="yes", computer_work="yes", science="enjoy",
                 training_months=24),
            "cancer_registrar",
            not_first=("licensed_practical_nurse", "medical_assistant"),
            asides=(Aside("exam", "what do you need for the ctr", ("experience",)),)),
]


def _talk(student: Student):
    """The whole conversation; returns (stored answers, problems seen on the way)."""
    from rules.conversation import Conversation
    from rules.dialogue import Dialogue, SessionState

    problems: list[str] = []
    conversation = Conversation(lambda: Dialogue(ENGINE, SessionState()))
    turn = conversation.start()
    turn = conversation.say(student.opening)
    said = _said(turn)
    if student.opening_must and not any(w.lower() in said for w in student.opening_must):
        problems.append(f"opening answer lacks any of {student.opening_must}: {said[:300]!r}")
    pending = list(student.asides)

    def ask(asides: list[Aside]) -> None:
        nonlocal turn
        for aside in asides:
            pending.remove(aside)
            before = dict(conversation.dialogue.state.answers)
            turn = conversation.say(aside.says)
            said = _said(turn)
            if not any(w.lower() in said for w in aside.must):
                problems.append(f"{aside.says!r} lacks any of {aside.must}: {said[:300]!r}")
            if dict(conversation.dialogue.state.answers) != before:
                problems.append(f"{aside.says!r} changed the answers: {conversation.dialogue.state.answers}")

    for _ in range(len(ENGINE.rulebook.questions) * 2 + 2):
        if turn.question is None:
            break
        answers = conversation.dialogue.state.answers
        ask([a for a in pending if a.at == turn.question.id or a.at in answers])
        if turn.question is None:
            break
        turn = conversation.say(student.words.get(turn.question.id, "skip"))
    ask(list(pending))  # the quiz settled before that question opened: the student still asks, at the results
    return dict(conversation.dialogue.state.answers), problems


@pytest.mark.parametrize("student", STUDENTS, ids=lambda s: s.id)
def test_the_ranking_for_what_they_mean(student: Student) -> None:
    _check_ranking(student, student.means)


@pytest.mark.parametrize("student", STUDENTS, ids=lambda s: s.id)
def test_the_whole_conversation(student: Student) -> None:
    answers, problems = _talk(student)
    assert not problems, problems
    wrong = {q: (answers[q], v) for q, v in student.means.items() if q in answers and answers[q] != v}
    assert not wrong, f"stored (got, meant): {wrong}"
    extra = {q: v for q, v in answers.items() if q not in student.means}
    assert not extra, f"stored what the student never said: {extra}"
    _check_ranking(student, answers)


def _check_ranking(student: Student, answers: dict) -> None:
    result = ENGINE.recommend(answers)
    order = [r.career for r in result.recommendations]
    top3 = [(r.career, r.score, r.judged) for r in result.recommendations[:3]]
    tops = {student.top} if isinstance(student.top, str) else student.top
    assert order[0] in tops, top3
    for career in student.not_first:
        assert order[0] != career, top3


def _said(turn) -> str:
    """Everything the turn shows, tables included, lower-cased."""
    return " ".join(m.text + (f" {m.table}" if m.table else "") for m in turn.messages).lower()
