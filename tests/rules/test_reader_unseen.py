"""What holdouts 3 and 4 taught the reader (session 3): jobs the sources don't cover, two questions in one
message, a comparison on a topic with no careers named, preferences spoken against, and credential names that
also name a career."""

from __future__ import annotations

import pytest

from knowledge.loader import builtin
from rules.reader import read

KB = builtin()


@pytest.mark.parametrize(("text", "job"), [
    ("how much do software engineers make", "software engineers"),
    ("how much do registered nurses make", "registered nurses"),
    ("do doctors need a license", "doctors"),
])
def test_a_job_the_sources_do_not_cover_is_not_read_as_one_of_ours(text: str, job: str) -> None:
    query = read(KB, text)
    assert query.outside == job
    assert query.careers == () and not query.assumed


def test_doctors_offices_is_a_workplace_not_a_job() -> None:
    query = read(KB, "do medical records techs in doctors offices make less")
    assert query.outside is None
    assert query.careers == ("medical_records_technician",)


def test_two_topics_joined_by_and_are_both_asked_in_the_order_typed() -> None:
    query = read(KB, "how much do coders make and how long does it take")
    assert (query.careers, query.topic, query.also) == (("medical_coder",), "pay", "training")


def test_pros_and_cons_is_one_topic_not_two() -> None:
    query = read(KB, "pros and cons of coding")
    assert (query.topic, query.also) == ("pros_cons", None)


def test_a_comparison_on_a_topic_with_no_careers_ranks_every_career() -> None:
    query = read(KB, "show me the pay comparison")
    assert (query.topic, query.operation, query.clarify) == ("pay", "rank", None)


def test_a_preference_spoken_against_ranks_the_low_end_first() -> None:
    query = read(KB, "i dont like blood or being around sick people, which job should i do")
    assert (query.topic, query.operation, query.direction) == ("patient_contact", "rank", "low")
    assert query.is_question


def test_a_ranking_on_a_topic_that_cannot_be_ranked_answers_the_default_career() -> None:
    query = read(KB, "what should i be good at to do this job")
    assert (query.careers, query.topic, query.operation) == (("medical_records_technician",), "skill", "value")


def test_a_credential_name_that_names_the_career_also_speaks_of_credentials() -> None:
    query = read(KB, "can i sit for the rhit without going to school")
    assert (query.careers, query.topic) == (("medical_records_technician",), "credential")


@pytest.mark.parametrize(("text", "topic"), [
    ("RHIT exam cost", "exam_cost"),
    ("who gives the rhit exam", "credential_body"),
    ("do you have to renew the rhit", "renewal"),
    ("what classes would i take in a health information program", "subject"),
    ("cons of being a medical records tech", "pros_cons"),
    ("what happens if i make a mistake in a record", "pressure"),
    ("is working in medical records boring", "pressure"),
    ("r there jobs for medical records techs", "outlook"),
    ("what do u need to get into a medical records program", "requirement"),
])
def test_topics_added_for_unseen_wording(text: str, topic: str) -> None:
    assert read(KB, text).topic == topic
