"""Messages the chat's widgets send up to the screen: each one says what the student did, not how."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class OptionPicked(Message):
    """The student chose a button in the options bar (a click, or Enter while it has the focus)."""

    owner: str
    """Whose choice it is: the open question's id, or a prompt's id (see `rules.turns.Turn.owner`)."""
    choice: str
    """The option value or the prompt's choice id: the pick carries ids, never the label."""
    label: str
    """What the button said, shown in the transcript as the student's message."""
