"""Career Quiz is already open in another window on the same data folder: ask before saving anything.

Without this, each window's save replaced the other's answers, silently. The choice returned is one of
`UNSAVED` (carry on here, save nothing), `RETRY` (the other window was closed: take over the saved session) or
`QUIT`. Escape means `UNSAVED`, the choice that changes nothing on disk.

It opens by itself (at the start, or at a save), perhaps while the student is typing: what they type goes into
the chat's message box behind it, as text (`tui.screens.typing`), so no key is lost and Space never presses a
button; an Enter straight after typing is not a choice either (it says so). Tab, the arrows or a click first.
"""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from tui.screens.typing import BEHIND, Typing

UNSAVED, RETRY, QUIT = "unsaved", "retry", "quit"
KEPT = ("What you type is kept in the chat's message box for after you choose. Choose with Tab (or the arrows) "
        "and Enter, or click.")
"""Shown once the student has typed something while this question was open."""
DELIBERATE = frozenset({"tab", "shift+tab", "left", "right", "up", "down"})


def explanation(path: Path | None, again: bool = False) -> Content:
    where = f" (in {path})" if path is not None else ""
    first = "It is still open elsewhere. " if again else ""
    return Content(f"{first}Career Quiz is already open in another window on this computer, and that window saves "
                   f"the session{where}. So that neither window replaces the other's answers, choose:\n\n"
                   "• Continue without saving — this window keeps your answers until you close it.\n"
                   "• Try again — after closing the other window, to continue the saved session here.\n"
                   "• Quit — and use the other window.")


class OtherWindowScreen(ModalScreen[str]):
    """The choice, as three buttons (Tab moves between them; Escape continues without saving)."""

    DEFAULT_CSS = """
    OtherWindowScreen { align: center middle; }
    OtherWindowScreen > Vertical {
        width: 76; max-width: 100%; height: auto; padding: 1 2;
        border: thick $warning; background: $surface;
    }
    OtherWindowScreen Horizontal { height: auto; margin-top: 1; }
    OtherWindowScreen Button { margin-right: 1; }
    OtherWindowScreen #other-window-kept { margin-top: 1; color: $text-warning; display: none; }
    OtherWindowScreen #other-window-kept.-shown { display: block; }
    """
    BINDINGS = [Binding("escape", "dismiss('unsaved')", "Continue without saving", show=False)]

    def __init__(self, path: Path | None, again: bool = False) -> None:
        super().__init__()
        self.path = path
        self.again = again
        self.typing = False
        """The student's last key was typed (into the message box): an Enter now is not a choice."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(explanation(self.path, self.again), id="other-window-text")
            with Horizontal():
                yield Button("Continue without saving", id=UNSAVED, variant="primary")
                yield Button("Try again", id=RETRY)
                yield Button("Quit", id=QUIT, variant="error")
            yield Static(Content(KEPT), id="other-window-kept")

    def on_mount(self) -> None:
        self.query_one(f"#{UNSAVED}", Button).focus()

    def typing_for_chat(self, event: events.Key, draft: bool) -> Typing | None:
        """Printable keys wait in the message box behind (asked by the app for every key while this is on top)."""
        if event.is_printable:
            self.typing = True
            self.query_one("#other-window-kept").add_class("-shown")
            return BEHIND
        if event.key in DELIBERATE:
            self.typing = False
        return None

    def on_key(self, event: events.Key) -> None:
        if event.key == "enter" and self.typing:  # the end of a message, not a choice
            event.stop()
            event.prevent_default()
            self.typing = False
            self.app.bell()

    def on_mouse_down(self) -> None:
        self.typing = False

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id or UNSAVED)
