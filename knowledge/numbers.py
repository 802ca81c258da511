"""Reading numbers out of quotes, so the loader can prove that a fact's value is what its quote says.

A quote writes numbers as people do: "$38,040", "$36k", "13 percent", "9-12 months", "one-year", "2016-26".
`numbers_in` collects every number the quote states; `supports` says whether one value is among them.
"""

from __future__ import annotations

import re

from knowledge.models import Unit

WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "eighteen": 18, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "a year": 1, "a decade": 10, "decade": 10,
}
_NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(\s*[kK](?![a-zA-Z]))?")
_YEAR_RANGE = re.compile(r"\b((?:19|20)\d\d)\s*[-–]\s*(\d\d)\b")
_LETTERS = re.compile(r"[a-z]+")
_PHRASES = [(re.compile(rf"\b{re.escape(phrase)}\b"), value) for phrase, value in WORDS.items() if " " in phrase]


def numbers_in(text: str) -> set[float]:
    """Every number the text states, with thousands expanded ("$36k" → 36000) and short year ranges completed."""
    found: set[float] = set()
    for match in _NUMBER.finditer(text):
        value = float(match.group(1).replace(",", ""))
        found.add(value)
        if match.group(2):
            found.add(value * 1000)
    if "-" in text or "–" in text:
        for match in _YEAR_RANGE.finditer(text):
            start = match.group(1)
            found.add(float(start[:2] + match.group(2)))
    lowered = text.lower()
    for word in _LETTERS.findall(lowered):
        value = WORDS.get(word)
        if value is not None:
            found.add(float(value))
    for pattern, value in _PHRASES:
        if pattern.search(lowered):
            found.add(float(value))
    return found


def supports(value: float, unit: Unit, stated: set[float]) -> bool:
    """Whether a value of this unit is among the stated numbers; months may be stated in years."""
    if value in stated:
        return True
    if unit == "months" and value % 6 == 0 and value / 12 in stated:
        return True
    return False
