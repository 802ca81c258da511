"""The chat's saved session: saved after every turn that changed the answers (or what the student last asked
about), offered back at the next start.

`SessionKeeper` is what the chat screen holds instead of a `SessionStore`: it resolves the store lazily (the
store's module imports pydantic and the rules, which must not load before the first paint), loads the saved
session in the brain's worker, saves only when the answers, skipped questions or open question changed, and
says once, in one line, when saving fails. A keeper without a store (`--no-save`) never reads or writes.

Two windows on one data folder: the keeper takes the store's lock when it first loads. When another window
holds it, nothing is read or saved (`paused`) and `on_locked` is called (from the worker's thread) so the app
can ask the student: carry on without saving (`work_unsaved`), try again once the other window is closed
(`retry`), or quit. No Textual here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Union

if TYPE_CHECKING:
    from rules.dialogue import SessionState
    from tui.sessions import SessionStore

StoreSource = Union["SessionStore", Callable[[], "SessionStore"], None]
"""A store, a function that makes one when first needed (the user's data folder), or None: save nothing."""
Key = tuple[object, ...]
KEY_ENV = "CAREER_QUIZ_BROWSER_KEY"
"""Set by `career-quiz serve` for a browser's app: the key of that browser's saved session (tui/web_sessions.py)."""


def state_key(state: SessionState) -> Key:
    """What a save would change on disk: the answers (in order), the skipped questions, the open question and
    what the last question asked about (so that "and for nurses?" still works after a resume)."""
    return tuple(state.answers.items()), tuple(state.skipped), state.current, state.recall


def chosen_store() -> StoreSource:
    """Where this app saves: the browser's own session when `career-quiz serve` started it for a browser (its key in
    `KEY_ENV`; a key that is not valid saves nothing), else the user's data folder."""
    import os

    if KEY_ENV in os.environ:
        from tui.web_sessions import browser_store_source

        return browser_store_source()
    return user_store


def user_store() -> SessionStore:
    """The store in the user's data folder (platformdirs), made when the brain's worker first needs it."""
    from tui.sessions import SessionStore

    return SessionStore()


class SessionKeeper:
    """One conversation's link to its saved session (see the module's docstring)."""

    def __init__(self, source: StoreSource = None, *, resume: bool = True,
                 on_locked: Callable[[], None] | None = None) -> None:
        self._source = source
        self._store: SessionStore | None = None
        self.resume = resume
        """Offer the saved session at start (off when answers came from `--answers`)."""
        self._on_disk: Key | None = None
        self.failed = False
        """True once a save failed (the chat says so once)."""
        self.on_locked = on_locked
        self.paused = False
        """Another window holds the session folder: nothing is saved until the student chooses."""

    @property
    def enabled(self) -> bool:
        return self._source is not None

    @property
    def store(self) -> SessionStore | None:
        if self._store is None and self._source is not None:
            source = self._source
            self._store = source() if callable(source) else source
        return self._store

    @property
    def path(self) -> Path | None:
        """Where the session is saved, as shown on screen (a browser's folder is named by its secret key: only the
        key's first characters are shown)."""
        store = self.store
        return store.shown(store.path) if store is not None else None

    def load(self) -> tuple[SessionState | None, str | None]:
        """The saved session to offer (None: nothing to offer) and a message for the student, if any.

        Runs in the brain's worker. Never raises: a store that cannot even be made is a message, as is an
        unreadable file (which `SessionStore.load` moves aside).
        """
        if not self.enabled:
            return None, None
        try:
            store = self.store
            assert store is not None
            if not self._lock(store):
                return None, self._locked_note(store)
            if not self.resume:
                return None, None
            state, message = store.load()
        except Exception as error:  # noqa: BLE001 - a saved session must never stop the app
            return None, f"Your saved session could not be read ({error}); a fresh session started."
        if state is not None and not state.answers:
            state = None
        return state, message

    def _lock(self, store: SessionStore) -> bool:
        """Take the folder's lock; False (saving paused, `on_locked` called) when another window has it."""
        try:
            if store.lock.acquire():
                return True
        except OSError:
            return True  # no folder to lock: the first save will say why it cannot save
        self.paused = True
        if self.on_locked is not None:
            self.on_locked()
        return False

    def _locked_note(self, store: SessionStore) -> str | None:
        """With nobody to ask (plain mode), carry on without saving and say so; the app asks instead (None)."""
        if self.on_locked is not None:
            return None
        where = store.shown(store.path)
        self.work_unsaved()
        return (f"Career Quiz is already open in another window, saving to {where}; so that neither replaces "
                "the other's answers, this one saves nothing.")

    def retry(self) -> tuple[bool, SessionState | None, str | None]:
        """Try the lock again (the other window may be closed now): (got it, saved session to offer, note)."""
        store = self.store
        if store is None:
            return False, None, None
        try:
            if not store.lock.acquire():
                return False, None, None
        except OSError:
            pass
        self.paused = False
        if not self.resume:
            return True, None, None
        state, message = store.load()
        return True, (state if state is not None and state.answers else None), message

    def work_unsaved(self) -> None:
        """Carry on in this window without reading or writing the saved session (as with --no-save)."""
        self.release()
        self._source, self._store, self.paused = None, None, False

    def release(self) -> None:
        """Let go of the folder's lock (the app is closing)."""
        if self._store is not None:
            self._store.lock.release()

    def mark(self, state: SessionState | None) -> None:
        """Remember `state` as what needs no saving (what is on disk, or a start that changed nothing)."""
        self._on_disk = state_key(state) if state is not None else None

    def save(self, state: SessionState) -> str | None:
        """Save `state` if it changed since the last save; returns a one-line message the first time it fails."""
        if not self.enabled or self.paused:
            return None
        key = state_key(state)
        if key == self._on_disk:
            return None
        from tui.sessions import SaveError

        try:
            store = self.store
            assert store is not None
            if not store.lock.held and not self._lock(store):
                return self._locked_note(store)  # another window took the folder after 'forget me' let it go
            store.save(state)
        except SaveError as error:
            return self._failed(str(error))
        except Exception as error:  # noqa: BLE001 - e.g. no data folder could be found; keep going
            return self._failed(f"Your session could not be saved: {error}.")
        self._on_disk = key
        return None

    def _failed(self, message: str) -> str | None:
        first = not self.failed
        self.failed = True
        return f"{message} The quiz goes on; your answers are kept until you close it." if first else None

    def start_fresh(self, state: SessionState) -> str | None:
        """The student chose 'Start fresh' over the saved session on offer. A browser's session is deleted at once
        (a note says so); otherwise it stays on disk until the first answer replaces it (None)."""
        store = self.store
        if store is None or not store.forget_on_fresh or self.paused:
            self.mark(state)
            return None
        try:
            self.forget()
        except OSError as error:
            return f"Starting fresh. The saved answers could not be deleted ({error.strerror or error}); " \
                   "they will be replaced once you answer."
        self.mark(state)
        return "Starting fresh: the saved answers were deleted."

    def forget(self) -> list[Path]:
        """Delete everything saved for this user; the paths removed."""
        store = self.store
        if store is None:
            return []
        removed = store.forget()
        self._on_disk = None
        return [store.shown(path) for path in removed]
