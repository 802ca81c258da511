"""Career Quiz is already open in another window on the same data folder: ask before saving anything.

Without this, each window's save replaced the other's answers, silently. The choice returned is one of
`UNSAVED` (carry on here, save nothing), `RETRY` (the other window was closed: take over the saved session) or
`QUIT`. Escape means `UNSAVED`, the choice that changes nothing on disk.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

UNSAVED, RETRY, QUIT = "unsaved", "retry", "quit"


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
    """
    BINDINGS = [Binding("escape", "dismiss('unsaved')", "Continue without saving", show=False)]

    def __init__(self, path: Path | None, again: bool = False) -> None:
        super().__init__()
        self.path = path
        self.again = again

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(explanation(self.path, self.again), id="other-window-text")
            with Horizontal():
                yield Button("Continue without saving", id=UNSAVED, variant="primary")
                yield Button("Try again", id=RETRY)
                yield Button("Quit", id=QUIT, variant="error")

    def on_mount(self) -> None:
        self.query_one(f"#{UNSAVED}", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id or UNSAVED)
