"""One message that gives one question two answers ("i like helping people but i hate blood") stores neither:
the chat names both readings, offers the option between them, and asks that question now. Other answers in the
same message are kept. Also: the words for feeling faint or sick at blood and needles, and refusals said after
what they refuse ("nights are out")."""

from __future__ import annotations

import pytest

from rules.parsing import parse_answer
from rules.placement import read_clauses
from tests.rules.dialogues import ENGINE, at, said

QUESTIONS = {q.id: q for q in ENGINE.questions}


@pytest.mark.parametrize("text", [
    "i like helping people but i hate blood",
    "i want to help people but not with needles",
    "i like helping people but blood makes me queasy",
    "i love working with patients, needles freak me out though",
])
def test_a_clash_stores_neither_reading_and_asks_with_the_middle_option(text: str) -> None:
    dialogue = at("focus")
    replies = dialogue.handle(text)
    assert "patient_contact" not in dialogue.state.answers
    answer = said(replies)
    assert "Lots — that's why I'm in healthcare" in answer and "None — I'd rather work behind the scenes" in answer
    assert "“Some is fine” sits between them" in answer and "haven't stored either" in answer
    assert replies[-1].kind == "question" and replies[-1].question == "patient_contact"
    assert dialogue.state.current == "patient_contact"
    dialogue.handle("some")  # the student's pick is then stored as usual
    assert dialogue.state.answers == {"patient_contact": "some"}


def test_the_answers_beside_a_clash_are_kept() -> None:
    dialogue = at("focus")
    replies = dialogue.handle("i love computers and helping people but i cant stand needles")
    assert dialogue.state.answers == {"computer_work": "yes"}
    assert replies[0].kind == "ack" and "computer work" in replies[0].text
    assert replies[-1].question == "patient_contact"
    assert sum(reply.kind == "question" for reply in replies) == 1


def test_a_clash_with_no_middle_option_names_both_and_asks() -> None:
    dialogue = at("focus")
    replies = dialogue.handle("nights are fine but no weekends")
    assert "schedule" not in dialogue.state.answers
    answer = said(replies)
    assert "Any schedule works" in answer and "Daytime only, please" in answer and "sits between" not in answer
    assert replies[-1].question == "schedule"


@pytest.mark.parametrize("text", ["i like helping people but i hate blood, what should i be?",
                                  "i like helping people but blood makes me queasy which job fits me"])
def test_a_clash_before_a_question_is_asked_before_any_ranking(text: str) -> None:
    dialogue = at("focus")
    replies = dialogue.handle(text)
    assert "patient_contact" not in dialogue.state.answers
    assert not any(reply.answer_kind == "ranking" for reply in replies)
    assert "ask again" in said(replies) and replies[-1].question == "patient_contact"


@pytest.mark.parametrize("text", ["compare coder and registrar", "2 years, maybe 3",
                                  "coder and registrar, which pays more?"])
def test_two_things_named_is_not_a_clash_of_preferences(text: str) -> None:
    """A question naming two careers is answered; a hedged second number is refused as before."""
    dialogue = at("patient_contact")
    replies = dialogue.handle(text)
    assert "haven't stored either" not in said(replies)
    assert dialogue.state.answers == {}


def test_clauses_that_agree_are_one_answer() -> None:
    clauses = read_clauses(ENGINE.questions, "no needles, no blood, and no nights")
    assert dict(clauses.answers) == {"patient_contact": "none", "schedule": "daytime_only"} and not clauses.clashes


@pytest.mark.parametrize(("question", "text", "value"), [
    ("patient_contact", "blood makes me queasy", "none"),
    ("patient_contact", "i get queasy around blood", "none"),
    ("patient_contact", "i faint at the sight of blood", "none"),
    ("patient_contact", "needles make me pass out", "none"),
    ("patient_contact", "needles make me nauseous", "none"),
    ("patient_contact", "not with needles", "none"),
    ("schedule", "nights are out", "daytime_only"),
    ("schedule", "weekends are a no go for me", "daytime_only"),
    ("schedule", "nights are fine", "any"),
])
def test_feeling_sick_and_refusals_said_after(question: str, text: str, value: str) -> None:
    assert parse_answer(QUESTIONS[question], text).value == value


def test_kids_so_nights_are_out_is_daytime_not_any() -> None:
    """Found by holdout 9: 'nights are out' was stored as 'Any schedule works' — the opposite."""
    dialogue = at("focus")
    dialogue.handle("i have 2 kids so nights are out and i cant do more than a year of school")
    assert dialogue.state.answers == {"schedule": "daytime_only", "training_months": 12}


@pytest.mark.parametrize(("text", "question", "middle"), [
    ("i like biology but not chemistry", "science", "They're OK"),
    ("i like people but not sick people", "patient_contact", "Some is fine"),
    ("helping people is my thing but needles are a no go", "patient_contact", "Some is fine"),
])
def test_a_liking_and_a_refusal_of_the_same_subject_clash(text: str, question: str, middle: str) -> None:
    dialogue = at("focus")
    replies = dialogue.handle(text)
    assert question not in dialogue.state.answers
    assert f"“{middle}” sits between them" in said(replies) and replies[-1].question == question


@pytest.mark.parametrize(("question", "text"), [("science", "not bad"), ("patient_contact", "not a problem"),
                                                ("science", "not really sure")])
def test_not_bad_and_the_like_are_no_refusal(question: str, text: str) -> None:
    assert parse_answer(QUESTIONS[question], text).value != QUESTIONS[question].options[0].value


def test_agreeing_clauses_are_stored_as_one() -> None:
    dialogue = at("focus")
    dialogue.handle("i love helping people, i dont mind blood")
    assert dialogue.state.answers == {"patient_contact": "lots"}


def test_chat_spellings_are_written_out_before_an_answer_is_read() -> None:
    """Found by holdout 10: 'help ppl' named no topic, so only the needles were heard (stored None)."""
    dialogue = at("focus")
    replies = dialogue.handle("i wanna help ppl but im scared of needles")
    assert "patient_contact" not in dialogue.state.answers and replies[-1].question == "patient_contact"


def test_a_clause_joined_by_and_shares_the_liking_before_it() -> None:
    """'i like computers and people, not blood though': people are liked too, so blood clashes with them."""
    clauses = read_clauses(ENGINE.questions, "i like computers and people, not blood though")
    assert dict(clauses.answers) == {"computer_work": "yes"}
    assert [c.question for c in clauses.clashes] == ["patient_contact"]
    assert not read_clauses(ENGINE.questions, "i like computers but people").clashes  # "but" shares nothing


def test_two_clashes_ask_the_first_and_say_the_second_is_not_stored() -> None:
    dialogue = at("focus")
    replies = dialogue.handle("i like helping people but i hate blood, nights are fine but no weekends")
    assert dialogue.state.answers == {}
    assert "nothing is stored for that either" in said(replies) and "schedule" in said(replies)
    assert replies[-1].question == "patient_contact"
