"""Ranked retrieval over the source texts, for questions the knowledge base's facts do not answer.

Each source is cut into passages (a paragraph, a bullet line, or a few sentences of a long paragraph), each
remembered with the line it stands on, so that a passage can be quoted verbatim and cited like any fact.
Passages are ranked with BM25 over lower-case word stems, plus a small bonus when two query words stand next
to each other in the passage ("work from home"). Nothing is returned unless a passage scores above a
threshold: a question the sources do not speak to gets no answer rather than a loosely related one.
Regions that sources.toml marks as not content (advertising, forms, navigation, listings, headings) are never
passages.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol

from knowledge.regions import regions

MIN_WORDS = 6
"""Shorter lines are headings, navigation and list debris ("View examples", "Sign up"), not passages."""
CHUNK_WORDS = 60
"""Long paragraphs are cut between sentences into pieces of about this many words, so a quote stays short."""
MIN_SCORE = 0.56
"""Below this share of a rarest word's weight, a match is a common word or two, not an answer."""
MIN_IDF = 0.46
"""A result must match at least one query word this rare, as a share of the weight of a word found in one
passage only (about 1 passage in 12 in the built-in sources): "work" or "job" alone are in every other passage
and answer nothing. Both thresholds are shares so that they mean the same for a small or a large corpus."""
K1 = 1.2
B = 0.75

STOPWORDS = frozenset("""
a about above after again against all am an and any are aren't as at be because been before being below
between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during each
few for from further had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself
him himself his how how's i i'd i'll i'm i've if in into is isn't it it's its itself let's me more most
mustn't my myself no nor not of off on once only or other ought our ours ourselves out over own same shan't
she she'd she'll she's should shouldn't so some such than that that's the their theirs them themselves then
there there's these they they'd they'll they're they've this those through to too under until up very was
wasn't we we'd we'll we're we've were weren't what what's when when's where where's which while who who's
whom why why's with won't would wouldn't you you'd you'll you're you've your yours yourself yourselves
also just really please tell know want like get got thing things kind sort lot lots much many may might
will shall must us one ones say said does did done go going way yes yeah ok okay hi hello thanks thank
""".split())
"""Common English words, and the filler of a chat question, which say nothing about what is asked."""

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_BULLET = re.compile(r"^\s*(?:[•●▪◦·*\-–]|\d{1,2}[.)])\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[A-Z0-9\"“(])")
_ABBREVIATION = re.compile(r"(?:\b[A-Za-z]\.)+$|\b(?:e\.g|i\.e|etc|vs|Dr|Mr|Mrs|Ms|St|No|approx)\.$")
_MAX_QUERY_TERMS = 32
_NOT_PASSAGE = re.compile(r"[?:]$|\[[^\]]*\]$")
"""Questions and lead-ins ("…do the following:") introduce an answer without giving one; a line that ends
in a bracketed link ("[To Top]") is page navigation."""


class HasTexts(Protocol):
    """The loaded KnowledgeBase: `texts` (source id → object with `.text`) and `sources` (id → `.title`)."""

    texts: dict[str, Any]
    sources: dict[str, Any]


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """A light stem so that "internships", "worked", "working", "remotely" meet "internship", "work", "remote"."""
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 5 and word.endswith("ing"):
        return word[:-3]
    if len(word) > 4 and word.endswith("ied"):
        return word[:-3] + "y"
    if len(word) > 6 and word.endswith("ly"):
        return word[:-2]
    if len(word) > 4 and word.endswith("ed"):
        return word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ses", "xes", "ches", "shes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def terms(text: str) -> list[str]:
    """The stems of the words that carry meaning, in order."""
    words = _WORD.findall(text.lower().replace("’", "'"))
    return [stem(w) for w in words if w not in STOPWORDS and not (len(w) == 1 and not w.isdigit())]


@dataclass(frozen=True, slots=True)
class Passage:
    """A verbatim piece of a source, where it stands, and (in search results) how well it matched."""

    source: str
    title: str
    line: int
    """1-based line of the source on which the passage starts."""
    text: str
    score: float = 0.0


def _sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; no cut after an abbreviation ("U.S. Bureau", "e.g. RHIT")."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if _ABBREVIATION.search(text[start:match.start()].rstrip("\"”’)")):
            continue
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def _chunks(paragraph: str) -> list[str]:
    """The paragraph itself, or for a long one runs of whole sentences of about CHUNK_WORDS words each,
    sliced from the paragraph so that each stays verbatim."""
    if len(paragraph.split()) <= CHUNK_WORDS:
        return [paragraph]
    chunks: list[str] = []
    first: int | None = None
    last, count = 0, 0
    for start, end in _sentences(paragraph):
        words = len(paragraph[start:end].split())
        if first is not None and count + words > CHUNK_WORDS:
            chunks.append(paragraph[first:last].strip())
            first, count = None, 0
        if first is None:
            first = start
        last, count = end, count + words
    if first is not None:
        chunks.append(paragraph[first:last].strip())
    return chunks


def passages(source: str, title: str, text: str) -> list[Passage]:
    """The passages of one source text, in order; each is a verbatim span of one line of the text.

    A passage whose words already stand earlier in the text (a repeated paragraph, a heading inside an earlier
    one) is left out, so that looking a passage's quote up in its source finds the line the passage gives.
    """
    found: list[Passage] = []
    flat = " ".join(text.split())
    offset = 0
    """Where the current line starts in `flat`, the text with its white space normalised."""
    for number, line in enumerate(text.splitlines(), start=1):
        body = _BULLET.sub("", line).strip()
        if len(body.split()) >= MIN_WORDS and not _NOT_PASSAGE.search(body):
            for chunk in _chunks(body):
                if len(chunk.split()) >= MIN_WORDS and chunk in line and flat.find(" ".join(chunk.split())) >= offset:
                    found.append(Passage(source=source, title=title, line=number, text=chunk))
        words = line.split()
        if words:
            offset += len(" ".join(words)) + 1
    return found


class PassageIndex:
    """BM25 over every passage of every source, built once per knowledge base (see `index_for`)."""

    def __init__(self, kb: HasTexts) -> None:
        self.passages: list[Passage] = []
        marked = regions(kb)
        for source_id in sorted(kb.texts):
            source = kb.sources.get(source_id)
            title = getattr(source, "title", source_id)
            skip = marked.get(source_id, [])
            self.passages += [p for p in passages(source_id, title, kb.texts[source_id].text)
                              if not any(first <= p.line <= last for first, last, _kind in skip)]
        self._terms = [terms(p.text) for p in self.passages]
        self._pairs = [set(zip(t, t[1:])) for t in self._terms]
        self._lengths = [len(t) for t in self._terms]
        self._average = sum(self._lengths) / len(self._lengths) if self._lengths else 1.0
        self._postings: dict[str, list[tuple[int, int]]] = {}
        for index, words in enumerate(self._terms):
            for word, count in Counter(words).items():
                self._postings.setdefault(word, []).append((index, count))
        total = len(self.passages)
        self._idf = {word: math.log(1 + (total - len(p) + 0.5) / (len(p) + 0.5))
                     for word, p in self._postings.items()}
        rarest = math.log(1 + (total - 0.5) / 1.5) if total else 1.0
        self._min_idf = MIN_IDF * rarest
        self._min_score = MIN_SCORE * rarest

    def __len__(self) -> int:
        return len(self.passages)

    def search(self, query: str, limit: int = 3, coverage: float = 0.0) -> list[Passage]:
        """The best passages for the query, best first; empty when nothing scores above the threshold.

        `coverage`: the share of the query's words a passage must hold (a last resort answers only when most
        of what was asked is in the passage, not one common word of it).
        """
        if not isinstance(query, str) or limit <= 0:
            return []
        wanted = list(dict.fromkeys(terms(query[:2000])))[:_MAX_QUERY_TERMS]
        needed = math.ceil(coverage * len(wanted) - 1e-9) if wanted else 0
        scores: dict[int, float] = {}
        telling: set[int] = set()
        for word in wanted:
            idf = self._idf.get(word)
            if idf is None:
                continue
            for index, count in self._postings[word]:
                if idf >= self._min_idf:
                    telling.add(index)
                norm = K1 * (1 - B + B * self._lengths[index] / self._average)
                scores[index] = scores.get(index, 0.0) + idf * count * (K1 + 1) / (count + norm)
        pairs = [(a, b) for a, b in zip(wanted, wanted[1:]) if a in self._idf and b in self._idf]
        for index in scores:
            for a, b in pairs:
                if (a, b) in self._pairs[index]:
                    scores[index] += (self._idf[a] + self._idf[b]) / 2
        ranked = sorted(((s, i) for i, s in scores.items() if s >= self._min_score and i in telling
                         and (not needed or len(set(wanted) & set(self._terms[i])) >= needed)),
                        key=lambda item: (-item[0], item[1]))
        results: list[Passage] = []
        for score, index in ranked[:limit]:
            p = self.passages[index]
            results.append(Passage(p.source, p.title, p.line, p.text, round(score, 3)))
        return results


_INDEXES: dict[int, tuple[Any, PassageIndex]] = {}


def index_for(kb: HasTexts) -> PassageIndex:
    """The passage index of a knowledge base, built on its first search and reused after."""
    cached = _INDEXES.get(id(kb))
    if cached is not None and cached[0] is kb:
        return cached[1]
    index = PassageIndex(kb)
    if len(_INDEXES) > 8:
        _INDEXES.clear()
    _INDEXES[id(kb)] = (kb, index)
    return index


def search(index: PassageIndex | HasTexts, query: str, limit: int = 3, coverage: float = 0.0) -> list[Passage]:
    """The best `limit` passages for a free-text question, best first, or [] when none really matches.

    Accepts a PassageIndex or a knowledge base (whose index is built once and cached). Turn a result into a
    citation with `Citation(source=p.source, title=p.title, line=p.line, quote=p.text, year=None)`.
    """
    if not isinstance(index, PassageIndex):
        index = index_for(index)
    return index.search(query, limit, coverage)
