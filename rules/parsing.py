"""Reading free-text answers to a question: amounts of money, lengths of time and choices among options.

People answer in their own words ("about 40k", "two years max", "yeah", "2"), so the quiz reads those and, when
it cannot, says what was wrong and what it accepts. Every reader refuses rather than guesses: text that could
mean two options, two amounts or two lengths of time gives no value, and the caller asks again.

Pure functions, standard library only, and fast enough to run on every answer (well under a millisecond).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

from rules.models import Question
from rules.numbered import option_number

MAX_ANSWER_CHARS = 500
"""Longer answers are refused outright: nobody types an essay to say "2 years", and it keeps parsing quick."""

HOURS_PER_YEAR = 2080
"""40 hours a week × 52 weeks: how an hourly wage becomes a yearly one ("$18/hour" → $37,440 a year)."""

_PER_YEAR = {"hour": HOURS_PER_YEAR, "day": 260, "week": 52, "month": 12, "year": 1}
"""How many of each pay period make a working year (a working year has 260 working days)."""

_TOO_BIG = Fraction(10) ** 16
"""Stands in for numbers with more digits than any real answer has (also keeps int() off 10,000-digit strings)."""


@dataclass(frozen=True, slots=True)
class ParseResult:
    """What an answer was read as: a valid value, or an error that says what was wrong and what is accepted."""

    value: str | int | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


# --- normalising and tokenising --------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u2060\ufeff]")
_FOLD = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "–": "-", "—": "-", "−": "-", "‐": "-",
                       "‑": "-", "＄": "$"})
_TOKEN = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?|\.[0-9]+|[a-z]+(?:'[a-z]+)*"
                    r"|[^\sa-z0-9]")
_DIGIT_CHARS = frozenset("0123456789")


def _clean(text: str) -> str:
    """Lower case, one space between words, control characters gone, curly quotes and dashes made plain."""
    text = _CONTROL.sub(" ", text).translate(_FOLD).lower()
    return " ".join(text.split())


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _is_digits(token: str) -> bool:
    """Whether a token (from `_tokens`) is a number written in digits: "40", "40,000", "1.5", ".5"."""
    return token[:1] in _DIGIT_CHARS or (len(token) > 1 and token[0] == ".")


def _digit_value(token: str) -> Fraction:
    whole, _, decimals = token.replace(",", "").partition(".")
    if len(whole) > 15:
        return _TOO_BIG
    return Fraction(f"{whole or '0'}.{decimals[:6] or '0'}")


# --- numbers written in words or digits ------------------------------------------------------------------

_UNITS = {word: value for value, word in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen".split())}
_TENS = {word: 10 * (index + 2) for index, word in enumerate(
    "twenty thirty forty fifty sixty seventy eighty ninety".split())}
_SCALES = {"thousand": 1000, "million": 10 ** 6, "billion": 10 ** 9}
_MONEY_SUFFIXES = {"k": 1000, "grand": 1000, "m": 10 ** 6, "mil": 10 ** 6, "mill": 10 ** 6, "mn": 10 ** 6,
                   "bn": 10 ** 9}
"""Scales written after a number only when it is money ("40k", "1.2m"); in a length of time "18m" is months."""


@dataclass
class _Number:
    value: Fraction
    start: int
    end: int
    """Token span [start, end)."""
    scale: int | None = None
    """The last scale word or suffix applied ("40k" → 1000), so "40-50k" can lend its k to the 40."""


def _read_number(tokens: list[str], i: int, suffixes: dict[str, int]) -> _Number | None:
    """The number phrase starting at token i ("forty-five thousand", "1.2 million", "a hundred"), if any."""
    start, n = i, len(tokens)
    total, current = Fraction(0), None
    last: str | None = None
    scale: int | None = None
    while i < n:
        token = tokens[i]
        following = tokens[i + 1] if i + 1 < n else ""
        if _is_digits(token):
            if last is not None:
                break
            current, last = _digit_value(token), "digit"
        elif token in _UNITS:
            value = _UNITS[token]
            if current is None and last in (None, "scale"):
                current = Fraction(value)
            elif current is not None and last == "tens" and value < 10:
                current += value
            elif current is not None and last == "hundred":
                current += value
            else:
                break
            last = "unit"
        elif token in _TENS:
            if current is None and last in (None, "scale"):
                current = Fraction(_TENS[token])
            elif current is not None and last == "hundred":
                current += _TENS[token]
            else:
                break
            last = "tens"
        elif token == "-" and last == "tens" and following in _UNITS and _UNITS[following] < 10:
            i += 1
            continue
        elif token in ("a", "an") and last is None and (following == "hundred" or following in _SCALES):
            current, last = Fraction(1), "a"
        elif token == "half" and last is None and following in ("a", "an") and i + 2 < n and (
                tokens[i + 2] in _SCALES):  # "half a million"
            current, last = Fraction(1, 2), "a"
            i += 2
            continue
        elif token == "hundred" and current is not None and current < 100 and last != "hundred":
            current, last = current * 100, "hundred"
        elif (token in _SCALES or token in suffixes) and current is not None:
            scale = _SCALES.get(token) or suffixes[token]
            total += current * scale
            current, last = None, "scale"
        elif token == "and" and last in ("hundred", "scale") and (following in _UNITS or following in _TENS):
            i += 1
            continue
        else:
            break
        i += 1
    if last is None or last == "a":
        return None
    value = total + (current if current is not None else 0)
    return _Number(min(value, _TOO_BIG), start, i, scale)


def _numbers(tokens: list[str], suffixes: dict[str, int]) -> list[_Number]:
    found: list[_Number] = []
    i = 0
    while i < len(tokens):
        number = _read_number(tokens, i, suffixes)
        if number is None:
            i += 1
            continue
        found.append(number)
        i = number.end
    return found


def _negative(tokens: list[str], number: _Number, previous: _Number | None) -> bool:
    """A minus sign right before the number ("-5", "$-5", "-$5") that is not the dash of a range ("40-50k")."""
    i = number.start - 1
    if i >= 0 and tokens[i] == "$":
        i -= 1
    if i < 0 or tokens[i] != "-":
        return False
    return previous is None or previous.end != i


_NEGATIVE_WORDS = re.compile(r"\b(minus|negative|below zero)\b")
_SPENDING_WORDS = re.compile(r"\b(spend|spending|spent|afford|cost|costs|costing|tuition|loans?|debt|fees?|budget|"
                             r"saved|savings|(?:for|on|towards?) (?:school|college|classes|the program|a program|"
                             r"training|my training|my classes))\b")
"""Money the student would spend ("I can spend $5000 on school"): a cost, never the pay they expect."""
_RANGE_JOINS = ({"-"}, {"to"}, {"or"}, {"through"}, {"till"}, {"until"}, {"and"})


def _joined_as_range(tokens: list[str], left: _Number, right: _Number) -> bool:
    """Whether two amounts are the ends of one range ("40-50k", "between 40 and 50k", "18 to 20")."""
    between = [t for t in tokens[left.end:right.start] if t != "$"]
    if len(between) != 1 or {between[0]} not in _RANGE_JOINS:
        return False
    low = left.value * right.scale if left.scale is None and right.scale else left.value
    if low > right.value:
        return False  # "40k or 50 an hour": two amounts, not a range
    if between[0] == "and":  # "between 40 and 50k", not "40k and 2 kids"
        return _preceded_by_between(tokens, left.start)
    return True


def _preceded_by_between(tokens: list[str], start: int) -> bool:
    before = [t for t in tokens[max(0, start - 2):start] if t != "$"]
    return bool(before) and before[-1] == "between"


def _int(value: Fraction) -> int:
    """Round half up (1.5 years is 18 months; $40,000.50 is $40,001 — close enough and never negative)."""
    return int(value + Fraction(1, 2)) if value >= 0 else -int(-value + Fraction(1, 2))


# --- money -----------------------------------------------------------------------------------------------

_CURRENCY = {"$", "dollar", "dollars", "usd", "bucks", "buck", "us"}
_PERIOD_WORDS = {
    "hour": "hour", "hours": "hour", "hr": "hour", "hrs": "hour", "h": "hour",
    "day": "day", "days": "day", "week": "week", "weeks": "week", "wk": "week", "wks": "week",
    "month": "month", "months": "month", "mo": "month", "mos": "month", "mth": "month",
    "year": "year", "years": "year", "yr": "year", "yrs": "year", "annum": "year",
}
_PERIOD_ADJECTIVES = {"hourly": "hour", "daily": "day", "weekly": "week", "monthly": "month", "yearly": "year",
                      "annually": "year", "annual": "year", "salary": "year"}
_PER = {"a", "an", "per", "/", "each", "every", "p"}


@dataclass
class _Money:
    value: int | None
    problem: str | None = None
    """'none', 'negative', 'duration', 'spending', 'several', or 'bare' (a small number with no unit)."""
    bare: int | None = None


def _period_after(tokens: list[str], end: int) -> tuple[str | None, bool]:
    """(pay period named after the amount, whether the amount is followed by a bare duration like 'years')."""
    i = end
    while i < len(tokens) and tokens[i] in _CURRENCY:
        i += 1
    if i >= len(tokens):
        return None, False
    token = tokens[i]
    if token in _PERIOD_ADJECTIVES:
        return _PERIOD_ADJECTIVES[token], False
    if token in _PER and i + 1 < len(tokens):
        following = tokens[i + 1]
        if token == "p" and following == "/" and i + 2 < len(tokens):  # "p/h"
            following = tokens[i + 2]
        if following in _PERIOD_WORDS:
            return _PERIOD_WORDS[following], False
        return None, False
    if token in _PERIOD_WORDS and token not in ("h",):
        return None, True  # "a million years", "18 hours": a length of time, not pay
    return None, False


def _period_before(tokens: list[str], start: int) -> str | None:
    for token in tokens[max(0, start - 4):start]:
        if token in _PERIOD_ADJECTIVES and token != "salary":
            return _PERIOD_ADJECTIVES[token]
    return None


_DECADE = re.compile(r"\b(low|lower|mid|middle|high|upper)[\s-]*(?:the\s+)?\$?([1-9])0'?s\b"
                     r"(?P<hourly>\s*(?:an?|per|/|each)\s*(?:hour|hr|h)\b|\s*hourly)?")
_DECADE_STEP = {"low": 0, "lower": 0, "mid": 5, "middle": 5, "high": 8, "upper": 8}
"""Pay said as a decade: "mid 40s" is 45 thousand a year (45 an hour when an hour is named); "low 40s" 40
thousand, the least of it; "high 40s" 48 thousand. Always shown back to the student, who can change it."""


def _decades(cleaned: str) -> str:
    def amount(match: re.Match[str]) -> str:
        value = int(match.group(2)) * 10 + _DECADE_STEP[match.group(1)]
        return f"{value}{match.group('hourly')}" if match.group("hourly") else f"{value}k"
    return _DECADE.sub(amount, cleaned)


def _read_money(text: str) -> _Money:
    cleaned = _decades(_clean(text))
    tokens = _tokens(cleaned)
    numbers = _numbers(tokens, _MONEY_SUFFIXES)
    if not numbers:
        return _Money(None, "none")
    if _NEGATIVE_WORDS.search(cleaned):
        return _Money(None, "negative")
    if _SPENDING_WORDS.search(cleaned):
        return _Money(None, "spending")
    groups: list[list[_Number]] = []
    for index, number in enumerate(numbers):
        previous = numbers[index - 1] if index else None
        if _negative(tokens, number, previous):
            return _Money(None, "negative")
        if previous is not None and groups and _joined_as_range(tokens, previous, number):
            groups[-1].append(number)
        else:
            groups.append([number])
    amounts: set[int] = set()
    bare: int | None = None
    for group in groups:
        low, high = group[0], group[-1]
        value = low.value
        if len(group) > 1 and low.scale is None and high.scale and low.value * high.scale <= high.value:
            value = low.value * high.scale  # "40-50k": the k belongs to both
        period, duration = _period_after(tokens, high.end)
        if duration:
            return _Money(None, "duration")
        period = period or _period_before(tokens, low.start)
        scaled = any(n.scale for n in group)
        if period is None and not scaled and 0 < value < 1000:
            bare = _int(value)
            amounts.add(-1)  # unreadable on its own: an hourly rate, or thousands a year?
            continue
        amounts.add(_int(value * _PER_YEAR[period or "year"]))
    if len(amounts) > 1:
        return _Money(None, "several")
    amount = amounts.pop()
    if amount < 0:
        return _Money(None, "bare", bare)
    return _Money(amount)


def states_spending(text: str) -> bool:
    """Whether the text names an amount the student would spend or owe ("I can spend $5000 on school", "i can
    afford 5k tuition"): never pay, and the quiz asks nothing about it — the chat answers with training costs."""
    if not isinstance(text, str) or len(text) > MAX_ANSWER_CHARS:
        return False
    cleaned = _clean(text)
    if not _SPENDING_WORDS.search(cleaned):
        return False
    tokens = _tokens(cleaned)
    return any(number.scale or number.value >= 100 or (number.start and tokens[number.start - 1] == "$")
               or (number.end < len(tokens) and tokens[number.end] in _CURRENCY)
               for number in _numbers(tokens, _MONEY_SUFFIXES))  # money, not "2 years for school"


def parse_money(text: str) -> int | None:
    """A yearly amount in whole US dollars, or None when the text does not state exactly one.

    Reads "$40k", "40K", "40,000", "$40,000 a year", "about 40k", "forty thousand", "forty-five thousand",
    "40 thousand", "1.2 million", "40-50k" (a range gives its lower end: the least that would do).
    Hourly pay is made yearly at 2,080 hours (40 hours × 52 weeks): "$18/hour" and "18 an hour" → 37,440;
    likewise a day is ×260, a week ×52, a month ×12.
    Refused (None): negatives ("-5", "minus 40k"), lengths of time ("a million years"), several different
    amounts, text with no number ("lots of money"), and a bare number under 1,000 with no unit ("40": $40 an
    hour, or $40,000 a year?).
    """
    if not isinstance(text, str) or len(text) > MAX_ANSWER_CHARS:
        return None
    return _read_money(text).value


# --- lengths of time -------------------------------------------------------------------------------------

_TIME_UNITS = {
    "year": 12, "years": 12, "yr": 12, "yrs": 12, "yeas": 12, "yeasr": 12, "yaers": 12, "yeras": 12,
    "month": 1, "months": 1, "mo": 1, "mos": 1, "mth": 1, "mths": 1, "mnths": 1, "monts": 1,
    "week": Fraction(12, 52), "weeks": Fraction(12, 52), "wk": Fraction(12, 52), "wks": Fraction(12, 52),
    "day": Fraction(1, 30), "days": Fraction(1, 30),
    "decade": 120, "decades": 120,
}
_SHORT_TIME_UNITS = {"y": 12, "m": 1, "w": Fraction(12, 52), "d": Fraction(1, 30)}
"""Single letters count as units only straight after digits ("2y", "18m")."""
_ZERO_TIME = re.compile(
    r"\b(none|no time|no training|not any|nothing|zero|not at all|right away|right now|straight away|"
    r"immediately|asap|now|today|as soon as possible|no school(ing)?|(don'?t|do not) have (the |any )?time)\b")
_VAGUE_COUNTS = {"couple": 2, "few": 3}


def is_quantity_word(token: str) -> bool:
    """Whether a word belongs to an amount of money or a length of time as this module reads them ("40k",
    "two", "hundred", "grand", "dollars", "years", "couple"): the reader's test for a limit that states one."""
    return any(c.isdigit() for c in token) or token in _QUANTITY_WORDS


_QUANTITY_WORDS = frozenset({*_UNITS, *_TENS, *_SCALES, "hundred", "half", *_MONEY_SUFFIXES, *_CURRENCY,
                             *_PERIOD_WORDS, *_TIME_UNITS, *_VAGUE_COUNTS})


@dataclass
class _Span:
    value: Fraction
    """In the unit below (or a bare number when unit is None)."""
    unit: Fraction | None
    start: int
    end: int

    @property
    def months(self) -> Fraction:
        assert self.unit is not None
        return self.value * self.unit


def _half_after(tokens: list[str], i: int) -> int:
    """Length of an "and a half" / "and half" at token i (0 when there is none)."""
    if tokens[i:i + 3] == ["and", "a", "half"]:
        return 3
    if tokens[i:i + 2] == ["and", "half"]:
        return 2
    return 0


def _time_unit(tokens: list[str], i: int, after_digits: bool) -> Fraction | None:
    if i >= len(tokens):
        return None
    token = tokens[i]
    if token in _TIME_UNITS:
        return Fraction(_TIME_UNITS[token])
    if after_digits and token in _SHORT_TIME_UNITS:
        return Fraction(_SHORT_TIME_UNITS[token])
    return None


def _read_span(tokens: list[str], i: int) -> _Span | None:
    """A length of time starting at token i ("a year and a half", "18 months", "2"), if one starts there."""
    start, n = i, len(tokens)
    token = tokens[i]
    after_digits = False
    if token == "half":  # "half a year", "half year"
        value = Fraction(1, 2)
        i += 1
        if i < n and tokens[i] in ("a", "an"):
            i += 1
    elif token in ("a", "an") and i + 1 < n and tokens[i + 1] == "half":  # "a half year"
        value, i = Fraction(1, 2), i + 2
    elif token in ("a", "an", "couple", "few") and (
            _time_unit(tokens, i + 1, False) is not None or (i + 1 < n and tokens[i + 1] in _VAGUE_COUNTS)):
        if token in _VAGUE_COUNTS:
            value, i = Fraction(_VAGUE_COUNTS[token]), i + 1
        elif tokens[i + 1] in _VAGUE_COUNTS:  # "a couple", "a few"
            value, i = Fraction(_VAGUE_COUNTS[tokens[i + 1]]), i + 2
        else:  # "a year"
            value, i = Fraction(1), i + 1
    elif token in _VAGUE_COUNTS and _time_unit(tokens, i + 1 + (tokens[i + 1:i + 2] == ["of"]), False):
        value, i = Fraction(_VAGUE_COUNTS[token]), i + 1
    else:
        number = _read_number(tokens, i, {})
        if number is None:
            return None
        value, i = number.value, number.end
        after_digits = _is_digits(tokens[i - 1])
        i += (half := _half_after(tokens, i))
        if half:
            value += Fraction(1, 2)
    if i < n and tokens[i] == "of":  # "a couple of years"
        i += 1
    unit = _time_unit(tokens, i, after_digits)
    if unit is None:
        if tokens[start] in ("a", "an", "half", "couple", "few"):
            return None
        return _Span(value, None, start, i)
    i += 1
    if i < n and tokens[i] == ".":  # "2 yrs."
        i += 1
    half = _half_after(tokens, i)
    if half:  # "a year and a half"
        value += Fraction(1, 2)
        i += half
    return _Span(value, unit, start, i)


def _spans(tokens: list[str]) -> list[_Span]:
    found: list[_Span] = []
    i = 0
    while i < len(tokens):
        span = _read_span(tokens, i)
        if span is None:
            i += 1
            continue
        found.append(span)
        i = span.end
    return found


def _range_months(group: list[_Span]) -> Fraction:
    """The upper end of a range in months; a bare end takes its neighbour's unit ("2-3 years", "a year or two")."""
    if all(s.unit is None for s in group):
        return _bare_months(max(s.value for s in group))
    ends = []
    for k, span in enumerate(group):
        unit = span.unit
        if unit is None:
            nearest = [s.unit for s in group[k + 1:] + group[:k][::-1] if s.unit is not None]
            unit = nearest[0]
        ends.append(span.value * unit)
    return max(ends)


def _says_only(phrases: re.Pattern[str], cleaned: str) -> bool:
    """Whether the text says one of the phrases and no negation besides ("no time" yes, "not now" no)."""
    if not phrases.search(cleaned):
        return False
    rest = phrases.sub(" ", cleaned)
    return not any(word in _NEGATORS for word in _WORD.findall(rest))


def _bare_months(value: Fraction) -> Fraction:
    """A bare number: under 6 it is most likely years ("2" → 2 years), from 6 up months ("18" → 18 months)."""
    return value * 12 if value < 6 else value


@dataclass
class _Months:
    value: int | None
    problem: str | None = None
    """'none', 'negative' or 'several'."""


def _is_money(tokens: list[str], span: _Span) -> bool:
    """A number marked as money ("$5000", "5k", "5 grand", "500 dollars"): never a length of time, so "i can
    spend 5k on school" is not five years of school."""
    before = tokens[span.start - 1] if span.start else ""
    after = tokens[span.end] if span.end < len(tokens) else ""
    return span.unit is None and (before == "$" or after in _MONEY_SUFFIXES or after in _CURRENCY)


def _read_months(text: str) -> _Months:
    cleaned = _clean(text)
    tokens = _tokens(cleaned)
    spans = _spans(tokens)
    if any(_is_money(tokens, span) for span in spans):
        return _Months(None, "none")  # "40k a year" is pay; "5k on school" money spent, not five years
    if not spans:
        return _Months(0) if _says_only(_ZERO_TIME, cleaned) else _Months(None, "none")
    if _NEGATIVE_WORDS.search(cleaned):
        return _Months(None, "negative")
    for index, span in enumerate(spans):
        i = span.start - 1
        previous = spans[index - 1] if index else None
        if i >= 0 and tokens[i] == "-" and (previous is None or previous.end != i):
            return _Months(None, "negative")
    values: list[Fraction] = []
    index = 0
    while index < len(spans):
        span = spans[index]
        group = [span]
        while index + 1 < len(spans):
            following = spans[index + 1]
            between = tokens[group[-1].end:following.start]
            last = group[-1]
            joins_range = len(between) == 1 and {between[0]} in _RANGE_JOINS and (
                between[0] != "and" or last.unit is None or _preceded_by_between(tokens, group[0].start))
            adds_up = (last.unit is not None and following.unit is not None and last.unit > following.unit
                       and between in ([], ["and"], [","]))
            if adds_up:  # "1 year and 6 months"
                following = _Span(last.value * last.unit + following.value * following.unit, Fraction(1),
                                  last.start, following.end)
                group[-1] = following
                index += 1
            elif joins_range:  # "2-3 years", "6 months to a year", "a year or two"
                group.append(following)
                index += 1
            else:
                break
        values.append(_range_months(group))
        index += 1
    if len(set(values)) > 1:
        return _Months(None, "several")
    return _Months(_int(values[0]))


def parse_months(text: str) -> int | None:
    """A length of time in whole months (the most training someone would do), or None when unreadable.

    Reads "2 years", "two years max", "18 months", "a year", "six months", "1.5 years", "a year and a half",
    "1 year and 6 months", "a couple of years", "2-3 years" and "a year or two" (a range gives its upper end:
    the most they would train). "no time", "none", "0", "right away" and "start working now" are 0.
    A bare number under 6 is taken as years ("2" → 24: nobody plans a 2-month training), from 6 up as months
    ("24" → 24, "6" → 6). Names of degrees ("a bachelor's") are not lengths: the sources disagree on how long
    each takes, so the caller asks for months or years instead. Refused (None): negatives, several different
    lengths ("2 years, maybe 3 years"), text with no length in it.
    """
    if not isinstance(text, str) or len(text) > MAX_ANSWER_CHARS:
        return None
    return _read_months(text).value


# --- choices ---------------------------------------------------------------------------------------------

_YES_WORDS = (
    "yes", "yeah", "yea", "ya", "yah", "yep", "yup", "yes please", "sure", "sure thing", "for sure", "ok",
    "okay", "fine", "definitely", "absolutely", "of course", "certainly", "totally", "sounds good", "why not",
    "no problem", "don't mind", "do not mind", "wouldn't mind", "would not mind", "happy to", "gladly",
    "alright", "all right", "correct", "that's fine", "i'm fine with that", "i'm ok with that",
    "don't bother me", "doesn't bother me", "does not bother me", "do not bother me", "not bothered",
    "doesn't scare me", "don't scare me",
)
_NO_WORDS = (
    "no", "nope", "nah", "naw", "no way", "not really", "not at all", "never", "no thanks", "no thank you",
    "rather not", "i'd rather not", "i would rather not", "prefer not", "i'd prefer not", "not for me",
    "not interested", "don't", "do not", "not ok", "not okay", "not fine", "absolutely not", "definitely not",
    "of course not", "certainly not", "probably not", "hell no", "no no", "not a fan", "not keen",
    "no chance", "not much",
)
_MAYBE_WORDS = (
    "maybe", "perhaps", "possibly", "probably", "not sure", "unsure", "kind of", "kinda", "sort of", "sorta",
    "somewhat", "depends", "it depends", "a bit", "a little", "a little bit", "sometimes", "i guess",
    "50 50", "so so", "could be", "might", "in between", "don't know", "do not know", "dunno", "no idea",
    "idk", "no clue", "not certain", "can't say", "hard to say", "either", "both", "neither", "either way",
)
"""Hedges: 'maybe' where the question has a maybe option; elsewhere they stop an answer being read, unless the
answer names one option in its own words ("idk maybe the coding one" is coding, tentatively — it can be changed)."""
_SPLITTING = frozenset({("either",), ("both",), ("neither",), ("either", "way"), ("in", "between"), ("50", "50"),
                        ("so", "so")})
"""Hedges that say the answer lies between options or takes none: never softened by a named option."""

_SINGLE_LETTER = {"y": "yes", "n": "no"}
_NEGATORS = {"not", "no", "don't", "dont", "never", "without", "hardly", "nor", "isn't", "aren't", "wasn't",
             "won't", "can't", "cannot", "didn't", "doesn't", "wouldn't", "shouldn't", "nothing"}
_NEGATORS |= {"couldn't", "ain't"}
_NEGATORS |= {word.replace("'", "") for word in _NEGATORS}
"""Chat spells them without the apostrophe: "i cant do weekends" is as much a no as "i can't"."""
_AVERSE = {"hate", "hates", "dislike", "dislikes", "avoid"}
"""Words that turn an option named after them around, like a 'not' ("hate weekends" is daytime only)."""
_CLAUSE_END = re.compile(r"[,.;:!?]")
_WORD = re.compile(r"[a-z0-9']+")
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
             "eighth": 8, "ninth": 9, "tenth": 10, "last": -1}
_ORDINAL_KEY = re.compile(r"^(?:the\s+)?(\w+)(?:\s+one|\s+option)?$")
_REFUSE = "?"
"""A vote that stops any value being read: a hedge with no maybe option, or an option named after a 'not'."""
_HEDGE = "~"
"""A tentative word ("maybe", "idk", "i guess") with no maybe option: it stops an answer only when no option is
named in its own words."""


@dataclass(frozen=True)
class _Term:
    vote: str
    """An option value, or _REFUSE."""
    yes: bool
    """A plain yes ("yes", "yeah", "sure"): negated, it is a no ("not ok")."""


@dataclass(frozen=True)
class _Matcher:
    pattern: re.Pattern[str] | None
    terms: list[_Term]
    no: str | None
    """The option a plain no stands for, if any."""
    yes: str | None = None
    """The option a plain yes stands for, if any."""


_MATCHERS: dict[int, tuple[Question, _Matcher]] = {}


def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(_clean(text).replace("_", " ").replace("-", " ").replace("/", " ")))


def _term_pattern(words: tuple[str, ...]) -> str:
    return r"[^a-z0-9']+".join(re.escape(w).replace("'", "'?") for w in words)


def _contains(words: tuple[str, ...], part: tuple[str, ...]) -> bool:
    return any(words[i:i + len(part)] == part for i in range(len(words) - len(part) + 1))


def _option_saying(phrases: dict[tuple[str, ...], set[str]], word: str) -> str | None:
    """The one option whose value or synonyms say `word` ("yes", "no", "maybe"), if exactly one does."""
    votes = phrases.get((word,), set())
    return next(iter(votes)) if len(votes) == 1 else None


def _matcher(question: Question) -> _Matcher:
    """The question's words compiled once into one alternation, longest phrases first, so that "not sure"
    wins over "sure" and "don't mind" over "don't"."""
    cached = _MATCHERS.get(id(question))
    if cached is not None and cached[0] is question:
        return cached[1]
    phrases: dict[tuple[str, ...], set[str]] = {}
    for option in question.options:
        for phrase in (option.value, option.label, *option.synonyms):
            words = _words(phrase)
            if words:
                phrases.setdefault(words, set()).add(option.value)
    terms: dict[tuple[str, ...], _Term] = {
        words: _Term(next(iter(votes)) if len(votes) == 1 else _REFUSE, words == ("yes",))
        for words, votes in phrases.items()}
    # Everyday yes and no count where one option says "yes" and another "no" (as value or synonym).
    yes, no, maybe = (_option_saying(phrases, w) for w in ("yes", "no", "maybe"))
    generic: list[tuple[tuple[str, ...], _Term]] = []
    if yes and no and yes != no:
        generic += [(_words(w), _Term(yes, True)) for w in _YES_WORDS]
        generic += [(_words(w), _Term(no, False)) for w in _NO_WORDS]
    else:
        yes = no = None
    for w in _MAYBE_WORDS:
        words = _words(w)
        generic.append((words, _Term(maybe if (yes and maybe) else _REFUSE if words in _SPLITTING else _HEDGE,
                                     False)))
    for words, term in generic:
        if words in terms:
            continue  # the question's own words win over the built-in ones
        if words[0] not in _NEGATORS and any(_contains(words, own) for own in phrases):
            continue  # "a little bit" should not hide the option "bit"; "not sure" may hide "sure"
        terms[words] = term
    ordered = sorted(terms, key=lambda w: (-len(" ".join(w)), w))
    pattern = None
    if ordered:
        alternatives = "|".join(f"(?P<t{index}>{_term_pattern(words)})" for index, words in enumerate(ordered))
        pattern = re.compile(rf"(?<![a-z0-9'])(?:{alternatives})(?![a-z0-9'])")
    matcher = _Matcher(pattern, [terms[w] for w in ordered], no, yes)
    if len(_MATCHERS) > 256:
        _MATCHERS.clear()
    _MATCHERS[id(question)] = (question, matcher)
    return matcher


def _key(question: Question, text: str) -> str | None:
    """An option picked by its number ("2", "#2", "option 2") or place ("the first one"), 1-based."""
    stripped = text.strip(" .!)")
    count = len(question.options)
    number = option_number(stripped, count)
    if number is not None:
        return question.options[number - 1].value
    match = _ORDINAL_KEY.match(stripped)
    if match and match.group(1) in _ORDINALS:
        index = _ORDINALS[match.group(1)]
        index = count if index == -1 else index
        return question.options[index - 1].value if 1 <= index <= count else None
    return None


def _negated(text: str, start: int, since: int) -> bool:
    """Whether a negation stands in the four words before `start`, in the same clause and after the
    previous match ("not lots", "I don't want to work weekends"; not "I don't mind weekends")."""
    window = _CLAUSE_END.split(text[since:start])[-1]
    return any(word in _NEGATORS or word in _AVERSE for word in _WORD.findall(window)[-4:])


_NEGATED_AFTER = re.compile(r"\s+(?:is|are|r|'s|'re)\s+(?:definitely\s+|totally\s+|completely\s+|just\s+)?"
                            r"(?:out|a no|a no go|a no-go|off the table|not ok|not okay|not happening|"
                            r"a dealbreaker|a deal breaker)(?![a-z0-9'])")
"""A refusal said after what it refuses: "nights are out", "weekends are a no-go" (daytime only)."""


def _choice_votes(question: Question, text: str) -> tuple[list[str], bool]:
    """(option values the text names, in order, without repeats; whether something forbids any answer)."""
    # A lone letter means yes or no only when it is the whole answer ("y"), never inside other text.
    text = _SINGLE_LETTER.get(text.strip().lower(), text)
    cleaned = _clean(text).replace("_", " ")
    key = _key(question, cleaned)
    if key is not None:
        return [key], False
    matcher = _matcher(question)
    if matcher.pattern is None:
        return [], False
    votes: list[str] = []
    ruled_out: list[str] = []
    """Options named after a 'not' among three or more ("not lots"): they say what the answer is not."""
    refused = False
    hedged = False
    named = 0
    """Votes from an option's own words (not from a bare "no" or "don't")."""
    since = 0
    for match in matcher.pattern.finditer(cleaned):
        term = matcher.terms[int(match.lastgroup[1:])]  # type: ignore[index]
        vote = term.vote
        if vote == _HEDGE:
            hedged = True
            continue
        if vote != _REFUSE and (_negated(cleaned, match.start(), since) or _NEGATED_AFTER.match(cleaned, match.end())):
            others = [o.value for o in question.options if o.value != vote]
            if len(others) == 1:
                vote = others[0]  # of two options, "not weekends" is the other one
            elif term.yes and matcher.no:
                vote = matcher.no  # "not ok"
            else:
                ruled_out.append(vote)  # "not lots": some, or none? Only another option named can say.
                vote = None
        negator = match.group().replace("’", "'") in _NEGATORS
        if not negator:
            since = match.end()  # a bare "no" / "don't" still negates what follows: "no weekends"
        if vote == _REFUSE:
            refused = True
        elif vote is not None and vote not in votes:
            votes.append(vote)
            named += not negator
    if ruled_out:
        # "some, not lots" names its answer; "not lots" or "I don't like them" leave two options open.
        votes = [vote for vote in votes if vote not in ruled_out]
        refused = refused or not votes or not named
    if hedged and not (len(votes) == 1 and named):
        refused = True  # "not sure", "idk" alone: no answer; "idk, maybe coding": coding
    return votes, refused


_DISLIKE = re.compile(r"\b(hate[sd]?|dislike[sd]?|can'?t stand|cannot stand|scared of|afraid of|terrified of|"
                      r"squeamish|gross(?:es)? me out|not a fan of|freak(?:s)? me out|faint(?:s|ed)?|"
                      r"pass(?:es)? out|can'?t handle|cannot handle|bothers? me|stuck (?:at|behind|in|on)|"
                      r"sick of|tired of|queasy|nauseous|woozy|light-?headed|dizzy|makes? me (?:sick|ill|gag|"
                      r"uncomfortable|nervous)|not (?:with|around|near)|can'?t do|cannot do)\b")
_LIKE = re.compile(r"\b(like|likes|love|loves|enjoy|enjoys|into|good with|fan of|obsessed with|"
                   r"sounds? (?:cool|good|fun|great|interesting|nice|awesome))\b")
_LIKE_NEGATED = re.compile(r"\b(not|don'?t|do not|never|doesn'?t|wouldn'?t|would|i'?d)\s+(really\s+)?$")


_NOT_FIRST = re.compile(r"^\s*(?:but\s+|and\s+)?not\s+(?!sure|really|bad|too|so|that|very|much|a problem|an issue|"
                        r"bothered|scared|afraid|a big deal|mind|an? )")
"""A clause that opens by refusing its subject ("not chemistry", "but not sick people"): a dislike, when no
option is named ("not bad", "not really", "not a problem" are not refusals)."""


def _feeling(question: Question, text: str) -> str | None:
    """A liking or a dislike said of the question's own subject, where one option says yes and another no:
    "I hate needles" at the patient-contact question is none, "I like computers" at the computer question yes.
    Only when no option is named; a liking after "not", "would" or "I'd" ("I'd like to avoid …") says nothing."""
    matcher = _matcher(question)
    if matcher.yes is None or matcher.no is None:
        return None
    cleaned = _clean(text)
    if _DISLIKE.search(cleaned) or _NOT_FIRST.search(cleaned):
        return matcher.no
    liked = _LIKE.search(cleaned)
    if liked and not _LIKE_NEGATED.search(cleaned[:liked.start()]):
        return matcher.yes
    return None


def feeling_lead(text: str) -> str | None:
    """The words of a clause up to its liking or dislike ("i like" of "i like computers"), which a clause joined
    to it by "and" shares ("i like computers and people": people are liked too)."""
    cleaned = _clean(text)
    found = _DISLIKE.search(cleaned) or _LIKE.search(cleaned)
    if found is None or (found.re is _LIKE and _LIKE_NEGATED.search(cleaned[:found.start()])):
        return None
    return cleaned[:found.end()]


def states_a_liking(text: str) -> bool:
    """Whether the text says the student likes or dislikes something ("x rays sound cool", "i hate needles"):
    a preference even when it names a career's line of work, unlike a bare "coding," before a question."""
    cleaned = _clean(text)
    return bool(_DISLIKE.search(cleaned) or _LIKE.search(cleaned))


def parse_choice(question: Question, text: str) -> str | None:
    """The one option value the text names, or None when it names none, several, or only hedges.

    Matched whole-word and case-insensitively: an option's value ("daytime_only" or "daytime only"), label and
    synonyms; its number ("2", "#2", "option 2", "the second one"). Where one option says "yes" and another
    "no" (as value or synonym), everyday yes and no count too ("yeah", "sure", "nope", "not really", "I'd
    rather not"), and where one says "maybe", hedges ("not sure", "kind of", "depends") mean maybe; elsewhere
    a hedge stops the answer being read. Longer phrases win over words inside them ("not sure" is not
    "sure"). A negated option ("not weekends") is the other option of a two-option question, a no when it
    was a plain yes ("not ok"), and otherwise rules that option out: "some, not lots" is some, while "not
    lots" alone is refused (some, or none?).
    """
    if question.kind != "choice" or not isinstance(text, str) or len(text) > MAX_ANSWER_CHARS:
        return None
    votes, refused = _choice_votes(question, text)
    return votes[0] if len(votes) == 1 and not refused else None


# --- whole answers ---------------------------------------------------------------------------------------

_NO_LIMIT = re.compile(
    r"\b(as long as (it takes|needed|necessary|i need)|whatever it takes|however long|no limit|no max(imum)?|"
    r"unlimited|forever|(it )?does(n'?t| not) matter|don'?t care|do not care|no preference|any(thing| amount|"
    r" length| time)?|whatever|no minimum|no min|none|nothing)\b")
"""Answers that set no limit: the least demanding value (no minimum pay, the longest training)."""


def _accepted(question: Question) -> str:
    """What this question accepts: its hint, or a description built from its options or range."""
    if question.hint.strip():
        return question.hint.strip()
    if question.kind == "choice":
        labels = ", ".join(f"{i}. {o.label}" for i, o in enumerate(question.options, 1))
        return f"Answer with one of: {labels}."
    low = question.label(question.min) if question.min is not None else None
    high = question.label(question.max) if question.max is not None else None
    span = f" from {low} to {high}" if low and high else ""
    if question.unit == "usd":
        return f"Give a yearly amount{span}, like '40k', or an hourly wage like '$18 an hour'."
    return f"Give a number of months or years{span}, like '18 months' or '2 years'."


def _say(problem: str, question: Question) -> str:
    """One line: what was wrong, then what is accepted ("…; give a number of months or years from …")."""
    accepted = _accepted(question)
    first = accepted.split(" ", 1)[0]
    if first.isalpha() and first[0].isupper() and (first[1:].islower() or first == "A"):
        accepted = accepted[0].lower() + accepted[1:]
    return f"{problem}; {accepted}"


def _bound_text(question: Question, value: int) -> str:
    if question.unit == "usd":
        return f"${value:,} a year"
    if question.unit == "months":
        return f"{value:,} months"
    return f"{value:,}"


def _parse_number(question: Question, text: str) -> ParseResult:
    if question.unit == "usd":
        money = _read_money(text)
        value = money.value
        problem = {
            "negative": "A negative amount doesn't work here",
            "duration": "That reads as a length of time, not an amount of money",
            "spending": "That reads as money you would spend (on school, say), not the pay you'd earn",
            "several": "That has more than one amount in it, and I need just one",
            "bare": f"I can't tell whether {money.bare} is dollars an hour or thousands a year "
                    f"(say '{money.bare} an hour' or '{money.bare}k')",
            "none": "I couldn't read that as an amount of money",
        }.get(money.problem or "", "")
        limitless = question.min
    else:
        months = _read_months(text)
        value = months.value
        problem = {
            "negative": "A negative length of time doesn't work here",
            "several": "That has more than one length of time in it, and I need just one",
            "none": "I couldn't read that as a length of time",
        }.get(months.problem or "", "")
        limitless = question.max
    if value is None:
        if problem.startswith("I couldn't") and limitless is not None and _says_only(_NO_LIMIT, _clean(text)):
            return ParseResult(limitless)
        return ParseResult(error=_say(problem or "I couldn't read that", question))
    return _in_range(question, value)


def _in_range(question: Question, value: int) -> ParseResult:
    if question.min is not None and value < question.min:
        return ParseResult(error=_say(f"That's less than the {_bound_text(question, question.min)} "
                                      f"I can work with", question))
    if question.max is not None and value > question.max:
        return ParseResult(error=_say(f"That's more than the {_bound_text(question, question.max)} "
                                      f"I can work with", question))
    return ParseResult(value)


_CANONICAL = re.compile(r"\s*[0-9]{1,15}\s*")


def check_value(question: Question, value: object) -> ParseResult:
    """A value given as data (answer files, buttons, `--answer`), not typed by a person.

    An option value is taken as it is; so is a whole number (or a string of digits) for a number question,
    in the question's own unit: `training_months = 3` is 3 months, where the typed answer "3" is 3 years.
    Anything else is read as free text by `parse_answer`.
    """
    if value is None or isinstance(value, bool) or not isinstance(value, (str, int)):
        return ParseResult(error=question.hint)  # not an answer: str(None) would read as the option "none"
    if question.kind == "choice" and isinstance(value, str) and question.option(value.strip()):
        return ParseResult(value.strip())
    if question.kind == "number" and not isinstance(value, bool):
        if isinstance(value, int):
            return _in_range(question, value)
        if isinstance(value, str) and _CANONICAL.fullmatch(value):
            return _in_range(question, int(value))
    return parse_answer(question, value if isinstance(value, str) else str(value))


def parse_answer(question: Question, text: str) -> ParseResult:
    """Read one answer to one question; never raises, and any value returned is valid for the question.

    Number questions read money (unit "usd", see `parse_money`) or time (unit "months", see `parse_months`)
    and keep to the question's min and max; "no limit" answers ("doesn't matter", "as long as it takes",
    "no minimum") take the least demanding end of the range. Choice questions read as `parse_choice`.
    An int (not a string) is a value in the question's unit, as in `check_value`.
    """
    if isinstance(text, int) and not isinstance(text, bool):
        return check_value(question, text)
    if not isinstance(text, str) or not _clean(text):
        return ParseResult(error=_say("I didn't catch an answer", question))
    if len(text) > MAX_ANSWER_CHARS:
        return ParseResult(error=_say("That's too long for me to read as an answer", question))
    if question.kind == "number":
        return _parse_number(question, text)
    votes, refused = _choice_votes(question, text)
    if not votes and not refused:
        felt = _feeling(question, text)
        if felt is not None:
            return ParseResult(felt)
    if len(votes) == 1 and not refused:
        return ParseResult(votes[0])
    if len(votes) > 1:
        labels = " or ".join(f"'{question.label(v)}'" for v in votes)
        return ParseResult(error=_say(f"That could mean {labels}, and I need one", question))
    if refused:
        return ParseResult(error=_say("I couldn't tell which option you mean", question))
    return ParseResult(error=_say("I couldn't match that to one of the options", question))
