"""No keystroke lost around screens that open by themselves: what a student types while the results open goes
to the chat, in order; a screen's letter keys act only once the student uses it (or asked for it).

Driven as a student would: `pilot.press` for keys typed once the screen is up, `burst` for keys that arrive all
at once right behind the answer that settles the result (tmux send-keys, a fast typist, a paste).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from textual.screen import Screen
from textual.widgets import DataTable

from rules.dialogue import Dialogue, SessionState
from tests.tui.chat_driver import (
    MakeApp,
    bot_texts,
    burst,
    chat,
    dialogue,
    messages,
    ready,
    screen_text,
    send,
    user_texts,
)
from tui.app import CareerQuizApp, app_for
from tui.screens.compare import CompareScreen
from tui.screens.other_window import KEPT, OtherWindowScreen
from tui.screens.results import TYPING_HINT, TYPING_THROUGH_HINT, ResultsScreen
from tui.screens.too_small import TooSmallScreen
from tui.sessions import SessionStore
from tui.widgets.chat_input import ChatInput

SIZE = (100, 30)
SETTLING = ("coding", "none")
"""Two answers in a student's words; the second settles the top pick (the medical coder), and the exam
question comes next."""


def record_screens(app: CareerQuizApp) -> list[str]:
    """The names of the screens pushed from now on, in order."""
    pushed: list[str] = []
    push = app.push_screen

    def recording(screen: Screen, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        pushed.append(type(screen).__name__)
        return push(screen, *args, **kwargs)  # type: ignore[arg-type]

    app.push_screen = recording  # type: ignore[method-assign]
    return pushed


def box(pilot) -> ChatInput:  # type: ignore[no-untyped-def]
    return chat(pilot).query_one(ChatInput)


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    """Answer until the results open by themselves."""
    await send(pilot, SETTLING[0])
    await send(pilot, SETTLING[1])
    assert isinstance(pilot.app.screen, ResultsScreen) and pilot.app.screen.typing_through


async def ask_with_key(pilot, key: str) -> None:  # type: ignore[no-untyped-def]
    """After a first answer, open a view by asking for it with its key (Ctrl+R, Ctrl+O)."""
    await send(pilot, SETTLING[0])
    await pilot.press(key)
    await pilot.pause()


# --- keys typed once the results have opened by themselves -----------------------------------------------


async def test_typing_on_results_that_opened_by_themselves_goes_on_in_the_chat(make_app: MakeApp) -> None:
    """'c' would have compared and 'q' gone back: here every letter, digit and space is the student's text."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await settle(pilot)
        assert TYPING_THROUGH_HINT in screen_text(pilot)
        pushed = record_screens(app)
        await pilot.press(*"can I quit exams? 2")
        assert app.screen is chat(pilot) and pushed == []
        assert box(pilot).value == "can I quit exams? 2"
        await pilot.press("enter")
        await pilot.pause()
        assert user_texts(pilot)[-1] == "can I quit exams? 2"


async def test_a_burst_right_after_the_settling_answer_is_answered_in_order(make_app: MakeApp) -> None:
    """Every key reaches the app before it has handled the settling answer: the results open once, nothing
    is lost or reordered, no letter opens another screen."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await send(pilot, SETTLING[0])
        pushed = record_screens(app)
        await burst(pilot, f"{SETTLING[1]}\ractually I don't want any exams\rcan a coder work from home")
        assert pushed == ["ResultsScreen"]
        assert user_texts(pilot)[-2:] == [SETTLING[1], "actually I don't want any exams"]
        assert dialogue(pilot).state.answers["exam"] == "no"
        assert box(pilot).value == "can a coder work from home"
        assert len([m for m in messages(pilot) if m.kind == "stable"]) == 1


async def test_a_digit_typed_as_the_results_open_is_typed_in_the_box_as_it_would_have_been_in_the_chat(
        make_app: MakeApp) -> None:
    """A digit is text in the chat ("2 years max" starts with one): here too. Enter then sends it, and a message
    that is only an option's number chooses that option."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await settle(pilot)
        question = dialogue(pilot).current
        assert question is not None and question.id == "exam"
        await pilot.press("2")
        await pilot.pause()
        assert app.screen is chat(pilot) and box(pilot).value == "2"
        assert "exam" not in dialogue(pilot).state.answers
        await pilot.press("enter")
        await pilot.pause()
        assert dialogue(pilot).state.answers["exam"] == question.options[1].value


async def test_a_message_waiting_in_the_box_is_sent_by_enter_on_results_that_opened_by_themselves(
        make_app: MakeApp) -> None:
    """Keys already on their way to the message box when the results opened are there, under them: Enter sends
    them; with nothing waiting, Enter is the results' own key (it closes the first card)."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await settle(pilot)
        box(pilot).value = "actually no exams"  # what a fast typist had typed before the results covered it
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is chat(pilot) and user_texts(pilot)[-1] == "actually no exams"
        assert dialogue(pilot).state.answers["exam"] == "no" and box(pilot).value == ""


async def test_results_show_an_answer_that_was_on_its_way_as_they_opened(make_app: MakeApp) -> None:
    """A message sent in the same burst is answered after the results opened: they show the answers as they are
    now, not as they were a moment ago, and still take the student's typing."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await settle(pilot)
        chat(pilot).say("actually I don't want any exams")  # typed before the results covered the box
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen) and app.screen.typing_through
        assert "from 3 answers" in screen_text(pilot) and TYPING_THROUGH_HINT in screen_text(pilot)
        await pilot.press("x")
        assert app.screen is chat(pilot) and box(pilot).value == "x"


async def test_once_the_student_uses_the_results_their_letter_keys_work(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await settle(pilot)
        results = app.screen
        assert isinstance(results, ResultsScreen)
        await pilot.press("down")
        await pilot.pause()
        assert not results.typing_through and TYPING_HINT in screen_text(pilot)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is results
        answers = dialogue(pilot).state.answers
        await pilot.press("2", "x")  # not a key of the results: typed in the chat, a digit only as text
        await pilot.pause()
        assert app.screen is chat(pilot) and box(pilot).value == "2x"
        assert dialogue(pilot).state.answers == answers


async def test_results_the_student_asked_for_take_their_own_keys_at_once(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await ask_with_key(pilot, "ctrl+r")
        assert isinstance(app.screen, ResultsScreen) and not app.screen.typing_through
        assert TYPING_HINT in screen_text(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert app.screen is chat(pilot) and box(pilot).value == ""
        await send(pilot, "results")
        assert isinstance(app.screen, ResultsScreen) and not app.screen.typing_through


async def test_a_click_on_results_that_opened_by_themselves_is_using_them(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await settle(pilot)
        await pilot.click("#results-heading")
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)


# --- the comparison --------------------------------------------------------------------------------------


async def test_typing_on_the_comparison_goes_back_to_the_chat_as_text(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await ask_with_key(pilot, "ctrl+o")
        assert isinstance(app.screen, CompareScreen) and isinstance(app.focused, DataTable)
        await pilot.press("s")  # its own key: choose the careers
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        await pilot.press(*"1 year")
        await pilot.pause()
        assert app.screen is chat(pilot) and box(pilot).value == "1 year"
        assert dialogue(pilot).state.answers == {"focus": "coding"}


# --- answers given at the start ----------------------------------------------------------------------------


def settled_start(tmp_path: Path) -> argparse.Namespace:
    path = tmp_path / "answers.toml"
    path.write_text('focus = "coding"\ntraining_months = 12\n', encoding="utf-8")
    return argparse.Namespace(answers=str(path), no_save=True, advisor=False)


async def test_answers_from_a_file_that_settle_open_the_results_at_the_start_once(tmp_path: Path) -> None:
    app = app_for(settled_start(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, ResultsScreen) and app.screen.typing_through
        assert "More answers can no longer change the top pick." in screen_text(pilot)
        await pilot.press("escape")
        await pilot.pause()
        texts = bot_texts(pilot)
        assert "Started with 2 answers from answers.toml." in texts
        assert [t for t in texts if t.startswith("That settles it")] == [
            "That settles it: no remaining answer can change the top pick, Medical coder."]
        assert any(t.startswith("Here are the results") and "keep answering" in t for t in texts)
        await send(pilot, "none")
        assert app.screen is chat(pilot)


async def test_typing_while_a_settled_answers_file_loads_is_kept_when_the_results_open(tmp_path: Path) -> None:
    """The first question shows before the sources load; what is typed meanwhile is still there afterwards."""
    app = app_for(settled_start(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"lots of")
        await ready(pilot)
        await pilot.press(*" patients")
        await pilot.pause()
        assert app.screen is chat(pilot) and box(pilot).value == "lots of patients"


async def test_an_answers_file_that_settles_nothing_opens_nothing(make_app: MakeApp) -> None:
    app = make_app(dialogue_factory=lambda: Dialogue(state=SessionState(answers={"focus": "records"},
                                                                            order=["focus"])))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert app.screen is chat(pilot)


# --- the question about another window -----------------------------------------------------------------------


async def test_typing_as_the_other_window_question_opens_waits_in_the_box_and_chooses_nothing(
        make_app: MakeApp, tmp_path: Path) -> None:
    """It opens by itself once the sources are loaded: Space never presses its button, Enter straight after
    typing is not a choice, and the text is in the message box once the student has chosen."""
    holder = SessionStore(tmp_path / "data")
    assert holder.lock.acquire()
    try:
        app = make_app(store=SessionStore(tmp_path / "data"))
        async with app.run_test(size=SIZE) as pilot:
            await ready(pilot)
            asked = app.screen
            assert isinstance(asked, OtherWindowScreen)
            await pilot.press(*"some patients", "enter")
            await pilot.pause()
            kept = asked.query_one("#other-window-kept")
            assert app.screen is asked and kept.display and str(kept.render()) == KEPT
            await pilot.press("enter")  # now a choice: the focused button, continue without saving
            await pilot.pause()
            assert app.screen is chat(pilot) and box(pilot).value == "some patients"
            assert dialogue(pilot).state.answers == {}
    finally:
        holder.lock.release()


# --- a window made too small -----------------------------------------------------------------------------


async def test_typing_while_the_window_is_too_small_is_kept_for_the_chat(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press(*"I like ")
        await pilot.resize_terminal(50, 15)
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.press(*"computers 2")
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        assert app.screen is chat(pilot) and box(pilot).value == "I like computers 2"
        assert dialogue(pilot).state.answers == {}
