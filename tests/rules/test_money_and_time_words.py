"""Money and time as students say them (found by holdout 9): a bare amount with a pay verb ("i need to make
45000"), pay as a decade ("mid 40s"), and "which career takes the least time" as a ranking by training length."""

from __future__ import annotations

import pytest

from rules.builtin import builtin_engine
from rules.dialogue import Dialogue, SessionState
from rules.parsing import parse_money
from rules.reader import read

ENGINE = builtin_engine()


def at(question_id: str) -> Dialogue:
    dialogue = Dialogue(ENGINE, SessionState())
    dialogue.start()
    dialogue.state.current = question_id
    return dialogue


@pytest.mark.parametrize(("text", "value"), [
    ("mid 40s would be nice", 45000), ("in the mid-40s", 45000), ("low 30s", 30000), ("high 40s", 48000),
    ("mid 40's", 45000), ("mid 20s an hour", 25 * 2080), ("i need to make 45000", 45000),
])
def test_pay_said_as_a_decade_or_a_bare_amount(text: str, value: int) -> None:
    assert parse_money(text) == value


@pytest.mark.parametrize("text", ["i need to make 45000", "i gotta be making 45000", "i want to bring home 45000"])
def test_a_bare_amount_with_a_pay_verb_is_the_pay_answer_whatever_question_is_open(text: str) -> None:
    dialogue = at("focus")
    dialogue.handle(text)
    assert dialogue.state.answers == {"pay_min": 45000}


def test_making_something_without_an_amount_is_not_pay() -> None:
    dialogue = at("focus")
    dialogue.handle("i want to make a difference")
    assert "pay_min" not in dialogue.state.answers


@pytest.mark.parametrize(("text", "direction"), [
    ("which career takes the least time", "low"), ("which takes the shortest time", "low"),
    ("which job takes the longest time", "high"),
])
def test_takes_the_least_time_ranks_by_training(text: str, direction: str) -> None:
    query = read(ENGINE.kb, text)
    assert (query.topic, query.operation, query.direction) == ("training", "rank", direction)


def test_a_superlative_inside_a_phrase_of_its_own_still_counts_but_the_phrase_words_do_not() -> None:
    assert read(ENGINE.kb, "what is the most a tech can make").operation != "rank"  # "the most a" is a phrase
    assert read(ENGINE.kb, "where do most techs work").operation != "rank"
