"""Money and time as students say them (found by holdout 9): a bare amount with a pay verb ("i need to make
45000"), pay as a decade ("mid 40s"), and "which career takes the least time" as a ranking by training length."""

from __future__ import annotations

import pytest

from rules.parsing import parse_money
from rules.reader import read
from tests.rules.dialogues import ENGINE, at


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


@pytest.mark.parametrize("text", ["I can spend $5000 on school", "i can afford 5k for tuition"])
@pytest.mark.parametrize("question_id", ["focus", "pay_min", "training_months"])
def test_money_to_spend_on_school_is_answered_with_training_costs_and_never_stored(text: str,
                                                                                   question_id: str) -> None:
    dialogue = at(question_id)
    replies = dialogue.handle(text)
    assert dialogue.state.answers == {}
    assert "no question on school costs" in replies[0].text and "$3,000" in replies[0].text
    assert replies[0].citations and replies[-1].question == question_id


def test_other_answers_beside_money_to_spend_are_kept() -> None:
    dialogue = at("focus")
    replies = dialogue.handle("i can spend 5k on school and i need to make 40k")
    assert dialogue.state.answers == {"pay_min": 40000}  # "5k on school" is not five years of school
    assert replies[0].kind == "ack" and "school costs, so that is not stored" in replies[1].text


@pytest.mark.parametrize("text", ["i hate needles whats a good job", "i hate needles, whats a good job for me"])
def test_whats_a_good_job_after_a_preference_ranks_on_it(text: str) -> None:
    dialogue = at("focus")
    replies = dialogue.handle(text)
    assert dialogue.state.answers == {"patient_contact": "none"}
    assert any(reply.answer_kind == "ranking" and "one answer so far" in reply.text for reply in replies)


@pytest.mark.parametrize(("text", "topic"), [("is coding a good job", "outlook"), ("is it a good job", "outlook"),
                                             ("whats a good job for me", None),
                                             ("what are some good jobs that pay well", "pay")])
def test_a_good_job_asks_which_to_choose_only_in_a_choosing_phrase(text: str, topic: str | None) -> None:
    assert read(ENGINE.kb, text).topic == topic


@pytest.mark.parametrize("text", ["do they pay more for nights", "do night shifts pay more", "is there overtime pay"])
def test_extra_pay_for_hours_says_the_sources_dont_say_and_gives_the_hours(text: str) -> None:
    query = read(ENGINE.kb, text)
    assert query.topic == "pay_for_hours" and query.operation != "rank"
    reply = at("focus").handle(text)[0]
    assert "don't say whether nights, weekends or overtime pay more" in reply.text and reply.citations
    assert "Careers by pay" not in reply.text


def test_nights_are_fine_but_do_they_pay_more_keeps_the_answer_and_answers() -> None:
    dialogue = at("focus")
    replies = dialogue.handle("nights are fine but do they pay more for nights")
    assert dialogue.state.answers == {"schedule": "any"}
    assert any("don't say whether nights" in reply.text for reply in replies)


def test_pay_by_place_still_ranks_by_pay_and_pay_by_hours_does_not() -> None:
    assert read(ENGINE.kb, "which state pays the most").topic == "pay_by_place"
    assert read(ENGINE.kb, "which job pays the most").operation == "rank"


@pytest.mark.parametrize("text", ["how hard is the licensing exam", "how hard is the licensing one"])
def test_the_licensing_exam_is_the_practical_nurses(text: str) -> None:
    dialogue = at("exam")
    reply = dialogue.handle(text)[0]
    assert "don't say how hard" in reply.text and "Licensed practical nurse" in reply.text
    assert dialogue.state.answers == {}


def test_a_license_for_a_coder_stays_about_coders() -> None:
    assert read(ENGINE.kb, "do i need a license to be a coder").careers == ("medical_coder",)


@pytest.mark.parametrize(("text", "spends"), [
    ("i only have like 3000 dollars for school", True), ("I can spend $5000 on school", True),
    ("5k on school", True), ("i can do 2 years for school", False), ("18 months on training max", False),
])
def test_money_for_school_is_spending_and_a_length_of_school_is_not(text: str, spends: bool) -> None:
    from rules.parsing import states_spending

    assert states_spending(text) is spends


def test_money_for_school_is_never_stored_as_pay() -> None:
    """Found by holdout 10: '3000 dollars for school' was stored as pay $3,000 a year."""
    dialogue = at("focus")
    dialogue.handle("i only have like 3000 dollars for school")
    assert dialogue.state.answers == {}


@pytest.mark.parametrize(("text", "topic", "direction"), [
    ("what are some good jobs that pay well", "pay", "high"),
    ("whats a good job if i hate needles", "patient_contact", "low"),
])
def test_a_good_job_with_a_topic_ranks_on_it(text: str, topic: str, direction: str) -> None:
    query = read(ENGINE.kb, text)
    assert (query.topic, query.operation, query.direction) == (topic, "rank", direction)
