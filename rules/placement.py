"""Which question an answer belongs to, whatever question is open.

"actually I don't want to do any exams", typed while the patient-contact question is open, is about exams:
the words that show a message is about a question are data (`topics` in questions.toml), and an answer is
stored under a question only when it names that question's topic or it answers the open question without
naming another one. When it fits several questions the caller asks which (`Placement.candidates`).
Stdlib only, pure functions; a few microseconds per message.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from rules.models import AnswerValue, Question
from rules.parsing import feeling_lead, parse_answer

_TOKEN = re.compile(r"\$|[a-z]+(?:'[a-z]+)*|[0-9]+(?:[.,][0-9]+)*")


def _tokens(text: str) -> tuple[str, ...]:
    """Lower-case words, numbers and '$' ("40k" → "40", "k"; "x-ray" → "x", "ray")."""
    return tuple(_TOKEN.findall(text.lower().replace("’", "'")))


def _has(tokens: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    size = len(phrase)
    return bool(size) and any(tokens[i:i + size] == phrase for i in range(len(tokens) - size + 1))


def _topic_phrases(question: Question) -> tuple[tuple[str, ...], ...]:
    return _phrases(tuple(question.topics))


def _option_phrases(question: Question, value: AnswerValue) -> tuple[tuple[str, ...], ...]:
    option = question.option(str(value))
    return _phrases((option.value.replace("_", " "), *option.synonyms)) if option else ()


@cache
def _phrases(words: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    return tuple(_tokens(phrase) for phrase in words)


def mentions(question: Question, text: str) -> bool:
    """Whether the text names the question's topic ("exams", "weekends", "$")."""
    tokens = _tokens(text)
    return any(_has(tokens, phrase) for phrase in _topic_phrases(question))


def says_own_words(question: Question, text: str, value: AnswerValue) -> bool:
    """Whether the text uses the question's topic, or the words of the option it was read as ("none")."""
    tokens = _tokens(text)
    return any(_has(tokens, phrase) for phrase in (*_topic_phrases(question), *_option_phrases(question, value)))


_PLAIN = frozenset("""a an the for of to in on and or with my me i im i'm id i'd one that this just like idk
maybe probably guess think prob kinda sort kind side part stuff thing things sounds sound good cool fine ok okay
pls please lol""".split())
"""Words that say nothing about which option or topic a short answer means ("the coding one", "for", "lol")."""


def in_option_words(question: Question, text: str, value: AnswerValue) -> bool:
    """Whether every meaningful word of the text belongs to the option it was read as: "coding for insurance"
    at the kind-of-work question is that option's own words (coding, insurance), not a question about
    insurance benefits; "cancer registrar salary" has a word (salary) the option doesn't have."""
    if question.kind != "choice":
        return False
    own = {word for phrase in _option_phrases(question, value) for word in phrase}
    label = question.option(str(value))
    if label is not None:
        own |= set(_tokens(label.label))
    words = [w for w in _tokens(text) if w not in _PLAIN]
    return bool(words) and all(w in own or w.rstrip("s") in own for w in words)


def is_own_option(question: Question | None, text: str) -> bool:
    """Whether the text answers the question in one of its options' own words (`in_option_words` of what it
    reads as): at "which did you mean?" such a reply answers the question on screen, not a candidate it names."""
    if question is None or question.kind != "choice":
        return False
    value = parse_answer(question, text).value
    return value is not None and in_option_words(question, text, value)


@dataclass(frozen=True)
class Placement:
    """Where an answer goes: one (question, value), several to choose from, or none (with why)."""

    candidates: tuple[tuple[str, AnswerValue], ...] = ()
    error: str | None = None
    """Why nothing fits, when `candidates` is empty and a question was named (its own hint)."""
    about: str | None = None
    """The question the error is about."""

    @property
    def found(self) -> tuple[str, AnswerValue] | None:
        return self.candidates[0] if len(self.candidates) == 1 else None


def _fits(questions: Sequence[Question], text: str) -> list[tuple[str, AnswerValue]]:
    found = []
    for question in questions:
        parsed = parse_answer(question, text)
        if parsed.value is not None:
            found.append((question.id, parsed.value))
    return found


def place_answer(questions: Sequence[Question], text: str, current: Question | None) -> Placement:
    """An answer typed while `current` is open (no 'actually'): the open question, unless it names another.

    Text that answers the open question in that question's own words stays there; text that names another
    question's topic and reads as an answer to it goes there ("I don't want to do any exams" while asked
    about patients); when both readings are plausible the caller asks which.
    """
    named = [q for q in questions if q is not current and mentions(q, text)]
    elsewhere = _fits(named, text)
    here = parse_answer(current, text) if current is not None else None
    if here is not None and here.value is not None:
        mine = (current.id, here.value)
        if not elsewhere:
            return Placement((mine,))
        if says_own_words(current, text, here.value):
            return Placement((mine, *elsewhere))
        return Placement(tuple(elsewhere))
    if elsewhere:
        return Placement(tuple(elsewhere))
    return Placement(error=here.error if here is not None else None, about=current.id if current else None)


_CLAUSES = re.compile(r"[,;.!]+(?=\s|$)|\b(?:but|and(?!\s+(?:a\s+)?half\b)|also|plus|though|although|however|"
                      r"then)\b", re.I)
"""Where one answer ends and the next begins: a comma or stop before a space ("$40,000" and "2.5" stay whole),
"but", "and" (not "a year and a half") and the like."""


@dataclass(frozen=True)
class Clash:
    """One question given different answers by different clauses of one message: "i like helping people but
    i hate blood" reads as Lots and as None of patient contact. Neither is what the student meant alone."""

    question: str
    readings: tuple[tuple[str, AnswerValue], ...]
    """(clause, value) for each different value, in the order said."""


@dataclass(frozen=True)
class Clauses:
    """What the clauses of one message answer: one value per question, and the questions given two."""

    answers: tuple[tuple[str, AnswerValue], ...] = ()
    clashes: tuple[Clash, ...] = ()


_SHARING = frozenset({",", "and", "plus", "also"})
"""Joins after which a clause may share the previous clause's liking ("i like computers and people")."""


def _joined_clauses(text: str) -> list[tuple[str, bool]]:
    """The clauses of a message, each with whether it is joined to the one before by a sharing join."""
    found: list[tuple[str, bool]] = []
    last, joined = 0, False
    for match in _CLAUSES.finditer(text):
        clause = text[last:match.start()].strip()
        if clause:
            found.append((clause, joined))
        joined = match.group().strip().lower().rstrip(",;.!") in {"", *_SHARING} and not any(
            c in match.group() for c in ";.!")
        last = match.end()
    clause = text[last:].strip()
    if clause:
        found.append((clause, joined))
    return found


def read_clauses(questions: Sequence[Question], text: str) -> Clauses:
    """Each clause that names exactly one question's topic and reads as its answer; a question that two
    clauses answer differently is a clash (its answers are left out of `answers`)."""
    clauses = _joined_clauses(text)
    if len(clauses) < 2:
        return Clauses()
    readings: dict[str, list[tuple[str, AnswerValue]]] = {}
    lead: str | None = None
    for clause, joined in clauses:
        named = [q for q in questions if mentions(q, clause)]
        fits = _fits(named, clause)
        own = feeling_lead(clause)
        if not fits and named and own is None and lead is not None and joined:
            fits = _fits(named, f"{lead} {clause}")  # "i like computers and people": people are liked too
        lead = own or (lead if joined else None)
        if len(fits) != 1:
            continue
        question_id, value = fits[0]
        said = readings.setdefault(question_id, [])
        if all(value != earlier for _clause, earlier in said):
            said.append((clause, value))
    answers = tuple((q, said[0][1]) for q, said in readings.items() if len(said) == 1)
    clashes = tuple(Clash(q, tuple(said)) for q, said in readings.items() if len(said) > 1)
    return Clauses(answers, clashes)


def place_statements(questions: Sequence[Question], text: str) -> tuple[tuple[str, AnswerValue], ...]:
    """Several answers in one message, one per clause, each clause naming its question's topic: "i like
    computers but hate needles" is computer work yes and patient contact none; "coding, no patients, 1 year,
    40k" four answers. Empty unless at least two different questions are each answered by exactly one clause
    and no question gets two different answers (a clash: `read_clauses`)."""
    clauses = read_clauses(questions, text)
    return clauses.answers if len(clauses.answers) >= 2 and not clauses.clashes else ()


def place_correction(questions: Sequence[Question], text: str) -> Placement:
    """A correction ('actually …', 'change my …', 'make that …'): the question whose topic it names.

    Named questions that read the text as an answer win; with no topic named, every choice question that
    reads it as one of its options (number questions need their topic: "none" is not $0).
    """
    named = [q for q in questions if mentions(q, text)]
    fits = _fits(named, text)
    if fits:
        return Placement(tuple(fits))
    if named:
        question = named[0]
        return Placement(error=parse_answer(question, text).error, about=question.id)
    return Placement(tuple(_fits([q for q in questions if q.kind == "choice"], text)))


_ASKED_START = re.compile(
    r"(?:[,;.!?]+\s+|\s+(?:but|so|and)\s+|\s+(?=(?:what|whats|what's|which|how|why|where|who|should\s+i|"
    r"could\s+i|can\s+i|do\s+i|would\s+i|will\s+i|is\s+it|is\s+that|is\s+this|are\s+they|do\s+they|does\s+it|"
    r"does\s+that|do\s+you|do\s+hospitals|is\s+there|are\s+there)\b))", re.I)
"""Where a question may begin after a statement: a stop, comma or "but", or a question opening mid-message
("i love computers what job is good")."""


def statement_then_question(text: str) -> list[tuple[str, str]]:
    """Every way to cut a message into a leading statement and the question after it, shortest statement
    first: "no nights, do hospitals make u work nights?" → ("no nights", "do hospitals make u work nights?").
    The caller decides whether the statement is an answer and the rest a question."""
    cuts = []
    for match in _ASKED_START.finditer(text):
        statement, asked = text[:match.start()].strip(" ,;"), text[match.end():].strip()
        if statement and asked:
            cuts.append((statement, asked))
    return cuts
