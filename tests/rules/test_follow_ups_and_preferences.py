"""What holdout 5 and last session's trip-ups asked for (session 4): several preferences in one message all count,
follow-ups remember the career an answer settled (and survive a saved session), a question typed at an open quiz
question takes that question's topic, "is that a lot?" sets a figure beside the others, and a list of qualities
quotes every source that gives one."""

from __future__ import annotations

import json

import pytest

from rules.conversation import Conversation
from rules.dialogue import READABLE_VERSIONS, SESSION_VERSION, Dialogue, Recall, SessionState
from rules.parsing import parse_answer
from rules.placement import place_statements
from tests.rules.dialogues import ENGINE, at, said

QUESTIONS = ENGINE.questions


# --- several preferences in one message --------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("i like computers but hate needles", {"computer_work": "yes", "patient_contact": "none"}),
    ("coding, no patients, 1 year, 40k", {"focus": "coding", "patient_contact": "none", "training_months": 12,
                                          "pay_min": 40000}),
    ("hate weekends and i love machines", {"schedule": "daytime_only", "equipment": "yes"}),
    ("$40,000 and 2.5 years", {"pay_min": 40000, "training_months": 30}),
    ("a year and a half, 40k", {"training_months": 18, "pay_min": 40000}),
])
def test_every_preference_in_one_message_is_stored(text: str, expected: dict) -> None:
    assert dict(place_statements(QUESTIONS, text)) == expected
    dialogue = at("focus")
    replies = dialogue.handle(text)
    assert dialogue.state.answers == expected
    assert replies[0].kind == "ack" and all(ENGINE.rulebook.question(q).short in replies[0].text for q in expected)
    assert replies[-1].question == dialogue.state.current  # the quiz goes on


@pytest.mark.parametrize("text", ["front office and clinical", "records and coding", "a year max", "2 years, maybe 3",
                                  "cancer registrar salary, and coder pay"])
def test_one_answer_or_a_question_is_not_split_into_several(text: str) -> None:
    assert place_statements(QUESTIONS, text) == ()


def test_each_answer_given_together_is_taken_back_by_its_own_back() -> None:
    dialogue = at("focus")
    dialogue.handle("i like computers but hate needles")
    dialogue.handle("back")
    assert dialogue.state.answers == {"computer_work": "yes"}


# --- answers in a student's own words ----------------------------------------------------------------------

@pytest.mark.parametrize(("question", "text", "value"), [
    ("focus", "idk maybe the coding one", "coding"),
    ("science", "biology was my worst class lol", "avoid"),
    ("patient_contact", "i hate needles", "none"),
    ("patient_contact", "blood grosses me out", "none"),
    ("computer_work", "i like computers", "yes"),
    ("schedule", "i hate working weekends", "daytime_only"),
    ("equipment", "i love machines", "yes"),
])
def test_a_liking_or_a_tentative_pick_is_read(question: str, text: str, value) -> None:
    assert parse_answer(ENGINE.rulebook.question(question), text).value == value


@pytest.mark.parametrize(("question", "text"), [
    ("focus", "maybe"), ("exam", "idk"), ("focus", "either coding or records"), ("exam", "i'd like to avoid exams"),
])
def test_a_hedge_alone_or_between_options_is_still_no_answer(question: str, text: str) -> None:
    assert parse_answer(ENGINE.rulebook.question(question), text).value is None


def test_an_answer_in_the_words_of_one_option_is_not_a_question() -> None:
    dialogue = at("focus")
    dialogue.handle("coding for insurance")
    assert dialogue.state.answers == {"focus": "coding"}


def test_a_question_after_a_statement_is_a_question_without_its_question_mark() -> None:
    dialogue = at("focus")
    replies = dialogue.handle("i have a misdemeanor can i still do this")
    assert dialogue.state.answers == {} and replies[0].answer_kind == "fact"
    assert "background check" in replies[0].text


# --- follow-ups --------------------------------------------------------------------------------------------

def test_techs_after_coders_are_the_technicians_coders_are() -> None:
    dialogue = at()
    for text in ("tell me about coders", "what about the pay"):
        dialogue.handle(text)
    reply = dialogue.handle("and techs?")[0]
    assert reply.answer_kind == "fact" and "$47,190" in reply.text and "radiologic" not in reply.text.lower()


def test_a_career_settled_by_whose_facts_answer_is_remembered() -> None:
    """"how much do techs make in hospitals?" is settled on the technicians (only they have pay by workplace);
    "and how long is the training?" is then about them, not asked again."""
    dialogue = at()
    first = dialogue.handle("how much do techs make in hospitals?")[0]
    assert "only medical records technicians" in first.text
    assert dialogue.memory.careers == ("medical_records_technician",)
    follow = dialogue.handle("and how long is the training?")[0]
    assert follow.answer_kind == "fact" and follow.text.startswith("Medical records technician")


def test_the_follow_up_memory_is_saved_and_resumed_with_the_session() -> None:
    class Kept:
        enabled, path = True, None

        def __init__(self) -> None:
            self.saved: SessionState | None = None

        def load(self):
            return (SessionState.from_data(json.loads(self.saved.to_json())) if self.saved else None), None

        def mark(self, state) -> None:
            pass

        def save(self, state) -> None:
            self.saved = SessionState.from_data(json.loads(state.to_json()))

        def forget(self):
            return []

    store = Kept()
    first = Conversation(lambda: Dialogue(ENGINE, SessionState()), sessions=store)
    first.start()
    first.say("coding")
    first.say("how much do lpns make")
    assert store.saved is not None and store.saved.recall.careers == ("licensed_practical_nurse",)
    again = Conversation(lambda: Dialogue(ENGINE, SessionState()), sessions=store)
    again.start()
    again.pick("resume", "continue")
    reply = again.say("and how long is the training?").messages[0]
    assert reply.text.startswith(("Licensed practical nurse", "The sources give no training")), reply.text
    assert "licensed practical nurse" in reply.text.lower()


def test_a_version_1_session_is_still_read_and_saved_as_the_current_version() -> None:
    assert 1 in READABLE_VERSIONS and SESSION_VERSION == 2
    old = {"version": 1, "answers": {"focus": "coding"}, "order": ["focus"], "skipped": [], "current": "exam",
           "stable_announced": False, "finished": False, "history": []}
    state = SessionState.from_data(old)
    assert state.recall == Recall() and json.loads(state.to_json())["version"] == SESSION_VERSION


def test_a_remembered_career_or_topic_this_knowledge_base_lacks_is_forgotten() -> None:
    dialogue = Dialogue(ENGINE, SessionState(recall=Recall(careers=("astronaut",), topic="no_such_topic")))
    assert dialogue.memory.careers == () and dialogue.memory.topic is None


# --- questions with no topic of their own ------------------------------------------------------------------

def test_a_question_at_the_pay_question_is_about_pay() -> None:
    dialogue = at("pay_min")
    reply = dialogue.handle("whats normal for this job")[0]
    assert "pay_min" not in dialogue.state.answers and "$47,190" in reply.text


def test_is_that_a_lot_sets_the_figure_beside_the_other_careers() -> None:
    dialogue = at()
    dialogue.handle("what do lpns earn")
    reply = dialogue.handle("is that a lot")[0]
    assert reply.answer_kind == "ranking" and "don't say whether that is a lot" in reply.text
    assert "Licensed practical nurse (the one you asked about)" in reply.text and "$29,000" in reply.text
    assert dialogue.memory.careers == ("licensed_practical_nurse",)  # still the LPN for the next follow-up


# --- lists of qualities ------------------------------------------------------------------------------------

def test_what_skills_do_i_need_quotes_several_sources_and_what_they_agree_on_first() -> None:
    reply = at().handle("what skills do i need")[0]
    assert len({c.source for c in reply.citations}) >= 4
    assert "detail" in reply.text.splitlines()[2].lower()  # four sources name attention to detail
    assert sum("detail" in line.lower() for line in reply.text.splitlines()) == 1  # once, not once per source


def test_a_question_naming_a_career_keeps_its_own_reading_at_an_open_question() -> None:
    """The open question's topic fills in only for a question that names no career: "where would an x ray tech
    work" at the kind-of-work question is not read as a question about duties."""
    reply = at("focus").handle("where would an x ray tech work")[0]
    assert "description of the work" not in reply.text


def test_the_careers_own_name_does_not_pick_which_fact_answers() -> None:
    """"medical records" in the question names the career; "program" says which requirements are asked for."""
    reply = at().handle("what do u need to get into a medical records program")[0]
    assert "(to enter a program)" in reply.text.splitlines()[1]


def test_what_should_i_be_with_two_preferences_keeps_both_and_ranks_on_them() -> None:
    """Session 5: the preferences are kept as answers (the student said them; 'back' takes them back) and the
    ranking says what it stands on, so the quiz does not ask them again."""
    dialogue = at("focus")
    ack, reply, *rest = dialogue.handle("i like computers but hate needles, what should i be?")
    assert dialogue.state.answers == {"computer_work": "yes", "patient_contact": "none"}
    assert ack.kind == "ack" and reply.answer_kind == "ranking"
    lines = reply.text.splitlines()
    assert "your 2 answers so far" in lines[0] and "computer work" in lines[0] and "patient contact" in lines[0]
    assert lines[1].startswith("1. Medical records technician")
    assert "Medical assistant (patient contact)" in reply.text and reply.citations
    assert "Kept as your answers" in lines[-1]
    assert rest and rest[-1].kind == "question"


def test_what_should_i_be_once_the_quiz_is_over_stores_nothing() -> None:
    """With no question open there is nothing to answer: the ranking is on what was said, nothing is stored."""
    dialogue = at("focus")
    dialogue.state.current = None
    reply = dialogue.handle("i like computers but hate needles, what should i be?")[0]
    assert dialogue.state.answers == {}
    assert "Going by what you said" in reply.text and "Nothing is stored" in reply.text.splitlines()[-1]


def test_the_best_for_someone_who_hates_something_is_the_least_of_it() -> None:
    reply = at().handle("which is best for someone who hates blood")[0]
    assert "(least first)" in reply.text and reply.text.splitlines()[1].startswith("1. Medical records technician")


def test_a_criminal_record_question_says_what_the_sources_leave_out() -> None:
    reply = at("focus").handle("i have a felony, can i get into a program?")[0]
    assert "not what record would rule a student out" in reply.text and "background check" in reply.text


def test_program_requirements_come_first_when_a_program_is_asked_about() -> None:
    lines = at().handle("what do you need to get into a program")[0].text.splitlines()
    assert all("(to enter a program)" in line for line in lines[2:5])
