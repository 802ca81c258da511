"""Shown over every other screen while the terminal is too small for the chat to be usable.

It opens by itself (a window made smaller, a browser zoomed in), perhaps while the student is typing: what they
type waits, as text, in the chat's message box (`tui.screens.typing`) and is there once the window is larger.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Center, Middle
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from tui.screens.typing import BEHIND, Typing


class TooSmallScreen(Screen[None]):
    """Pushed by the app when the terminal shrinks below `width` × `height` (tui.app MIN_WIDTH, MIN_HEIGHT);
    popped once it is larger."""

    def __init__(self, width: int, height: int, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.min_width, self.min_height = width, height

    def compose(self) -> ComposeResult:
        with Middle():
            with Center():
                yield Static(Content(f"Please enlarge the terminal to at least {self.min_width}×{self.min_height}.\n"
                                     "What you type meanwhile is kept for the chat."),
                             id="too-small-message", markup=False)

    def typing_for_chat(self, event: events.Key, draft: bool) -> Typing | None:
        """Printable keys wait in the message box (asked by the app for every key while this is on top)."""
        return BEHIND if event.is_printable else None
