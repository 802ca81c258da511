"""A limit a student states ("at least 40k a year", "school for 2 years max", "no more than a year of school") is
an answer, typed at any question, never a ranking; money the student would spend on school is never stored as the
pay they expect; and "which jobs pay at least 40k?" still ranks, best paid first.

Written as students type, at the first question (kind of work), where each message answers ahead.
"""

from __future__ import annotations

import pytest

from rules.conversation import Conversation
from rules.dialogue import Dialogue
from rules.builtin import builtin_engine
from rules.parsing import parse_answer

ENGINE = builtin_engine()


def say(text: str) -> tuple[dict[str, object], str]:
    """What a new conversation stores after the message, and its reply."""
    conversation = Conversation(lambda: Dialogue(engine=ENGINE))
    conversation.start()
    turn = conversation.say(text)
    assert conversation.dialogue is not None
    return dict(conversation.dialogue.state.answers), "\n".join(m.text for m in turn.messages)


@pytest.mark.parametrize(("text", "stored"), [
    ("at least 40k a year", {"pay_min": 40000}),
    ("i need to make at least $45000", {"pay_min": 45000}),
    ("I don't want to go to school for more than a year", {"training_months": 12}),
    ("no more than a year of school", {"training_months": 12}),
    ("i dont want school longer than a year", {"training_months": 12}),
    ("a year of school max", {"training_months": 12}),
    ("school for 2 years max", {"training_months": 24}),
])
def test_a_limit_with_a_quantity_is_stored_as_that_answer(text: str, stored: dict[str, object]) -> None:
    answers, reply = say(text)
    assert answers == stored, reply
    assert "Careers by" not in reply, "a stated limit is no ranking"


@pytest.mark.parametrize("text", [
    "I can spend $5000 on school",
    "I don't want to spend more than $5000 on school",
    "tuition of 10k is my limit",
    "i can afford 3000 dollars",
])
def test_money_to_spend_is_never_stored_as_pay(text: str) -> None:
    answers, _reply = say(text)
    assert "pay_min" not in answers


def test_at_the_pay_question_money_to_spend_is_refused_with_the_reason() -> None:
    question = next(q for q in ENGINE.questions if q.id == "pay_min")
    result = parse_answer(question, "I can only spend $5000 on school")
    assert result.value is None and result.error is not None
    assert "money you would spend" in result.error


@pytest.mark.parametrize(("text", "first"), [
    ("which jobs pay at least 40k", "Careers by pay (highest first)"),
    ("which pays the most", "Careers by pay (highest first)"),
    ("which pays the least", "Careers by pay (lowest first)"),
])
def test_asking_which_careers_meet_a_limit_still_ranks(text: str, first: str) -> None:
    answers, reply = say(text)
    assert answers == {}
    assert reply.startswith(first), reply
