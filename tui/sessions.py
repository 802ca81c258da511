"""Saved sessions: the conversation survives a restart, and a damaged save never stops the app from starting.

One JSON file per user (`session.json` in the platform's user data folder). Saving is atomic — a temporary
file in the same folder, fsync, `os.replace` — so a crash mid-write leaves the previous session whole. The
file is readable by its owner only (0600, folder 0700): answers about pay and training are personal.
A file that cannot be used is moved aside (never deleted) and the app starts fresh with a one-line message.
No Textual here, so the app, the tests and scripts share it.
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from pydantic import ValidationError

from rules.dialogue import SESSION_VERSION, SessionState

if TYPE_CHECKING:
    from rules.rulebook import Rulebook

APP_NAME = "career-quiz"
SESSION_FILE = "session.json"
DAMAGED_PREFIX = "session.damaged-"
TEMP_PREFIX = ".session-"
TEMP_SUFFIX = ".tmp"


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


class SessionStore:
    """Where one user's session is saved; every method is safe to call when nothing was ever saved."""

    def __init__(self, directory: Path | None = None, rulebook: Rulebook | None = None) -> None:
        self.directory = Path(directory) if directory is not None else default_directory()
        self._rulebook = rulebook

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
        data = state.model_dump_json(indent=2).encode("utf-8")
        temp: str | None = None
        try:
            if not self.directory.is_dir():
                self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
                os.chmod(self.directory, 0o700)
            handle, temp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=self.directory)
            with os.fdopen(handle, "wb") as file:  # mkstemp opens with O_EXCL and mode 0600
                file.write(data)
                file.flush()
                os.fsync(file.fileno())
            os.replace(temp, self.path)
            temp = None
            _fsync_directory(self.directory)
        except OSError as error:
            raise SaveError(f"Your session could not be saved to {self.path}: "
                            f"{error.strerror or error}.") from None
        finally:
            if temp is not None:
                _remove(Path(temp))

    # --- loading -------------------------------------------------------------------------------------

    def load(self) -> LoadResult:
        """The saved session, re-checked against today's questions; never raises.

        Missing file: (None, None). Unusable file: it is moved aside and (None, message) says where.
        Answers that no longer fit the questions are dropped and named in the message.
        """
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return LoadResult(None, None)
        except IsADirectoryError:
            return self._set_aside("it is a folder, not a file")
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
        return LoadResult(None, f"Your saved session could not be read ({reason}); it was moved to {target} "
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
        checked = state.model_copy(update={"answers": answers, "order": order, "skipped": skipped,
                                           "current": current})
        return checked, dropped

    # --- forgetting ----------------------------------------------------------------------------------

    def forget(self) -> list[Path]:
        """Delete everything the app saved (the session, damaged copies, stray temporary files); nothing else.

        Returns the paths removed. The folder itself goes too when nothing else is left in it.
        """
        removed: list[Path] = []
        if not self.directory.is_dir():
            return removed
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
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None, "it is not text"
    if not text.strip():
        return None, "it is empty"
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        return None, f"it is not valid JSON ({error.msg}, line {error.lineno} column {error.colno})"
    if not isinstance(data, dict):
        return None, "it does not hold a saved session"
    version = data.get("version")
    if version != SESSION_VERSION:
        return None, f"it has format version {version!r}, this Career Quiz reads version {SESSION_VERSION}"
    try:
        return SessionState.model_validate(data, strict=True), ""
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"]) or "the session"
        message = first["msg"].replace("Extra inputs are not permitted", "unknown key")
        more = f" (and {error.error_count() - 1} more problem(s))" if error.error_count() > 1 else ""
        return None, f"{where}: {message}{more}"


def _fsync_directory(directory: Path) -> None:
    """Make the rename itself durable (best effort: not every platform can open a folder)."""
    try:
        handle = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass
