"""Whatever a student types is shown exactly as typed and never breaks the app: markup, huge pastes, escapes."""

from __future__ import annotations

from textual.widgets import Static

from tests.tui.chat_driver import MakeApp, bot_texts, chat, messages, ready, screen_text, send, user_texts
from tui.widgets.chat_input import ChatInput
from tui.widgets.safe import visible
from tui.widgets.transcript import shown_text

MARKUP = ["[bold]x", "[/", "[/]", "[link=x]y", "[red]unclosed", "[@click=app.quit]bye[/]", "$accent [b]$text"]
CONTROL = {
    "\x1b[31mred\x1b[0m": "␛[31mred␛[0m",
    "bell\x07 and nul\x00": "bell␇ and nul␀",
    "tab\there": "tab    here",
    "carriage\rreturn": "carriage␍return",
    "c1\x9bcontrol": "c1\ufffdcontrol",
}


async def test_markup_typed_by_a_student_is_shown_literally(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        for text in MARKUP:
            await send(pilot, text)
            assert text in screen_text(pilot)
        said = [m for m in messages(pilot) if m.author == "user"]
        assert [shown_text(m) for m in said] == MARKUP
        assert app.is_running


async def test_markup_typed_key_by_key_reaches_the_input_and_the_transcript(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        chat(pilot).query_one(ChatInput).focus()
        await pilot.press(*"[/]", "enter")
        await pilot.pause()
        assert user_texts(pilot) == ["[/]"]
        assert bot_texts(pilot)[-1]  # the bot answered (a re-prompt), the app kept running


async def test_a_10000_character_message_is_shown_whole_and_answered(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        huge = ("[/] why " * 1250)[:10_000]
        await send(pilot, huge)
        said = [m for m in messages(pilot) if m.author == "user"][-1]
        assert shown_text(said) == huge
        assert messages(pilot)[-1].author == "bot"
        unbroken = "x" * 10_000
        await send(pilot, unbroken)
        assert shown_text([m for m in messages(pilot) if m.author == "user"][-1]) == unbroken
        assert app.is_running


async def test_control_characters_and_ansi_escapes_are_shown_as_visible_symbols(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        for text, shown in CONTROL.items():
            await send(pilot, text)
            assert "".join(shown.split()) in "".join(screen_text(pilot).split())
        said = [m for m in messages(pilot) if m.author == "user"]
        assert [shown_text(m) for m in said] == list(CONTROL.values())
        assert all("\x1b" not in str(widget.render()) for widget in chat(pilot).query(Static))
        assert app.is_running


def test_visible_keeps_newlines_and_ordinary_text() -> None:
    assert visible("line one\nline two — “quoted” ✓") == "line one\nline two — “quoted” ✓"
    assert visible("windows\r\nline") == "windows\nline"
