"""When to stop asking, and what to ask next — proved, not guessed.

A career's fit is (credit + S/2) / (W + S): its credit over the judged weight W of the answered questions the
sources can judge for it, starting from neutral with a fixed weight S (engine.fit). Whether a rule can judge a
career does not depend on the answer, so once every remaining question is answered each career's W is known
in advance. Its final fit is then (credit_now + S/2) / (W + S) plus, per remaining question, that question's
credit / (W + S): a sum over questions again. So for the current top pick t and any rival c
the worst case over every way the remaining questions could be answered is the sum, per remaining question,
of the answer that is worst for t against c, each scaled by the two careers' own 1/(W + S). If t still leads c in
that worst case — counting each career's evidence bonus, which is fixed too (engine.evidence_bonus), putting
a career with no judged answer after every career with one (also fixed), and breaking an exact tie as the
ranking does — for every c, no combination of remaining answers can change the top pick: the result is `stable`.
Number questions only matter at the thresholds the facts define, so for a pair of careers a handful of values
per number question covers every case. tests/rules/test_properties.py checks this against brute force.
"""

from __future__ import annotations

from dataclasses import replace

from rules.models import AnswerValue, Answers, Question, Result

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


class _Final:
    """What is fixed about the end state once `left` are all answered: each career's judged weight W, the
    slope of its fit in its credit (1/(W + S), or 0 when nothing can be judged and nothing starts the fit) and
    its number of judged answers."""

    def __init__(self, engine, tally, left: list[Question]) -> None:
        weight = dict(tally.weight)
        judged = dict(tally.judged)
        for question in left:
            for career, w in engine.judged_weight(question.id).items():
                if w > 0:
                    weight[career] += w
                    judged[career] += 1
        start = engine.neutral_weight
        self.weight = weight
        self.inverse = {c: (1.0 / (w + start) if w + start > EPSILON else 0.0) for c, w in weight.items()}
        self.judged = judged
        answered = self.answered = tally.answered + len(left)
        self.bonus = {c: engine.evidence_bonus(j, answered) for c, j in judged.items()}
        self.terms: dict[tuple[str, str], dict[str, float]] = {}
        self.fit = engine.fit

    def base(self, credit: dict[str, float]) -> dict[str, float]:
        """Each career's final rank value (fit plus its evidence bonus, both fixed by the set of answered
        questions) from the credit it has now; the remaining answers' credit adds to this."""
        return {c: self.fit(credit[c], w) + self.bonus[c] for c, w in self.weight.items()}


def _worst_terms(engine, final: _Final, question: Question, leader: str) -> dict[str, float]:
    """For each rival, the lowest this question's answer can make (leader's fit - rival's fit) contribute."""
    key = (question.id, leader)
    found = final.terms.get(key)
    if found is not None:
        return found
    inverse = final.inverse
    lead_inv = inverse[leader]
    found = {}
    if question.kind == "choice":
        for value in candidate_values(engine, question):
            gains = engine.gains(question.id, value)
            lead = gains[leader] * lead_inv
            for rival in engine.careers:
                term = lead - gains[rival] * inverse[rival]
                if term < found.get(rival, float("inf")):
                    found[rival] = term
    else:
        for rival in engine.careers:
            found[rival] = min(engine.gain(question.id, v, leader) * lead_inv
                               - engine.gain(question.id, v, rival) * inverse[rival]
                               for v in _pair_values(engine, question, leader, rival))
    final.terms[key] = found
    return found


def _summed(engine, final: _Final, leader: str, left: list[Question]) -> dict[str, float]:
    total = dict.fromkeys(engine.careers, 0.0)
    for question in left:
        for rival, term in _worst_terms(engine, final, question, leader).items():
            total[rival] += term
    return total


def _keeps_lead(engine, final: _Final, credit: dict[str, float], leader: str, worst: dict[str, float]) -> bool:
    """Whether `leader` is still first against every rival when each rival gets its worst case `worst`."""
    base = final.base(credit)
    judged, tie = final.judged, engine._tie_index
    for rival in engine.careers:
        if rival == leader:
            continue
        if final.answered and (judged[leader] == 0) != (judged[rival] == 0):
            if judged[leader] == 0:
                return False  # a career with evidence always ranks above one without (fixed at the end)
            continue
        margin = base[leader] - base[rival] + worst[rival]
        if margin < -EPSILON:
            return False
        if margin <= EPSILON and (judged[rival], -tie(rival)) > (judged[leader], -tie(leader)):
            return False
    return True


def is_stable(engine, answers: Answers, skipped: frozenset[str] = frozenset()) -> bool:
    """True when no combination of answers to the remaining questions could change the top pick."""
    tally = engine.totals(answers)
    left = remaining(engine, answers, skipped)
    final = _Final(engine, tally, left)
    leader = engine.leader(tally)
    return _keeps_lead(engine, final, tally.credit, leader, _summed(engine, final, leader, left))


def planned(engine, result: Result, skipped: frozenset[str] = frozenset()) -> Result:
    """The result with `stable` and `next_question` filled in: what the conversation asks for after ranking."""
    return replace(result, stable=is_stable(engine, result.answers, skipped),
                   next_question=next_question(engine, result.answers, skipped))


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
    ends soonest), then by how many different top picks their answers can produce, then choice questions before
    number questions (one key instead of typing a figure), then by how far their answers move the careers'
    credit apart, then by questions.toml order.
    """
    candidates = remaining(engine, answers, skipped)
    if not candidates:
        return None
    tally = engine.totals(answers)
    final = _Final(engine, tally, candidates)  # the end state is the same whichever is asked first
    everything: dict[str, dict[str, float]] = {}
    best: tuple[float, int, bool, float, int] | None = None
    chosen: str | None = None
    for index, question in enumerate(candidates):
        values = _lookahead_values(engine, question)
        settled = 0
        tops = set()
        low = dict.fromkeys(engine.careers, float("inf"))
        high = dict.fromkeys(engine.careers, float("-inf"))
        for value in values:
            gains = engine.gains(question.id, value)
            after = engine.plus(tally, question.id, value)
            leader = engine.leader(after)
            tops.add(leader)
            if leader not in everything:
                everything[leader] = _summed(engine, final, leader, candidates)
            own = _worst_terms(engine, final, question, leader)
            worst = {c: everything[leader][c] - own[c] for c in engine.careers}
            settled += _keeps_lead(engine, final, after.credit, leader, worst)
            for career, gain in gains.items():
                if gain < low[career]:
                    low[career] = gain
                if gain > high[career]:
                    high[career] = gain
        spread = sum(high[c] - low[c] for c in engine.careers)
        key = (settled / len(values), len(tops), question.kind == "choice", spread, -index)
        if best is None or key > best:
            best, chosen = key, question.id
    return chosen
