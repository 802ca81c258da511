"""How `career-quiz` starts a conversation from its options, shared by the app and `chat --plain`.

`--answers FILE` starts with those answers (and the saved session is not offered); `--no-save` never reads or
writes the session (otherwise it is saved in the user's data folder, or, for an app `career-quiz serve`
started, in that browser's own folder: tui/web_sessions.py). No Textual and, at module level, nothing
beyond the standard library: the app imports this before its first paint.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from knowledge.records import Record, record
from tui.session_keeper import StoreSource, chosen_store

if TYPE_CHECKING:
    import argparse

    from rules.dialogue import Dialogue
    from rules.models import Answers


class AnswersFileError(Exception):
    """`--answers FILE` could not be used; the message names the file and what was wrong."""


def new_dialogue(answers: Answers | None = None) -> Dialogue:
    """The real brain, optionally starting from answers read from a file (runs in the chat's worker)."""
    from rules.dialogue import Dialogue, SessionState

    if not answers:
        return Dialogue()
    return Dialogue(state=SessionState(answers=dict(answers), order=list(answers)), given=True)


@record
class StartOptions(Record):
    """How a chat starts: the answers it starts from, a note saying where they came from, and the session store."""

    answers: Answers
    intro: str | None
    """A note for the chat: where the answers came from."""
    store: StoreSource
    resume: bool
    """Offer the saved session (not when the answers came from a file)."""

    def dialogue_factory(self) -> Callable[[], Dialogue]:
        answers = self.answers
        return lambda: new_dialogue(answers)


def start_options(args: argparse.Namespace) -> StartOptions:
    """The options of a chat start; raises AnswersFileError for a bad answers file."""
    answers: Answers = {}
    intro = None
    path = getattr(args, "answers", None)
    if path:
        from rules.answers import AnswerError, read_file
        from rules.builtin import builtin_rulebook

        try:
            answers = read_file(builtin_rulebook(), path)
        except AnswerError as error:
            raise AnswersFileError(str(error)) from None
        from knowledge.files import shown

        intro = f"Started with {len(answers)} answer{'s' if len(answers) != 1 else ''} from {shown(Path(path).name)}."
    store = None if getattr(args, "no_save", False) else chosen_store()
    return StartOptions(answers, intro, store, resume=not path)
