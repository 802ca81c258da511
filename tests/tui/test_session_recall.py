"""The follow-up memory is part of what a save writes: a question asked changes the saved session, so that
"and for nurses?" still works after the chat is closed and resumed (session 4)."""

from __future__ import annotations

from rules.dialogue import Recall, SessionState
from tui.session_keeper import state_key


def test_what_was_last_asked_about_is_saved_like_an_answer() -> None:
    before = SessionState(answers={"focus": "coding"})
    after = SessionState(answers={"focus": "coding"},
                         recall=Recall(careers=("licensed_practical_nurse",), topic="pay", operation="value"))
    assert state_key(before) != state_key(after)
    assert state_key(after) == state_key(SessionState(answers={"focus": "coding"}, recall=after.recall))
