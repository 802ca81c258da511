"""What the conversation hands the results, comparison, trace, report and demo-student views (no screen), and
that the front ends take it from there instead of reaching into the dialogue or the engine."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from rules.compare import COMPARED
from rules.conversation import Conversation
from rules.dialogue import Dialogue
from rules.engine import headline_medians, pay_spread
from rules.builtin import builtin_engine
from rules.personas import load_personas

ENGINE = builtin_engine()
ROOT = Path(__file__).resolve().parents[2]
ANSWERS = ["records", "none", "1 year", "35k", "yes"]


def talked(*said: str) -> Conversation:
    conversation = Conversation(lambda: Dialogue(engine=ENGINE))
    conversation.start()
    for text in said:
        conversation.say(text)
    return conversation


def test_the_results_view_is_the_ranking_with_each_careers_details() -> None:
    conversation = talked(*ANSWERS)
    view = conversation.results()
    result = conversation.dialogue.result()  # type: ignore[union-attr]
    assert [card.rec for card in view.cards] == result.recommendations
    assert view.answered == len(result.answers) == len(conversation.answers)
    assert view.stable == result.stable
    assert view.near_tie == (result.near_tie.sentence if result.near_tie else None)
    assert view.compared == tuple(rec.career for rec in result.recommendations[:COMPARED])
    assert [card.pathway is not None for card in view.cards] == [rec.rank <= COMPARED for rec in result.recommendations]


def test_a_misfit_names_the_question_and_the_students_answer_in_its_words() -> None:
    conversation = talked(*ANSWERS)
    card = next(card for card in conversation.results().cards if card.misfits)
    question = ENGINE.rulebook.question(card.rec.mismatches[0])
    misfit = card.misfits[0]
    assert (misfit.question, misfit.short) == (question.text, question.short)
    assert misfit.said == question.label(conversation.answers[question.id])


def test_pay_lists_every_figure_when_the_sources_disagree_and_the_caveat_is_not_said_twice() -> None:
    view = talked(*ANSWERS).results()
    disputed = [card for card in view.cards if pay_spread(ENGINE.kb, card.rec.career)]
    assert disputed, "the sources disagree on some career's pay (the data this test needs)"
    for card in disputed:
        medians = headline_medians(ENGINE.kb, card.rec.career)
        assert card.pay_disputed and [p.amount for p in card.pay] == sorted(m.amount for m in medians)
        assert all(p.citation.source for p in card.pay)
        assert len(card.caveats) == len(card.rec.caveats) - 1  # the pay lines list every figure already
    agreed = [card for card in view.cards if card.pay and not card.pay_disputed]
    assert agreed and all(len(card.pay) == 1 and card.caveats == tuple(c.text for c in card.rec.caveats) for card in agreed)


def test_before_any_answer_the_results_say_so() -> None:
    view = talked().results()
    assert view.answered == 0 and len(view.cards) == len(ENGINE.kb.careers)


def test_the_comparison_is_the_best_careers_or_the_ones_asked_for() -> None:
    conversation = talked(*ANSWERS)
    ranked = [rec.career for rec in conversation.dialogue.result().recommendations]  # type: ignore[union-attr]
    assert conversation.comparison().comparison.careers == ranked[:COMPARED]
    assert conversation.comparison(everything=True).comparison.careers == ranked
    chosen = conversation.comparison(["medical_coder", "astronaut", "cancer_registrar"])
    assert chosen.comparison.careers == ["medical_coder", "cancer_registrar"]
    assert [c for c, _ in chosen.choices] == list(ENGINE.kb.careers)
    assert conversation.comparison(["astronaut"]).comparison.careers == list(ENGINE.kb.careers)[:COMPARED]


def test_the_trace_and_how_follow_the_top_pick_or_the_career_asked_for() -> None:
    conversation = talked(*ANSWERS)
    recs = conversation.standing().result.recommendations
    assert conversation.trace().rec == recs[0] and conversation.trace("no_such_career").rec == recs[0]
    last = conversation.trace(recs[-1].career)
    assert last.rec == recs[-1]
    assert {row.question for row in last.rows} <= {q.short for q in ENGINE.questions}
    assert all(row.direction in ("for", "against", "neutral") for row in last.rows)
    assert conversation.how(recs[-1].career).text.startswith(f"{recs[-1].name}: match {recs[-1].score}/100")
    assert conversation.how().text.startswith(f"{recs[0].name}:")


def test_the_standing_and_the_report_are_the_answers_so_far() -> None:
    conversation = talked(*ANSWERS)
    standing = conversation.standing()
    assert standing.answered == len(conversation.answers) and standing.result.answers == conversation.answers
    report = conversation.report()
    assert report.engine is ENGINE and dict(report.answers) == conversation.answers
    conversation.say("actually no exams")
    assert dict(report.answers) != conversation.answers  # a copy: what was reported stays as it was


def test_demo_students_name_the_career_they_should_come_out_on() -> None:
    conversation = talked()
    students = conversation.demo_students()
    personas = load_personas(ENGINE.rulebook)
    assert [s.persona.id for s in students] == [p.id for p in personas]
    assert [s.expected for s in students] == [ENGINE.kb.careers[p.expect].name for p in personas]
    assert conversation.demo_students() is students  # read once


def test_the_views_need_the_brain_loaded() -> None:
    conversation = Conversation(lambda: Dialogue(engine=ENGINE))
    with pytest.raises(RuntimeError, match="not loaded"):
        conversation.results()


FRONT_ENDS = ["tui/app.py", "tui/plain.py", "tui/screens/results.py", "tui/screens/compare.py",
              "tui/screens/chat.py"]


def reaches(node: ast.AST) -> str | None:
    """'dialogue.<x>', 'engine.<x>' or '.result()' when the node reaches into the brain, else None."""
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute) \
            and node.value.attr in ("dialogue", "engine"):
        return f"{node.value.attr}.{node.attr}"
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "result":
        return ".result()"
    return None


@pytest.mark.parametrize("path", FRONT_ENDS)
def test_front_ends_take_their_views_from_the_conversation_not_the_brain(path: str) -> None:
    """No `….dialogue.x`, `….engine.x` or `.result()` in the front ends: what they show comes from the
    conversation (`results`, `comparison`, `standing`, `trace`, `how`, `report`, `demo_students`)."""
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    assert sorted({found for node in ast.walk(tree) if (found := reaches(node))}) == []
