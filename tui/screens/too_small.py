"""Shown over every other screen while the terminal is too small for the chat to be usable."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Center, Middle
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

MIN_WIDTH, MIN_HEIGHT = 60, 18
"""Below this the chat cannot show a question, its options and the input at once."""


class TooSmallScreen(Screen[None]):
    """Pushed by the app when the terminal shrinks below MIN_WIDTH × MIN_HEIGHT; popped once it is larger."""

    def compose(self) -> ComposeResult:
        with Middle():
            with Center():
                yield Static(Content(f"Please enlarge the terminal to at least {MIN_WIDTH}×{MIN_HEIGHT}."),
                             id="too-small-message", markup=False)
