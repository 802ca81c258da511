"""Property tests of the engine and the stability proof on the real knowledge base."""

from __future__ import annotations

import itertools

from hypothesis import given, settings, strategies as st

from rules.engine import builtin_engine
from rules.stability import candidate_values, is_stable

ENGINE = builtin_engine()
QUESTIONS = ENGINE.questions


def answer_strategy(question):
    if question.kind == "choice":
        return st.sampled_from([o.value for o in question.options])
    return st.integers(min_value=question.min, max_value=question.max)


answers_strategy = st.fixed_dictionaries({}, optional={q.id: answer_strategy(q) for q in QUESTIONS})


@settings(max_examples=150, deadline=None)
@given(answers_strategy)
def test_every_career_ranked_once_scores_in_range_deterministic(answers):
    first = ENGINE.recommend(answers)
    second = ENGINE.recommend(dict(reversed(list(answers.items()))))
    assert sorted(r.career for r in first.recommendations) == sorted(ENGINE.kb.careers)
    assert all(0 <= r.score <= 100 for r in first.recommendations)
    assert first == second


@settings(max_examples=150, deadline=None)
@given(answers_strategy, st.integers(0, 1_000_000), st.integers(0, 1_000_000))
def test_raising_pay_min_never_raises_a_score(answers, low, high):
    low, high = sorted((low, high))
    before = ENGINE.scores({**answers, "pay_min": low})
    after = ENGINE.scores({**answers, "pay_min": high})
    assert all(after[c] <= before[c] for c in before)


@settings(max_examples=150, deadline=None)
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


@settings(max_examples=60, deadline=None)
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
