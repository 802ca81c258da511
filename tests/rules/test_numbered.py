"""What counts as choosing an option by its number alone (`rules.numbered`), in every front end."""

from __future__ import annotations

import pytest

from rules.numbered import option_number


@pytest.mark.parametrize("text, number", [
    ("2", 2), (" 2 ", 2), ("#2", 2), ("# 2", 2), ("option 2", 2), ("Option 2", 2), ("2.", 2), ("2)", 2),
    ("choice 7", 7), ("number 1", 1), ("no. 3", 3), ("2!", 2), ("\t2\n", 2),
])
def test_an_option_number_alone_names_that_option(text: str, number: int) -> None:
    assert option_number(text, 7) == number


@pytest.mark.parametrize("text", [
    "2 years max", "40k", "2nd shift", "3 months", "1 year of school", "22", "0", "8", "no 2", "²", "٢", "2 2",
    "", " ", "two", "-1", "2.5", "#", "option",
])
def test_anything_more_or_other_than_an_option_number_is_words(text: str) -> None:
    assert option_number(text, 7) is None
