"""A dialogue with a given question open, as the tests of what a message stores and answers start one."""

from __future__ import annotations

from collections.abc import Iterable

from rules.builtin import builtin_engine
from rules.dialogue import Dialogue, SessionState
from rules.models import Reply

ENGINE = builtin_engine()


def at(question_id: str | None = None) -> Dialogue:
    """A new dialogue with `question_id` open (the first question when None)."""
    dialogue = Dialogue(ENGINE, SessionState())
    dialogue.start()
    if question_id:
        dialogue.state.current = question_id
    return dialogue


def said(replies: Iterable[Reply]) -> str:
    """The replies' text, one per line."""
    return "\n".join(reply.text for reply in replies)
