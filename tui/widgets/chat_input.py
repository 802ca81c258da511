"""The message box at the bottom: free text always accepted; Up and Down recall earlier messages."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input

PLACEHOLDER = "Type an answer or a question (e.g. 'why?', 'help')"


class ChatInput(Input):
    """An Input that remembers what was sent, like a shell, and leaves option numbers to the screen.

    While the box is empty, the digits 1..`option_keys` are not typed: they choose an option (`PickOption`).
    Once something is typed, every digit is text, so '2 years' can still be written out.
    """

    BINDINGS = [
        Binding("up", "history(-1)", "Previous message", show=False),
        Binding("down", "history(1)", "Next message", show=False),
    ]

    def __init__(self, *, id: str | None = None, option_keys: int = 0) -> None:
        super().__init__(placeholder=PLACEHOLDER, id=id, select_on_focus=False)
        self.history: list[str] = []
        self._position = 0
        self.option_keys = option_keys
        """How many options the number keys can choose right now (0: digits are always typed)."""

    @dataclass
    class PickOption(Message):
        """A number key pressed while the box was empty: choose that option."""

        number: int

    def _on_key(self, event: events.Key) -> None:
        """Decide here, in key order, whether a digit chooses an option or is typed, and send on Enter.

        A binding (Input's Enter, a screen's digit) would act only when the key reaches the app, after the keys
        typed right behind it are already in the box: "records⏎abc" sent "recordsabc", and "2 years" could
        choose option 2. So Enter sends what is in the box at that key and empties it at once: what is typed
        next starts the next message (`Input.Submitted.value` is the message; the box is already empty).
        """
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.post_message(self.Submitted(self, self.value))
            self.value = ""
            return
        character = event.character
        if not self.value and character is not None and len(character) == 1 \
                and character in "123456789" and int(character) <= self.option_keys:
            event.stop()
            event.prevent_default()  # Input's own handler would type it
            self.post_message(self.PickOption(int(character)))

    def remember(self, text: str) -> None:
        if text and (not self.history or self.history[-1] != text):
            self.history.append(text)
        self._position = len(self.history)

    def action_history(self, step: int) -> None:
        if not self.history:
            return
        self._position = max(0, min(len(self.history), self._position + step))
        self.value = self.history[self._position] if self._position < len(self.history) else ""
        self.cursor_position = len(self.value)
