"""`python -m tui.screenshots DIR`: SVG screenshots of a conversation, its results and the comparison, taken by
the app itself.

The app runs headless (Textual's test driver) with the real brain; a scripted student answers a few questions,
asks why, and opens the results; at 80×24 another asks a question whose answer is taller than the screen and
opens the comparison. `make screenshots` writes them to docs/.
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
SCRIPT: tuple[str, ...] = ("1", "why?", "2", "about 40k")
"""What the student does: each step is typed and sent with Enter (a number alone chooses that option)."""
LONG_ANSWER: tuple[str, ...] = ("1", "what does a medical records technician earn?")
"""A fact question whose answer is taller than 80×24: shown from its first line, its quotes folded."""
SHOTS: tuple[tuple[str, str, tuple[int, int], tuple[str, ...], str | None], ...] = (
    ("chat", DARK, (120, 40), SCRIPT, "results"),
    ("chat-light", LIGHT, (120, 40), SCRIPT, None),
    ("chat-80x24", DARK, (80, 24), SCRIPT, None),
    ("chat-high-contrast", HIGH_CONTRAST, (120, 40), SCRIPT, None),
    ("answer-80x24", DARK, (80, 24), LONG_ANSWER, "compare-80x24"),
)
"""(file name, theme, terminal size, what the student does, and the view shot after it: results or compare)."""
VIEWS = {"results": "ctrl+r", "compare-80x24": "ctrl+o"}


async def shoot(folder: Path, name: str, theme: str, size: tuple[int, int], script: tuple[str, ...],
                then: str | None) -> list[Path]:
    app = CareerQuizApp(theme=theme)
    written: list[Path] = []
    async with app.run_test(size=size) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        box = app.query_one(ChatInput)
        box.cursor_blink = False
        for step in script:
            box.value = step
            await pilot.press("enter")
            await pilot.pause()
        written.append(Path(app.save_screenshot(f"{name}.svg", path=str(folder))))
        if then is not None:
            await pilot.press(VIEWS[then])
            await pilot.pause()
            written.append(Path(app.save_screenshot(f"{then}.svg", path=str(folder))))
    return written


async def shoot_all(folder: Path) -> list[Path]:
    written: list[Path] = []
    for name, theme, size, script, then in SHOTS:
        written += await shoot(folder, name, theme, size, script, then)
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
