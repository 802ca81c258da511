"""Saved sessions as a student meets them: resumed after a restart, never lost to a crash, never a crash on load."""

from __future__ import annotations

import json
import os
import stat
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from rules.dialogue import SESSION_VERSION, SessionState
from tui import sessions
from tui.sessions import LoadResult, SaveError, SessionStore

STATE = SessionState(answers={"focus": "records", "pay_min": 40000}, order=["focus", "pay_min"],
                     skipped=["science"], current="exam")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def files(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "data" / "career-quiz"


def test_a_saved_session_survives_a_restart(folder: Path) -> None:
    SessionStore(folder).save(STATE)
    loaded = SessionStore(folder).load()  # a new store object: what the app sees after a restart
    assert loaded == LoadResult(STATE, None)


def test_nothing_saved_yet_is_a_fresh_start_without_a_message(folder: Path) -> None:
    assert SessionStore(folder).load() == LoadResult(None, None)
    assert not folder.exists()


def test_the_session_is_private_to_its_owner(folder: Path) -> None:
    store = SessionStore(folder)
    store.save(STATE)
    store.save(STATE)  # replacing keeps the mode
    assert mode(store.path) == 0o600
    assert mode(folder) == 0o700
    assert files(folder) == ["session.json"]


def test_the_default_folder_is_the_platform_user_data_folder(monkeypatch: pytest.MonkeyPatch,
                                                              tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    store = SessionStore()
    assert store.directory.name == "career-quiz"
    if sys.platform.startswith("linux"):
        assert store.path == tmp_path / "xdg" / "career-quiz" / "session.json"


def test_a_write_killed_before_the_rename_leaves_the_previous_session(folder: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    store = SessionStore(folder)
    store.save(STATE)
    later = replace(STATE, answers={"focus": "coding"}, order=["focus"])

    def killed(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(sessions.os, "replace", killed)
    with pytest.raises(SaveError, match="could not be saved.*No space left on device"):
        store.save(later)
    monkeypatch.undo()
    assert files(folder) == ["session.json"], "the temporary file is cleaned up"
    assert SessionStore(folder).load() == LoadResult(STATE, None)


def test_a_stray_temporary_file_from_a_crash_is_ignored_and_forgotten(folder: Path) -> None:
    store = SessionStore(folder)
    store.save(STATE)
    (folder / ".session-abc123.tmp").write_text('{"version": 1, "answers": {"foc', encoding="utf-8")
    assert SessionStore(folder).load() == LoadResult(STATE, None)
    store.forget()
    assert not folder.exists()


DAMAGE = {
    "truncated JSON": (b'{"version": 1, "answers": {"focus": "rec', "not valid JSON"),
    "not JSON": (b"answers: focus=records\n", "not valid JSON"),
    "binary garbage": (bytes(range(256)) * 4, "not text"),
    "empty": (b"", "it is empty"),
    "a list": (b"[1, 2, 3]", "does not hold a saved session"),
    "wrong version": (json.dumps({"version": 99, "answers": {}}).encode(), "format version 99"),
    "no version": (json.dumps({"answers": {}}).encode(), "format version None"),
    "unknown keys": (json.dumps({"version": SESSION_VERSION, "answers": {}, "password": "x"}).encode(),
                     "password: unknown key"),
    "wrong types": (json.dumps({"version": SESSION_VERSION, "answers": ["focus"]}).encode(), "answers:"),
    "a boolean answer": (json.dumps({"version": SESSION_VERSION, "answers": {"exam": True}}).encode(), "answers.exam"),
}


@pytest.mark.parametrize("content", DAMAGE.values(), ids=list(DAMAGE))
def test_a_damaged_file_is_moved_aside_and_named(folder: Path, content: tuple[bytes, str]) -> None:
    raw, reason = content
    folder.mkdir(parents=True)
    (folder / "session.json").write_bytes(raw)
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    state, message = SessionStore(folder).load()
    assert state is None
    [damaged] = folder.glob("session.damaged-*.json")
    assert damaged.read_bytes() == raw, "the damaged file is kept as it was"
    assert message is not None
    assert message.startswith("Your saved session could not be read (")
    assert message.endswith(f"); it was moved to {damaged} and a fresh session started.")
    assert reason in message
    assert files(folder) == sorted([damaged.name, "notes.txt"])
    assert SessionStore(folder).load() == LoadResult(None, None), "the next start is a clean fresh start"


def test_a_folder_in_place_of_the_file_is_moved_aside(folder: Path) -> None:
    (folder / "session.json").mkdir(parents=True)
    state, message = SessionStore(folder).load()
    assert state is None and message is not None
    assert "it is a folder, not a file" in message
    assert not (folder / "session.json").exists()
    SessionStore(folder).save(STATE)
    assert SessionStore(folder).load() == LoadResult(STATE, None)


def test_two_damaged_files_in_the_same_second_are_both_kept(folder: Path) -> None:
    folder.mkdir(parents=True)
    for raw in (b"{", b"["):
        (folder / "session.json").write_bytes(raw)
        assert SessionStore(folder).load().state is None
    assert sorted(p.read_bytes() for p in folder.glob("session.damaged-*.json")) == [b"[", b"{"]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root can read a file whatever its permissions")
def test_a_file_without_read_permission_is_moved_aside(folder: Path) -> None:
    store = SessionStore(folder)
    store.save(STATE)
    store.path.chmod(0o000)
    state, message = SessionStore(folder).load()
    assert state is None and message is not None and "permission denied" in message
    assert list(folder.glob("session.damaged-*.json"))


def test_an_unreadable_file_is_moved_aside(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same refusal, simulated, so it is also checked where tests run as root."""
    SessionStore(folder).save(STATE)

    def refuse(path: Path, limit: int) -> bytes:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr("knowledge.files.read_bytes", refuse)
    state, message = SessionStore(folder).load()
    monkeypatch.undo()
    assert state is None and message is not None
    assert "(permission denied); it was moved to" in message
    assert [p.read_bytes() for p in folder.glob("session.damaged-*.json")] == [STATE.to_json().encode()]


def test_answers_the_questions_no_longer_accept_are_dropped_and_named(folder: Path) -> None:
    folder.mkdir(parents=True)
    saved = {"version": SESSION_VERSION, "answers": {"focus": "astronaut", "pay_min": 40000, "hobby": "chess"},
             "order": ["hobby", "focus", "pay_min"], "skipped": ["gone", "science"], "current": "gone"}
    (folder / "session.json").write_text(json.dumps(saved), encoding="utf-8")
    state, message = SessionStore(folder).load()
    assert state == SessionState(answers={"pay_min": 40000}, order=["pay_min"], skipped=["science"], current=None)
    assert message == ("Some saved answers no longer fit the questions and were dropped: "
                       "focus = 'astronaut' (not an accepted answer any more); 'hobby' (no such question any more).")
    assert files(folder) == ["session.json"], "a file that is only partly out of date is not moved aside"


def test_forget_deletes_what_the_app_saved_and_nothing_else(folder: Path) -> None:
    store = SessionStore(folder)
    store.save(STATE)
    (folder / "session.damaged-20250101T000000Z.json").write_text("{", encoding="utf-8")
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    removed = store.forget()
    assert sorted(p.name for p in removed) == ["session.damaged-20250101T000000Z.json", "session.json"]
    assert files(folder) == ["notes.txt"]
    assert SessionStore(folder).load() == LoadResult(None, None)


def test_forget_with_nothing_saved_does_nothing(folder: Path) -> None:
    assert SessionStore(folder).forget() == []
    assert not folder.exists()


def test_a_save_that_cannot_happen_says_why(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(SaveError, match="could not be saved to .*not-a-folder"):
        SessionStore(blocker / "career-quiz").save(STATE)
