"""Answers holdouts 3 and 4 asked for (session 3): an exam fee the sources never give, pros and cons as the
sources list them, rankings that show careers without a figure, careers a word could mean settled by the facts,
facts that share one quote shown once, and questions outside the sources answered with what is covered."""

from __future__ import annotations

from rules.sides import is_heading, side_of
from tests.rules.asking import ANSWERER, KB, ask


def test_an_exam_fee_the_sources_never_give_is_said_plainly_before_program_costs() -> None:
    answer = ask("RHIT exam cost")
    first = answer.text.splitlines()[0]
    assert first.startswith("The sources give no exam fee for medical records technicians")
    assert "training cost" in first and "$3,000" in answer.text


def test_cons_are_the_ones_the_sources_list_as_cons() -> None:
    answer = ask("cons of being a medical records tech")
    assert "Cons:" in answer.text and "Pros:" not in answer.text
    assert "evenings, weekends and holidays" in answer.text
    assert all(ANSWERER.side(s.owner, s.fact) == "con" for s in answer.shown)


def test_pros_and_cons_of_a_specialisation_are_its_parents_labelled() -> None:
    answer = ask("pros and cons of coding")
    assert answer.text.startswith("The sources give no list of pros and cons for medical coders themselves")
    assert "Pros:" in answer.text and "Cons:" in answer.text
    assert all(s.owner == "medical_records_technician" for s in answer.shown)
    assert "pressure" not in answer.text


def test_a_heading_is_short_and_does_not_end_like_a_list_item() -> None:
    assert is_heading("Cons of Being a Medical Records Technician")
    assert is_heading("    Pros")
    assert not is_heading("Low average salary (around $36,000 median annual salary)*")
    assert not is_heading("    • Repetitive tasks can lead to monotony")
    fact = next(f for f in KB.careers["medical_records_technician"].facts if "holidays" in f.quote
                and f.source == "mrt_careers_salary")
    assert side_of(KB, "medical_records_technician", fact.id, fact.source) == "con"


def test_quickest_to_train_shows_the_careers_without_a_length_too() -> None:
    answer = ask("which is quickest to train for")
    assert answer.kind == "ranking"
    assert "1. Medical records technician" in answer.text
    assert "Not ranked" in answer.text
    for name in ("Licensed practical nurse — certificate program", "Medical assistant — on-the-job training"):
        assert name in answer.text


def test_a_word_for_two_careers_is_settled_when_only_one_has_the_facts() -> None:
    answer = ask("how much do techs make in hospitals")
    assert answer.kind in {"fact", "ranking"}
    assert "only medical records technicians have pay by workplace" in answer.text
    assert ask("how much do techs make").kind == "clarify"


def test_facts_that_quote_one_sentence_share_one_line() -> None:
    answer = ask("what high school classes should i take to get ready")
    line = next(line for line in answer.text.splitlines() if "Biology" in line)
    assert "Health" in line and "Math" in line and "Computer science" in line
    assert answer.text.count("may increase their chances of admission") == 1


def test_the_certifying_body_is_shown_when_asked_who() -> None:
    assert "American Health Information Management Association" in ask("who gives the rhit exam").text


def test_a_job_outside_the_sources_is_answered_with_what_is_covered() -> None:
    answer = ask("how much do software engineers make")
    assert answer.kind == "not_covered" and "$" not in answer.text
    assert "software engineers" in answer.text and "Licensed practical nurse" in answer.text


def test_a_second_topic_is_answered_after_the_first() -> None:
    text = ask("lpn pay and training please").text
    assert text.index("$42,000") < text.index("certificate level")


def test_how_long_to_reach_a_career_shows_the_years_on_the_path_to_it() -> None:
    text = ask("how long to become a medical records supervisor").text
    assert "from medical records technicians" in text and "7-10 years" in text


def test_boring_finds_what_the_sources_call_repetitive() -> None:
    facts = ask("is working in medical records boring").shown
    assert "monoton" in facts[0].fact.summary().lower() or "repetitive" in facts[0].fact.summary().lower()
