"""Messages the chat's widgets send up to the screen: each one says what the student did, not how."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

@dataclass
class OptionPicked(Message):
    """The student chose a button in the options bar (by click, Enter or a number key)."""

    action: str
    """'answer' (choose a question's option) or 'say' (send `value` as if typed)."""
    value: str
    label: str
