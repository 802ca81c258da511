"""Browser mode with the mouse: a click on an option in Chromium chooses that option.

The options bar draws every option itself and finds the clicked one from the cell under the pointer, so this checks
the whole way a click travels in a browser: xterm.js reports it, textual-serve forwards it, the app resolves it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.tui.browser import Browser, Tab

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("browser")]

MOVE = re.compile(rb"\x1b\[(\d+);(\d+)H")
"""A cursor move: where the app's next text is drawn (row; column, from 1)."""
STYLE = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]")


def cell_of(raw: bytes, text: str) -> tuple[int, int, int, int]:
    """Where `text` was last drawn (row, column, from 1), and the screen's rows and columns as drawn."""
    parts = MOVE.split(raw)
    found, rows, columns = None, 0, 0
    for index in range(1, len(parts) - 2, 3):
        row, column = int(parts[index]), int(parts[index + 1])
        plain = STYLE.sub(b"", parts[index + 2]).decode("utf-8", errors="replace")
        rows, columns = max(rows, row), max(columns, column + len(plain) - 1)
        if (at := plain.find(text)) != -1:
            found = (row, column + at)
    assert found is not None, f"{text!r} was never drawn"
    return (*found, rows, columns)


async def click_text(tab: Tab, text: str) -> None:
    """Click the middle of the first cells of `text` on the page's terminal, as a mouse would."""
    row, column, rows, columns = cell_of(tab.received_bytes(), text)
    left, top, width, height = await tab.evaluate(
        "(() => { const r = document.querySelector('.xterm-screen').getBoundingClientRect();"
        " return [r.left, r.top, r.width, r.height]; })()")
    x, y = left + (column + 1.5) * width / columns, top + (row - 0.5) * height / rows
    for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
        await tab.call("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)


async def test_in_chromium_a_click_on_an_option_chooses_it(browser: Browser, tmp_path: Path) -> None:
    import aiohttp

    with browser.serving(tmp_path) as url:
        async with aiohttp.ClientSession() as session:
            tab = await browser.tab(session, url)
            await tab.until_received("2 Coding")
            await tab.pump(0.5)  # the whole first screen: the click lands where it was last drawn
            await click_text(tab, "2 Coding")
            await tab.until_received("Got it — kind of work: Coding diagnoses and procedures for billing")
