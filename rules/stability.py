"""When to stop asking, and what to ask next — proved, not guessed.

A career's credit is a sum over questions, so for the current top pick t and any rival c the worst case over
every way the remaining questions could be answered is the sum, per remaining question, of that question's
worst answer for t against c. If t still leads c in that worst case for every c, no combination of remaining
answers can change the top pick: the result is `stable`. Number questions only matter at the thresholds the
facts define, so for a pair of careers a handful of values per number question covers every case.
"""

from __future__ import annotations

from rules.models import AnswerValue, Answers, Question

EPSILON = 1e-9
LOOKAHEAD_VALUES = 9
"""How many values of a number question `next_question` tries (spread over its thresholds)."""


def _cache(engine, name: str) -> dict:
    return engine.__dict__.setdefault(name, {})


def _thresholds(engine, question: Question) -> list[int]:
    """The quantities the question's rules compare its answer with, over all careers (sorted, distinct)."""
    cache = _cache(engine, "_threshold_cache")
    if question.id not in cache:
        found = set()
        for rule in engine.rulebook.rules_for(question.id):
            for career in engine.careers:
                quantity = engine.observations[(rule.id, career)].quantity
                if quantity is not None:
                    found.add(quantity)
        cache[question.id] = sorted(found)
    return cache[question.id]


def _points_around(question: Question, quantities) -> set[int]:
    low, high = question.min or 0, question.max if question.max is not None else 0
    points = {low, high}
    for quantity in quantities:
        points.update(q for q in (quantity - 1, quantity, quantity + 1) if low <= q <= high)
    return points


def candidate_values(engine, question: Question) -> list[AnswerValue]:
    """Values that between them produce every distinct outcome the question can have."""
    cache = _cache(engine, "_candidate_cache")
    if question.id not in cache:
        if question.kind == "choice":
            cache[question.id] = [o.value for o in question.options]
        else:
            cache[question.id] = sorted(_points_around(question, _thresholds(engine, question)))
    return cache[question.id]


def _pair_values(engine, question: Question, leader: str, rival: str) -> list[AnswerValue]:
    """For a number question, the values at which the outcome for these two careers can differ."""
    quantities = [engine.observations[(rule.id, career)].quantity
                  for rule in engine.rulebook.rules_for(question.id) for career in (leader, rival)]
    return sorted(_points_around(question, [q for q in quantities if q is not None]))


def remaining(engine, answers: Answers, skipped: frozenset[str] = frozenset()) -> list[Question]:
    """Questions still to be asked: not answered and not skipped."""
    return [q for q in engine.questions if q.id not in answers and q.id not in skipped]


def _worst_swings(engine, question: Question, leader: str) -> dict[str, float]:
    """For each rival, the most this question's answer can shift credit from the leader to the rival."""
    cache = _cache(engine, "_swing_cache")
    key = (question.id, leader)
    worst = cache.get(key)
    if worst is not None:
        return worst
    worst = {}
    if question.kind == "choice":
        for value in candidate_values(engine, question):
            gains = engine.gains(question.id, value)
            base = gains[leader]
            for rival in engine.careers:
                shift = gains[rival] - base
                if shift > worst.get(rival, float("-inf")):
                    worst[rival] = shift
    else:
        for rival in engine.careers:
            worst[rival] = max(engine.gain(question.id, v, rival) - engine.gain(question.id, v, leader)
                               for v in _pair_values(engine, question, leader, rival))
    if len(cache) < 50_000:
        cache[key] = worst
    return worst


def _summed_swings(engine, leader: str, left: list[Question]) -> dict[str, float]:
    """For each rival, the most all the `left` questions together can shift credit from the leader to it."""
    total = dict.fromkeys(engine.careers, 0.0)
    for question in left:
        for rival, shift in _worst_swings(engine, question, leader).items():
            total[rival] += shift
    return total


def _settled(engine, totals: dict[str, float], left: list[Question], sums: dict | None = None) -> bool:
    """Whether the leader of `totals` keeps the top spot whatever the `left` questions are answered.

    `sums` may hold `_summed_swings` per leader for these `left` questions, so that trying many values of one
    question (see `next_question`) sums the others' swings once per leader, not once per value.
    """
    leader = engine.leader(totals)
    if sums is None:
        swings = _summed_swings(engine, leader, left)
    else:
        swings = sums.get(leader)
        if swings is None:
            swings = sums[leader] = _summed_swings(engine, leader, left)
    leader_total = totals[leader]
    leader_rank = engine._tie_index(leader)
    for rival in engine.careers:
        if rival == leader:
            continue
        margin = leader_total - totals[rival] - swings[rival]
        if margin < -EPSILON or (abs(margin) <= EPSILON and engine._tie_index(rival) < leader_rank):
            return False
    return True


def is_stable(engine, answers: Answers, skipped: frozenset[str] = frozenset()) -> bool:
    """True when no combination of answers to the remaining questions could change the top pick."""
    return _settled(engine, engine.totals(answers), remaining(engine, answers, skipped))


def _lookahead_values(engine, question: Question) -> list[AnswerValue]:
    """All options of a choice question; for a number question, values spread across its thresholds."""
    values = candidate_values(engine, question)
    if question.kind == "choice" or len(values) <= LOOKAHEAD_VALUES:
        return values
    step = (len(values) - 1) / (LOOKAHEAD_VALUES - 1)
    return list(dict.fromkeys(values[round(i * step)] for i in range(LOOKAHEAD_VALUES)))


def next_question(engine, answers: Answers, skipped: frozenset[str] = frozenset()) -> str | None:
    """The remaining question whose answer could change the ranking most; None once none remain.

    Questions are ranked by the share of their answers after which the result would be settled (so the quiz
    ends soonest), then by how many different top picks their answers can produce, then by how far their
    answers move the careers' credit apart, then by questions.toml order.
    """
    candidates = remaining(engine, answers, skipped)
    if not candidates:
        return None
    totals = engine.totals(answers)
    best: tuple[float, int, float, int] | None = None
    chosen: str | None = None
    for index, question in enumerate(candidates):
        values = _lookahead_values(engine, question)
        others = [q for q in candidates if q.id != question.id]
        sums: dict[str, dict[str, float]] = {}
        settled = 0
        tops = set()
        low = dict.fromkeys(engine.careers, float("inf"))
        high = dict.fromkeys(engine.careers, float("-inf"))
        for value in values:
            gains = engine.gains(question.id, value)
            after = {c: totals[c] + gains[c] for c in engine.careers}
            tops.add(engine.leader(after))
            settled += _settled(engine, after, others, sums)
            for career, gain in gains.items():
                if gain < low[career]:
                    low[career] = gain
                if gain > high[career]:
                    high[career] = gain
        spread = sum(high[c] - low[c] for c in engine.careers)
        key = (settled / len(values), len(tops), spread, -index)
        if best is None or key > best:
            best, chosen = key, question.id
    return chosen
