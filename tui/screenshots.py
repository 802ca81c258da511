"""`python -m tui.screenshots DIR`: SVG screenshots of a conversation and its results, taken by the app itself.

The app runs headless (Textual's test driver) with the real brain; a scripted student answers a few questions,
asks why, and opens the results. `make screenshots` writes them to docs/.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Sequence
from pathlib import Path

from tui.app import CareerQuizApp
from tui.themes import DARK, HIGH_CONTRAST, LIGHT
from tui.widgets.chat_input import ChatInput

USAGE = "usage: python -m tui.screenshots DIR"
SHOTS: tuple[tuple[str, str, tuple[int, int]], ...] = (
    ("chat", DARK, (120, 40)),
    ("chat-light", LIGHT, (120, 40)),
    ("chat-80x24", DARK, (80, 24)),
    ("chat-high-contrast", HIGH_CONTRAST, (120, 40)),
)
"""(file name, theme, terminal size) of each conversation screenshot; the first also shoots the results."""
SCRIPT: tuple[str, ...] = ("1", "why?", "2", "about 40k")
"""What the student does: a number key chooses an option, anything else is typed and sent."""


async def shoot(folder: Path, name: str, theme: str, size: tuple[int, int], results: bool) -> list[Path]:
    app = CareerQuizApp(theme=theme)
    written: list[Path] = []
    async with app.run_test(size=size) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        box = app.query_one(ChatInput)
        box.cursor_blink = False
        for step in SCRIPT:
            if step.isdigit():
                await pilot.press(step)
            else:
                box.value = step
                await pilot.press("enter")
            await pilot.pause()
        written.append(Path(app.save_screenshot(f"{name}.svg", path=str(folder))))
        if results:
            await pilot.press("ctrl+r")
            await pilot.pause()
            written.append(Path(app.save_screenshot("results.svg", path=str(folder))))
    return written


async def shoot_all(folder: Path) -> list[Path]:
    written: list[Path] = []
    for index, (name, theme, size) in enumerate(SHOTS):
        written += await shoot(folder, name, theme, size, results=index == 0)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        print(USAGE, file=sys.stderr)
        return 2
    folder = Path(args[0])
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        print(f"screenshots: cannot create {folder}: {error.strerror}", file=sys.stderr)
        return 2
    for path in asyncio.run(shoot_all(folder)):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
