"""Browser mode's saved sessions without a browser: the key is checked strictly and names only a folder under
`web/`, the app saves there (never in the terminal user's session), 'Start fresh' deletes it, and old folders
expire. The browser tests are in test_serve_sessions.py."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rules.dialogue import SessionState
from tui.session_keeper import KEY_ENV, SessionKeeper, chosen_store, user_store
from tui.sessions import SESSION_FILE, SessionLock, SessionStore
from tui.web_sessions import (ALPHABET, DAY, KEY_LENGTH, BadKey, browser_store, browser_store_source, check_key,
                              expire, is_key, key_folder, new_key, web_root)

FORGED = {
    "": "no key",
    "../x": "a key has 43 characters, not 4",
    "../" + "a" * 40: "a key has only letters, digits, '-' and '_'",
    "a" * 44: "a key has 43 characters, not 44",
    "a" * 10_000: "a key has 43 characters, not 9999",
    "a" * 42 + "/": "a key has only letters, digits, '-' and '_'",
    "a" * 42 + ".": "a key has only letters, digits, '-' and '_'",
    "a" * 42 + "é": "a key has only letters, digits, '-' and '_'",
    "a" * 42 + "\0": "a key has only letters, digits, '-' and '_'",
    "a" * 42 + " ": "a key has only letters, digits, '-' and '_'",
}


def test_new_keys_are_valid_and_never_repeat() -> None:
    keys = {new_key() for _ in range(200)}
    assert len(keys) == 200
    assert all(len(key) == KEY_LENGTH and ALPHABET.issuperset(key) and check_key(key) == key for key in keys)


@pytest.mark.parametrize("forged", list(FORGED), ids=lambda text: repr(text[:12]))
def test_a_forged_key_is_refused_with_what_was_wrong(forged: str, tmp_path: Path) -> None:
    with pytest.raises(BadKey) as refused:
        key_folder(forged, tmp_path)
    assert str(refused.value) == FORGED[forged]
    assert not forged or forged not in str(refused.value), "the message never repeats what was sent"
    assert not is_key(forged)


@pytest.mark.parametrize("thing", [None, 43, b"a" * 43, ["a"] * 43])
def test_only_text_can_be_a_key(thing: object) -> None:
    assert not is_key(thing)


@given(st.text(max_size=60))
def test_whatever_a_browser_sends_a_key_is_one_plain_name_under_web(text: str) -> None:
    root = Path("/data/career-quiz/web")
    try:
        folder = key_folder(text, root)
    except BadKey:
        return
    assert folder.parent == root and folder.name == text and ".." not in folder.parts


def test_the_folders_are_in_the_users_data_folder(private_home: Path) -> None:
    key = new_key()
    assert web_root() == private_home / "data" / "career-quiz" / "web"
    store = browser_store(key)
    assert store.directory == private_home / "data" / "career-quiz" / "web" / key
    assert store.path == store.directory / SESSION_FILE and store.forget_on_fresh
    assert store.path != SessionStore().path
    for folder in (store.directory.parent, store.directory.parent.parent):
        assert folder.stat().st_mode & 0o777 == 0o700, "nobody else may list the keys"


def test_an_app_started_for_a_browser_saves_in_that_browsers_folder_only(private_home: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(KEY_ENV, raising=False)
    assert chosen_store() is user_store, "the terminal: the user's own session"
    key = new_key()
    monkeypatch.setenv(KEY_ENV, key)
    source = chosen_store()
    assert callable(source)
    assert source().directory == web_root() / key  # type: ignore[union-attr]
    for forged in FORGED:
        if "\0" in forged:
            continue  # no environment variable can hold it
        monkeypatch.setenv(KEY_ENV, forged)
        assert chosen_store() is None, "a key that is not valid saves nothing (never the user's own session)"
    assert browser_store_source({}) is None


def state(**answers: str) -> SessionState:
    return SessionState(answers=dict(answers), order=list(answers))


def test_start_fresh_deletes_a_browsers_saved_answers_at_once(tmp_path: Path) -> None:
    key = new_key()
    first = SessionKeeper(browser_store(key, tmp_path))
    assert first.load() == (None, None)
    assert first.save(state(focus="records", patient_contact="none")) is None
    first.release()

    second = SessionKeeper(browser_store(key, tmp_path))
    saved, note = second.load()
    assert saved is not None and saved.answers == {"focus": "records", "patient_contact": "none"} and note is None
    assert second.path == tmp_path / f"{key[:4]}…" / SESSION_FILE, "the secret key is never shown in full"
    assert second.start_fresh(state()) == "Starting fresh: the saved answers were deleted."
    assert not (tmp_path / key / SESSION_FILE).exists()
    assert second.save(state(focus="coding")) is None, "the next answer is saved again"
    second.release()
    third = SessionKeeper(browser_store(key, tmp_path))
    saved, _ = third.load()
    assert saved is not None and saved.answers == {"focus": "coding"}
    assert third.forget() == [tmp_path / f"{key[:4]}…" / SESSION_FILE]  # 'forget me' says what it deleted
    assert not (tmp_path / key).exists()


def test_start_fresh_in_the_terminal_keeps_the_file_until_the_first_answer(tmp_path: Path) -> None:
    store = SessionStore(tmp_path)
    keeper = SessionKeeper(store)
    keeper.load()
    keeper.save(state(focus="records"))
    assert keeper.start_fresh(state()) is None
    assert store.path.exists()
    keeper.release()


def aged(folder: Path, days: float) -> Path:
    then = time.time() - days * DAY
    for path in [*folder.iterdir(), folder]:
        os.utime(path, (then, then), follow_symlinks=False)
    return folder


def used_folder(root: Path, days: float, key: str | None = None) -> Path:
    store = browser_store(key or new_key(), root)
    keeper = SessionKeeper(store)
    keeper.load()
    keeper.save(state(focus="records"))
    keeper.release()
    (store.directory / "settings.json").write_text("{}", encoding="utf-8")
    return aged(store.directory, days)


def test_folders_unused_for_longer_than_the_limit_expire(tmp_path: Path) -> None:
    old, recent = used_folder(tmp_path, 31), used_folder(tmp_path, 29)
    in_use = used_folder(tmp_path, 40)
    lock = SessionLock(in_use)
    assert lock.acquire()  # an app has this browser's folder open right now
    (tmp_path / "notes").mkdir()
    not_ours = aged(tmp_path / "notes", 100)  # not named by a key: not Career Quiz's
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("x", encoding="utf-8")
    link = tmp_path / new_key()
    link.symlink_to(outside, target_is_directory=True)
    try:
        assert expire(tmp_path, 30) == [old]
    finally:
        lock.release()
    assert not old.exists()
    assert recent.exists() and in_use.exists() and not_ours.exists()
    assert (outside / "keep.txt").exists(), "a link is never followed"
    assert expire(tmp_path / "missing", 30) == []


def test_a_visit_counts_as_use(tmp_path: Path) -> None:
    from tui.web_sessions import touch

    folder = used_folder(tmp_path, 31)
    touch(folder)
    assert expire(tmp_path, 30) == []


class QuittingApp:
    """Stands in for an app of the server's: `stop()` is what the new session awaits."""

    def __init__(self, stopping: bool) -> None:
        self.stopping = stopping
        self.awaited = False

    async def stop(self) -> None:
        self.awaited = True


def safe_server(root: Path, keep_days: int = 30) -> object:
    from tui.web import SafeServer

    url = "http://127.0.0.1:8000"
    return SafeServer("true", host="127.0.0.1", port=8000, title="Career Quiz", public_url=url, origins={url},
                      saved_in=root, keep_days=keep_days)


async def test_a_reloaded_pages_app_starts_once_the_old_one_has_let_go(tmp_path: Path) -> None:
    """The old page's app holds its folder's lock until it has quit; the new one would ask 'open in another
    window?'. An app of the same key still running in another tab is not waited for (the new one asks)."""
    key, other = new_key(), new_key()
    instance = safe_server(tmp_path)
    quitting, running, elsewhere = QuittingApp(True), QuittingApp(False), QuittingApp(True)
    instance.keyed = {key: {quitting, running}, other: {elsewhere}}  # type: ignore[attr-defined]
    await instance.prepare_folder(key)  # type: ignore[attr-defined]
    assert (quitting.awaited, running.awaited, elsewhere.awaited) == (True, False, False)


async def test_the_server_sweeps_expired_sessions_when_it_starts_and_hourly(tmp_path: Path) -> None:
    old = used_folder(tmp_path, 8)
    instance = safe_server(tmp_path, keep_days=7)
    instance.expire_old()  # type: ignore[attr-defined]  # what serve() does first
    assert not old.exists()
    again = used_folder(tmp_path, 8)
    await instance.prepare_folder(new_key())  # type: ignore[attr-defined]  # a session starts
    assert again.exists(), "not again within the hour"
    instance.expired_at -= 3600  # type: ignore[attr-defined]
    await instance.prepare_folder(new_key())  # type: ignore[attr-defined]
    assert not again.exists()


@pytest.mark.parametrize(("host", "base"), [
    ("localhost:8000", "http://localhost:8000"),
    ("LOCALHOST:8000", "http://localhost:8000"),
    ("[::1]:8000", "http://[::1]:8000"),
    ("127.0.0.1:8000", "http://127.0.0.1:8000"),
    ('localhost:8000/"><script>', "http://localhost:8000"),  # rebuilt from its parts, never the raw header
    ("evil.example:8000", "http://127.0.0.1:8000"),
    ("localhost:9999", "http://127.0.0.1:8000"),
    ("localhost:port", "http://127.0.0.1:8000"),
])
def test_the_page_uses_the_name_it_was_opened_at_when_that_is_allowed(host: str, base: str) -> None:
    """A page opened as localhost stayed blank: its scripts came from 127.0.0.1 (not 'self' for the CSP), and
    its session key's cookie would not reach 127.0.0.1."""
    from aiohttp.test_utils import make_mocked_request

    from tui.web import SafeServer, allowed_origins

    url = "http://127.0.0.1:8000"
    instance = SafeServer("true", host="127.0.0.1", port=8000, title="Career Quiz", public_url=url,
                          origins=allowed_origins(url, 8000, True))
    assert instance.page_base(make_mocked_request("GET", "/", headers={"Host": host})) == base


async def test_in_the_app_start_fresh_and_forget_me_delete_a_browsers_answers_and_never_show_its_key(
        make_app: object, tmp_path: Path) -> None:
    from tests.tui.chat_driver import bot_texts, ready, send

    key = new_key()
    browser_store(key, tmp_path).save(state(focus="records", patient_contact="none"))
    app = make_app(store=browser_store(key, tmp_path))  # type: ignore[operator]
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        assert bot_texts(pilot)[-1].startswith("You have a saved session with 2 answers")
        await send(pilot, "start fresh")
        assert "Starting fresh: the saved answers were deleted." in bot_texts(pilot)
        assert not (tmp_path / key / SESSION_FILE).exists(), "the next person at this browser is not offered them"
        await send(pilot, "1")  # an answer: saved again
        await pilot.pause()
        assert (tmp_path / key / SESSION_FILE).exists()
        await send(pilot, "forget me")
        await send(pilot, "yes")
        said = "\n".join(bot_texts(pilot))
        assert f"{key[:4]}…" in said and key not in said
        assert not (tmp_path / key / SESSION_FILE).exists()


def test_a_damaged_browser_session_is_set_aside_and_the_message_never_shows_the_key(tmp_path: Path) -> None:
    key = new_key()
    store = browser_store(key, tmp_path)
    store.directory.mkdir(parents=True)
    store.path.write_text("{not json", encoding="utf-8")
    keeper = SessionKeeper(store)
    saved, note = keeper.load()
    keeper.release()
    assert saved is None and note is not None
    assert note.startswith("Your saved session could not be read (it is not valid JSON")
    assert f"{key[:4]}…" in note and key not in note
    [damaged] = store.directory.glob("session.damaged-*.json")
    assert damaged.read_text(encoding="utf-8") == "{not json", "set aside, never deleted"
