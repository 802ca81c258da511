"""Saved sessions as the chat has them, without a screen: the Conversation with the app's own SessionKeeper and
a real SessionStore. Start fresh keeps the file until the first answer replaces it, a damaged file is a note
and is moved aside, a failing save is said once, a restart saves the cleared session only once confirmed.
The app's wiring of these (and the palette's 'forget me') is test_app_sessions.py's Pilot smoke tests."""

from __future__ import annotations

import json
from pathlib import Path

from rules.builtin import builtin_engine
from rules.conversation import Conversation
from rules.dialogue import Dialogue, SessionState
from rules.turns import Turn
from tui.session_keeper import SessionKeeper
from tui.sessions import SessionStore

ENGINE = builtin_engine()
SAVED = SessionState(answers={"focus": "records", "patient_contact": "none"}, order=["focus", "patient_contact"],
                     current="pay_min")


def talk(store: SessionStore) -> tuple[Conversation, Turn]:
    conversation = Conversation(lambda: Dialogue(engine=ENGINE), SessionKeeper(store))
    return conversation, conversation.start()


def saved_answers(store: SessionStore) -> dict[str, object]:
    return json.loads(store.path.read_text(encoding="utf-8"))["answers"]


def notes(turn: Turn) -> list[str]:
    return [m.text for m in turn.messages if m.kind == "note"]


def answers(conversation: Conversation) -> dict[str, object]:
    assert conversation.dialogue is not None
    return dict(conversation.dialogue.state.answers)


def test_start_fresh_keeps_the_file_until_the_first_answer_replaces_it(store: SessionStore) -> None:
    store.save(SAVED)
    conversation, turn = talk(store)
    assert turn.owner == "resume" and [c.label for c in turn.choices] == ["Continue", "Start fresh"]
    turn = conversation.pick("resume", "fresh")
    assert answers(conversation) == {}
    assert turn.messages[-1].kind == "question" and turn.messages[-1].text.startswith("Question 1 (at most 9 to go)")
    assert turn.question is not None and len(turn.question.choices) == 7
    assert saved_answers(store) == SAVED.answers
    third = turn.question.choices[2].id
    conversation.pick(turn.question.id, third)
    assert saved_answers(store) == {"focus": third}


def test_a_damaged_session_file_is_a_note_is_moved_aside_and_the_quiz_works(store: SessionStore) -> None:
    store.directory.mkdir(parents=True)
    store.path.write_text("{not json", encoding="utf-8")
    conversation, turn = talk(store)
    note = notes(turn)[-1]
    assert note.startswith("Your saved session could not be read (it is not valid JSON") and "moved to" in note
    assert [p.name.startswith("session.damaged-") for p in store.directory.iterdir()
            if p.name != "session.lock"] == [True]
    assert turn.owner != "resume" and "Continue" not in [c.label for c in turn.choices]
    conversation.pick("focus", "records")
    assert saved_answers(store) == {"focus": "records"}


def test_a_session_that_cannot_be_saved_is_said_once_and_the_quiz_goes_on(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    conversation, _ = talk(SessionStore(blocker / "sessions"))
    said = notes(conversation.pick("focus", "records")) + notes(conversation.pick("patient_contact", "none"))
    failures = [text for text in said if "could not be saved" in text]
    assert len(failures) == 1 and "\n" not in failures[0]
    assert answers(conversation) == {"focus": "records", "patient_contact": "none"}


def test_restart_saves_the_cleared_session_once_confirmed(store: SessionStore) -> None:
    conversation, _ = talk(store)
    conversation.pick("focus", "records")
    turn = conversation.restart()
    assert turn.owner == "restart" and saved_answers(store) == {"focus": "records"}  # not before the student says
    conversation.pick("restart", "yes")
    assert saved_answers(store) == {}
    state = store.load().state
    assert state is not None and not state.answers  # nothing to offer next time
