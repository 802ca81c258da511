"""Typing always reaches the chat: keys a screen has no use for go into the chat's message box, in order.

A screen on top of the chat (the results, the comparison, a question of the app's own) has a method
`typing_for_chat(event, draft) -> Typing | None` (`draft`: the message box holds text not yet sent) that says,
key by key, whether a key belongs to the chat; the app then returns to the chat if asked and types it there.
The app decides this as each key arrives, before Textual hands the key to the screen, so a fast burst keeps its
order: keys already on their way to the message box arrive first, keys after them follow.

- `as_key`: the key is typed as if the screen had never opened (Backspace deletes, Enter sends; a digit is typed,
  as every digit in the box is). For a screen that opened by itself while the student was typing.
- otherwise it is typed as text only: a stray digit is a digit in the box, never an answer.
- `go_back`: leave the screen for the chat; else the key waits in the message box behind a question that must
  be answered first (`tui.screens.other_window`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from textual.screen import Screen


class Typing(NamedTuple):
    """What to do with a key that belongs to the chat."""

    go_back: bool = True
    as_key: bool = False


BACK_AS_TEXT = Typing()
BACK_AS_KEY = Typing(as_key=True)
BEHIND = Typing(go_back=False)


def is_bound(screen: Screen, key: str) -> bool:
    """Whether a binding on the screen, its focused widget or the app would act on `key` right now."""
    binding = screen.app.active_bindings.get(key)
    return binding is not None and binding.enabled
