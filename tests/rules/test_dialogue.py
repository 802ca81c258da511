"""The conversation as a student has it: answers in their own words, intents, back, change, skip, stable."""

from __future__ import annotations

import json

from rules.dialogue import Dialogue, SessionState


def talk(dialogue, *messages):
    replies = []
    for message in messages:
        replies = dialogue.handle(message)
    return replies


def kinds(replies):
    return [r.kind for r in replies]


def test_greeting_says_what_it_will_do_then_asks():
    replies = Dialogue().start()
    assert replies[0].kind == "greeting" and "up to 9" in replies[0].text and "two minutes" in replies[0].text
    assert replies[-1].kind == "question" and replies[-1].question


def test_free_text_answers_are_stored():
    d = Dialogue()
    d.start()
    assert d.current.id == "focus"
    talk(d, "coding")
    assert d.state.answers["focus"] == "coding"
    while d.current and d.current.id not in {"pay_min", "training_months"}:
        talk(d, "skip")
    question = d.current.id
    talk(d, "about $40k" if question == "pay_min" else "two years max")
    assert d.state.answers[question] == (40000 if question == "pay_min" else 24)


def test_unreadable_text_is_reasked_with_a_hint_and_nothing_is_stored():
    d = Dialogue()
    d.start()
    replies = talk(d, "banana")
    assert kinds(replies) == ["reprompt"]
    assert "1-7" in replies[0].text or "coding" in replies[0].text
    assert d.state.answers == {}
    assert d.current.id == "focus"


def test_back_undoes_the_last_answer_and_reasks_it():
    d = Dialogue()
    d.start()
    talk(d, "1")
    replies = talk(d, "back")
    assert d.state.answers == {}
    assert replies[-1].kind == "question" and replies[-1].question == "focus"


def test_back_after_a_correction_puts_the_earlier_answer_back_then_undoes_in_turn():
    d = Dialogue()
    d.start()
    talk(d, "1")
    talk(d, "none")
    talk(d, "35k")
    open_question = d.current.id
    talk(d, "actually some patient contact is fine")
    assert d.state.answers["patient_contact"] == "some"
    replies = talk(d, "back")
    assert d.state.answers == {"focus": "records", "patient_contact": "none", "pay_min": 35000}
    assert "put back your earlier answer — patient contact: None" in replies[0].text
    assert replies[-1].kind == "question" and d.current.id == open_question  # the open question stays open
    talk(d, "back")
    assert d.state.answers == {"focus": "records", "patient_contact": "none"} and d.current.id == "pay_min"
    talk(d, "back")
    talk(d, "back")
    assert d.state.answers == {} and d.current.id == "focus"
    assert "nothing to go back to" in talk(d, "back")[0].text


def test_back_in_a_session_saved_without_its_history_takes_answers_back_in_order():
    state = SessionState(answers={"focus": "records", "patient_contact": "some"}, order=["focus", "patient_contact"],
                         current="pay_min")
    d = Dialogue(state=state)
    d.start()
    talk(d, "35k")
    talk(d, "back")
    talk(d, "back")
    assert d.state.answers == {"focus": "records"} and d.current.id == "patient_contact"


def test_change_an_earlier_answer_in_free_text():
    d = Dialogue()
    d.start()
    talk(d, "1")
    talk(d, "actually I can do 2 years")
    assert d.state.answers["training_months"] == 24
    talk(d, "actually I can do 3 years")
    assert d.state.answers["training_months"] == 36


def test_what_if_shows_side_by_side_without_storing():
    d = Dialogue()
    d.start()
    talk(d, "1")
    replies = talk(d, "what if I said lots")
    assert replies[0].table is not None and replies[0].table.headers[1].startswith("Now")
    assert "patient_contact" not in d.state.answers
    assert len(replies[0].table.rows) == len(d.engine.kb.careers)


def test_skip_moves_on_and_counts_neither_way():
    d = Dialogue()
    d.start()
    talk(d, "skip")
    assert "focus" in d.state.skipped and "focus" not in d.state.answers
    assert d.current.id != "focus"


RECORDS_STUDENT = dict(focus="records", patient_contact="none", training_months="2 years", pay_min="40k",
                       exam="yes", science="ok", equipment="no", computer_work="yes", schedule="any")
"""What a records student types at each question, whichever order the planner asks them in."""


def test_settles_early_and_says_so():
    d = Dialogue()
    d.start()
    replies = []
    while d.state.current is not None:
        replies += d.handle(RECORDS_STUDENT[d.state.current])
        if any(r.kind == "stable" for r in replies):
            break
    stable = [r for r in replies if r.kind == "stable"]
    assert stable and "no remaining answer can change the top pick" in stable[0].text
    assert d.progress().stable and d.progress().remaining_max == 0
    assert len(d.state.answers) < 9


def test_full_quiz_ends_with_a_cited_result():
    d = Dialogue()
    d.start()
    for _ in range(30):
        if d.current is None:
            break
        question = d.current
        d.choose(question.options[0].value if question.kind == "choice" else question.max)
    assert d.current is None and d.state.finished
    replies = talk(d, "results")
    assert replies[0].kind == "result" and replies[0].citations


def test_fact_question_is_answered_with_citations():
    d = Dialogue()
    d.start()
    replies = talk(d, "what does an LPN earn?")
    assert replies[0].kind == "answer"
    assert "$42,000" in replies[0].text and "2011" in replies[0].text
    assert replies[0].citations[0].quote


def test_compare_and_why_not_and_how():
    d = Dialogue()
    d.start()
    talk(d, "1")
    compare = talk(d, "compare coder and registrar")[0]
    assert compare.table.headers == ["", "Medical coder", "Cancer registrar"]
    why_not = talk(d, "why not LPN?")[0]
    assert "Licensed practical nurse is ranked" in why_not.text and why_not.citations
    how = talk(d, "how")[0]
    assert "What counted:" in how.text and "You chose “" in how.text
    assert "focus_fit" not in how.text, "rule ids are for the advisor's trace panel, not the chat"


def test_why_names_what_the_question_decides():
    d = Dialogue()
    d.start()
    replies = talk(d, "why do you ask?")
    assert replies[0].kind == "info" and "Your answer can move" in replies[0].text


def test_questions_the_sources_do_not_cover_are_refused_plainly():
    d = Dialogue()
    d.start()
    replies = talk(d, "what is the capital of France?")
    assert replies[0].kind == "not_found" and replies[0].citations == []


def test_other_questions_search_the_sources():
    d = Dialogue()
    d.start()
    replies = talk(d, "can I work from home?")
    assert replies[0].kind == "answer" and replies[0].citations


def test_session_state_round_trips_and_resumes():
    d = Dialogue()
    d.start()
    talk(d, "1", "none")
    saved = d.state.to_json()
    resumed = Dialogue(state=SessionState.from_data(json.loads(saved)))
    replies = resumed.start()
    assert "Welcome back" in replies[0].text
    assert resumed.state.answers == d.state.answers


def test_restart_clears_everything():
    d = Dialogue()
    d.start()
    talk(d, "1", "none")
    talk(d, "restart")
    assert d.state.answers == {} and d.current is not None


def test_answers_given_at_the_start_are_not_greeted_as_a_return():
    """`--answers FILE`: the student has not been here before; "Welcome back" is for a saved session taken up."""
    given = Dialogue(state=SessionState(answers={"focus": "coding"}, order=["focus"]), given=True)
    greeting = given.start()[0].text
    assert "Welcome back" not in greeting and greeting.startswith("Hi! I'm Career Quiz")
    assert "You start with 1 answer from the answers file: Which kind of work sounds best to you? → Coding" in greeting
