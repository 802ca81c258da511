"""The part of a quote to show in a chat answer: the sentences that hold the answering words, never cut before them.

A long quote is shortened to the sentences that hold the answer (a number the fact states, or the words that
were asked about); a sentence too long by itself is cut around the words, at word boundaries, with "…" where
text was left out. A number is found the way the loader proves it (knowledge.numbers), so "$36k" answers
36,000 and "two years" answers 24 months.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from knowledge.numbers import numbers_in, supports
from knowledge.wording import shown_quote
from rules.search import stem, terms

MAX_CHARS = 240
"""Quotes up to this long are shown whole."""
_SENTENCE_END = re.compile(r"(?<=[.!?;])[\"”’)]?\s+(?=[A-Z0-9\"“($•])")
_NUMBER = re.compile(r"[$£€≈]?\d[\d,]*(?:\.\d+)?\s*(?:[kK]\b|%|\s*percent)?")
_WORD = re.compile(r"[A-Za-z0-9$][A-Za-z0-9'’,.$%-]*")

Needle = tuple[float, str]
"""A number the excerpt must show, with its unit (knowledge.numbers.Unit)."""


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        spans.append((start, match.start() + 1))
        start = match.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _number_at(text: str, value: float, unit: str) -> int | None:
    """Where in the text the number is written, or None."""
    for match in _NUMBER.finditer(text):
        if supports(value, unit, numbers_in(match.group())):
            return match.start()
    # Written in words ("two years"): find the first sentence that supports it instead.
    for start, end in _sentences(text):
        if supports(value, unit, numbers_in(text[start:end])):
            return start
    return None


def _word_at(text: str, wanted: set[str]) -> list[int]:
    """Positions of the words whose stems are wanted."""
    found = []
    for match in _WORD.finditer(text):
        word = match.group().lower().strip(".,;:'’")
        if stem(word) in wanted or word in wanted:
            found.append(match.start())
    return found


def excerpt(quote: str, numbers: Iterable[Needle] = (), words: Iterable[str] = (), limit: int = MAX_CHARS) -> str:
    """The shortest readable part of the quote that shows every number and the best-matching words.

    `numbers` must all be shown when the quote holds them; `words` (stems) choose which sentence to show when
    there is no number. Returns the quote itself when it is short.
    """
    quote = " ".join(shown_quote(quote).split())  # a flattened table row shows its cells apart
    if len(quote) <= limit:
        return quote
    positions = [p for value, unit in numbers if (p := _number_at(quote, value, unit)) is not None]
    if not positions:
        wanted = {w for w in words if w}
        hits = _word_at(quote, wanted)
        if hits:
            positions = [_densest(quote, hits, wanted)]
    sentences = _sentences(quote)
    if not positions:
        first = sentences[0]
        return _window(quote, first[0], min(first[1], first[0] + limit), limit)
    chosen = [s for s in sentences if any(s[0] <= p < s[1] for p in positions)] or [sentences[0]]
    start, end = chosen[0][0], chosen[-1][1]
    if end - start <= limit:
        return _ellipsis(quote, start, end)
    anchor = min(positions)
    last = max(positions)
    return _window(quote, max(start, anchor - limit // 3), max(last + 40, anchor + limit - limit // 3), limit)


def _densest(quote: str, hits: list[int], wanted: set[str]) -> int:
    """The hit that starts the sentence with the most wanted words."""
    best, best_count = hits[0], -1
    for start, end in _sentences(quote):
        inside = [h for h in hits if start <= h < end]
        count = len(set(terms(quote[start:end])) & wanted)
        if inside and count > best_count:
            best, best_count = inside[0], count
    return best


def _window(quote: str, start: int, end: int, limit: int) -> str:
    """quote[start:end] moved out to word boundaries (never in, so nothing asked for is cut)."""
    start = max(0, start)
    end = min(len(quote), max(end, start + min(limit, len(quote) - start)))
    while start > 0 and not quote[start - 1].isspace():
        start -= 1
    while end < len(quote) and not quote[end].isspace():
        end += 1
    return _ellipsis(quote, start, end)


def _ellipsis(quote: str, start: int, end: int) -> str:
    body = quote[start:end].strip()
    return ("…" if start > 0 else "") + body + ("…" if end < len(quote) else "")


def shown_part(text: str) -> str:
    """An excerpt without its ellipses: the verbatim part that must stand in the quote."""
    return text.strip("…").strip()
