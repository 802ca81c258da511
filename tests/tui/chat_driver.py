"""Driving the chat app like a student: type, press, and read what the transcript shows."""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.pilot import Pilot

from rules.dialogue import Dialogue
from tui.app import CareerQuizApp
from tui.screens.chat import ChatScreen
from tui.widgets.chat_input import ChatInput
from tui.widgets.options import OptionsBar
from tui.widgets.transcript import MessageBubble, Transcript

TYPED_ANSWERS: dict[str, str] = {
    "focus": "records",
    "patient_contact": "none",
    "training_months": "two years max",
    "pay_min": "about 40k",
    "exam": "yes",
    "science": "they're ok",
    "equipment": "no",
    "computer_work": "yes",
    "schedule": "daytime only",
}
"""An answer in a student's own words for every question."""

MakeApp = Callable[..., CareerQuizApp]


async def ready(pilot: Pilot) -> None:
    """Wait until the sources are loaded and the first question is on screen."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def chat(pilot: Pilot) -> ChatScreen:
    app = pilot.app
    assert isinstance(app, CareerQuizApp)
    return app.chat


def dialogue(pilot: Pilot) -> Dialogue:
    found = chat(pilot).dialogue
    assert found is not None
    return found


async def send(pilot: Pilot, text: str) -> None:
    """Type a message into the input (all at once, as a paste would) and press Enter."""
    box = chat(pilot).query_one(ChatInput)
    box.focus()
    box.value = text
    await pilot.press("enter")
    await pilot.pause()


async def type_keys(pilot: Pilot, text: str) -> None:
    """Type a message key by key, then press Enter."""
    chat(pilot).query_one(ChatInput).focus()
    await pilot.press(*text, "enter")
    await pilot.pause()


BURST_KEYS = {"\r": "enter", " ": "space", "'": "apostrophe", "\b": "backspace", "?": "question_mark",
              ",": "comma", ".": "full_stop", "$": "dollar_sign"}


async def burst(pilot: Pilot, text: str) -> None:
    """Type `text` ("\r" is Enter, "\b" Backspace) as a fast typist or a paste-speed `tmux send-keys` does: every
    key reaches the app before it has handled the first. (`pilot.press` waits for the app between keys, so it
    never shows what happens to keys that arrive while a screen is opening.) Then wait until all is handled."""
    app = pilot.app
    driver = app._driver
    assert driver is not None
    for character in text:
        key = BURST_KEYS.get(character, character)
        event = events.Key(key, None if key in ("enter", "backspace") else character)
        event.set_sender(app)
        driver.send_message(event)
    for _ in range(4):
        await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def messages(pilot: Pilot) -> list[MessageBubble]:
    return chat(pilot).query_one(Transcript).messages


def bot_texts(pilot: Pilot) -> list[str]:
    return [m.text for m in messages(pilot) if m.author == "bot"]


def user_texts(pilot: Pilot) -> list[str]:
    return [m.text for m in messages(pilot) if m.author == "user"]


def screen_text(pilot: Pilot) -> str:
    """What the terminal shows right now, as plain text."""
    from io import StringIO

    from rich.console import Console

    app = pilot.app
    console = Console(width=app.size.width, height=app.size.height, file=StringIO(), record=True,
                      force_terminal=True, color_system="truecolor", legacy_windows=False, safe_box=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text()


async def toasts(pilot: Pilot) -> list[str]:
    """The notifications on screen, as plain text (title, newline, message), once the app is idle."""
    from textual.widgets._toast import Toast

    await pilot.pause()
    return [str(toast.render()) for toast in pilot.app.screen.query(Toast)]


def option_labels(pilot: Pilot) -> list[str]:
    return [choice.label for choice in chat(pilot).query_one(OptionsBar).choices]


def replies_after_last_user(pilot: Pilot) -> list[MessageBubble]:
    found = messages(pilot)
    last_user = max(i for i, m in enumerate(found) if m.author == "user")
    return found[last_user + 1:]
