"""Run the question bank (questions.toml) through the reader and the answerer and judge each phrasing.

Shared by the bank's tests (tests/rules/test_question_bank.py) and the reader benchmark
(tests/benchmarks/reader.py), so that both judge alike. A phrasing passes when the reader's query (careers,
topic, operation) is the one written down, the answer is of an expected kind, every expected fact glob
matches a fact the answer shows, and — for a career the sources give nothing on — the answer says so and
shows only its parent's facts, labelled.
"""

from __future__ import annotations

import time
import tomllib
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path

BANK = Path(__file__).with_name("questions.toml")
HOLDOUT = Path(__file__).with_name("holdout.toml")


@dataclass(frozen=True)
class Case:
    text: str
    careers: frozenset[str]
    topic: str | None
    operation: str
    kinds: tuple[str, ...]
    facts: tuple[str, ...] = ()
    own: bool = True
    after: tuple[str, ...] = ()


@dataclass
class Outcome:
    case: Case
    query: object
    answer: object
    seconds: float
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def cases(path: Path = BANK) -> list[Case]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    found = []
    for group in data["group"]:
        kinds = group["kind"] if isinstance(group["kind"], list) else [group["kind"]]
        for phrasing in group["phrasings"]:
            text, operation = (phrasing["text"], phrasing["operation"]) if isinstance(phrasing, dict) \
                else (phrasing, group["operation"])
            found.append(Case(text=text, careers=frozenset(group["careers"]), topic=group["topic"] or None,
                              operation=operation, kinds=tuple(kinds), facts=tuple(group.get("facts", [])),
                              own=group.get("own", True), after=tuple(group.get("after", []))))
    return found


def _matches(pattern: str, fact_ids: list[str]) -> bool:
    return any(fnmatch(fact_id, option) for option in pattern.split("|") for fact_id in fact_ids)


def judge(case: Case, kb, answerer) -> Outcome:
    from rules.reader import Memory, read
    from rules.vocabulary import builtin_vocabulary

    vocabulary = builtin_vocabulary()

    memory = Memory()
    for before in case.after:
        memory = memory.after(read(kb, before, memory))
    start = time.perf_counter()
    query = read(kb, case.text, memory)
    answer = answerer.answer(query)
    seconds = time.perf_counter() - start
    outcome = Outcome(case, query, answer, seconds)
    problems = outcome.problems
    if set(query.careers) != case.careers:
        problems.append(f"careers {sorted(query.careers)} (want {sorted(case.careers)})")
    if query.topic != case.topic:
        problems.append(f"topic {query.topic} (want {case.topic})")
    if case.operation != "any" and query.operation != case.operation:
        problems.append(f"operation {query.operation} (want {case.operation})")
    if answer.kind not in case.kinds:
        problems.append(f"answer {answer.kind} (want {' or '.join(case.kinds)})")
    shown = answer.fact_ids
    for pattern in case.facts:
        if not _matches(pattern, shown):
            problems.append(f"no fact {pattern} shown")
    if not case.own:
        career = next(iter(case.careers)) if case.careers else None
        asked = vocabulary.topics[case.topic].entry.kinds if case.topic else ("*",)
        if any(s.owner == career and ("*" in asked or s.fact.kind in asked) for s in answer.shown):
            problems.append("shows a fact as the career's own where the sources give none")
        if "give no" not in answer.text:
            problems.append("does not say plainly that the sources give nothing")
    return outcome


def run_bank(kb=None) -> list[Outcome]:
    from knowledge.loader import builtin
    from rules.answerer import Answerer

    kb = kb or builtin()
    answerer = Answerer(kb)
    return [judge(case, kb, answerer) for case in cases()]


def accuracy(outcomes: list[Outcome]) -> float:
    return sum(o.ok for o in outcomes) / len(outcomes) if outcomes else 0.0
