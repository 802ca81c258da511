"""A digit typed in the chat's message box is text until Enter: "2 years max" is a message, never option 2.

Students write answers that start with a number ("2 years max", "40k", "3 months", "2nd shift"). The box used to
choose option N the moment N was typed into an empty box, which stored an answer the student never gave and
sent the rest of the message to the next question. Now a message that is only an option's number ("2", " 2 ",
"#2", "option 2") chooses that option when it is sent, by its (question id, option id), and a hint above the box
says so while the box holds it; on the option buttons themselves (a menu) a digit still chooses at once.
"""

from __future__ import annotations

import json
import threading

import pytest
from textual.pilot import Pilot

from rules.dialogue import Dialogue, SessionState
from tests.tui.chat_driver import MakeApp, bot_texts, burst, chat, option_labels, ready, screen_text, send, user_texts
from tui.sessions import SessionStore
from tui.widgets.chat_input import ChatInput
from tui.widgets.options import OptionsBar

SIZE = (100, 30)
CODING = "Coding diagnoses and procedures for billing"


def answers(pilot: Pilot) -> dict:
    """What the conversation has stored."""
    return dict(chat(pilot).conversation.answers)


def box(pilot: Pilot) -> ChatInput:
    return chat(pilot).query_one(ChatInput)


async def typed(pilot: Pilot, text: str, how: str) -> None:
    """Type `text` ("\r" is Enter, "\b" Backspace) key by key, waiting between keys, or as one fast burst."""
    if how == "burst":
        await burst(pilot, text)
        return
    keys = {"\r": "enter", "\b": "backspace", " ": "space", "#": "number_sign"}
    box(pilot).focus()
    await pilot.press(*(keys.get(character, character) for character in text))
    await pilot.pause()


async def at_the_exam_question(pilot: Pilot) -> None:
    """Answer the questions before the exam question in words (training time 18 months)."""
    await ready(pilot)
    for text in ("records", "none", "40k", "18 months"):
        await send(pilot, text)
    assert chat(pilot).turn is not None and chat(pilot).turn.owner == "exam", "this test needs the exam question"
    assert option_labels(pilot) == ["No, I'd rather not", "Yes, that's fine"]


HOW = [pytest.param("keys", id="key-by-key"), pytest.param("burst", id="burst")]


@pytest.mark.parametrize("how", HOW)
async def test_2_years_max_at_the_exam_question_is_a_training_time_never_option_2(make_app: MakeApp,
                                                                                   how: str) -> None:
    """The lead's case: it stored "exams: Yes, that's fine" and sent " years max" to the next question."""
    async with make_app().run_test(size=SIZE) as pilot:
        await at_the_exam_question(pilot)
        await typed(pilot, "2 years max\r", how)
        stored = answers(pilot)
        assert "exam" not in stored
        assert stored["training_months"] == 24
        assert user_texts(pilot)[-1] == "2 years max"
        assert not any(text.strip() == "years max" for text in user_texts(pilot))
        assert box(pilot).value == ""
        assert chat(pilot).turn.owner == "exam"  # the exam question is still open, as it was


@pytest.mark.parametrize("text, question, value", [
    ("40k", "pay_min", 40000),
    ("3 months", "training_months", 3),
    ("1 year of school", "training_months", 12),
])
async def test_an_answer_starting_with_a_number_at_a_choice_question_is_read_as_words(
        make_app: MakeApp, text: str, question: str, value: int) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        await send(pilot, "records")
        assert chat(pilot).turn.owner == "patient_contact"
        await typed(pilot, text + "\r", "keys")
        stored = answers(pilot)
        assert "patient_contact" not in stored
        assert stored[question] == value
        assert user_texts(pilot)[-1] == text and box(pilot).value == ""


async def test_2nd_shift_at_a_choice_question_answers_nothing(make_app: MakeApp) -> None:
    """Not an answer the brain can read: it says so, and nothing is stored under the open question."""
    async with make_app().run_test(size=SIZE) as pilot:
        await at_the_exam_question(pilot)
        before = answers(pilot)
        await typed(pilot, "2nd shift\r", "keys")
        assert answers(pilot) == before
        assert user_texts(pilot)[-1] == "2nd shift"


@pytest.mark.parametrize("text", ["2", " 2 ", "#2", "option 2"])
async def test_an_option_number_sent_with_enter_chooses_that_option(make_app: MakeApp, text: str) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        await typed(pilot, text, "keys")
        assert answers(pilot) == {}, "nothing is chosen before Enter"
        assert box(pilot).value == text
        await typed(pilot, "\r", "keys")
        assert answers(pilot) == {"focus": "coding"}
        assert user_texts(pilot) == [CODING]  # shown as the option chosen, as a click shows it
        assert box(pilot).value == ""


async def test_a_number_that_is_no_option_is_sent_as_words(make_app: MakeApp) -> None:
    """9 at a question with seven options: the brain says it can't match it; nothing is stored."""
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        await typed(pilot, "9\r", "keys")
        assert answers(pilot) == {}
        assert user_texts(pilot) == ["9"]


@pytest.mark.parametrize("how", HOW)
async def test_2_then_backspace_then_coding_answers_coding(make_app: MakeApp, how: str) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        await typed(pilot, "2\bcoding\r", how)
        assert (user_texts(pilot), answers(pilot)) == (["coding"], {"focus": "coding"})


async def test_enter_says_what_it_will_choose_while_the_box_holds_an_option_number(make_app: MakeApp) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        bar = chat(pilot).query_one(OptionsBar)
        await typed(pilot, "2", "keys")
        assert "Enter chooses 2 · Coding diagnoses" in screen_text(pilot)
        assert bar.marked == 1  # the second option, drawn marked
        await typed(pilot, " years", "keys")
        assert "Enter chooses" not in screen_text(pilot)
        assert bar.marked is None
        await typed(pilot, "\b" * 6, "keys")
        assert "Enter chooses 2" in screen_text(pilot)
        await typed(pilot, "\r", "keys")
        assert "Enter chooses" not in screen_text(pilot)  # the next question: the box is empty
        assert bar.marked is None


async def test_the_hint_follows_the_options_on_show(make_app: MakeApp) -> None:
    """A number question has no options: "2" there is two years, and Enter promises no choice."""
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        await send(pilot, "records")
        await send(pilot, "none")
        assert option_labels(pilot) == []
        await typed(pilot, "2", "keys")
        assert "Enter chooses" not in screen_text(pilot)


async def test_on_the_option_buttons_a_digit_chooses_at_once(make_app: MakeApp) -> None:
    """The buttons are a menu: Shift+Tab from the box reaches them, the arrows move between them, and a digit
    chooses at once (by ids); the focus then goes back to the box for the next answer."""
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("shift+tab")
        bar = pilot.app.focused
        assert isinstance(bar, OptionsBar)
        await pilot.press("down")
        assert bar.highlighted == 1  # Enter would choose option 2; the digit 3 chooses option 3
        await pilot.press("3")
        await pilot.pause()
        assert answers(pilot) == {"focus": "cancer_data"}
        assert isinstance(pilot.app.focused, ChatInput) and box(pilot).value == ""


async def test_a_letter_on_the_option_buttons_is_typed_in_the_box(make_app: MakeApp) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("shift+tab")
        assert isinstance(pilot.app.focused, OptionsBar)
        await pilot.press("c", "o")
        await pilot.pause()
        assert isinstance(pilot.app.focused, ChatInput) and box(pilot).value == "co"
        assert answers(pilot) == {}


async def test_a_fast_burst_of_1_enter_1_enter_answers_two_questions_with_their_option_1(
        make_app: MakeApp) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        await burst(pilot, "1\r1\r")
        assert answers(pilot) == {"focus": "records", "patient_contact": "none"}
        assert user_texts(pilot) == ["Keeping patient records complete and accurate",
                                     "None — I'd rather work behind the scenes"]
        assert box(pilot).value == ""


async def test_an_option_number_answers_a_prompt_by_its_choice(make_app: MakeApp) -> None:
    """'Start over?' is not a question of the quiz: its "2" is its second button (keep my answers), never option 2
    of the question behind it."""
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        await send(pilot, "records")
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert option_labels(pilot) == ["Yes, start over", "No, keep my answers"]
        await typed(pilot, "2", "keys")
        assert "Enter chooses 2 · No, keep my answers" in screen_text(pilot)
        await typed(pilot, "\r", "keys")
        assert answers(pilot) == {"focus": "records"}
        assert chat(pilot).turn.owner == "patient_contact"


async def test_with_nothing_focused_a_number_and_enter_still_choose(make_app: MakeApp) -> None:
    """Seen in browser mode (a tab left open while others came and went had nothing focused): the digit went to
    the box, and the Enter right behind it reached the screen first and was lost."""
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        chat(pilot).set_focus(None)
        await pilot.pause()
        await burst(pilot, "1\r")
        assert answers(pilot) == {"focus": "records"}
        assert user_texts(pilot) == ["Keeping patient records complete and accurate"] and box(pilot).value == ""
        chat(pilot).set_focus(None)
        await pilot.pause()
        await burst(pilot, "x\b\bsome\r")
        assert answers(pilot) == {"focus": "records", "patient_contact": "some"}
        assert user_texts(pilot)[-1] == "some" and box(pilot).value == ""


async def test_a_number_typed_for_options_that_then_change_is_never_read_as_the_new_ones(
        make_app: MakeApp, store: SessionStore) -> None:
    """"2" typed for the first question while the sources load; they load and ask 'Continue, or start fresh?'
    instead. The 2 was Coding, not 'Start fresh': the hint goes, and Enter is refused (said so), the saved session
    untouched and the question still open."""
    store.save(SessionState(answers={"focus": "records"}, order=["focus"], current="patient_contact"))
    loaded = threading.Event()

    def slow_dialogue() -> Dialogue:
        loaded.wait(timeout=10)
        return Dialogue()

    async with make_app(store=store, dialogue_factory=slow_dialogue).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await typed(pilot, "2", "keys")
        assert "Enter chooses 2 · Coding diagnoses" in screen_text(pilot)
        loaded.set()
        await ready(pilot)
        assert option_labels(pilot) == ["Continue", "Start fresh"]
        assert "Enter chooses" not in screen_text(pilot) and chat(pilot).query_one(OptionsBar).marked is None
        await typed(pilot, "\r", "keys")
        assert option_labels(pilot) == ["Continue", "Start fresh"]  # still asked
        assert "First choose: continue your saved session, or start fresh?" in bot_texts(pilot)[-1]
        assert json.loads(store.path.read_text(encoding="utf-8"))["answers"] == {"focus": "records"}
        await typed(pilot, "2", "keys")
        assert "Enter chooses 2 · Start fresh" in screen_text(pilot)  # typed now, for these options
