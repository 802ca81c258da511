"""Reading free-text answers: what a person types, what the quiz takes it to mean, and what it refuses."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rules.models import Option, Question
from rules.parsing import (
    MAX_ANSWER_CHARS,
    ParseResult,
    check_value,
    parse_answer,
    parse_choice,
    parse_money,
    parse_months,
)
from tests.hypothesis_budget import examples


def _question(id: str, kind: str, hint: str, options: list[tuple[str, str, list[str]]] = (), **extra) -> Question:
    return Question(id=id, text=f"{id}?", short=id.replace("_", " "), kind=kind, why="test", hint=hint,
                    options=[Option(value=v, label=label, synonyms=syn) for v, label, syn in options], **extra)


# Mirrors of the public questions (rules/questions.toml): ids, values, ranges and the kind of synonyms they use.
PATIENT_CONTACT = _question("patient_contact", "choice", "Choose none, some or lots (1-3).", [
    ("none", "None — I'd rather work behind the scenes", ["none", "no", "zero", "not at all", "never", "nope"]),
    ("some", "Some is fine", ["some", "a little", "bit", "occasionally", "sometimes", "fine", "ok", "okay"]),
    ("lots", "Lots — that's why I'm in healthcare", ["lots", "a lot", "plenty", "hands-on", "love it", "yes"]),
])
TRAINING_MONTHS = _question("training_months", "number",
                            "Say a length such as '6 months', 'a year', '2 years' or '18 months' (0 to 10 years).",
                            unit="months", min=0, max=120)
PAY_MIN = _question("pay_min", "number", "Give a yearly amount such as '$35,000', '40k' or 'forty thousand'.",
                    unit="usd", min=0, max=1_000_000)
SCIENCE = _question("science", "choice", "Choose avoid, ok or enjoy (1-3).", [
    ("avoid", "I'd rather avoid them", ["avoid", "hate", "dislike", "no", "not really", "rather not"]),
    ("ok", "They're OK", ["ok", "okay", "fine", "alright", "don't mind", "neutral"]),
    ("enjoy", "I enjoy them", ["enjoy", "love", "like", "yes", "great"]),
])
EQUIPMENT = _question("equipment", "choice", "Choose no, maybe or yes (1-3).", [
    ("no", "No", ["no", "nope", "not really", "rather not"]),
    ("maybe", "Maybe", ["maybe", "not sure", "perhaps", "depends", "don't know"]),
    ("yes", "Yes", ["yes", "sure", "yeah", "love to", "definitely"]),
])
COMPUTER_WORK = _question("computer_work", "choice", "Answer yes or no (1-2).", [
    ("no", "No, I want to move around", ["no", "nope", "not really", "move around", "rather not"]),
    ("yes", "Yes, that suits me", ["yes", "sure", "fine", "ok", "yeah", "yep", "suits me"]),
])
SCHEDULE = _question("schedule", "choice", "Choose daytime only or any (1-2).", [
    ("daytime_only", "Daytime only, please", ["daytime", "daytime only", "day", "no", "weekdays", "9 to 5"]),
    ("any", "Any schedule works", ["any", "anything", "yes", "whatever", "flexible", "evenings", "weekends"]),
])
EXAM = _question("exam", "choice", "Answer yes or no (1-2).", [
    ("no", "No, I'd rather not", ["no", "nope", "rather not", "never", "no exams", "hate exams"]),
    ("yes", "Yes, that's fine", ["yes", "sure", "fine", "ok", "okay", "yeah", "yep"]),
])
FOCUS = _question("focus", "choice", "Pick one of the options (1-7), or type e.g. 'coding' or 'patient care'.", [
    ("records", "Keeping patient records complete and accurate", ["records", "record keeping", "filing"]),
    ("coding", "Coding diagnoses and procedures for billing", ["coding", "codes", "coder", "billing"]),
    ("cancer_data", "Tracking cancer cases for research", ["cancer", "registry", "registrar", "tumor"]),
    ("patient_care", "Caring for sick or injured patients", ["patient care", "caring", "nursing", "nurse"]),
    ("imaging", "Taking x-rays, MRI and CT scans", ["imaging", "x-ray", "x-rays", "mri", "ct", "radiology"]),
    ("front_office_and_clinical", "A mix of front desk and clinical tasks", ["front office", "front desk", "both"]),
    ("management", "Leading a team or a department", ["management", "manager", "leading", "supervisor"]),
])
QUESTIONS = [PATIENT_CONTACT, TRAINING_MONTHS, PAY_MIN, SCIENCE, EQUIPMENT, COMPUTER_WORK, SCHEDULE, EXAM, FOCUS]
BY_ID = {q.id: q for q in QUESTIONS}


def test_mirrored_questions_still_match_the_public_ids_and_values() -> None:
    path = Path(__file__).resolve().parents[2] / "rules" / "questions.toml"
    public = {q["id"]: q for q in tomllib.loads(path.read_text(encoding="utf-8"))["questions"]}
    for question in QUESTIONS:
        assert question.id in public
        assert [o.value for o in question.options] == [o["value"] for o in public[question.id].get("options", [])]
        assert (question.min, question.max, question.unit) == (
            public[question.id].get("min"), public[question.id].get("max"), public[question.id].get("unit"))


# --- money -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("$40k", 40_000), ("40k", 40_000), ("40K", 40_000), ("40,000", 40_000), ("$40,000 a year", 40_000),
    ("about 40k", 40_000), ("forty thousand", 40_000), ("forty-five thousand", 45_000),
    ("40 thousand", 40_000), ("1.2 million", 1_200_000), ("$18/hour", 37_440), ("18 an hour", 37_440),
    ("$18 per hour", 37_440), ("hourly rate of $18", 37_440), ("3,000 a month", 36_000), ("40k a year", 40_000),
    ("40-50k", 40_000), ("between 40 and 50k", 40_000), ("one hundred twenty thousand", 120_000),
    ("a hundred thousand", 100_000), ("half a million", 500_000), ("0", 0), ("$35,000", 35_000),
    ("at least $38,500 per year", 38_500), ("40.5k", 40_500), ("I'd want 45 grand", 45_000),
])
def test_money_phrasings(text: str, expected: int) -> None:
    assert parse_money(text) == expected


@pytest.mark.parametrize("text", [
    "banana", "", "lots of money", "-5", "-$40k", "minus 40k", "a million years", "18 hours",
    "40",  # $40 an hour or $40,000 a year? refused rather than guessed
    "40k or maybe 30 an hour",
])
def test_money_refusals(text: str) -> None:
    assert parse_money(text) is None


# --- lengths of time -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("2 years", 24), ("two years max", 24), ("18 months", 18), ("a year", 12), ("one year", 12),
    ("six months", 6), ("1.5 years", 18), ("a year and a half", 18), ("one and a half years", 18),
    ("2-3 years", 36), ("2 to 3 years", 36), ("6 months to a year", 12), ("a year or two", 24),
    ("between 1 and 2 years", 24), ("1 year and 6 months", 18), ("a couple of years", 24),
    ("half a year", 6), ("12-18 months", 18), ("18m", 18), ("ten years", 120),
    ("no time", 0), ("none", 0), ("0", 0), ("right away", 0), ("start working now", 0),
    ("I don't have time", 0),
    ("24", 24),  # a bare number from 6 up is months
    ("2", 24),  # a bare number under 6 is years
    ("a million years", 12_000_000),  # read, then refused by the question's max (see below)
])
def test_months_phrasings(text: str, expected: int) -> None:
    assert parse_months(text) == expected


@pytest.mark.parametrize("text", [
    "banana", "", "-5", "-2 years", "a bachelor's", "not now", "2 years, maybe 3 years", "lots",
])
def test_months_refusals(text: str) -> None:
    assert parse_months(text) is None


# --- choices ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("question", "text", "expected"), [
    ("patient_contact", "none", "none"), ("patient_contact", "Some", "some"), ("patient_contact", "LOTS", "lots"),
    ("patient_contact", "a little", "some"), ("patient_contact", "a little bit", "some"),
    ("patient_contact", "3", "lots"), ("patient_contact", "the first one", "none"),
    ("patient_contact", "nope", "none"), ("patient_contact", "not at all", "none"),
    ("patient_contact", "Some is fine", "some"),
    ("science", "enjoy", "enjoy"), ("science", "I'd rather avoid them", "avoid"), ("science", "not ok", "avoid"),
    ("science", "I don't mind", "ok"), ("science", "nah", "avoid"),
    ("equipment", "maybe", "maybe"), ("equipment", "not sure", "maybe"), ("equipment", "kind of", "maybe"),
    ("equipment", "it depends", "maybe"), ("equipment", "yeah", "yes"), ("equipment", "no way", "no"),
    ("computer_work", "yep", "yes"), ("computer_work", "sure", "yes"), ("computer_work", "ok", "yes"),
    ("computer_work", "definitely", "yes"), ("computer_work", "nope", "no"), ("computer_work", "nah", "no"),
    ("computer_work", "not really", "no"), ("computer_work", "no way", "no"),
    ("computer_work", "I'd rather not", "no"), ("computer_work", "I’d rather not", "no"),
    ("schedule", "daytime only", "daytime_only"), ("schedule", "daytime-only", "daytime_only"),
    ("schedule", "daytime_only", "daytime_only"), ("schedule", "any", "any"), ("schedule", "2", "any"),
    ("schedule", "no weekends", "daytime_only"), ("schedule", "I don't want to work weekends", "daytime_only"),
    ("schedule", "I don't mind weekends", "any"), ("schedule", "sure", "any"),
    ("exam", "yes", "yes"), ("exam", "Yeah!", "yes"), ("exam", "no", "no"), ("exam", "hate exams", "no"),
    ("exam", "of course not", "no"), ("exam", "I don't mind", "yes"), ("exam", "not fine", "no"),
    ("focus", "coding", "coding"), ("focus", "patient care", "patient_care"), ("focus", "x-ray", "imaging"),
    ("focus", "cancer_data", "cancer_data"), ("focus", "front office and clinical", "front_office_and_clinical"),
    ("focus", "I like coding and billing", "coding"), ("focus", "7", "management"),
])
def test_choice_phrasings(question: str, text: str, expected: str) -> None:
    assert parse_choice(BY_ID[question], text) == expected


@pytest.mark.parametrize(("question", "text"), [
    ("patient_contact", "banana"), ("patient_contact", ""), ("patient_contact", "4"), ("patient_contact", "0"),
    ("patient_contact", "some or lots"), ("patient_contact", "not lots"), ("patient_contact", "kind of"),
    ("exam", "not sure"), ("exam", "I don't know"), ("exam", "yeah no"), ("exam", "3"), ("exam", "maybe"),
    ("science", "I don't like them"), ("science", "not sure"),
    ("schedule", "weekends no"),
    ("focus", "coding or imaging"), ("focus", "8"), ("focus", "I don't care"), ("focus", "[bold]"),
    ("computer_work", "ma"),
])
def test_choice_refusals(question: str, text: str) -> None:
    assert parse_choice(BY_ID[question], text) is None


def test_choice_on_a_number_question_reads_nothing() -> None:
    assert parse_choice(PAY_MIN, "40k") is None


# --- whole answers and their messages ---------------------------------------------------------------------

def test_answers_are_read_into_values() -> None:
    assert parse_answer(PAY_MIN, "about 40k") == ParseResult(40_000)
    assert parse_answer(TRAINING_MONTHS, "two years max") == ParseResult(24)
    assert parse_answer(EXAM, "yeah") == ParseResult("yes")
    assert parse_answer(EXAM, "yeah").ok


def test_too_much_time_names_the_limit_and_what_is_accepted() -> None:
    result = parse_answer(TRAINING_MONTHS, "a million years")
    assert result.value is None
    assert result.error == ("That's more than the 120 months I can work with; say a length such as '6 months', "
                            "'a year', '2 years' or '18 months' (0 to 10 years).")


@pytest.mark.parametrize(("question", "text", "says"), [
    (PAY_MIN, "2 million", "more than the $1,000,000 a year"),
    (PAY_MIN, "-5", "negative"),
    (PAY_MIN, "a million years", "length of time, not an amount of money"),
    (PAY_MIN, "lots of money", "couldn't read that as an amount of money"),
    (PAY_MIN, "40", "'40 an hour' or '40k'"),
    (PAY_MIN, "40k or 50 an hour", "more than one amount"),
    (TRAINING_MONTHS, "banana", "couldn't read that as a length of time"),
    (TRAINING_MONTHS, "-5", "negative"),
    (TRAINING_MONTHS, "11 years", "more than the 120 months"),
    (TRAINING_MONTHS, "", "didn't catch an answer"),
    (EXAM, "yeah no", "could mean 'Yes, that's fine' or 'No, I'd rather not'"),
    (EXAM, "banana", "couldn't match that to one of the options"),
    (FOCUS, "x" * (MAX_ANSWER_CHARS + 1), "too long"),
])
def test_errors_say_what_was_wrong_and_what_is_accepted(question: Question, text: str, says: str) -> None:
    result = parse_answer(question, text)
    assert result.value is None and not result.ok
    assert says in result.error
    assert question.hint[1:] in result.error  # the accepted forms follow the problem
    assert "\n" not in result.error


def test_answers_without_a_limit_take_the_least_demanding_end() -> None:
    assert parse_answer(PAY_MIN, "no minimum").value == 0
    assert parse_answer(PAY_MIN, "doesn't matter").value == 0
    assert parse_answer(TRAINING_MONTHS, "as long as it takes").value == 120
    assert parse_answer(TRAINING_MONTHS, "can't do any training").value is None


def test_values_given_as_data_are_taken_in_the_questions_unit() -> None:
    assert check_value(TRAINING_MONTHS, 3).value == 3  # data: 3 months
    assert check_value(TRAINING_MONTHS, "3").value == 3
    assert parse_answer(TRAINING_MONTHS, "3").value == 36  # typed: 3 years
    assert parse_answer(TRAINING_MONTHS, 3).value == 3
    assert check_value(TRAINING_MONTHS, 121).error.startswith("That's more than the 120 months")
    assert check_value(SCHEDULE, "daytime_only").value == "daytime_only"
    assert check_value(SCHEDULE, "nope").value == "daytime_only"
    assert check_value(PAY_MIN, True).value is None


# --- properties ------------------------------------------------------------------------------------------

def _valid(question: Question, value: object) -> bool:
    if question.kind == "choice":
        return isinstance(value, str) and question.option(value) is not None
    return (isinstance(value, int) and not isinstance(value, bool)
            and (question.min is None or value >= question.min) and (question.max is None or value <= question.max))


NASTY = ["[bold]", "[/", "[/]", "[bold]x", "[link=x]", "\x00\x1b[31m", "\u202e\u200b", "9" * 10_000,
         "1e400", "0." + "0" * 5000 + "1", "a" * 10_000, "yes " * 2_500, "-" * 100, "$" * 50, "k k k",
         "one hundred hundred thousand million", "and and a half half", "１２", "٣ years"]


@pytest.mark.parametrize("text", NASTY)
@pytest.mark.parametrize("question", QUESTIONS, ids=[q.id for q in QUESTIONS])
def test_nasty_text_never_raises(question: Question, text: str) -> None:
    result = parse_answer(question, text)
    assert (result.value is None) != (result.error is None)
    if result.value is not None:
        assert _valid(question, result.value)


@settings(deadline=None, max_examples=examples(150))
@given(question=st.sampled_from(QUESTIONS), text=st.text(max_size=300))
def test_any_text_gives_a_valid_value_or_an_error(question: Question, text: str) -> None:
    result = parse_answer(question, text)
    if result.value is None:
        assert result.error
    else:
        assert result.error is None and _valid(question, result.value)


@settings(deadline=None, max_examples=examples(150))
@given(question=st.sampled_from(QUESTIONS),
       text=st.lists(st.sampled_from(["yes", "no", "not", "maybe", "2", "years", "k", "$", "-", "a", "half",
                                      "hour", "million", "forty", "and", "sure", "lots", ",", "18", "weekends"]),
                     max_size=12).map(" ".join))
def test_word_salad_gives_a_valid_value_or_an_error(question: Question, text: str) -> None:
    result = parse_answer(question, text)
    assert (result.value is None) != (result.error is None)
    if result.value is not None:
        assert _valid(question, result.value)


@settings(deadline=None, max_examples=examples(100))
@given(amount=st.integers(min_value=1000, max_value=1_000_000))
def test_a_written_amount_reads_back_exactly(amount: int) -> None:
    assert parse_answer(PAY_MIN, f"${amount:,}").value == amount
    assert parse_answer(PAY_MIN, f"{amount} a year").value == amount


@settings(deadline=None, max_examples=examples(100))
@given(months=st.integers(min_value=0, max_value=120))
def test_a_written_length_reads_back_exactly(months: int) -> None:
    assert parse_answer(TRAINING_MONTHS, f"{months} months").value == months
    assert parse_answer(TRAINING_MONTHS, TRAINING_MONTHS.label(months)).value == months


@pytest.mark.parametrize("question", [q for q in QUESTIONS if q.kind == "choice"], ids=lambda q: q.id)
def test_every_option_reads_back_by_value_label_and_number(question: Question) -> None:
    for number, option in enumerate(question.options, start=1):
        assert parse_choice(question, option.value) == option.value
        assert parse_choice(question, option.label) == option.value
        assert parse_choice(question, str(number)) == option.value
