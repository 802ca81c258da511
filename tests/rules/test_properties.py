"""Property tests of the engine and the stability proof on the real knowledge base."""

from __future__ import annotations

import itertools

from hypothesis import given, settings, strategies as st

from rules.builtin import builtin_engine
from rules.stability import candidate_values, is_stable
from tests.hypothesis_budget import examples

ENGINE = builtin_engine()
QUESTIONS = ENGINE.questions


def answer_strategy(question):
    if question.kind == "choice":
        return st.sampled_from([o.value for o in question.options])
    return st.integers(min_value=question.min, max_value=question.max)


answers_strategy = st.fixed_dictionaries({}, optional={q.id: answer_strategy(q) for q in QUESTIONS})


@settings(max_examples=examples(150), deadline=None)
@given(answers_strategy)
def test_every_career_ranked_once_scores_in_range_deterministic(answers):
    first = ENGINE.recommend(answers)
    second = ENGINE.recommend(dict(reversed(list(answers.items()))))
    assert sorted(r.career for r in first.recommendations) == sorted(ENGINE.kb.careers)
    assert all(0 <= r.score <= 100 for r in first.recommendations)
    assert first == second


@settings(max_examples=examples(150), deadline=None)
@given(answers_strategy, st.integers(0, 1_000_000), st.integers(0, 1_000_000))
def test_raising_pay_min_never_raises_a_score(answers, low, high):
    low, high = sorted((low, high))
    before = ENGINE.scores({**answers, "pay_min": low})
    after = ENGINE.scores({**answers, "pay_min": high})
    assert all(after[c] <= before[c] for c in before)


@settings(max_examples=examples(150), deadline=None)
@given(answers_strategy, st.integers(0, 120), st.integers(0, 120))
def test_lengthening_training_never_lowers_a_score(answers, short, long):
    short, long = sorted((short, long))
    before = ENGINE.scores({**answers, "training_months": short})
    after = ENGINE.scores({**answers, "training_months": long})
    assert all(after[c] >= before[c] for c in before)


def brute_force_stable(answers):
    """Try every completion of the remaining questions (numbers at their thresholds) and compare top picks."""
    left = [q for q in QUESTIONS if q.id not in answers]
    top = ENGINE.top(answers)
    for values in itertools.product(*(candidate_values(ENGINE, q) for q in left)):
        if ENGINE.top({**answers, **dict(zip((q.id for q in left), values))}) != top:
            return False
    return True


@settings(max_examples=examples(60), deadline=None)
@given(st.fixed_dictionaries({}, optional={q.id: answer_strategy(q) for q in QUESTIONS}))
def test_stable_agrees_with_brute_force(answers):
    left = [q for q in QUESTIONS if q.id not in answers]
    if len(left) > 5:  # keep the enumeration small; the proof does not depend on the size
        answers = {**answers, **{q.id: candidate_values(ENGINE, q)[0] for q in left[:len(left) - 5]}}
    assert is_stable(ENGINE, answers) == brute_force_stable(answers)


def test_candidate_values_cover_every_threshold():
    pay = ENGINE.rulebook.question("pay_min")
    values = candidate_values(ENGINE, pay)
    assert 47190 in values and 47191 in values and 0 in values and 1_000_000 in values


# --- belief and evidence -------------------------------------------------------------------------------------

from dataclasses import replace  # noqa: E402

from rules.engine import Engine  # noqa: E402

choice_or_threshold = st.fixed_dictionaries(
    {}, optional={q.id: (st.sampled_from([o.value for o in q.options]) if q.kind == "choice"
                         else st.sampled_from(candidate_values(ENGINE, q))) for q in QUESTIONS})
careers = st.sampled_from(sorted(ENGINE.kb.careers))


class Boosted(Engine):
    """The engine, with one career's agreement on one question raised by `delta` (capped at 1)."""

    def __init__(self, career: str, question: str, delta: float) -> None:
        self.boost = (career, question, delta)
        super().__init__(ENGINE.kb, ENGINE.rulebook)

    def agreement(self, rule, career, value):
        found = super().agreement(rule, career, value)
        target, question, delta = self.boost
        if found is not None and career == target and rule.question == question:
            return min(1.0, found + delta)
        return found


@settings(max_examples=examples(80), deadline=None)
@given(choice_or_threshold, careers, st.floats(0.01, 2.0))
def test_raising_a_careers_agreement_on_one_answer_never_lowers_its_rank(answers, career, delta):
    if not answers:
        return
    question = sorted(answers)[0]
    before = ENGINE.order(ENGINE.totals(answers)).index(career)
    boosted = Boosted(career, question, delta)
    after = boosted.order(boosted.totals(answers)).index(career)
    assert after <= before


def kinds_read(question: str) -> set[str]:
    """The fact kinds the rules of a question read (the test's own oracle)."""
    found = set()
    for rule in ENGINE.rulebook.rules_for(question):
        if rule.kind == "threshold":
            found.add("pay" if rule.quantity == "latest_median_pay" else "training")
        else:
            found.add({"career": "duty", "exam": "credential"}.get(rule.attribute, rule.attribute))
    return found


def without_facts(career: str, keep) -> Engine:
    kb = ENGINE.kb
    record = kb.careers[career]
    changed = replace(record, facts=[f for f in record.facts if keep(f)])
    return Engine(replace(kb, careers={**kb.careers, career: changed}), ENGINE.rulebook)


def outcome(engine, answers):
    result = engine.recommend(answers, explain=0)
    return ([(r.career, r.score, r.judged, r.mismatches) for r in result.recommendations], result.near_tie)


@settings(max_examples=examples(60), deadline=None)
@given(choice_or_threshold, careers, st.integers(0, 10_000))
def test_removing_a_fact_the_answers_do_not_touch_changes_nothing(answers, career, pick):
    touched = set().union(*(kinds_read(q) for q in answers)) if answers else set()
    untouched = [f for f in ENGINE.kb.careers[career].facts if f.kind not in touched]
    if not untouched:
        return
    gone = untouched[pick % len(untouched)]
    assert outcome(without_facts(career, lambda f: f is not gone), answers) == outcome(ENGINE, answers)


@settings(max_examples=examples(60), deadline=None)
@given(choice_or_threshold, careers, careers, st.sampled_from(["pay", "training", "credential", "patient_contact",
                                                               "science", "equipment", "computer_time", "schedule"]))
def test_a_careers_fit_never_depends_on_another_careers_evidence(answers, career, other, kind):
    inherits_from_other = any(ENGINE.observations[(r.id, career)].inherited_from == other
                              for r in ENGINE.rulebook.rules)
    # The LPN's science fact is a comparison ("more science classes" than technicians): its level is read from
    # the other career's facts by design, so that pair is the one legitimate dependence besides inheritance.
    compares_with_other = any(getattr(f, "more_than", None) == other for f in ENGINE.kb.careers[career].facts)
    if other == career or inherits_from_other or compares_with_other:
        return
    thinner = without_facts(other, lambda f: f.kind != kind)
    mine = next(r for r in thinner.recommend(answers, explain=0).recommendations if r.career == career)
    before = next(r for r in ENGINE.recommend(answers, explain=0).recommendations if r.career == career)
    assert (mine.score, mine.judged, mine.mismatches) == (before.score, before.judged, before.mismatches)
