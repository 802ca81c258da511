"""When to stop asking, and what to ask next — proved, not guessed.

A career's credit is a sum over questions, so for the current top pick t and any rival c the worst case over
every way the remaining questions could be answered is the sum, per remaining question, of that question's
worst answer for t against c. If t still leads c in that worst case for every c, no combination of remaining
answers can change the top pick: the result is `stable`. Number questions only matter at the thresholds the
facts define, so a handful of values per number question covers every case.
"""

from __future__ import annotations

from rules.models import AnswerValue, Answers, Question

EPSILON = 1e-9


def candidate_values(engine, question: Question) -> list[AnswerValue]:
    """Values that between them produce every distinct outcome the question can have."""
    cache = engine.__dict__.setdefault("_candidate_cache", {})
    if question.id not in cache:
        cache[question.id] = _candidates(engine, question)
    return cache[question.id]


def _candidates(engine, question: Question) -> list[AnswerValue]:
    if question.kind == "choice":
        return [o.value for o in question.options]
    low, high = question.min or 0, question.max if question.max is not None else 0
    points = {low, high}
    for rule in engine.rulebook.rules_for(question.id):
        for career in engine.careers:
            quantity = engine.observations[(rule.id, career)].quantity
            if quantity is not None:
                points.update(q for q in (quantity - 1, quantity, quantity + 1) if low <= q <= high)
    return sorted(points)


def remaining(engine, answers: Answers, skipped: frozenset[str] = frozenset()) -> list[Question]:
    """Questions still to be asked: not answered and not skipped."""
    return [q for q in engine.questions if q.id not in answers and q.id not in skipped]


def _worst_swings(engine, question: Question, leader: str) -> dict[str, float]:
    """For each rival, the most this question's answer can shift credit from the leader to the rival."""
    key = (question.id, leader)
    cache = engine.__dict__.setdefault("_swing_cache", {})
    worst = cache.get(key)
    if worst is None:
        worst = {}
        for value in candidate_values(engine, question):
            gains = engine.gains(question.id, value)
            for rival in engine.careers:
                shift = gains[rival] - gains[leader]
                if shift > worst.get(rival, float("-inf")):
                    worst[rival] = shift
        cache[key] = worst
    return worst


def is_stable(engine, answers: Answers, skipped: frozenset[str] = frozenset()) -> bool:
    """True when no combination of answers to the remaining questions could change the top pick."""
    totals = engine.totals(answers)
    leader = engine.order(totals)[0]
    margins = {c: totals[leader] - totals[c] for c in engine.careers if c != leader}
    for question in remaining(engine, answers, skipped):
        for rival, shift in _worst_swings(engine, question, leader).items():
            if rival != leader:
                margins[rival] -= shift
    leader_rank = engine._tie_index(leader)
    for rival, margin in margins.items():
        if margin < -EPSILON or (abs(margin) <= EPSILON and engine._tie_index(rival) < leader_rank):
            return False
    return True


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
        values = candidate_values(engine, question)
        settled = 0
        tops = set()
        low = dict.fromkeys(engine.careers, float("inf"))
        high = dict.fromkeys(engine.careers, float("-inf"))
        for value in values:
            gains = engine.gains(question.id, value)
            tops.add(engine.order({c: totals[c] + gains[c] for c in engine.careers})[0])
            settled += is_stable(engine, {**answers, question.id: value}, skipped)
            for career, gain in gains.items():
                low[career] = min(low[career], gain)
                high[career] = max(high[career], gain)
        spread = sum(high[c] - low[c] for c in engine.careers)
        key = (settled / len(values), len(tops), spread, -index)
        if best is None or key > best:
            best, chosen = key, question.id
    return chosen
