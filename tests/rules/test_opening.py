"""The quick start shows exactly what the dialogue would: the same greeting and the same first question."""

from __future__ import annotations

from rules.dialogue import Dialogue
from rules.builtin import builtin_engine
from rules.opening import opening
from rules.stability import next_question


def test_opening_question_is_the_engines_first_choice():
    assert next_question(builtin_engine(), {}) == opening().question.id


def test_quick_start_matches_the_dialogues_start():
    greeting, question = Dialogue().start()
    quick = opening()
    assert greeting.text == quick.greeting
    assert question.question == quick.question.id
    assert question.text.startswith(quick.heading)
    engine_question = builtin_engine().rulebook.question(quick.question.id)
    assert quick.question.options == tuple((o.value, o.label) for o in engine_question.options)


def test_opening_needs_no_pydantic():
    import subprocess
    import sys

    code = "import sys, rules.opening as o; o.opening(); print('pydantic' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
