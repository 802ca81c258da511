"""The question reader: a student's message becomes a small query — careers, topic, operation.

Careers come from their names (rules.names, lenient about plurals and typos), from weaker career words in the
vocabulary ("techs", "manager", "coding"), from "all of them", or from the conversation ("they", "and LPNs?").
The topic is the vocabulary topic whose phrases weigh most in the message; the operation is read from its
cue words: a value, yes/no, a definition, a ranking, a comparison, a how-to or an overview. Nothing here
answers; rules.answerer does that from the facts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Literal, Protocol

from knowledge.models import Career
from rules.names import career_spans, distance, name_index
from rules.parsing import is_quantity_word
from rules.search import STOPWORDS
from rules.vocabulary import Phrase, Term, Vocabulary, builtin_vocabulary, stems, tokens

Operation = Literal["value", "yes_no", "define", "rank", "compare", "how_to", "overview", "none"]
OPERATIONS: tuple[str, ...] = ("value", "yes_no", "define", "rank", "compare", "how_to", "overview", "none")
_CAREER_MARK = "qqcareerqq"
"""Stands in the word list where a career's name was, so that "how much does * make" still spans it."""
_FILLERS = frozenset("so ok okay and but hey um well hi hello also then alright right oh".split())
_QUESTION_WORDS = frozenset("what whats why how where when who which whose".split())
_MIN_FUZZY = 5
_CLAUSE = re.compile(r"[,;:!?.]\s+|\s[-–—]\s")


class HasCareers(Protocol):
    careers: dict[str, Career]


@dataclass(frozen=True)
class Memory:
    """What the conversation last asked about, so that "and LPNs?" or "what about training?" make sense."""

    careers: tuple[str, ...] = ()
    topic: str | None = None
    operation: str | None = None
    top: str | None = None
    """The career the last answer's ranking put first: "what about that one?" asks about it."""

    def after(self, query: Query, top: str | None = None) -> Memory:
        """The memory once `query` has been answered (a clarification changes nothing); `top` is the career its
        ranking put first, if it was a ranking."""
        if query.clarify or (query.operation == "define" and query.term is not None):
            return self
        return Memory(careers=query.careers, topic=query.topic, operation=query.operation, top=top)


@dataclass(frozen=True)
class Query:
    """What a message asks, as the reader understood it."""

    text: str
    careers: tuple[str, ...] = ()
    topic: str | None = None
    operation: str = "none"
    direction: Literal["high", "low"] | None = None
    """For a ranking: whether the highest or the lowest figure comes first."""
    term: Term | None = None
    """For a definition of a term ("what is RHIT?")."""
    assumed: bool = False
    """No career was named and none was in the conversation: the vocabulary's default career was assumed."""
    remembered: bool = False
    """Careers or topic were carried over from the conversation."""
    all_careers: bool = False
    ambiguous: tuple[str, ...] = ()
    """Careers a word could mean ("techs"), when nothing settles which: the answer asks."""
    words: tuple[str, ...] = ()
    """The meaningful word stems of the message, for ranking facts and passages by relevance."""
    is_question: bool = False
    """The message reads as a question (not as an answer to the quiz)."""
    leftover: tuple[str, ...] = ()
    """Meaningful words the vocabulary did not read (a topic it doesn't know, e.g. "dress code")."""
    clarify: str | None = None
    """Why the reader must ask back: 'career' (which career?) or 'compare' (compare which?)."""
    outside: str | None = None
    """A job the sources do not cover, as typed ("software engineers"): the answer says so, assuming nothing."""
    by_or: bool = False
    """Compared only because "or" stands between two careers ("coding or records"), which may be a pick."""
    selects: bool = False
    """A selector or a ranking word asks to choose among careers ("which …", "rank", "what should I be")."""
    also: str | None = None
    """A second topic asked in the same message after "and" ("how much do coders make and how long does it
    take"): answered after the first."""
    judges: bool = False
    """Asks whether a figure is a lot or good ("is that a lot?"): answered by setting it beside the others'."""

    def as_json(self) -> dict:
        return {"careers": list(self.careers), "topic": self.topic, "operation": self.operation}


@dataclass
class _Scan:
    """The message's words and what the vocabulary found in them."""

    raw: list[str]
    words: list[str]
    covered: set[int] = field(default_factory=set)
    phrased: set[int] = field(default_factory=set)
    """Positions inside a phrase of two words or more ("where do most", "the most a"): not superlatives."""
    limits: set[int] = field(default_factory=set)
    """Positions of a limit next to a quantity ("at least 40k"): they never set a ranking's direction."""
    scores: dict[str, float] = field(default_factory=dict)
    places: dict[str, set[int]] = field(default_factory=dict)
    """Where each topic's phrases stand in the message."""
    clause_starts: tuple[str, ...] = ()
    """The first word after each comma, semicolon or dash."""


def read(kb: HasCareers, text: str, memory: Memory | None = None,
         vocabulary: Vocabulary | None = None) -> Query:
    """The query a message asks, in the light of what the conversation asked before."""
    vocab = vocabulary or builtin_vocabulary()
    memory = memory or Memory()
    text = text if isinstance(text, str) else ""
    original = text
    outside, text = _outside(text, vocab)
    spans = career_spans(kb, text)
    named: list[str] = []
    for career, _s, _e in spans:
        if career not in named:
            named.append(career)
    term = _term(stems(tokens(text, vocab.respellings)), vocab)
    forms = {term.term.lower(), *(a.lower() for a in term.also)} if term is not None else set()
    scan = _scan(kb, text, spans, vocab, kept=forms)
    _mark_limits(scan, vocab)
    named_by_term = term is not None and term.topic in vocab.topics and any(
        text[s:e].strip().lower() in forms for _c, s, e in spans)
    choosing = _matches(scan, vocab.operations["choose"])
    for _p, start, end, _used in choosing:  # "whats a good job": which career to choose, not the job outlook
        scan.covered.update(range(start, end))
    topic = _topic(scan, vocab, bonus={term.topic: 1.0} if named_by_term and term else None)
    weak, ambiguous = _weak_careers(scan, vocab, named, _kin(kb, memory))
    careers = named + [c for c in weak if c not in named]
    all_careers = _has(scan, vocab.operations["all_careers"])
    if all_careers:
        careers = list(kb.careers)
    pronoun = _has(scan, vocab.operations["pronouns"])
    follow_up = _starts(scan, vocab.operations["follow_up"])
    also = _second_topic(scan, vocab, topic)
    if also is not None and min(scan.places[also]) < min(scan.places.get(topic, {len(scan.words)})):
        topic, also = also, topic  # answered in the order asked
    topic, also = _online(scan, vocab, topic, also, memory)
    operation, direction = _operation(scan, vocab, topic, term, careers)
    superlative = any(i not in scan.phrased and w in _stem_set(vocab, ("high", "low", "best"))
                      for i, w in enumerate(scan.words))
    by_or = operation == "compare_or"
    operation = "compare" if by_or else operation
    query = Query(text=text, careers=tuple(careers), topic=topic, operation=operation, direction=direction,
                  term=term, all_careers=all_careers, ambiguous=tuple(ambiguous),
                  words=tuple(w for w in scan.words if w not in STOPWORDS and w != _CAREER_MARK),
                  leftover=tuple(_leftover(scan, vocab)), outside=outside, by_or=by_or,
                  selects=_has(scan, vocab.operations["selectors"]) or _has(scan, vocab.operations["rank"])
                  or bool(choosing),
                  also=also, judges=_has(scan, vocab.operations["judge"]))
    looks = (text.strip().endswith("?") or _first_word(scan) in _QUESTION_WORDS
             or _first_word(scan) in set(vocab.data.operations.yes_no) or _inverted(scan.raw))
    if not careers and memory.top is not None and _has(scan, vocab.operations["ranked_first"]):
        query = replace(query, careers=(memory.top,), remembered=True)  # "what about that one?" after a ranking
        careers = [memory.top]
    query = _in_context(query, memory, vocab, named=bool(careers), pronoun=pronoun, follow_up=follow_up,
                        asking=looks or follow_up, superlative=superlative)
    asks = query.operation in {"define", "how_to", "overview", "rank", "compare"}
    is_question = looks or asks or bool(careers and topic) or bool(follow_up and (careers or topic))
    return replace(query, text=original, is_question=is_question and (query.topic is not None
                                                                      or query.operation != "value" or looks))


_AUXILIARIES = frozenset("do does did can could will would should is are am was were have has".split())
_SUBJECTS = frozenset("i you they we it he she".split())


def asks(text: str, vocabulary: Vocabulary | None = None) -> bool:
    """Whether the message opens like a question once chat spellings are read ("whats", "hw", "r"), or asks one
    after a statement, typed without a question mark: "i have a misdemeanor can i still do this"."""
    vocab = vocabulary or builtin_vocabulary()
    words = [w for w in tokens(text if isinstance(text, str) else "", vocab.respellings) if w not in _FILLERS]
    return bool(words) and (words[0] in _QUESTION_WORDS or words[0] in set(vocab.data.operations.yes_no)
                            or _inverted(words))


def opens_as_question(text: str, vocabulary: Vocabulary | None = None) -> bool:
    """Whether the message's first word opens a question ("does it hurt your eyes", "whats the pay"): unlike
    `asks`, an auxiliary later on does not count, so "hate needles, what should i be?" does not open as one."""
    vocab = vocabulary or builtin_vocabulary()
    words = [w for w in tokens(text if isinstance(text, str) else "", vocab.respellings) if w not in _FILLERS]
    return bool(words) and (words[0] in _QUESTION_WORDS or words[0] in set(vocab.data.operations.yes_no))


def _inverted(words: list[str]) -> bool:
    """An auxiliary before its subject inside the message ("… can i still …", "… is it hard"): a question."""
    return any(word in _AUXILIARIES and following in _SUBJECTS for word, following in zip(words[1:], words[2:]))


# --------------------------------------------------------------------------------------------- scanning

def _outside(text: str, vocab: Vocabulary) -> tuple[str | None, str]:
    """A job the sources don't cover named in the message, and the message without it (so that "registered
    nurses" is not read as licensed practical nurses)."""
    if vocab.other_jobs is None:
        return None, text
    found = vocab.other_jobs.search(text)
    if found is None:
        return None, text
    return " ".join(found.group(0).split()), vocab.other_jobs.sub(" someone ", text)


def _scan(kb: HasCareers, text: str, spans: list[tuple[str, int, int]], vocab: Vocabulary,
          kept: set[str] | frozenset[str] = frozenset()) -> _Scan:
    """The message's words with each career name replaced by a mark; a name that is also a glossary term in
    `kept` ("CPC" names the coder and is a certification) stays after its mark, so that its topic's words see
    it ("how much does the cpc cost" is an exam fee, not the coder's training cost)."""
    pieces, last = [], 0
    for _career, start, end in spans:
        pieces.append(text[last:start])
        named = text[start:end].strip()
        pieces.append(f" {_CAREER_MARK} {named} " if named.lower() in kept else f" {_CAREER_MARK} ")
        last = end
    pieces.append(text[last:])
    raw = tokens("".join(pieces), vocab.respellings)
    index = name_index(kb)
    raw = [_correct(w, vocab, index.known) for w in raw]
    clauses = [tokens(part, vocab.respellings) for part in _CLAUSE.split(text)[1:]]
    return _Scan(raw=raw, words=stems(raw), clause_starts=tuple(c[0] for c in clauses if c))


LIMIT_REACH = 3
"""Words either side of a limit ("at least", "max") within which a quantity makes it an answer's bound."""


def _mark_limits(scan: _Scan, vocab: Vocabulary) -> None:
    """A limit next to a quantity ("at least 40k a year", "school for 2 years max", "no more than a year") states
    a bound the student wants: its words are no superlative (they are marked as inside a phrase) unless the
    message asks which careers meet it ("which jobs pay at least 40k?" ranks), and never set the direction."""
    for _p, start, end, _used in _matches(scan, vocab.operations["limits"]):
        near = range(max(0, start - LIMIT_REACH), min(len(scan.raw), end + LIMIT_REACH))
        if any(is_quantity_word(scan.raw[i]) for i in near):
            scan.limits.update(range(start, end))
    if not _has(scan, vocab.operations["selectors"]):
        scan.phrased |= scan.limits


def _correct(word: str, vocab: Vocabulary, ordinary: frozenset[str]) -> str:
    """The vocabulary word a misspelt word most likely meant ("trainng" → "training"), or the word itself."""
    if len(word) < _MIN_FUZZY or not word.isalpha() or word in ordinary or word in STOPWORDS:
        return word
    known = _known_words(vocab)
    if word in known.get(word[0], ()):
        return word
    limit = 1 if len(word) <= 7 else 2
    scored = sorted((distance(word, k, limit), k) for k in known.get(word[0], ()) if abs(len(k) - len(word)) <= limit)
    if scored and scored[0][0] <= limit and (len(scored) == 1 or scored[1][0] > scored[0][0]):
        return scored[0][1]
    return word


_KNOWN: dict[int, tuple[Vocabulary, dict[str, tuple[str, ...]]]] = {}


def _known_words(vocab: Vocabulary) -> dict[str, tuple[str, ...]]:
    """The vocabulary's own words of five letters or more, by first letter (what a typo is corrected to)."""
    cached = _KNOWN.get(id(vocab))
    if cached is not None and cached[0] is vocab:
        return cached[1]
    words: dict[str, set[str]] = {}
    for topic in vocab.data.topics.values():
        for entry in topic.words:
            for w in tokens(entry, vocab.respellings):
                if len(w) >= _MIN_FUZZY and w.isalpha():
                    words.setdefault(w[0], set()).add(w)
    known = {k: tuple(sorted(v)) for k, v in words.items()}
    _KNOWN[id(vocab)] = (vocab, known)
    return known


def _matches(scan: _Scan, phrases: tuple[Phrase, ...]) -> list[tuple[Phrase, int, int, tuple[int, ...]]]:
    found = []
    for p in phrases:
        for start, end, used in p.matches(scan.words):
            found.append((p, start, end, used))
    return found


def _has(scan: _Scan, phrases: tuple[Phrase, ...]) -> bool:
    return any(p.matches(scan.words) for p in phrases)


def _first_word(scan: _Scan) -> str:
    for word in scan.raw:
        if word not in _FILLERS:
            return word
    return ""


def _starts(scan: _Scan, phrases: tuple[Phrase, ...]) -> bool:
    """Whether the message opens with one of the phrases ("and LPNs?", "what about training?")."""
    return any(start == 0 for p in phrases for start, _end, _used in p.matches(scan.words))


def _topic(scan: _Scan, vocab: Vocabulary, bonus: dict[str, float] | None = None) -> str | None:
    """The topic whose phrases weigh most; a longer phrase hides the shorter ones it overlaps.

    `bonus` adds weight a career's name carries: "RHIT" names the technician and speaks of its credential.

    A refinement (`within`) counts only when its wider topic's own words are there too, and then wins over
    it; a narrower topic (`refines`) wins over the one it refines when both are there.
    """
    found = []
    for name, topic in vocab.topics.items():
        for p, start, end, used in _matches(scan, topic.phrases):
            found.append((p.weight, len(used), -start, name, used))
            if len(used) >= 2:  # its own words only: "takes the least time" keeps "least" inside "take * time"
                scan.phrased.update(used)
    present = {item[3] for item in found}
    found = [item for item in found
             if vocab.topics[item[3]].entry.within is None or vocab.topics[item[3]].entry.within in present]
    found.sort(key=lambda item: (-item[0], -item[1], -item[2]))
    scores: dict[str, float] = {}
    for weight, _length, _start, name, used in found:
        if scan.covered.intersection(used):
            continue
        scan.covered.update(used)
        scan.places.setdefault(name, set()).update(used)
        scores[name] = scores.get(name, 0.0) + weight
    if bonus and not scores:  # a term the topics' words don't hold still speaks of its topic
        for name, weight in bonus.items():
            scores[name] = scores.get(name, 0.0) + weight
    scan.scores = scores
    standing = {n: v for n, v in scores.items()
                if vocab.topics[n].entry.within is None or vocab.topics[n].entry.within in present}
    for name in list(standing):
        wider_ones = [vocab.topics[name].entry.within, vocab.topics[name].entry.refines]
        seen: set[str] = set()
        while wider_ones:  # up the whole chain: a criminal record refines requirements, which refine training
            wider = wider_ones.pop(0)
            if wider is None or wider in seen:
                continue
            seen.add(wider)
            if wider in standing and name in standing:
                standing[name] += standing.pop(wider)
            wider_ones += [vocab.topics[wider].entry.within, vocab.topics[wider].entry.refines]
    if not standing:
        return None
    order = list(vocab.topics)
    return max(standing, key=lambda n: (standing[n], -order.index(n)))


_JOINS = frozenset({"and", "also", "plus"})


def _second_topic(scan: _Scan, vocab: Vocabulary, topic: str | None) -> str | None:
    """A topic asked on the other side of an "and" from the main one, and not a refinement of it."""
    if topic is None:
        return None
    joins = [i for i, w in enumerate(scan.words) if w in _JOINS]
    mine = scan.places.get(topic, set())
    related = _family(vocab, topic)
    for name, places in scan.places.items():
        if name in related or not places or scan.scores.get(name, 0) < 1 or _family(vocab, name) & related:
            continue
        for join in joins:
            if (max(mine, default=join) < join < min(places)) or (max(places) < join < min(mine, default=join)):
                return name
    return None


def _online(scan: _Scan, vocab: Vocabulary, topic: str | None, also: str | None,
            memory: Memory) -> tuple[str | None, str | None]:
    """"can i do it online": studying online, or working online? A word of study ("the training", "classes")
    settles it; else the conversation does (after "can coders work from home?" it is the work; at the training
    question, the study); else both are answered, the study first."""
    studying = _family(vocab, "training") - {"online_study"}
    if topic != "online_study" or any(_has(scan, vocab.topics[name].phrases) for name in studying):
        return topic, also
    if memory.topic == "remote_work":
        return "remote_work", also
    if memory.topic is not None and memory.topic in _family(vocab, "training"):
        return topic, also
    return topic, also or "remote_work"


def _family(vocab: Vocabulary, topic: str) -> set[str]:
    """A topic, the topics it refines or falls within, and those that refine it."""
    found = {topic}
    entry = vocab.topics[topic].entry
    found |= {t for t in (entry.within, entry.refines) if t}
    found |= {n for n, t in vocab.topics.items() if topic in (t.entry.within, t.entry.refines)}
    return found


def _term(words: list[str], vocab: Vocabulary) -> Term | None:
    for p, term in vocab.terms:
        if p.matches(words):
            return term
    return None


def _kin(kb: HasCareers, memory: Memory) -> Memory:
    """The memory with the careers the remembered ones specialise: after talking about coders, "techs" are the
    medical records technicians coders are (the sources' own relation), not radiologic technicians."""
    parents = []
    for career in memory.careers:
        record = kb.careers.get(career)
        relation = getattr(record, "specialises", None)
        if relation is not None and relation.parent not in memory.careers and relation.parent not in parents:
            parents.append(relation.parent)
    return replace(memory, careers=(*memory.careers, *parents)) if parents else memory


def _weak_careers(scan: _Scan, vocab: Vocabulary, named: list[str],
                  memory: Memory) -> tuple[list[str], list[str]]:
    """Careers pointed to by career words; and the candidates when one word could mean several."""
    found: list[tuple[int, str]] = []
    unsettled: list[tuple[int, tuple[str, ...]]] = []
    used: set[int] = set()
    for p, careers in sorted(vocab.career_words, key=lambda item: -len(item[0].stems)):
        for start, _end, positions in p.matches(scan.words):
            if used.intersection(positions) or set(careers) & set(named):
                continue
            used.update(positions)
            if len(careers) == 1:
                found.append((start, careers[0]))
            else:
                unsettled.append((start, careers))
    ambiguous: list[str] = []
    for start, careers in unsettled:
        remembered = [c for c in careers if c in memory.careers]
        if remembered:
            found.append((start, remembered[0]))
        elif named or found:
            found.append((start, careers[0]))
        else:
            ambiguous += [c for c in careers if c not in ambiguous]
    return list(dict.fromkeys(c for _start, c in sorted(found))), ambiguous


def _operation(scan: _Scan, vocab: Vocabulary, topic: str | None, term: Term | None,
               careers: list[str]) -> tuple[str, Literal["high", "low"] | None]:
    ops = vocab.operations
    words = scan.words
    direction = _direction(scan, vocab, topic)
    superlative = any(i not in scan.phrased and w in _stem_set(vocab, ("high", "low", "best"))
                      for i, w in enumerate(words))
    selector = _has(scan, ops["selectors"])
    choosing = _has(scan, ops["choose"]) and topic is not None  # "what are some good jobs that pay well"
    if (_has(scan, ops["rank"]) or superlative or choosing) and (selector or len(careers) != 1):
        if topic:
            return "rank", direction
        if selector or careers:
            return "compare", None
    compare_cues = [m for m in _matches(scan, ops["compare"]) if m[0].text != "or"]
    if compare_cues and (len(careers) != 1 or topic is None):
        return "compare", None
    if len(careers) >= 2 and _has(scan, tuple(p for p in ops["compare"] if p.text == "or")) and topic is None:
        return "compare_or", None
    defines_term = term is not None and topic in (None, term.topic)
    if _has(scan, ops["define"]) and (defines_term or (topic is None and careers and not _leftover(scan, vocab))):
        return "define", None
    if _has(scan, ops["how_to"]):
        return "how_to", None
    if _has(scan, ops["overview"]) and topic is None and (not careers or not _leftover(scan, vocab)):
        return "overview", None
    if _clause_starts(scan, set(vocab.data.operations.yes_no)):
        return "yes_no", None
    return "value", None


def _clause_starts(scan: _Scan, words: set[str]) -> bool:
    """Whether the message, or a clause after its first comma ("i hate blood, would i …"), starts with a word."""
    if _first_word(scan) in words:
        return True
    return any(first in words for first in scan.clause_starts)


def _leftover(scan: _Scan, vocab: Vocabulary) -> list[str]:
    """Meaningful words the vocabulary did not read: "dress code" in "what's the dress code for MRTs?"."""
    cached = _CUE_STEMS.get(id(vocab))
    if cached is None or cached[0] is not vocab:
        cue = {s for group in vocab.operations.values() for p in group for s in p.stems}
        cue |= {s for p, _careers in vocab.career_words for s in p.stems}
        cached = (vocab, frozenset(cue))
        _CUE_STEMS[id(vocab)] = cached
    cue_stems = cached[1]
    return [w for i, w in enumerate(scan.words) if i not in scan.covered and w not in STOPWORDS
            and w != _CAREER_MARK and w not in cue_stems and not w.isdigit()]


_CUE_STEMS: dict[int, tuple[Vocabulary, frozenset[str]]] = {}


def _rankable(vocab: Vocabulary, topic: str) -> bool:
    """Whether careers can be put in order on the topic: its own ranking, or its wider topic's when it is
    answered by the same kind of facts ("pay by place" by pay; "pay for nights" by working hours: no)."""
    entry = vocab.topics[topic].entry
    if entry.rank:
        return True
    wider = vocab.topics[entry.within].entry if entry.within else None
    return wider is not None and bool(wider.rank) and bool(set(entry.kinds) & set(wider.kinds))


def _stem_set(vocab: Vocabulary, groups: tuple[str, ...]) -> frozenset[str]:
    return frozenset(p.stems[0] for g in groups for p in vocab.operations[g] if len(p.stems) == 1)


def _direction(scan: _Scan, vocab: Vocabulary, topic: str | None) -> Literal["high", "low"] | None:
    better = vocab.topics[topic].entry.better if topic else "high"
    against = _has(scan, vocab.operations["against"])
    if against:  # "which is best for someone who hates blood": the best is the least of it
        better = "low" if better == "high" else "high"
    high, low, best = (_stem_set(vocab, (g,)) for g in ("high", "low", "best"))
    for i, word in enumerate(scan.words):
        if i in scan.limits:
            continue
        if word in high:
            return "high"
        if word in low:
            return "low"
        if word in best:
            return better
    return better


# --------------------------------------------------------------------------------------------- context

def _in_context(query: Query, memory: Memory, vocab: Vocabulary, *, named: bool, pronoun: bool,
                follow_up: bool, asking: bool, superlative: bool = False) -> Query:
    """Fill in what the message leaves to the conversation: its careers, its topic, the operation."""
    careers, topic, operation = query.careers, query.topic, query.operation
    remembered = False
    assumed = False
    clarify = None
    # "which job is the least stressful?" stays a ranking: the answer says the sources rank none by that
    unrankable_asked = superlative and query.selects and not careers and topic is not None \
        and not vocab.topics[topic].entry.within
    if operation == "rank" and topic is not None and not _rankable(vocab, topic) and not unrankable_asked:
        operation = "value"  # "what should I be good at?": nothing to put in order, answer what is known
    wants_topic = operation in {"value", "yes_no"} and topic is None
    unknown = [w for w in query.leftover if not vocab.asks_after({w})]  # "is it hard?": a quality, not a topic
    if wants_topic and memory.topic and (named or pronoun or follow_up) and not unknown:
        topic = memory.topic
        remembered = True
        if memory.operation == "rank" and not named:
            operation = "rank"
        elif memory.operation == "compare" and len(careers) >= 2:
            operation = "compare"
    if not careers and not query.all_careers:
        if query.outside is not None and operation != "rank":
            pass
        elif operation == "rank":
            pass
        elif operation == "define" and query.term is not None:
            pass
        elif query.ambiguous:
            clarify = "career"
        elif operation == "compare":
            if len(memory.careers) >= 2:
                careers, remembered = memory.careers, True
            elif topic is not None and vocab.topics[topic].entry.rank:
                operation = "rank"  # "show me the pay comparison": every career on that topic, in order
            else:
                clarify = "compare"
        elif memory.careers and (topic is not None or operation in {"how_to", "overview", "define"}) \
                and not (operation == "overview" and query.leftover):
            careers, remembered = memory.careers, True
        elif topic is not None or operation == "how_to":
            careers, assumed = (vocab.default_career,), True
        elif operation == "overview":
            clarify = "career"
    if query.term is not None and operation == "define":
        careers, topic = (), query.term.topic
    if operation == "rank" and query.all_careers:
        careers = ()
    if operation == "rank" and topic is not None:
        entry = vocab.topics[topic].entry
        wider = vocab.topics[entry.within].entry if entry.within else None
        if len(careers) != 1 and wider is not None and entry.rank == wider.rank:
            topic, entry = entry.within, wider  # "highest paying job": the careers' pay, not a pay range
        if not entry.rank and not unrankable_asked:
            operation = "value"  # "what state pays the most": nothing to put in order, answer what is known
        elif entry.rank == "pay_setting" and not careers:
            careers, assumed = (vocab.default_career,), True
    if operation in {"value", "compare"} and len(careers) >= 3 and topic is not None \
            and vocab.topics[topic].entry.rank:
        operation = "rank"  # "what do all of them earn": a list in order beats eight blocks
    if operation == "value" and len(careers) >= 2 and topic is not None and not query.all_careers:
        operation = "compare"
    if operation == "value" and topic is None and careers and named and not query.leftover and asking:
        operation = "overview"
    if operation == "how_to" and topic not in {"training", "training_cost", "requirement", "credential"}:
        topic = "training"
    if operation == "compare" and len(careers) < 2 and clarify is None and not careers:
        clarify = "compare"
    return replace(query, careers=tuple(careers), topic=topic, operation=operation, assumed=assumed,
                   remembered=remembered or query.remembered, clarify=clarify)
