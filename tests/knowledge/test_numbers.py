"""Numbers as quotes write them: the loader relies on these to prove a fact's value is in its quote."""

from __future__ import annotations

import pytest

from knowledge.models import Unit
from knowledge.numbers import numbers_in, supports


@pytest.mark.parametrize(("text", "expected"), [
    ("$38,040", {38040}),
    ("around $36k a year", {36000}),
    ("$36K", {36000}),
    ("13 percent", {13}),
    ("13%", {13}),
    ("grow 7.5 percent", {7.5}),
    ("9-12 months", {9, 12}),
    ("9–12 months", {9, 12}),
    ("one-year certificate", {1}),
    ("two years", {2}),
    ("Twelve months", {12}),
    ("2016-26", {2016, 2026}),
    ("2016–26", {2016, 2026}),
    ("2016-2026", {2016, 2026}),
    ("≈15,500", {15500}),
    ("$1,234,567", {1234567}),
    ("once a year", {1}),
    ("over the next decade", {10}),
])
def test_numbers_in_finds_the_numbers_people_write(text: str, expected: set[float]) -> None:
    assert expected <= numbers_in(text)


@pytest.mark.parametrize(("text", "absent"), [
    ("someone with no degree", 1),        # "one" inside a word is not a number
    ("none of them", 1),
    ("yearly reviews", 1),                 # "a year" must be the whole phrase
    ("version 1.5", 5),                    # the decimal part is not a number of its own
    ("36 km away", 36000),                 # k only means thousands on its own
])
def test_numbers_in_does_not_invent_numbers(text: str, absent: float) -> None:
    assert absent not in numbers_in(text)


@pytest.mark.parametrize(("value", "unit", "quote", "supported"), [
    (38040, "money", "The median annual wage is $38,040.", True),
    (38000, "money", "The median annual wage is $38,040.", False),
    (36000, "money", "around $36k", True),
    (13, "percent", "grow 13 percent from 2016 to 2026", True),
    (14, "percent", "grow 13 percent from 2016 to 2026", False),
    (9, "months", "usually 9-12 months", True),
    (12, "months", "usually 9-12 months", True),
    (12, "months", "a one-year certificate", True),
    (24, "months", "takes two years", True),
    (18, "months", "takes two years", False),
    (2026, "year", "projections, 2016-26", True),
    (2036, "year", "projections, 2016-26", False),
    (15500, "count", "≈15,500 openings", True),
    (15000, "count", "≈15,500 openings", False),
])
def test_supports(value: float, unit: Unit, quote: str, supported: bool) -> None:
    assert supports(value, unit, numbers_in(quote)) is supported


def test_years_count_as_months_only_for_months() -> None:
    assert not supports(24, "count", numbers_in("two years"))
