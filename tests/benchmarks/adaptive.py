"""Adaptive questioning: how many questions a student is asked before the top pick is settled, and that the
pick at that point is always the pick with every question answered.

Every combination of answers is covered: each choice question's options, and for the pay and training
questions every threshold value `stability.candidate_values` gives (the values either side of each career's
figure, plus the ends of the range). The dialogue's choice of next question depends only on the answers so
far, so the quiz is a tree: it is walked once, asking `next_question` and `is_stable` at each node, and every
combination is then checked at the leaf it reaches (its top pick there against its top pick with all nine
answers). A seeded sample of combinations is also run the plain way, one quiz at a time, to cross-check the
walk. The mean is also given with the number questions counted by distinct outcome instead of by threshold
value (each value class weighted once), since weighting is a choice.
"""

from __future__ import annotations

import itertools
import math
import random
import time
from typing import TYPE_CHECKING

from tests.benchmarks.harness import Figure, Settings

if TYPE_CHECKING:
    from rules.engine import Engine
    from rules.models import AnswerValue

FAMILY = "adaptive questioning"
BUDGET_SHARE = 0.6
SEED = 20_240_601


def _classes(engine: Engine) -> dict[str, list[tuple[AnswerValue, int]]]:
    """Per question, one value per distinct outcome (identical gains for every career) and how many of the
    candidate values share that outcome. Values with the same outcome lead to the same quiz, so the walk takes
    one of them and counts it as many times as it stands for."""
    from rules.stability import candidate_values

    found = {}
    for question in engine.questions:
        classes: dict[tuple, list] = {}
        for value in candidate_values(engine, question):
            gains = engine.gains(question.id, value)
            key = tuple(round(gains[c], 9) for c in engine.careers)
            classes.setdefault(key, [value, 0])[1] += 1
        found[question.id] = [(value, count) for value, count in classes.values()]
    return found


def _walk(engine: Engine, classes: dict[str, list[tuple[AnswerValue, int]]]) -> dict:
    """Walk the quiz tree; count the questions asked and check the settled pick for every combination.

    Each leaf stands for every combination that reaches it: weighted by candidate values ("by value") and
    counted once per distinct outcome ("by outcome")."""
    from rules.stability import is_stable, next_question

    order = [q.id for q in engine.questions]
    totals = {"by_value": [0, 0], "by_outcome": [0, 0]}
    """[combinations, questions asked summed over them]"""
    histogram: dict[int, int] = {}
    violations = 0
    examples: list[dict] = []
    nodes = 0
    stack: list[tuple[dict, int]] = [({}, 1)]
    while stack:
        answers, weight = stack.pop()
        nodes += 1
        following = None if is_stable(engine, answers) else next_question(engine, answers)
        if following is not None:
            stack += [({**answers, following: value}, weight * count) for value, count in classes[following]]
            continue
        settled = engine.top(answers)
        left = [q for q in order if q not in answers]
        for rest in itertools.product(*(classes[q] for q in left)):
            full = {**answers, **{q: value for q, (value, _) in zip(left, rest)}}
            times = weight * math.prod(count for _, count in rest)
            totals["by_value"][0] += times
            totals["by_value"][1] += times * len(answers)
            totals["by_outcome"][0] += 1
            totals["by_outcome"][1] += len(answers)
            histogram[len(answers)] = histogram.get(len(answers), 0) + times
            if engine.top(full) != settled:
                violations += 1
                if len(examples) < 5:
                    examples.append({"answers_at_stop": answers, "all_answers": full, "settled": settled,
                                     "with_all": engine.top(full)})
    return {"combinations": totals["by_value"][0], "mean_asked": totals["by_value"][1] / totals["by_value"][0],
            "outcome_combinations": totals["by_outcome"][0],
            "mean_asked_by_outcome": totals["by_outcome"][1] / totals["by_outcome"][0],
            "tree_nodes": nodes, "violations": violations, "violation_examples": examples,
            "asked_histogram": dict(sorted(histogram.items()))}


def _plain(engine: Engine, values: dict[str, list[AnswerValue]], sample: int) -> dict:
    """A seeded sample of quizzes run one by one: ask, answer from the combination, stop when stable."""
    from rules.stability import is_stable, next_question

    rng = random.Random(SEED)
    asked = violations = 0
    for _ in range(sample):
        combination = {q: rng.choice(v) for q, v in values.items()}
        answers: dict = {}
        while not is_stable(engine, answers):
            following = next_question(engine, answers)
            if following is None:
                break
            answers[following] = combination[following]
        asked += len(answers)
        violations += engine.top(answers) != engine.top(combination)
    return {"sample": sample, "mean_asked": asked / sample, "violations": violations, "seed": SEED}


def run(settings: Settings) -> list[Figure]:
    from rules.builtin import builtin_engine
    from rules.stability import candidate_values

    engine = builtin_engine()
    full = len(engine.questions)
    start = time.perf_counter()
    walk = _walk(engine, _classes(engine))
    walk_s = time.perf_counter() - start
    sample = min(settings.adaptive_limit, 300 if settings.quick else 2000)
    start = time.perf_counter()
    plain = _plain(engine, {q.id: candidate_values(engine, q) for q in engine.questions}, sample)
    plain_s = time.perf_counter() - start
    details = {"walk": walk, "plain_sample": plain, "walk_seconds": walk_s, "plain_seconds": plain_s}
    return [
        Figure(FAMILY, "mean questions asked until settled", walk["mean_asked"], full, "questions",
               BUDGET_SHARE, "ratio_at_most", reference_name="every question",
               notes=f"all {walk['combinations']:,} combinations (every option × every pay and training "
                     f"threshold value); counting each distinct outcome once instead: "
                     f"{walk['mean_asked_by_outcome']:.2f} over {walk['outcome_combinations']:,}; plain quizzes "
                     f"on a seeded sample of {plain['sample']:,}: {plain['mean_asked']:.2f}",
               details=details),
        Figure(FAMILY, "settled pick differs from the pick with every answer",
               walk["violations"] + plain["violations"], walk["combinations"] + plain["sample"], "count",
               0, "value_at_most", reference_name="combinations checked",
               notes=f"must be 0 (the stop is proved, not guessed); checked once per distinct outcome "
                     f"({walk['outcome_combinations']:,} checks cover all {walk['combinations']:,}), plus the "
                     f"plain sample"),
    ]
