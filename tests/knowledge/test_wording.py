"""Quotes from flattened tables are shown with their cells apart; dispute topics read as words."""

from __future__ import annotations

import pytest

from knowledge.wording import dispute_topic, shown_quote
from rules.builtin import builtin_engine


@pytest.mark.parametrize(("quote", "shown"), [
    ("Health Information Manager$90k USD$95k USD", "Health Information Manager | $90k USD | $95k USD"),
    ("LevelUS MedianUS Average", "Level | US Median | US Average"),
    ("Medical records and health information technicians 206,300 234,100 13 27,800",
     "Medical records and health information technicians | 206,300 | 234,100 | 13 | 27,800"),
])
def test_cells_that_ran_together_are_shown_apart(quote: str, shown: str) -> None:
    assert shown_quote(quote) == shown


@pytest.mark.parametrize("sentence", [
    "Median Salary $47,190 USD (U.S. national median, May 2023, U.S. Bureau of Labor Statistics)",
    "projected to grow 13 percent over the next ten years, faster than the average for all occupations",
    "jobs will increase in number by 37,700, or 21 percent, between 2012 and 2022",
    "Certificate programs, on the other hand, are shorter, usually 9-12 months, and range from $3,000 to $10,000.",
])
def test_ordinary_sentences_are_left_alone(sentence: str) -> None:
    assert shown_quote(sentence) == sentence


def test_only_table_rows_of_the_built_in_sources_change_and_their_words_stay() -> None:
    kb = builtin_engine().kb
    changed = {f.quote for c in kb.careers.values() for f in c.facts if shown_quote(f.quote) != f.quote}
    assert changed, "the built-in sources have flattened tables"
    for quote in changed:
        assert shown_quote(quote).replace(" | ", "").replace(" ", "") == quote.replace(" ", "")
        assert "$" in quote or any(ch.isdigit() for ch in quote)


@pytest.mark.parametrize(("topic", "words"), [
    ("pay range_low", "the low end of the pay range"), ("pay p10", "pay of the lowest-paid 10%"),
    ("pay median hospitals", "median pay (hospitals)"), ("patient contact", "patient contact"),
    ("remote_work", "remote work"),
])
def test_dispute_topics_read_as_words(topic: str, words: str) -> None:
    assert dispute_topic(topic) == words
