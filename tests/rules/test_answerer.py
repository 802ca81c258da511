"""Answers as a student reads them: figures with their year and source, rankings that warn when years differ,
plain words when the sources say nothing, a specialisation's figures labelled as its parent's, passages only
as a labelled last resort, and quotes that show the words that answer."""

from __future__ import annotations

import pytest

from tests.rules.asking import ask


def test_make_is_read_as_pay_and_answered_with_the_figure_year_and_source() -> None:
    answer = ask("how much does a medical records technician make?")
    assert answer.kind == "fact"
    assert "$47,190" in answer.text and "2023" in answer.text and "Career Guide" in answer.text
    assert answer.citations[0].quote and answer.citations[0].year == 2023


def test_a_specialisation_without_pay_says_so_and_labels_the_parents_figure() -> None:
    answer = ask("how much do coders make?")
    assert answer.text.startswith("The sources give no pay figure for medical coders.")
    assert all(s.owner == "medical_records_technician" for s in answer.shown)
    assert answer.text.count("said of medical records technicians in general") == len(answer.shown) > 0
    assert "billing" not in answer.text.lower(), "no unrelated sentence about billing agencies"
    assert any("decided to specialize" in c.quote for c in answer.citations), "the relation is cited"


def test_which_pays_best_ranks_every_career_with_a_figure_and_warns_about_years() -> None:
    answer = ask("which pays best?")
    assert answer.kind == "ranking"
    order = [s.career for s in answer.shown]
    assert order.index("medical_records_technician") < order.index("licensed_practical_nurse") \
        < order.index("radiologic_technician") < order.index("medical_assistant")
    assert "$42,000 in 2011 vs $47,190 in 2023" in answer.text, "the first 2011 figure of the ranking"
    assert "No pay figure in the sources for: cancer registrars, medical coders" in answer.text


def test_two_figures_of_the_same_year_get_no_warning() -> None:
    answer = ask("which pays more, LPN or medical assistant?")
    assert [s.career for s in answer.shown] == ["licensed_practical_nurse", "medical_assistant"]
    assert "different years" not in answer.text


def test_a_topic_the_sources_do_not_give_is_said_plainly() -> None:
    answer = ask("job outlook for LPNs")
    assert answer.kind == "not_covered"
    assert answer.text.startswith("The sources give no job outlook for licensed practical nurses.")


def test_a_question_about_pizza_is_not_covered_not_a_random_passage() -> None:
    answer = ask("what's the best pizza topping?")
    assert answer.kind == "not_covered" and answer.citations == []
    assert "don't cover" in answer.text


def test_ai_questions_are_answered_from_the_facts_not_the_guides_advert() -> None:
    answer = ask("will AI replace this job?")
    assert answer.kind == "fact"
    assert "Career Coach" not in answer.text and "Himalayas" not in answer.text
    assert "unlikely to fully replace" in answer.text


def test_quotes_are_not_cut_before_the_answer() -> None:
    cost = ask("how much does the training cost?")
    assert "$3,000 to $10,000" in cost.text and "$10,000 and $30,000" in cost.text
    blood = ask("do medical assistants draw blood?")
    assert "drawing blood" in blood.shown[0].excerpt


def test_the_outlook_never_quotes_a_page_heading() -> None:
    answer = ask("what's the job outlook?")
    assert "[About this section]" not in answer.text and "[To Top]" not in answer.text


def test_a_passage_is_labelled_as_a_passage() -> None:
    answer = ask("is there diversity in medical records technician jobs?")
    assert answer.kind == "passage"
    assert "a passage, not a checked answer" in answer.text
    assert "disability advocacy groups" in answer.text


def test_benefits_are_a_fact_now_not_a_passage() -> None:
    """Issue #10 added what makes pay vary (pay_factor facts), benefits among them (mrt_career_guide line 170)."""
    answer = ask("do medical records technicians get benefits?")
    assert answer.kind == "fact"
    assert "health insurance" in answer.text


def test_a_definition_quotes_the_source_that_spells_it_out() -> None:
    answer = ask("what is RHIT?")
    assert answer.kind == "definition"
    assert "Registered Health Information Technician" in answer.text
    assert "Registered Health Information Technician" in answer.citations[0].quote


def test_follow_ups_keep_the_topic_and_then_the_career() -> None:
    answer = ask("what does a coder earn?", "and LPNs?")
    assert answer.kind == "fact" and "$42,000" in answer.text
    answer = ask("what does a coder earn?", "what about training?")
    assert {s.career for s in answer.shown} == {"medical_coder"}
    assert all(f.kind == "training" for f in (s.fact for s in answer.shown))


def test_an_ambiguous_word_is_asked_about_not_guessed() -> None:
    answer = ask("what do technicians earn?")
    assert answer.kind == "clarify" and "radiologic technicians" in answer.text and answer.citations == []


def test_a_comparison_of_two_careers_is_a_table_from_the_sources() -> None:
    answer = ask("compare coder and registrar")
    assert answer.kind == "comparison" and answer.table is not None
    assert answer.table.headers[1:] == ["Medical coder", "Cancer registrar"]


@pytest.mark.parametrize("message", ["is the rhit exam hard", "is the CTR test difficult?",
                                     "how tough is the coding exam"])
def test_how_hard_an_exam_is_is_not_answered_with_yes(message: str) -> None:
    """No source says how hard an exam is: 'Yes, the sources name an exam' answered a question nobody asked."""
    answer = ask(message)
    assert answer is not None
    assert answer.text.startswith("The sources don't say how hard the exam is")
    assert "Yes" not in answer.text.split("\n")[0]


def test_whether_there_is_an_exam_is_still_answered_yes() -> None:
    answer = ask("is there an exam for the rhit")
    assert answer is not None and answer.text.startswith("Yes, the sources name an exam.")


@pytest.mark.parametrize("message", ["can i do it online", "can i study online", "can i do the course from home"])
def test_studying_online_is_answered_from_the_online_program_fact(message: str) -> None:
    """'can i do it online' was 'My sources don't cover that', though a source lists online programs."""
    answer = ask(message)
    assert answer is not None and answer.kind != "not_covered"
    assert "studying online" in answer.text and "specialized online program" in answer.text


def test_working_from_home_is_still_remote_work() -> None:
    answer = ask("can i work from home")
    assert answer is not None and "remote work" in answer.text.split("\n")[1 if answer.text.startswith("(") else 0]


@pytest.mark.parametrize("message", ["do i need to be good at math", "is there a lot of math"])
def test_math_is_answered_with_the_subjects_that_name_it(message: str) -> None:
    """It was answered with the skills list, which never mentions math; one source names it among the high school
    courses that help admission."""
    answer = ask(message)
    assert answer is not None and "school subjects" in answer.text and "Math (a high school course" in answer.text
