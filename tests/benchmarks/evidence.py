"""Belief and evidence over every answer combination: how often the top pick is a career the sources could
judge on fewer of the student's answers than the runner-up, how often the top two are a near-tie, how often
evidence (not fit) decided the order of the top two, how often the top pick is judged on a single answer of
several, and how often its lead rests on silence: some career judged on every answer the top pick is judged on,
and on more, fits those shared answers at least as well — the top pick leads only through answers the sources
cannot judge for it.

Every combination of all nine answers is covered: each choice question's options and, for the pay and
training questions, one value per distinct outcome of `stability.candidate_values` (values with identical
credit for every career lead to identical rankings), each weighted by how many candidate values it stands for
— the same classes as the adaptive family. Partial answer sets (every subset of questions) are reported too,
over a seeded sample, since a student sees rankings before the quiz ends.
"""

from __future__ import annotations

import itertools
import math
import random
import time

from tests.benchmarks.harness import Figure, Settings

FAMILY = "fit and evidence"
SEED = 20_261_203


def _silent_lead(engine, answers, tally, first) -> bool:
    """Whether a career judged on every answer `first` is judged on, and on more, fits those answers at least as
    well as `first` does."""
    shared = [q for q in answers if engine.judged_weight(q)[first] > 0]
    if not shared:
        return False
    weight = sum(engine.judged_weight(q)[first] for q in shared)
    lead = sum(engine.gains(q, answers[q])[first] for q in shared) / weight
    for rival in engine.careers:
        if tally.judged[rival] <= tally.judged[first] or any(engine.judged_weight(q)[rival] == 0 for q in shared):
            continue
        own = sum(engine.judged_weight(q)[rival] for q in shared)
        if sum(engine.gains(q, answers[q])[rival] for q in shared) / own >= lead - 1e-9:
            return True
    return False


def _tally(engine, answers):
    tally = engine.totals(answers)
    first, second = engine.order(tally)[:2]
    fewer = tally.judged[first] < tally.judged[second]
    gap = 100 * (tally.fits[first] - tally.fits[second])
    near = bool(answers) and gap <= engine.rulebook.near_tie_points + 1e-9
    by_evidence = gap < -1e-9 or (abs(gap) <= 1e-9 and tally.judged[first] != tally.judged[second])
    single = len(answers) > 1 and tally.judged[first] == 1
    return fewer, near, by_evidence, single, _silent_lead(engine, answers, tally, first)


def run(settings: Settings) -> list[Figure]:
    from rules.builtin import builtin_engine
    from tests.benchmarks.adaptive import _classes

    engine = builtin_engine()
    classes = _classes(engine)
    order = [q.id for q in engine.questions]
    start = time.perf_counter()
    total = fewer = near = by_evidence = single = silent = 0
    distinct = 0
    for combination in itertools.product(*(classes[q] for q in order)):
        answers = {q: value for q, (value, _) in zip(order, combination)}
        weight = math.prod(count for _, count in combination)
        few, close, evidence, one, quiet = _tally(engine, answers)
        total += weight
        fewer += weight * few
        near += weight * close
        by_evidence += weight * evidence
        single += weight * one
        silent += weight * quiet
        distinct += 1
    full_s = time.perf_counter() - start
    rng = random.Random(SEED)
    sample = 3000 if settings.quick else 30_000
    partial = {"fewer": 0, "near": 0, "by_evidence": 0, "single": 0, "silent": 0, "several": 0}
    for _ in range(sample):
        asked = [q for q in order if rng.random() < 0.5] or [rng.choice(order)]
        answers = {q: rng.choice(classes[q])[0] for q in asked}
        few, close, evidence, one, quiet = _tally(engine, answers)
        partial["fewer"] += few
        partial["near"] += close
        partial["by_evidence"] += evidence
        partial["single"] += one
        partial["silent"] += quiet
        partial["several"] += len(answers) > 1
    details = {"combinations": total, "distinct_outcomes": distinct, "fewer": fewer, "near_ties": near,
               "decided_by_evidence": by_evidence, "single": single, "silent_lead": silent,
               "neutral_answers": engine.rulebook.neutral_answers, "seconds": round(full_s, 2), "partial_sample": sample,
               "partial_seed": SEED, "partial": partial}
    share = 100 * fewer / total
    return [
        Figure(FAMILY, "top pick judged on fewer answers than the runner-up (all nine answered)", fewer, total,
               "count", reference_name="combinations",
               notes=f"{share:.2f}% of {total:,} combinations ({distinct:,} distinct outcomes); top two a near-tie "
                     f"in {100 * near / total:.2f}%, order of the top two decided by evidence in "
                     f"{100 * by_evidence / total:.2f}%", details=details),
        Figure(FAMILY, "the same over partial answer sets (seeded sample)", partial["fewer"], sample, "count",
               reference_name="answer sets",
               notes=f"{100 * partial['fewer'] / sample:.2f}% of {sample:,} random subsets of questions; near-tie "
                     f"{100 * partial['near'] / sample:.2f}%, decided by evidence "
                     f"{100 * partial['by_evidence'] / sample:.2f}%"),
        Figure(FAMILY, "top pick judged on a single answer of several (partial answer sets)", partial["single"],
               partial["several"], "count", reference_name="answer sets of 2+ answers",
               notes=f"{100 * partial['single'] / partial['several']:.2f}% of the {partial['several']:,} sampled sets "
                     f"with two or more answers; all nine answered: {single:,} of {total:,} (focus and pay can be "
                     f"judged for every career); neutral_answers = {engine.rulebook.neutral_answers:g}"),
        Figure(FAMILY, "top pick's lead rests on silence (a career judged on more fits the shared answers as well)",
               silent, total, "count", reference_name="combinations",
               notes=f"{100 * silent / total:.2f}% of all nine-answer combinations; "
                     f"{100 * partial['silent'] / sample:.2f}% of the partial sample"),
    ]
