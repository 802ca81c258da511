"""Regions of the source texts that are not content — advertising, sign-up forms, navigation, school and job
listings, page headings — marked in sources.toml (`not_content`), so that nothing is ever quoted from them.

A region runs from the line that holds its `first` words (a line that is exactly those words wins over one
that merely contains them) to the line that holds its `last` words (searched from the first line on), or to the end of the text with `to_end`. The loader checks every marker stands in its
source and that no fact quotes a region; the passage search leaves the regions out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

Region = tuple[int, int, str]
"""(first line, last line, kind), 1-based and inclusive."""


@dataclass(frozen=True)
class Marker:
    kind: str
    first: str
    last: str | None
    to_end: bool


def _marker(raw: Any) -> Marker:
    """A region marker from a Source's `not_content` item (a model, or a dict in a start-up snapshot)."""
    get = raw.get if isinstance(raw, dict) else (lambda key, default=None: getattr(raw, key, default))
    return Marker(kind=get("kind"), first=get("first"), last=get("last"), to_end=bool(get("to_end", False)))


def _line_of(lines: list[str], words: str, start: int = 0) -> int | None:
    """The 0-based index of the first line from `start` on that is exactly `words` (a heading), else of the
    first line that contains them."""
    wanted = " ".join(words.split())
    flat = [" ".join(line.split()) for line in lines]
    for index in range(start, len(lines)):
        if flat[index] == wanted:
            return index
    for index in range(start, len(lines)):
        if wanted in flat[index]:
            return index
    return None


def locate(source: Any, text: str) -> tuple[list[Region], list[str]]:
    """The regions of one source and a message for each marker that does not stand in its text."""
    lines = text.split("\n")
    regions: list[Region] = []
    problems: list[str] = []
    for number, raw in enumerate(getattr(source, "not_content", None) or [], start=0):
        marker = _marker(raw)
        where = f"not_content[{number}]"
        first = _line_of(lines, marker.first)
        if first is None:
            problems.append(f"{where}.first not found in source '{source.id}': \"{marker.first[:80]}\"")
            continue
        last = first
        if marker.to_end:
            last = len(lines) - 1
        elif marker.last is not None:
            found = _line_of(lines, marker.last, first)
            if found is None:
                problems.append(f"{where}.last not found in source '{source.id}' after line {first + 1}: "
                                f"\"{marker.last[:80]}\"")
                continue
            last = found
        regions.append((first + 1, last + 1, marker.kind))
    return regions, problems


_CACHE: dict[int, tuple[Any, dict[str, list[Region]]]] = {}


def regions(kb: Any) -> dict[str, list[Region]]:
    """Every source's non-content regions, for a loaded knowledge base (computed once per knowledge base)."""
    cached = _CACHE.get(id(kb))
    if cached is not None and cached[0] is kb:
        return cached[1]
    found = {source_id: locate(source, kb.texts[source_id].text)[0]
             for source_id, source in kb.sources.items() if source_id in kb.texts}
    if len(_CACHE) > 16:
        _CACHE.clear()
    _CACHE[id(kb)] = (kb, found)
    return found


def region_at(kb: Any, source_id: str, line: int) -> str | None:
    """The kind of non-content region the line lies in, or None for content."""
    for first, last, kind in regions(kb).get(source_id, []):
        if first <= line <= last:
            return kind
    return None


def quote_lines(text: str, line: int, quote: str) -> range:
    """The lines a quote starting on `line` runs over."""
    return range(line, line + max(1, quote.count("\n") + 1))
