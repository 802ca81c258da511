"""Lenient career names: find which careers a sentence mentions, however the person wrote them.

People write "LPNs", "rad tech", "medical coders", "radiolgic technician" or "compare coder and registrar".
A career is matched by its id ("medical_coder"), its name and its aliases (knowledge/careers/*.toml), whole
words only, with plurals and small typos forgiven.

Choices made where a word could mean two things:
- The longest phrase wins: in "health information technician" the career is the technician, not a manager.
- A name beats an alias; a phrase that is the alias of two careers (and no career's name) matches neither.
- Short abbreviations that could be ordinary words match only as written in capitals: two letters ("MA"
  but not "ma"), and three letters with a vowel ("HIM", "HIT" but not "him", "hit"). Three consonants
  ("LPN", "MRT", "CTR") and longer ones ("RHIT") match in any case.
- Typos are forgiven only in words of five letters or more that are not ordinary words (words that occur in
  the source texts more than once are taken as meant, and so are other forms of a career word: "coded", "coding"): one
  wrong letter up to seven letters, two from eight, same first letter, and only when a single career word
  is that close. So "radiolgic" is "radiologic" but "coded" stays "coded".
- A few everyday phrases that contain a career word are not careers: "nursing home", "nursing care".
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Protocol

from knowledge.models import Career


class HasCareers(Protocol):
    """Anything with careers by id: the loaded KnowledgeBase, or a small stand-in in tests."""

    careers: dict[str, Career]


_TOKEN = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")
_VOWELS = frozenset("AEIOUY")
_NOT_CAREERS = ("nursing home", "nursing care", "nursing facility", "nursing facilities")
"""Phrases that hold a career word ("nursing" is an alias of the LPN) but name a place or a service."""
_STOPWORDS = frozenset(
    "about above after again against among because before being below between could doing during every "
    "having other their there these those through under until where which while would should might maybe "
    "thing things think money really salary years months where whose what when earn earns pays".split())
_NAME = 3
_ALIAS = 2
_BLOCK = 1
_MIN_FUZZY = 5


def _singular(word: str) -> str:
    """Plural and possessive endings off ("coders" → "coder", "LPN's" → "lpn"); applied to both sides alike."""
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    elif word.endswith("'"):
        word = word[:-1]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _words(text: str) -> list[str]:
    return [_singular(w) for w in _TOKEN.findall(text)]


def _upper_only(alias: str) -> bool:
    """Whether an abbreviation could be an ordinary word, so that only its capitals mean the career."""
    return alias.isalpha() and alias.isupper() and (
        len(alias) <= 2 or (len(alias) == 3 and any(c in _VOWELS for c in alias)))


def distance(a: str, b: str, limit: int) -> int:
    """Edit distance with adjacent swaps (optimal string alignment), giving up past `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def _inflection(word: str, career_word: str) -> bool:
    """Whether the word is another form of the career word ("coded", "coding" of "coder"): meant, not misspelt."""
    for ending in ("ed", "ing", "es"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            stem = word[: -len(ending)]
            if career_word.startswith(stem) and len(career_word) - len(stem) <= 2:
                return True
    return False


@dataclass
class NameIndex:
    """Every way of writing each career, built once per knowledge base."""

    phrases: dict[tuple[str, ...], tuple[int, frozenset[str]]]
    """Normalised words → (priority, careers). More than one career means the phrase is ambiguous."""
    upper: dict[str, str]
    """Abbreviations matched only as written in capitals ("MA", "HIM") → career."""
    vocabulary: dict[str, list[str]]
    """Career words of five letters or more, by first letter: the words a typo may be corrected to."""
    known: frozenset[str]
    """Ordinary words, never corrected."""
    longest: int
    _corrections: dict[str, str] = field(default_factory=dict)

    @classmethod
    def build(cls, kb: HasCareers) -> NameIndex:
        phrases: dict[tuple[str, ...], tuple[int, frozenset[str]]] = {}
        upper: dict[str, set[str]] = {}

        def add(text: str, career: str, priority: int) -> None:
            words = tuple(_words(text))
            if not words:
                return
            held = phrases.get(words)
            if held is None or held[0] < priority:
                phrases[words] = (priority, frozenset({career}))
            elif held[0] == priority:
                phrases[words] = (priority, held[1] | {career})

        for career in kb.careers.values():
            add(career.id.replace("_", " "), career.id, _NAME)
            add(career.name, career.id, _NAME)
            for alias in career.aliases:
                if _upper_only(alias):
                    upper.setdefault(alias, set()).add(career.id)
                else:
                    add(alias, career.id, _ALIAS)
        for phrase in _NOT_CAREERS:
            add(phrase, "", _BLOCK)
        vocabulary: dict[str, list[str]] = {}
        for words in phrases:
            for word in words:
                if len(word) >= _MIN_FUZZY and word not in vocabulary.get(word[0], []):
                    vocabulary.setdefault(word[0], []).append(word)
        counts: Counter[str] = Counter()
        for source in (getattr(kb, "texts", None) or {}).values():
            counts.update(_words(getattr(source, "text", "")))
        known = frozenset(w for w, n in counts.items() if n >= 2) | _STOPWORDS
        return cls(phrases=phrases, upper={a: next(iter(c)) for a, c in upper.items() if len(c) == 1},
                   vocabulary=vocabulary, known=known, longest=max((len(p) for p in phrases), default=1))

    def correct(self, word: str) -> str:
        """The career word a misspelt word most likely meant, or the word itself."""
        if len(word) < _MIN_FUZZY or word in self.known or not word.isalpha():
            return word
        candidates = self.vocabulary.get(word[0], [])
        if word in candidates:
            return word
        if word in self._corrections:
            return self._corrections[word]
        limit = 1 if len(word) <= 7 else 2
        scored = sorted((distance(word, c, limit), c) for c in candidates if not _inflection(word, c))
        best = word
        if scored and scored[0][0] <= limit and (len(scored) == 1 or scored[1][0] > scored[0][0]):
            best = scored[0][1]
        if len(self._corrections) < 10_000:
            self._corrections[word] = best
        return best

    def find(self, text: str) -> list[str]:
        found: list[str] = []
        for career, _start, _end in self.spans(text):
            if career not in found:
                found.append(career)
        return found

    def spans(self, text: str) -> list[tuple[str, int, int]]:
        """Each mention of a career: (career, start, end) character offsets in the text, in order."""
        matches = list(_TOKEN.finditer(text))
        raw = [m.group() for m in matches]
        words = [self.correct(_singular(w)) for w in raw]
        found: list[tuple[str, int, int]] = []
        i = 0
        while i < len(words):
            step, career = self._match_at(raw, words, i)
            if career:
                found.append((career, matches[i].start(), matches[i + step - 1].end()))
            i += step
        return found

    def _match_at(self, raw: list[str], words: list[str], i: int) -> tuple[int, str | None]:
        """(words consumed, career) for the longest phrase starting at word i."""
        for length in range(min(self.longest, len(words) - i), 0, -1):
            held = self.phrases.get(tuple(words[i:i + length]))
            if held is None:
                continue
            priority, careers = held
            if priority == _BLOCK:
                return length, None
            if len(careers) == 1:
                return length, next(iter(careers))
        token = raw[i].replace("’", "'")
        for form in (token, token[:-1] if token.endswith("s") else "", token[:-2] if token.endswith("'s") else ""):
            if form in self.upper:
                return 1, self.upper[form]
        return 1, None


_INDEXES: dict[int, tuple[Any, Any, NameIndex]] = {}


def name_index(kb: HasCareers) -> NameIndex:
    """The index of a knowledge base, built on first use and kept while that knowledge base is in use."""
    cached = _INDEXES.get(id(kb))
    if cached is not None and cached[0] is kb and cached[1] is kb.careers:
        return cached[2]
    index = NameIndex.build(kb)
    if len(_INDEXES) > 32:
        _INDEXES.clear()
    _INDEXES[id(kb)] = (kb, kb.careers, index)
    return index


def find_careers(kb: HasCareers, text: str) -> list[str]:
    """Every career the text mentions, as ids, in order of first mention, without repeats."""
    if not isinstance(text, str) or not text.strip():
        return []
    return name_index(kb).find(text)


def career_spans(kb: HasCareers, text: str) -> list[tuple[str, int, int]]:
    """Every mention of a career as (career id, start, end) offsets, so a reader can tell which words named it."""
    if not isinstance(text, str) or not text.strip():
        return []
    return name_index(kb).spans(text)


def match_career(kb: HasCareers, text: str) -> str | None:
    """The career the text names (the first one when it names several), or None."""
    found = find_careers(kb, text)
    return found[0] if found else None
