"""Saved sessions: the conversation survives a restart, and a damaged save never stops the app from starting.

One JSON file per user (`session.json` in the platform's user data folder). Saving is atomic — a temporary
file in the same folder, fsync, `os.replace` (`knowledge.files.replacing`) — so a crash mid-write leaves the
previous session whole, and temporary files a killed save left behind are swept at the next start. The file
is readable by its owner only (0600); the folder is made 0700, and tightened to 0700 when found looser:
answers about pay and training are personal. A file that cannot be used (not a regular file, larger than
`SESSION_LIMIT`, nested too deeply, not JSON…) is moved aside (never deleted) and the app starts fresh with a
one-line message. While an app uses the folder it holds `session.lock` (`SessionLock`), so a second window
knows and asks instead of silently overwriting the first one's answers. No Textual here.
"""

from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path
from dataclasses import replace
from typing import TYPE_CHECKING, NamedTuple

from knowledge.files import FileProblem, decode, parse_json, private_folder, replacing, sweep
from rules.dialogue import READABLE_VERSIONS, SESSION_VERSION, SessionState

if TYPE_CHECKING:
    from rules.rulebook import Rulebook

APP_NAME = "career-quiz"
SESSION_FILE = "session.json"
DAMAGED_PREFIX = "session.damaged-"
TEMP_PREFIX = ".session-"
TEMP_SUFFIX = ".tmp"
LOCK_FILE = "session.lock"
SESSION_LIMIT = 1024 * 1024
"""Bytes a saved session may have (a real one is about 1 KB)."""


class SaveError(Exception):
    """The session could not be saved; the message says why, in one line meant for the user."""


class LoadResult(NamedTuple):
    """A loaded session (or None to start fresh) and, when something was wrong, a message for the user.

    A tuple, so callers may write `state, message = store.load()`.
    """

    state: SessionState | None
    message: str | None = None


def default_directory() -> Path:
    import platformdirs

    return platformdirs.user_data_path(APP_NAME, appauthor=False)


class SessionLock:
    """Held while an app uses the session folder, so a second window knows and asks before saving.

    An advisory lock from the operating system (flock; msvcrt on Windows) on `session.lock`. The OS lets go
    of it when the process ends, however it ends, so a crash never leaves a stale lock behind.
    """

    def __init__(self, directory: Path) -> None:
        self.path = directory / LOCK_FILE
        self._handle: int | None = None

    @property
    def held(self) -> bool:
        return self._handle is not None

    def acquire(self) -> bool:
        """Take the lock (True), or find another process holding it (False). OSError if the folder can't be made."""
        if self._handle is not None:
            return True
        private_folder(self.path.parent)
        handle = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            _lock(handle)
        except OSError:
            os.close(handle)
            return False
        self._handle = handle
        return True

    def release(self) -> None:
        handle, self._handle = self._handle, None
        if handle is not None:
            os.close(handle)  # closing the file releases the lock


def _lock(handle: int) -> None:
    """Lock without waiting; OSError when someone else holds the lock."""
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        msvcrt.locking(handle, msvcrt.LK_NBLCK, 1)
        return
    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)


class SessionStore:
    """Where one user's session is saved; every method is safe to call when nothing was ever saved."""

    def __init__(self, directory: Path | None = None, rulebook: Rulebook | None = None, *,
                 forget_on_fresh: bool = False, shown_as: str | None = None) -> None:
        self.directory = Path(directory) if directory is not None else default_directory()
        self._rulebook = rulebook
        self.lock = SessionLock(self.directory)
        self.forget_on_fresh = forget_on_fresh
        """'Start fresh' deletes the saved session at once (a browser's session: the next person at that browser
        must not be offered it again); otherwise it stays until the first answer replaces it."""
        self.shown_as = shown_as
        """How the folder is named on screen, if not by its own name (a browser's is its secret key)."""

    def shown(self, path: Path) -> Path:
        """`path`, in this store's folder, as it may be shown on screen (see `shown_as`)."""
        if self.shown_as is None or path.parent != self.directory:
            return path
        return self.directory.with_name(self.shown_as) / path.name

    @property
    def path(self) -> Path:
        return self.directory / SESSION_FILE

    @property
    def rulebook(self) -> Rulebook:
        if self._rulebook is None:
            from rules.builtin import builtin_rulebook

            self._rulebook = builtin_rulebook()
        return self._rulebook

    # --- saving --------------------------------------------------------------------------------------

    def save(self, state: SessionState) -> None:
        """Write the session atomically, readable by its owner only; raise SaveError with a clear message."""
        data = state.to_json().encode("utf-8")
        try:
            private_folder(self.directory)
            with replacing(self.path, prefix=TEMP_PREFIX) as file:  # mkstemp: O_EXCL, mode 0600
                file.write(data)
        except OSError as error:
            raise SaveError(f"Your session could not be saved to {self.shown(self.path)}: "
                            f"{error.strerror or error}.") from None

    # --- loading -------------------------------------------------------------------------------------

    def load(self) -> LoadResult:
        """The saved session, re-checked against today's questions; never raises.

        Missing file: (None, None). Unusable file: it is moved aside and (None, message) says where.
        Answers that no longer fit the questions are dropped and named in the message. The folder is made
        private (0700) when it exists, and stale temporary files from a killed save are removed.
        """
        if self.directory.is_dir():
            try:
                private_folder(self.directory)
            except OSError:
                pass
            sweep(self.directory, TEMP_PREFIX)
        from knowledge.files import read_bytes

        try:
            raw = read_bytes(self.path, SESSION_LIMIT)
        except FileNotFoundError:
            return LoadResult(None, None)
        except FileProblem as problem:
            if self.path.is_dir() and not self.path.is_symlink():
                return self._set_aside("it is a folder, not a file")
            return self._set_aside(f"it {problem}")
        except PermissionError:
            return self._set_aside("permission denied")
        except OSError as error:
            return self._set_aside(error.strerror or str(error))
        state, reason = _parse(raw)
        if state is None:
            return self._set_aside(reason)
        state, dropped = self._recheck(state)
        if dropped:
            return LoadResult(state, "Some saved answers no longer fit the questions and were dropped: "
                                     + "; ".join(dropped) + ".")
        return LoadResult(state, None)

    def _set_aside(self, reason: str) -> LoadResult:
        """Move the unusable file out of the way (keeping it for a human to look at) and start fresh."""
        target = self._damaged_name()
        try:
            os.replace(self.path, target)
        except OSError as error:
            return LoadResult(None, f"Your saved session could not be read ({reason}) and could not be moved "
                                    f"aside ({error.strerror or error}); a fresh session started.")
        return LoadResult(None, f"Your saved session could not be read ({reason}); it was moved to {self.shown(target)} "
                                "and a fresh session started.")

    def _damaged_name(self) -> Path:
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        target = self.directory / f"{DAMAGED_PREFIX}{stamp}.json"
        count = 1
        while target.exists() or target.is_symlink():
            count += 1
            target = self.directory / f"{DAMAGED_PREFIX}{stamp}-{count}.json"
        return target

    def _recheck(self, state: SessionState) -> tuple[SessionState, list[str]]:
        """Keep only answers today's rulebook accepts; name each one dropped and why."""
        from rules.answers import AnswerError, check_answer

        questions = self.rulebook.by_id
        answers: dict[str, str | int] = {}
        dropped: list[str] = []
        for question_id, value in state.answers.items():
            if question_id not in questions:
                dropped.append(f"'{question_id}' (no such question any more)")
                continue
            try:
                answers[question_id] = check_answer(self.rulebook, question_id, value)
            except AnswerError:
                dropped.append(f"{question_id} = '{value}' (not an accepted answer any more)")
        order = [q for q in dict.fromkeys(state.order) if q in answers]
        order += [q for q in answers if q not in order]
        skipped = [q for q in dict.fromkeys(state.skipped) if q in questions and q not in answers]
        current = state.current if state.current in questions else None
        checked = replace(state, answers=answers, order=order, skipped=skipped, current=current)
        return checked, dropped

    # --- forgetting ----------------------------------------------------------------------------------

    def forget(self) -> list[Path]:
        """Delete everything the app saved (the session, damaged copies, stray temporary files); nothing else.

        Returns the paths removed. The folder itself goes too when nothing else is left in it. This store's
        own lock goes with it (the next save takes it again); a lock another window holds is left alone.
        """
        removed: list[Path] = []
        if not self.directory.is_dir():
            return removed
        if self.lock.held:
            self.lock.release()
            self.lock.path.unlink(missing_ok=True)
        for path in sorted(self.directory.iterdir()):
            name = path.name
            ours = name == SESSION_FILE or (name.startswith(DAMAGED_PREFIX) and name.endswith(".json")) \
                or (name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX))
            if not ours:
                continue
            try:
                if path.is_dir() and not path.is_symlink():
                    path.rmdir()
                else:
                    path.unlink()
            except OSError:
                continue
            removed.append(path)
        try:
            self.directory.rmdir()
        except OSError:
            pass
        return removed


def _parse(raw: bytes) -> tuple[SessionState | None, str]:
    """The session in these bytes, or None and a short reason."""
    try:
        text = decode(raw)
    except FileProblem:
        return None, "it is not text"
    if not text.strip():
        return None, "it is empty"
    try:
        data = parse_json(text)
    except FileProblem as problem:
        return None, f"it {problem}"
    if not isinstance(data, dict):
        return None, "it does not hold a saved session"
    version = data.get("version")
    if version not in READABLE_VERSIONS:
        readable = " and ".join(str(v) for v in sorted(READABLE_VERSIONS))
        return None, (f"it has format version {version!r}; this Career Quiz reads versions {readable} "
                      f"(a newer Career Quiz may have saved it)")
    from pydantic import ValidationError  # here: only reading a saved file validates anything

    try:
        return SessionState.from_data(data), ""
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"]) or "the session"
        message = "unknown key" if first["type"] == "unexpected_keyword_argument" else first["msg"]
        more = f" (and {error.error_count() - 1} more problem(s))" if error.error_count() > 1 else ""
        return None, f"{where}: {message}{more}"
