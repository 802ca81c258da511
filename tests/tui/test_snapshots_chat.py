"""How the chat screen looks after the first answer, at 80×24 and 120×40, in the dark and light themes.

Update after an intended change with `pytest tests/tui/test_snapshots_chat.py --snapshot-update`, then look
at the new SVGs before committing them.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.pilot import Pilot

from tests.tui.chat_driver import MakeApp
from tui.themes import DARK, LIGHT
from tui.widgets.chat_input import ChatInput

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]
THEMES = [pytest.param(DARK, id="dark"), pytest.param(LIGHT, id="light")]


async def after_the_first_answer(pilot: Pilot) -> None:
    """Sources loaded, cursor steady, the first question answered with 1 and Enter."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    pilot.app.query_one(ChatInput).cursor_blink = False
    await pilot.press("1", "enter")
    await pilot.pause()


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES)
def test_chat_screen(snap_compare: Callable[..., bool], make_app: MakeApp, size: tuple[int, int],
                     theme: str) -> None:
    assert snap_compare(make_app(theme=theme), terminal_size=size, run_before=after_the_first_answer)


async def after_a_long_answer(pilot: Pilot) -> None:
    """A fact question whose answer is taller than 80×24's transcript: its first line is shown, its quotes
    folded into one line."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    box = pilot.app.query_one(ChatInput)
    box.cursor_blink = False
    box.value = "what does a medical records technician earn?"
    await pilot.press("enter")
    await pilot.pause()
    await pilot.pause()


def test_a_long_answer_at_80x24(snap_compare: Callable[..., bool], make_app: MakeApp) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=after_a_long_answer)


@pytest.mark.parametrize("size", SIZES)
def test_the_advisor_footer(snap_compare: Callable[..., bool], make_app: MakeApp, size: tuple[int, int]) -> None:
    """Advisor mode at 80×24 and 120×40: the footer keeps what fits, whole, with Quit and the palette."""
    assert snap_compare(make_app(advisor=True), terminal_size=size, run_before=after_the_first_answer)


async def with_an_option_number_in_the_box(pilot: Pilot) -> None:
    """The student typed 2 and has not pressed Enter: the box says what Enter will choose, the option is marked."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    pilot.app.query_one(ChatInput).cursor_blink = False
    await pilot.press("2")
    await pilot.pause()


@pytest.mark.parametrize("theme", THEMES)
def test_enter_chooses_the_option_whose_number_is_in_the_box(snap_compare: Callable[..., bool], make_app: MakeApp,
                                                             theme: str) -> None:
    assert snap_compare(make_app(theme=theme), terminal_size=(80, 24), run_before=with_an_option_number_in_the_box)
