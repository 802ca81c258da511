"""Advisor mode: the trace of the rules behind a career, WHY and HOW one key away, demo students, reset."""

from __future__ import annotations

import json

from textual.pilot import Pilot

from rules.dialogue import Dialogue
from rules.builtin import builtin_engine
from rules.personas import load_personas
from tests.tui.chat_driver import (
    MakeApp,
    bot_texts,
    chat,
    dialogue,
    messages,
    option_labels,
    ready,
    send,
    user_texts,
)
from rules.personas import replay
from tui.screens.personas import PersonasScreen
from tui.sessions import SessionStore
from tui.widgets.ranking import RankingPanel, RankRow
from tui.widgets.trace import TracePanel

SIZE = (100, 30)


def trace(pilot: Pilot) -> TracePanel:
    panel = chat(pilot).trace_panel
    assert panel is not None
    return panel


async def answer(pilot: Pilot, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await pilot.pause()


async def test_ctrl_a_shows_the_trace_with_each_rule_that_fired_and_hides_it_again(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert chat(pilot).trace_panel is None  # not even built until asked for
        await answer(pilot, "1", "enter", "f2", "f3", "f8", "f4")  # advisor keys: nothing outside advisor mode
        assert len(messages(pilot)) == 5 and app.screen is chat(pilot)
        await answer(pilot, "ctrl+a")
        panel = trace(pilot)
        await pilot.pause()
        assert panel.display and panel.region.height > 3
        top = dialogue(pilot).result().recommendations[0]
        assert panel.career == top.career
        assert [row.rule for row in panel.rows] == [r.rule for r in dialogue(pilot).engine.reasons(
            top.career, dialogue(pilot).state.answers)]
        assert "focus_fit" in panel.text and "kind of work: Keeping patient records" in panel.text
        await answer(pilot, "1", "enter")  # updated after every answer
        assert "patient_contact_fit" in panel.text and "patient contact: None" in panel.text
        assert all(row.direction in {"for", "against", "neutral"} for row in panel.rows)
        await answer(pilot, "ctrl+a")
        assert not panel.display


async def test_f2_asks_why_and_f3_shows_how_the_traced_career_scored(make_app: MakeApp) -> None:
    async with make_app(advisor=True).run_test(size=SIZE) as pilot:
        await ready(pilot)
        await answer(pilot, "1", "enter")
        question = dialogue(pilot).current
        assert question is not None
        await answer(pilot, "f2")
        assert bot_texts(pilot)[-1].startswith(question.why)
        await answer(pilot, "f8", "f8")  # the third career in the ranking
        third = dialogue(pilot).result().recommendations[2]
        assert trace(pilot).career == third.career and "(chosen)" in trace(pilot).text
        await answer(pilot, "f3")
        assert user_texts(pilot)[-1] == f"How did {third.name} score?"
        assert bot_texts(pilot)[-1].startswith(f"{third.name}: match {third.score}/100 (rank 3), {third.evidence}. "
                                               "What counted:")
        await answer(pilot, "f7", "f7", "f7")  # wraps round to the last career
        assert trace(pilot).career == dialogue(pilot).result().recommendations[-1].career


async def test_clicking_a_ranking_row_traces_that_career(make_app: MakeApp) -> None:
    async with make_app(advisor=True).run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await answer(pilot, "1", "enter")
        rows = list(chat(pilot).query_one(RankingPanel).query(RankRow))
        await pilot.click(rows[3])
        await pilot.pause()
        fourth = dialogue(pilot).result().recommendations[3]
        assert trace(pilot).career == fourth.career
        assert rows[3].has_class("-traced") and not rows[0].has_class("-traced")


async def test_the_advisor_flag_starts_with_the_trace_which_fits_at_80x24_in_place_of_the_ranking(
        make_app: MakeApp) -> None:
    async with make_app(advisor=True).run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        panel = trace(pilot)
        assert "No answers yet" in panel.text
        await answer(pilot, "1", "enter")
        assert panel.display and panel.region.height >= 5
        assert panel.region.bottom <= 23 and panel.region.width == 80
        ranking = chat(pilot).query_one(RankingPanel)
        assert not ranking.display
        assert "focus_fit" in panel.text
        await pilot.resize_terminal(100, 30)  # wide: the trace stacks under the ranking, beside the chat
        await pilot.pause()
        assert ranking.display and panel.region.y >= ranking.region.bottom
        assert panel.region.x == ranking.region.x > chat(pilot).query_one("#chat").region.right - 1


# --- demo students ---------------------------------------------------------------------------------


async def test_f4_or_the_palette_loads_a_persona_and_replays_its_answers_to_its_expected_top_pick(
        make_app: MakeApp) -> None:
    app = make_app(advisor=True)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        personas = load_personas(dialogue(pilot).engine.rulebook)
        await answer(pilot, "3", "enter")  # something to be replaced
        await answer(pilot, "ctrl+p")  # the palette opens the picker too; Escape closes it, changing nothing
        await pilot.press(*"dem", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PersonasScreen)
        await answer(pilot, "escape")
        assert app.screen is chat(pilot) and len(dialogue(pilot).state.answers) == 1
        await answer(pilot, "f4")
        assert isinstance(app.screen, PersonasScreen)
        index = next(i for i, p in enumerate(personas) if p.id == "marcus_coding")
        persona = personas[index]
        await answer(pilot, *["down"] * index, "enter")
        assert app.screen is chat(pilot)
        assert app.dialogue is not None
        assert app.dialogue.result().recommendations[0].career == persona.expect
        assert app.dialogue.state.answers == dict(persona.answers)
        rulebook = app.dialogue.engine.rulebook
        labels = {rulebook.question(q).label(v) for q, v in persona.answers.items()}
        assert labels <= set(user_texts(pilot)) and set(user_texts(pilot)) <= labels | {"skip"}
        shown = bot_texts(pilot)
        assert shown[0] == f"Demo student: {persona.name}. {persona.story}"
        assert sum(text.startswith("Got it — ") for text in shown) == len(persona.answers)
        assert shown[-1].startswith(f"{persona.name}'s answers are in: the top pick is Medical coder")
        assert trace(pilot).career == persona.expect
        await send(pilot, "back")  # the advisor changes answers live
        assert len(app.dialogue.state.answers) == len(persona.answers) - 1


def test_every_persona_replays_to_its_expected_career() -> None:
    """The replay the picker runs, for every demo student: all its answers given, its career on top."""
    engine = builtin_engine()
    for persona in load_personas(engine.rulebook):
        replayed = Dialogue(engine=engine)
        replayed.start()
        steps = replay(replayed, persona)
        assert replayed.result().recommendations[0].career == persona.expect, persona.id
        assert replayed.state.answers == dict(persona.answers), persona.id
        assert sum(step.said != "skip" for step in steps) == len(persona.answers), persona.id


async def test_ctrl_n_is_a_clean_start_that_clears_the_trace_and_saves(make_app: MakeApp, store: SessionStore) -> None:
    app = make_app(advisor=True, store=store)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        chat(pilot).load_persona(load_personas(dialogue(pilot).engine.rulebook)[0])
        await answer(pilot, "f8")
        assert "(chosen)" in trace(pilot).text and json.loads(store.path.read_text())["answers"]
        await answer(pilot, "ctrl+g")
        assert option_labels(pilot) == ["Yes, start over", "No, keep my answers"]
        await answer(pilot, "1", "enter")
        assert dialogue(pilot).state.answers == {}
        assert chat(pilot).trace_career is None and "No answers yet" in trace(pilot).text
        assert bot_texts(pilot)[-1].startswith("Question 1 (at most 9 to go)") and len(option_labels(pilot)) == 7
        assert json.loads(store.path.read_text())["answers"] == {}
