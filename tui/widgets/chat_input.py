"""The message box at the bottom: free text always accepted; Up and Down recall earlier messages."""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Input

from tui.widgets.safe import visible

PLACEHOLDER = "Type an answer or a question (e.g. 'why?', 'help')"


class ChatInput(Input):
    """An Input that remembers what was sent, like a shell, and sends in key order.

    Every key is typed, digits included: "2 years max" is one message. A message that is only an option's number
    chooses that option when it is sent (the chat screen decides, `ChatScreen.send`), never as it is typed.
    """

    BINDINGS = [
        Binding("up", "history(-1)", "Previous message", show=False),
        Binding("down", "history(1)", "Next message", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder=PLACEHOLDER, id=id, select_on_focus=False)
        self.history: list[str] = []
        self._position = 0

    def _on_key(self, event: events.Key) -> None:
        """Send on Enter and delete on Backspace here, in key order.

        Input's Enter and Backspace bindings would act only when the key reaches the app, after the keys typed
        right behind it are already in the box: "records⏎abc" sent "recordsabc", and a fast "2⌫coding⏎" sent
        "2coding". So Enter sends what is in the box at that key and empties it at once: what is typed next
        starts the next message (`Input.Submitted.value` is the message; the box is already empty).
        """
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.post_message(self.Submitted(self, self.value))
            self.value = ""
        elif event.key == "backspace":
            event.stop()
            event.prevent_default()
            self.action_delete_left()

    def promise(self, number: int | None, label: str = "") -> None:
        """Say above the box what Enter will do with the option number it holds (None: nothing to say)."""
        self.border_title = None if number is None else Content.assemble(
            "Enter chooses ", (str(number), "bold"), " · ", visible(label))

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
