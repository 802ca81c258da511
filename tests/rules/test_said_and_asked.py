"""Session 5 (reader4): an answer and a question in one message, apostrophe-less negations, "is it hard?" at the
exam question, pay asked by the hour or month, and the topics the sources speak to only in passages (age and
career change, disability, paying for school, working abroad). Found by holdout 7 and its personas."""

from __future__ import annotations

import pytest

from rules.dialogue import Dialogue, SessionState
from rules.parsing import parse_answer
from tests.rules.dialogues import ENGINE, at

QUESTIONS = {q.id: q for q in ENGINE.questions}


@pytest.mark.parametrize(("question_id", "text", "value"), [
    ("schedule", "i cant do weekends", "daytime_only"),  # was stored as "any": "cant" was no negation
    ("schedule", "i have 2 little kids so i cant do weekends", "daytime_only"),
    ("schedule", "weekends are fine", "any"),
    ("patient_contact", "as little as possible", "none"),
    ("patient_contact", "a little", "some"),
    ("focus", "helping patients", "patient_care"),
    ("patient_contact", "needles dont bother me", "lots"),  # was none: "dont" read as a plain no
    ("patient_contact", "needles bother me", "none"),
    ("computer_work", "not stuck at a desk all day", "no"),
    ("science", "bio is my favorite class", "enjoy"),
])
def test_answers_in_a_students_words(question_id: str, text: str, value) -> None:
    assert parse_answer(QUESTIONS[question_id], text).value == value


def test_an_opening_full_of_preferences_keeps_each_one() -> None:
    """Persona Mia's first message: four clauses, three preferences (one worded as not being stuck at a desk)."""
    dialogue = at("focus")
    dialogue.handle("i want to be in a hospital helping people, not stuck at a desk all day. "
                    "bio is my favorite class and needles dont bother me")
    assert dialogue.state.answers == {"patient_contact": "lots", "computer_work": "no", "science": "enjoy"}


def test_an_answer_then_a_question_stores_the_one_and_answers_the_other() -> None:
    dialogue = at("schedule")
    ack, answer, *rest = dialogue.handle("no nights, do hospitals make u work nights?")
    assert dialogue.state.answers == {"schedule": "daytime_only"}
    assert ack.kind == "ack" and answer.answer_kind == "fact" and "overnight" in answer.text
    assert rest[-1].kind == "question"


def test_the_question_after_an_answer_is_read_at_the_question_it_was_typed_at() -> None:
    """"does it hurt your eyes" after "yeah thats fine" at the computer question is about computer time."""
    dialogue = at("computer_work")
    replies = dialogue.handle("yeah thats fine. does it hurt your eyes tho")
    assert dialogue.state.answers == {"computer_work": "yes"}
    assert "eye strain" in replies[1].text


def test_a_statement_naming_a_career_is_not_taken_as_an_answer() -> None:
    """"coding, how long does it take?" asks about coders; nothing is stored."""
    dialogue = at("focus")
    dialogue.handle("coding, how long does it take?")
    assert dialogue.state.answers == {}


@pytest.mark.parametrize("text", ["i hate needles, what should i be?", "i love computers what job is good",
                                  "i pass out when i see blood lol which job has no blood"])
def test_one_preference_asked_as_a_question_is_kept_and_the_ranking_says_it_stands_on_one_answer(text) -> None:
    dialogue = at("focus")
    replies = dialogue.handle(text)
    assert len(dialogue.state.answers) == 1
    ranking = next(r for r in replies if r.answer_kind == "ranking")
    assert "your one answer so far" in ranking.text
    first = ranking.text.splitlines()[1]
    assert any(name in first for name in ("Medical records technician", "Medical coder", "Cancer registrar"))


@pytest.mark.parametrize("text", ["is it hard", "r they hard?", "is that hard to pass", "how hard is it"])
def test_is_it_hard_at_the_exam_question_is_about_the_exam(text: str) -> None:
    dialogue = at("exam")
    reply = dialogue.handle(text)[0]
    assert "exam" not in dialogue.state.answers
    assert reply.text.count("The sources don't say how hard the exam is") == 1 and "RHIT" in reply.text


@pytest.mark.parametrize(("text", "period"), [("how much do medical records techs make an hour", "hourly"),
                                              ("how much do medical assistants make a month", "monthly")])
def test_pay_by_the_hour_or_month_says_the_sources_give_yearly_figures(text: str, period: str) -> None:
    reply = at("focus").handle(text)[0]
    assert reply.text.startswith(f"The sources give pay as yearly figures, not {period} ones")
    assert "a year (" in reply.text


@pytest.mark.parametrize(("text", "words"), [
    ("im 42 is it too late to switch careers", ("nothing about age", "career changers")),
    ("i have a disability can i still do this job", ("disabilities",)),
    ("is there financial aid or scholarships", ("financial aid",)),
    ("could i move to canada and do this", ("Canada",)),
])
def test_what_the_sources_say_only_in_passages_is_offered_as_passages(text: str, words: tuple[str, ...]) -> None:
    reply = at("focus").handle(text)[0]
    assert reply.answer_kind == "passage" and reply.citations
    assert all(word in reply.text for word in words), reply.text


def test_an_answers_file_start_says_so_and_a_resumed_session_says_welcome_back() -> None:
    answers = {"focus": "coding"}
    given = Dialogue(ENGINE, SessionState(answers=dict(answers), order=["focus"]), given=True).start()[0].text
    resumed = Dialogue(ENGINE, SessionState(answers=dict(answers), order=["focus"])).start()[0].text
    assert "from the answers file" in given and "Welcome back" not in given
    assert resumed.startswith("Welcome back")


def test_online_after_talk_of_working_from_home_is_working_online() -> None:
    dialogue = at("focus")
    dialogue.handle("can coders work from home")
    reply = dialogue.handle("can i do it online tho")[0]
    assert "remote work" in reply.text and "studying online" not in reply.text


def test_online_at_the_training_question_is_studying_online() -> None:
    reply = at("training_months").handle("can i do it online")[0]
    assert "studying online" in reply.text and "remote work" not in reply.text


def test_online_with_nothing_to_settle_it_answers_both() -> None:
    reply = at("focus").handle("can i do it online")[0]
    assert reply.text.startswith("“Online” could mean studying or working")
    assert "studying online" in reply.text and "remote work" in reply.text
    assert reply.text.count("You didn't name a career") == 1


def test_that_one_after_a_ranking_is_the_career_it_put_first() -> None:
    dialogue = at("focus")
    ranking = dialogue.handle("which pays best")[0]
    assert ranking.text.splitlines()[1].startswith("1. Health information manager")
    reply = dialogue.handle("what about that one, how long is the school")[0]
    assert reply.text.startswith("Health information manager — training") and "bachelor" in reply.text


def test_a_ranking_the_sources_cannot_make_says_so() -> None:
    reply = at("focus").handle("which job is the least stressful")[0]
    assert reply.text.startswith("The sources don't rank careers by work pressure")


@pytest.mark.parametrize(("text", "lead"), [
    ("do i need the ccs or cpc", "Medical coder — certification"),  # the certification, not "not covered"
    ("how much does the cpc cost", "The sources give no exam fee"),  # not the coder's training cost
])
def test_a_certification_named_like_a_career_is_about_the_certification(text: str, lead: str) -> None:
    reply = at("focus").handle(text)[0]
    assert lead in reply.text and "3,000" not in reply.text


def test_a_preference_no_described_career_fits_is_not_ranked_as_if_they_did() -> None:
    """"i hate sitting at a computer": the three careers judged on it all mismatch and the others are not judged;
    the answer says so instead of numbering the technician first."""
    replies = at("focus").handle("i hate sitting at a computer all day, what job fits me")
    ranking = next(r for r in replies if r.answer_kind == "ranking")
    lines = ranking.text.splitlines()
    assert "none of the careers the sources describe on this fits it" in lines[0]
    assert lines[1].startswith("• Medical records technician") and not any(line.startswith("1.") for line in lines)
    assert any(line.startswith("Not judged (the sources say nothing on computer work for them)") for line in lines)


def test_whether_an_internship_is_paid_is_said_to_be_unknown() -> None:
    reply = at("focus").handle("do you get paid for the internship")[0]
    assert "The sources don't say whether internships are paid" in reply.text and "internship" in reply.text
    assert "$" not in reply.text


def test_after_an_answer_it_points_at_the_question_on_screen_not_an_earlier_topic() -> None:
    """Plain-mode run: "can coders work from home?", then an answer, then "is it hard" at the exam question was
    answered about remote work (the remembered topic)."""
    dialogue = at("patient_contact")
    dialogue.handle("can coders work from home?")
    dialogue.handle("none")
    dialogue.state.current = "exam"
    reply = dialogue.handle("is it hard")[0]
    assert "The sources don't say how hard the exam is" in reply.text and "remote" not in reply.text
    assert "Medical coder" in reply.text  # the career asked about is still remembered


def test_without_an_answer_between_a_follow_up_keeps_the_topic_asked_about() -> None:
    dialogue = at("exam")
    dialogue.handle("how much do coders make")
    reply = dialogue.handle("and for nurses?")[0]
    assert "Licensed practical nurse — pay" in reply.text


@pytest.mark.parametrize(("text", "stored", "about"), [
    ("x rays sound cool, how much do they make", "imaging", "Radiologic technician — pay"),
    ("i like coding but how long is the training", "coding", "for medical coders"),
])
def test_a_liking_that_names_a_line_of_work_is_kept_and_the_question_is_about_it(text, stored, about) -> None:
    dialogue = at("focus")
    replies = dialogue.handle(text)
    assert dialogue.state.answers == {"focus": stored}
    assert about in replies[1].text
