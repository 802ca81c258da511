"""Whole conversations in the chat app, driven with the keyboard and the mouse as a student would."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets._footer import FooterKey

from rules.dialogue import Dialogue
from tests.tui.chat_driver import (
    TYPED_ANSWERS,
    bot_texts,
    chat,
    dialogue,
    messages,
    option_labels,
    ready,
    replies_after_last_user,
    send,
    type_keys,
    MakeApp,
    user_texts,
)
from tui.app import CareerQuizApp, main, new_dialogue
from tui.screens.compare import CompareScreen
from tui.screens.results import ResultsScreen
from tui.screens.source import SourceScreen
from tui.screens.too_small import TooSmallScreen
from tui.themes import DARK, HIGH_CONTRAST, LIGHT
from tui.widgets.chat_input import ChatInput
from tui.widgets.citation import CitationLink
from tui.messages import OptionPicked
from tui.widgets.options import OptionsBar
from tui.widgets.progress import ProgressLine
from tui.widgets.ranking import RankingPanel, RankRow
from tui.widgets.transcript import ReplyTable, Transcript

SIZE = (80, 24)


def progress_text(pilot: Pilot) -> str:
    return str(chat(pilot).query_one(ProgressLine).render())


async def answer_open_question(pilot: Pilot, how: str) -> None:
    """Answer whatever is open: option 1 by click or its number and Enter, or in words when it is a number
    question."""
    question = dialogue(pilot).current
    assert question is not None
    if question.kind == "number":
        await send(pilot, TYPED_ANSWERS[question.id])
    elif how == "click":
        await pilot.click(chat(pilot).query_one(OptionsBar), offset=(3, 0))  # the first option
        await pilot.pause()
    else:
        await pilot.press("1", "enter")
        await pilot.pause()


async def finish_quiz(pilot: Pilot) -> None:
    """Answer every question by key, closing the results that open when the result settles, until the quiz ends
    on the results."""
    for _ in range(30):
        if isinstance(pilot.app.screen, ResultsScreen):
            if dialogue(pilot).state.finished:
                return
            await pilot.press("escape")
            await pilot.pause()
            continue
        await answer_open_question(pilot, "keys")
    raise AssertionError("the quiz never reached the results")


# --- the start -----------------------------------------------------------------------------------


async def test_the_bot_greets_says_what_it_does_and_asks_one_question(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        greeting, question = bot_texts(pilot)[:2]
        assert "I'll ask up to 9 short questions (about two minutes)" in greeting
        assert question.startswith("Question 1 (at most 9 to go): Which kind of work sounds best to you?")
        assert len(option_labels(pilot)) == 7
        assert "0 answered" in progress_text(pilot) and "at most 9 more to go" in progress_text(pilot)
        assert isinstance(app.focused, ChatInput)


def slow_brain() -> tuple[threading.Event, Callable[[], Dialogue]]:
    """A brain that loads only when the returned event is set: the app's state before its sources are ready."""
    loaded = threading.Event()

    def slow_dialogue() -> Dialogue:
        loaded.wait(timeout=10)
        return Dialogue()

    return loaded, slow_dialogue


async def test_an_option_chosen_while_the_sources_load_is_answered_once_they_are(make_app: MakeApp) -> None:
    loaded, slow_dialogue = slow_brain()
    app = make_app(dialogue_factory=slow_dialogue)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("2", "enter")
        assert user_texts(pilot) == ["Coding diagnoses and procedures for billing"]
        loaded.set()
        await ready(pilot)
        assert app.dialogue.state.answers == {"focus": "coding"}
        assert any(text.startswith("Question 2") for text in bot_texts(pilot))


async def test_a_broken_knowledge_base_is_reported_in_the_chat_not_as_a_traceback(make_app: MakeApp) -> None:
    def broken() -> Dialogue:
        raise RuntimeError("careers/lpn.toml: facts.0.quote: not found in the source")

    app = make_app(dialogue_factory=broken)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert bot_texts(pilot)[-1] == ("I couldn't load my sources: careers/lpn.toml: facts.0.quote: not found "
                                        "in the source")


def test_the_app_module_leaves_the_brain_to_the_worker() -> None:
    """Importing the app (all that happens before the first paint) loads neither pydantic nor the sources: from
    knowledge/ and rules/ only the plain record base (`knowledge.records`, the stdlib dataclass it is made of)."""
    probe = ("import json, sys, tui.app; print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
             "{'pydantic', 'jinja2', 'knowledge', 'rules'} and m not in {'knowledge', 'knowledge.records'})))")
    done = subprocess.run([sys.executable, "-c", probe], cwd=Path(__file__).resolve().parents[2],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []


# --- whole quizzes ----------------------------------------------------------------------------------


async def test_a_whole_quiz_ends_on_the_results_screen_once(make_app: MakeApp) -> None:
    """The results open when the quiz ends; a correction afterwards stays in the chat (flows: test_conversation)."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await finish_quiz(pilot)
        assert isinstance(app.screen, ResultsScreen)
        assert len(dialogue(pilot).state.answers) == 9 and dialogue(pilot).state.finished
        assert dialogue(pilot).state.answers["pay_min"] == 40000
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is chat(pilot)
        assert option_labels(pilot) == ["See results", "Start over"]
        assert "9 answered" in progress_text(pilot) and "more to go" not in progress_text(pilot)
        await send(pilot, "actually I can do 3 years")
        assert app.screen is chat(pilot) and dialogue(pilot).state.answers["training_months"] == 36


async def test_a_button_press_that_arrives_after_its_question_moved_on_is_refused(make_app: MakeApp) -> None:
    """The fast-burst case: two presses of option 1 reach the screen before it has redrawn the buttons."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        bar = chat(pilot).query_one(OptionsBar)
        first = bar.choices[0]
        for _ in range(2):  # the second is still the first question's button: its pick carries (focus, records)
            bar.post_message(OptionPicked(first.owner, first.id, first.label))
        await pilot.pause()
        assert dialogue(pilot).state.answers == {"focus": "records"}
        assert "no longer open, so I ignored it" in bot_texts(pilot)[-1]
        assert option_labels(pilot) == [o.label for o in dialogue(pilot).current.options]


async def test_an_option_number_sent_alone_chooses_and_a_number_in_words_is_typed(make_app: MakeApp) -> None:
    """(The student's cases, "2 years max" at the exam question and the rest: test_digits_are_text.)"""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("a", "2")
        assert chat(pilot).query_one(ChatInput).value == "a2"
        assert dialogue(pilot).state.answers == {}
        await pilot.press("ctrl+u", "2")
        await pilot.pause()
        assert chat(pilot).query_one(ChatInput).value == "2" and dialogue(pilot).state.answers == {}
        await pilot.press("enter")
        await pilot.pause()
        assert dialogue(pilot).state.answers == {"focus": "coding"}
        assert user_texts(pilot) == ["Coding diagnoses and procedures for billing"]
        for _ in range(9):  # bounded: a settled result opens the results screen, where keys no longer answer
            if dialogue(pilot).current is None or dialogue(pilot).current.kind != "choice":
                break
            await pilot.press("3", "enter")  # "lots" of patient contact keeps the coder unsettled: a number question
            await pilot.pause()
        question = dialogue(pilot).current
        assert question is not None and option_labels(pilot) == []
        await type_keys(pilot, "45000" if question.unit == "usd" else "18")
        assert dialogue(pilot).state.answers[question.id] == (45000 if question.unit == "usd" else 18)


async def test_the_ranking_updates_after_each_answer(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        ranking = chat(pilot).query_one(RankingPanel)
        assert ranking.border_subtitle == "no answers yet"
        await send(pilot, "caring for patients")
        await pilot.pause()
        assert ranking.names[0] == "1. Licensed practical nurse"
        await send(pilot, "back")
        await send(pilot, "taking x-rays")
        await pilot.pause()
        assert ranking.names[0] == "1. Radiologic technician"
        assert ranking.border_subtitle == "match out of 100"


async def test_a_career_nothing_could_be_judged_for_shows_a_dash_not_its_neutral_50(make_app: MakeApp) -> None:
    """The sources say nothing of a manager's patient contact or screen time: its 50 is only the neutral start,
    and a 50 listed below a 21 looked like a mistake."""
    async with make_app().run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await send(pilot, "i like computers but hate needles")
        await pilot.pause()
        ranking = chat(pilot).query_one(RankingPanel)
        result = dialogue(pilot).result()
        unjudged = [rec for rec in result.recommendations if rec.judged == 0]
        assert unjudged, "this test needs a career the two answers say nothing about"
        rows = {row.career: row for row in ranking.query(RankRow)}
        for rec in result.recommendations:
            shown = str(rows[rec.name].render())
            if rec.judged == 0:
                assert shown.rstrip().endswith("–") and str(rec.score) not in shown.split()[-1]
                assert "not judged yet" in str(rows[rec.name].tooltip)
            else:
                assert shown.rstrip().endswith(str(rec.score))
        assert ranking.border_subtitle == "out of 100 · – not judged"


# --- a settled result --------------------------------------------------------------------------------


async def test_clicking_through_to_a_settled_result_opens_the_results_once_then_the_quiz_goes_on(
        make_app: MakeApp) -> None:
    """The flows around it (corrections, settling again, the end) are Conversation tests (test_conversation)."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        for _ in range(9):
            if isinstance(app.screen, ResultsScreen):
                break
            await answer_open_question(pilot, "click")
        assert isinstance(app.screen, ResultsScreen)
        assert dialogue(pilot).state.answers and not dialogue(pilot).state.finished
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is chat(pilot)
        stable = [m for m in messages(pilot) if m.kind == "stable"]
        assert len(stable) == 1 and stable[0].text.startswith("That settles it")
        assert "keep answering" in bot_texts(pilot)[-2] and replies_after_last_user(pilot)[-1].kind == "question"
        assert "settled" in progress_text(pilot)
        question = dialogue(pilot).current
        assert question is not None and option_labels(pilot) == [o.label for o in question.options]
        await answer_open_question(pilot, "keys")
        await send(pilot, "actually I don't want any exams")
        assert app.screen is chat(pilot) and dialogue(pilot).state.answers["exam"] == "no"


# --- chat intents -------------------------------------------------------------------------------------


QUESTIONS_FOR_THE_BOT: list[tuple[str, str]] = [
    ("why do you ask?", ""),
    ("how", ""),
    ("why not LPN?", "Licensed practical nurse"),
    ("what if I said 2 years?", ""),
    ("what does an LPN earn?", "Licensed practical nurse"),
    ("compare coder and registrar", ""),
]


async def test_why_how_why_not_what_if_and_facts_are_answered_in_the_transcript(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("1", "enter")
        await pilot.pause()
        answers = dict(dialogue(pilot).state.answers)
        for text, expected in QUESTIONS_FOR_THE_BOT:
            open_question = dialogue(pilot).current
            await send(pilot, text)
            replies = replies_after_last_user(pilot)
            assert user_texts(pilot)[-1] == text
            assert len(replies) == 1 and replies[0].kind in {"answer", "info"}, (text, replies[0].text)
            assert expected in replies[0].text
            if text.startswith("why do"):
                assert open_question is not None and open_question.why in replies[0].text
            assert len(replies[0].query(CitationLink)) == len(replies[0].citations)
            if replies[0].table is not None:
                assert replies[0].query(ReplyTable)
        assert any(m.citations for m in messages(pilot)), "no reply showed its sources"
        assert any(m.table for m in messages(pilot)), "the comparison was not shown as a table"
        assert dialogue(pilot).state.answers == answers, "a question changed an answer"


async def test_a_citation_opens_in_the_source_viewer_by_keyboard_and_by_mouse(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await send(pilot, "what does an LPN earn?")
        await pilot.press("ctrl+s")  # unfolds the reply's quotes and focuses the first
        await pilot.pause()
        link = replies_after_last_user(pilot)[0].query(CitationLink).first()
        assert pilot.app.focused is link
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SourceScreen)
        assert app.screen.citation == link.citation
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is chat(pilot)
        link.scroll_visible(animate=False)
        await pilot.pause()
        await pilot.click(link)
        await pilot.pause()
        assert isinstance(app.screen, SourceScreen)


async def test_the_comparison_screen_shows_the_top_three(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await send(pilot, "caring for patients")
        top = [rec.career for rec in dialogue(pilot).result().recommendations[:3]]
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        assert app.screen.careers == top


async def test_the_palette_offers_the_quiz_commands(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("1", "enter")
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"proj", "enter")
        await pilot.pause()
        assert app.theme == HIGH_CONTRAST
        await pilot.press("ctrl+p")
        await pilot.press(*"resta", "enter")
        await pilot.pause()
        assert app.screen is chat(pilot)
        assert user_texts(pilot)[-1] == "restart" and dialogue(pilot).state.answers == {"focus": "records"}
        assert option_labels(pilot) == ["Yes, start over", "No, keep my answers"]
        await pilot.press("1", "enter")
        await pilot.pause()
        assert dialogue(pilot).state.answers == {}


async def test_keys_restart_and_switch_to_light_and_high_contrast(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("1", "enter")
        await pilot.pause()
        await send(pilot, "40k")
        assert len(dialogue(pilot).state.answers) == 2
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert len(dialogue(pilot).state.answers) == 2  # it asks first
        await pilot.press("1", "enter")
        await pilot.pause()
        assert dialogue(pilot).state.answers == {}
        assert "0 answered" in progress_text(pilot)
        assert len(option_labels(pilot)) == 7
        assert chat(pilot).query_one(RankingPanel).border_subtitle == "no answers yet"
        footer = {key.description: key.tooltip for key in chat(pilot).query(FooterKey)}
        assert {"Results", "Compare", "Restart", "Contrast", "Quit"} <= set(footer)  # F9 fits from 100 columns
        assert footer["Contrast"] == "High contrast, for projectors"
        assert app.theme == DARK
        await pilot.press("f9")
        assert app.theme == LIGHT
        await pilot.press("f6")
        assert app.theme == HIGH_CONTRAST
        await pilot.press("f6")
        assert app.theme == LIGHT


# --- sizes -------------------------------------------------------------------------------------------


async def test_the_ranking_sits_beside_the_chat_when_wide_and_below_when_narrow(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        ranking = chat(pilot).query_one(RankingPanel)
        transcript = chat(pilot).query_one(Transcript)
        assert ranking.region.x > transcript.region.right - 1
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert ranking.region.y >= transcript.region.bottom
        assert ranking.region.width == 80


async def test_a_too_small_terminal_asks_to_be_enlarged_and_recovers(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(50, 15)) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, TooSmallScreen)
        assert "Please enlarge the terminal to at least 60×18" in str(app.screen.query_one("#too-small-message")
                                                                        .render())
        await pilot.resize_terminal(80, 24)
        assert app.screen is chat(pilot)
        await pilot.press("1", "enter")
        await pilot.pause()
        assert dialogue(pilot).state.answers == {"focus": "records"}


# --- starting with an answers file -----------------------------------------------------------------


async def test_an_answers_file_starts_the_chat_with_those_answers(make_app: MakeApp) -> None:
    app = make_app(dialogue_factory=lambda: new_dialogue({"focus": "coding", "pay_min": 40000}))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert dialogue(pilot).state.answers == {"focus": "coding", "pay_min": 40000}
        assert "2 answered" in progress_text(pilot)
        assert dialogue(pilot).current is not None
        assert dialogue(pilot).current.id not in {"focus", "pay_min"}


@pytest.mark.parametrize("name, content, message", [
    ("answers.toml", 'focus = "astronaut"\n', "focus: 'astronaut' is not accepted"),
    ("answers.json", "{not json", "is not valid JSON"),
    ("answers.toml", 'colour = "blue"\n', "unknown question 'colour'"),
    ("answers.txt", "focus = records\n", "must end in .toml or .json"),
])
def test_a_bad_answers_file_is_one_line_on_stderr_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                             name: str, content: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    code = main(argparse.Namespace(answers=str(path), no_save=False, advisor=False))
    err = capsys.readouterr().err
    assert code == 2
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_a_missing_answers_file_is_one_line_on_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(argparse.Namespace(answers=str(tmp_path / "nope.toml"), no_save=False, advisor=False))
    assert code == 2
    assert capsys.readouterr().err.strip().endswith("does not exist")
