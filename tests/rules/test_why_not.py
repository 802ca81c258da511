"""'Why not X?' explains the difference from the top pick answer by answer, in points: where X lost and why (a
sourced mismatch, a weaker match, or no figure in the sources, which counts neither way), and which single
answer would change the order — each claim checked against the engine."""

from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st

from rules.builtin import builtin_engine
from rules.explain import why_not
from rules.stability import candidate_values
from tests.hypothesis_budget import examples

ENGINE = builtin_engine()
RECORDS = dict(focus="records", patient_contact="none", training_months=12, pay_min=40000, exam="no")


def line_for(reply, short):
    return next(line for line in reply.text.splitlines() if line.startswith(f"• {short}:"))


def test_a_sourced_mismatch_is_quoted_with_its_points():
    reply = why_not(ENGINE, "licensed_practical_nurse", RECORDS)
    assert reply.text.startswith("Licensed practical nurse is ranked")
    contact = line_for(reply, "patient contact")
    assert re.search(r"patient contact: \d+ against \d+ \(without it: ", contact)
    assert "hands-on care of patients" in contact  # the reason against, in the sources' terms
    assert reply.citations  # the quotes behind every reason against
    assert "What would change the order" in reply.text and "“Caring for sick or injured patients”" in reply.text


def test_an_answer_without_a_figure_is_said_to_count_neither_way():
    for career in ENGINE.careers:
        silent = [q for q in RECORDS if ENGINE.judged_weight(q)[career] == 0]
        if silent and career != ENGINE.top(RECORDS):
            reply = why_not(ENGINE, career, RECORDS)
            line = next(line for line in reply.text.splitlines() if line.startswith("Not counted for"))
            for question in silent:
                assert ENGINE.rulebook.question(question).short in line
            assert "neither for nor against" in line
            return


def test_the_top_pick_is_told_it_is_first():
    top = ENGINE.top(RECORDS)
    assert "is your top match right now" in why_not(ENGINE, top, RECORDS).text


def answer_strategy(question):
    if question.kind == "choice":
        return st.sampled_from([o.value for o in question.options])
    return st.sampled_from(candidate_values(ENGINE, question))


@settings(max_examples=examples(60), deadline=None)
@given(st.fixed_dictionaries({}, optional={q.id: answer_strategy(q) for q in ENGINE.questions}),
       st.sampled_from(sorted(ENGINE.kb.careers)))
def test_every_change_it_names_really_changes_the_order(answers, career):
    reply = why_not(ENGINE, career, answers)
    result = ENGINE.recommend(answers, explain=0)
    top = result.recommendations[0].career
    if career == top:
        return
    by_label = {(q.short, q.label(v)): (q.id, v) for q in ENGINE.questions for v in candidate_values(ENGINE, q)}
    named = re.findall(r"answered “([^”]+)” to “([^”]+)”", reply.text)
    for label, short in named:
        question, value = by_label[(short, label)]
        order = ENGINE.order(ENGINE.totals({**answers, question: value}))
        assert order.index(career) < order.index(top)
    if not named:
        assert "No single different answer" in reply.text
    for mine, theirs in re.findall(r"^• [^:]+: (\d+) against (\d+) ", reply.text, flags=re.M):
        assert int(mine) <= int(theirs)  # a line under "where it lost" is an answer it fits less well
