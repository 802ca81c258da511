"""The reader as a student meets it: follow-ups keep the conversation's careers and topic, a word that could
mean two careers is asked about, and answers to the quiz are not mistaken for questions."""

from __future__ import annotations

import pytest

from knowledge.loader import builtin
from rules.reader import Memory, read

KB = builtin()


def conversation(*messages: str):
    memory = Memory()
    query = None
    for message in messages:
        query = read(KB, message, memory)
        memory = memory.after(query)
    return query


def test_and_lpns_after_a_pay_question_asks_lpn_pay() -> None:
    query = conversation("what does a coder earn?", "and LPNs?")
    assert (query.careers, query.topic, query.operation) == (("licensed_practical_nurse",), "pay", "value")
    assert query.remembered


def test_what_about_training_keeps_the_career() -> None:
    query = conversation("what does a coder earn?", "what about training?")
    assert (query.careers, query.topic) == (("medical_coder",), "training")


def test_they_means_the_career_last_talked_about() -> None:
    query = conversation("tell me about cancer registrars", "do they need certification")
    assert (query.careers, query.topic, query.operation) == (("cancer_registrar",), "credential", "yes_no")


def test_a_question_with_no_career_and_no_context_assumes_the_technician_and_says_so() -> None:
    query = read(KB, "how long is the training")
    assert query.careers == ("medical_records_technician",) and query.assumed


def test_a_word_for_two_careers_is_asked_about() -> None:
    query = read(KB, "how much do techs make")
    assert query.clarify == "career"
    assert set(query.ambiguous) == {"medical_records_technician", "radiologic_technician"}


def test_the_conversation_settles_which_tech() -> None:
    query = conversation("how much do rad techs make", "do techs work weekends")
    assert query.careers == ("radiologic_technician",)


def test_a_ranking_across_all_careers_names_none() -> None:
    query = read(KB, "which of these jobs pays best?")
    assert (query.careers, query.topic, query.operation, query.direction) == ((), "pay", "rank", "high")
    assert read(KB, "which is quickest to train for").direction == "low"


def test_a_term_is_defined_not_its_career() -> None:
    query = read(KB, "what does RHIT stand for")
    assert query.operation == "define" and query.term is not None and query.careers == ()


@pytest.mark.parametrize("text", ["lots", "none", "some", "about $40k", "two years max", "coding",
                                  "I'd rather avoid them", "no exams please", "some patient contact", "1"])
def test_quiz_answers_are_not_questions(text: str) -> None:
    assert not read(KB, text).is_question


@pytest.mark.parametrize("text", ["[/", "[bold]x", "", "   ", "?" * 500, "a" * 5000])
def test_odd_input_is_read_without_error(text: str) -> None:
    read(KB, text)
