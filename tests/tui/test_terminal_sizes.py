"""Terminal sizes (issue 6): a tiny terminal asks to be enlarged and ignores typing; resizing mid-quiz loses
nothing and shows the open question again."""

from __future__ import annotations

from pathlib import Path

from tests.tui.chat_driver import MakeApp, chat, dialogue, option_labels, ready, screen_text
from tui.screens.too_small import TooSmallScreen
from tui.widgets.transcript import Transcript


async def test_at_40x10_the_app_asks_to_be_enlarged_and_typing_does_nothing(make_app: MakeApp,
                                                                           tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(40, 10)) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, TooSmallScreen)
        assert "Please enlarge the terminal" in screen_text(pilot)
        before = len(chat(pilot).query_one(Transcript).messages)
        await pilot.press("1", "2", *"records", "enter", "ctrl+g", "ctrl+e", "ctrl+a", "f2", "f4", "escape")
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        assert dialogue(pilot).state.answers == {}
        assert len(chat(pilot).query_one(Transcript).messages) == before
        assert list(tmp_path.glob("career-quiz-report-*")) == []
        await pilot.resize_terminal(80, 24)
        assert app.screen is chat(pilot)
        assert dialogue(pilot).current is not None and dialogue(pilot).current.id == "focus"
        assert len(option_labels(pilot)) == 7


async def test_resizing_mid_quiz_keeps_the_answers_and_shows_the_open_question(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("1", "enter")
        await pilot.pause()
        await pilot.press("1", "enter")
        await pilot.pause()
        answers = dict(dialogue(pilot).state.answers)
        assert len(answers) == 2
        question = dialogue(pilot).current
        assert question is not None
        for size in ((80, 24), (40, 10), (120, 40)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert isinstance(app.screen, TooSmallScreen) == (size == (40, 10))
            assert dialogue(pilot).state.answers == answers
        assert app.screen is chat(pilot)
        assert dialogue(pilot).current == question
        shown = screen_text(pilot)
        assert "Question 3 (at most" in shown
        assert option_labels(pilot) == [option.label for option in question.options]  # none for a number
        assert "2 answered" in shown
