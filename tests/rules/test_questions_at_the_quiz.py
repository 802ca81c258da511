"""A question typed at an open quiz question without a question mark is answered, not stored as the answer
(holdout 3: "cancer registrar salary" at "Which kind of work sounds best?" was stored as 'cancer data');
what answers the open question still answers it."""

from __future__ import annotations

import pytest

from tests.rules.dialogues import ENGINE, at


@pytest.mark.parametrize("text", [
    "cancer registrar salary", "cost of a certificate program for medical records", "lpn vs medical records tech",
    "pros and cons of coding", "job outlook for cancer registrars", "rad tech or medical assistant which is better",
    "i dont like blood or being around sick people, which job should i do",
])
def test_a_question_about_careers_is_answered_not_stored(text: str) -> None:
    dialogue = at("focus")
    replies = dialogue.handle(text)
    assert "focus" not in dialogue.state.answers, text
    assert any(reply.answer_kind is not None for reply in replies), (text, replies[0].text)


@pytest.mark.parametrize(("question_id", "text", "value"), [
    ("focus", "cancer registry", "cancer_data"), ("focus", "coding", "coding"),
    ("patient_contact", "no patient contact please", "none"), ("training_months", "a year max", 12),
])
def test_an_answer_that_names_a_career_is_still_an_answer(question_id: str, text: str, value) -> None:
    dialogue = at(question_id)
    dialogue.handle(text)
    assert dialogue.state.answers.get(question_id) == value


def test_hello_and_thanks_are_answered_and_the_question_asked_again() -> None:
    dialogue = at("focus")
    for text, lead in (("hi", "Hi!"), ("thanks", "You're welcome!")):
        replies = dialogue.handle(text)
        assert replies[0].text.startswith(lead)
        assert replies[-1].question == "focus"
    assert dialogue.state.answers == {}


def test_every_quiz_question_the_vocabulary_names_exists() -> None:
    from rules.vocabulary import builtin_vocabulary

    named = {q for topic in builtin_vocabulary().topics.values() for q in topic.entry.quiz}
    assert named and named <= {q.id for q in ENGINE.rulebook.questions}
