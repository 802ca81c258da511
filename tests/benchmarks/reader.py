"""The question reader on its bank: accuracy per topic and per operation, every miss, and the time per question.

Each phrasing of tests/rules/bank/questions.toml is read and answered (rules.reader + rules.answerer) the way the
chat does it, follow-ups after the messages they follow. Holdouts 3 and 4 are said to a Conversation, as
`career-quiz ask` does, and judged on the words of the answer (tests/rules/bank/said.py). Goal: 97% of the bank; budget: 20 ms median per
question. The misses are printed to stderr and kept in results.json under this family's details.
"""

from __future__ import annotations

import statistics
import sys
from collections import defaultdict

from tests.benchmarks.harness import Figure, Settings

FAMILY = "reader"
GOAL = 97.0
BUDGET_MS = 20.0


def run(settings: Settings) -> list[Figure]:
    from knowledge.loader import builtin
    from rules.answerer import Answerer
    from tests.rules.bank.evaluate import HOLDOUT, cases, judge

    kb = builtin()
    answerer = Answerer(kb)
    bank = cases()
    rounds = 1 if settings.quick else 3
    times: list[float] = []
    outcomes = []
    for _ in range(rounds):
        outcomes = [judge(case, kb, answerer) for case in bank]
        times += [o.seconds * 1000 for o in outcomes]
    by_topic: dict[str, list[bool]] = defaultdict(list)
    by_operation: dict[str, list[bool]] = defaultdict(list)
    for outcome in outcomes:
        by_topic[outcome.case.topic or "(none)"].append(outcome.ok)
        by_operation[outcome.case.operation].append(outcome.ok)
    misses = [f"{o.case.text!r}: {'; '.join(o.problems)}" for o in outcomes if not o.ok]
    total = 100 * sum(o.ok for o in outcomes) / len(outcomes)
    print(f"reader: {len(outcomes)} phrasings, {total:.1f}% right, {len(misses)} missed", file=sys.stderr)
    for miss in misses:
        print(f"  miss {miss}", file=sys.stderr)
    figures = [
        Figure(FAMILY, f"bank accuracy ({len(outcomes)} phrasings)", total, None, "%",
               notes=f"goal ≥{GOAL:g}%; {len(misses)} missed", details={"misses": misses}),
        Figure(FAMILY, "median time per question (read + answer)", statistics.median(times), None, "ms",
               BUDGET_MS, "value_at_most", details={"p90_ms": round(sorted(times)[int(len(times) * 0.9)], 2),
                                                   "max_ms": round(max(times), 2)}),
    ]
    holdout = [judge(case, kb, answerer) for case in cases(HOLDOUT)]
    held_misses = [f"{o.case.text!r}: {'; '.join(o.problems)}" for o in holdout if not o.ok]
    for miss in held_misses:
        print(f"  holdout miss {miss}", file=sys.stderr)
    figures.insert(1, Figure(FAMILY, f"holdout accuracy ({len(holdout)} phrasings)",
                             100 * sum(o.ok for o in holdout) / len(holdout), None, "%",
                             notes="wording the reader was not first written for", details={"misses": held_misses}))
    figures[2:2] = _said_figures()
    for label, groups in (("topic", by_topic), ("operation", by_operation)):
        for name in sorted(groups):
            results = groups[name]
            figures.append(Figure(FAMILY, f"accuracy, {label} {name} ({len(results)})",
                                  100 * sum(results) / len(results), None, "%"))
    return figures


def _said_figures() -> list[Figure]:
    """Holdouts 3 and 4 judged on the answer's words, through the chat's own path (tests/rules/bank/said.py)."""
    from tests.rules.bank.said import HOLDOUTS, hear_all

    figures = []
    for path in HOLDOUTS:
        heard = hear_all(path)
        misses = [f"{h.case.text!r}: {'; '.join(h.problems)}" for h in heard if not h.ok]
        for miss in misses:
            print(f"  {path.stem} miss {miss}", file=sys.stderr)
        figures.append(Figure(FAMILY, f"{path.stem}: answers that say what the sources say ({len(heard)} messages)",
                              100 * sum(h.ok for h in heard) / len(heard), None, "%",
                              notes="through the chat path, as `ask` does", details={"misses": misses}))
    return figures
