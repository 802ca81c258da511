"""Browser mode's saved sessions: one per browser, named by a random key that only that browser holds.

`career-quiz serve` gives each browser a key (`new_key`: 32 random bytes, URL-safe base64, 43 characters) in
an HttpOnly cookie, and starts that browser's app with the key in `KEY_ENV`. The app saves its session in
`<user data folder>/web/<key>/` (`key_folder`), a folder of the same shape as the terminal's own (session file,
damaged copies, lock, settings), so a reload, a closed tab, a crashed app or a stopped server loses nothing and
the next visit from that browser offers "Continue, or start fresh?". Another browser has another key and never
sees those answers; the terminal user's own session is never touched.

A key is checked strictly before it names a folder (`check_key`: exactly `KEY_LENGTH` characters of the
URL-safe alphabet, so never a path, a dot or a separator). In the app, a key that fails the check saves
nothing (`browser_store_source`): it never falls back to the terminal user's session. Folders unused for
`DEFAULT_KEEP_DAYS` days are removed when the server starts and at most hourly while it runs (`expire`), unless
an app holds their lock. Standard library only at import: the app imports this before its first frame.
"""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from tui.session_keeper import KEY_ENV

if TYPE_CHECKING:
    from tui.sessions import SessionStore

COOKIE = "career_quiz_key"
"""The cookie that keeps a browser's key (HttpOnly: the page's scripts never see it)."""
KEY_BYTES = 32
KEY_LENGTH = 43
"""Characters of a key: `secrets.token_urlsafe(KEY_BYTES)`, 256 random bits."""
ALPHABET = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
FOLDER = "web"
"""The folder, in the user's data folder, that holds one folder per browser key."""
SHOWN = 4
"""Characters of a key shown on screen, in a path (e.g. on a projector): enough to tell two apart, too few to use."""
DEFAULT_KEEP_DAYS = 30
"""Days a browser's saved session is kept after that browser last used it."""
DAY = 24 * 60 * 60


class BadKey(ValueError):
    """A browser sent a key Career Quiz did not make; the message says what was wrong, never the key itself."""


def new_key() -> str:
    import secrets

    return secrets.token_urlsafe(KEY_BYTES)


def check_key(text: object) -> str:
    """`text` if it is a key `new_key` could have made; BadKey naming what was wrong otherwise."""
    if not isinstance(text, str) or not text:
        raise BadKey("no key")
    if len(text) != KEY_LENGTH:
        raise BadKey(f"a key has {KEY_LENGTH} characters, not {min(len(text), 9999)}")
    if not ALPHABET.issuperset(text):
        raise BadKey("a key has only letters, digits, '-' and '_'")
    return text


def is_key(text: object) -> bool:
    try:
        check_key(text)
    except BadKey:
        return False
    return True


def web_root(data: Path | None = None) -> Path:
    """`<data folder>/web`: the user's data folder (platformdirs) unless `data` is given."""
    if data is None:
        from tui.sessions import default_directory

        data = default_directory()
    return Path(data) / FOLDER


def key_folder(key: str, root: Path | None = None) -> Path:
    """The folder of one browser's saved session; BadKey for anything that is not a key."""
    return (root if root is not None else web_root()) / check_key(key)


def browser_store(key: str, root: Path | None = None) -> SessionStore:
    """The session store of the browser holding `key`: 'Start fresh' deletes its saved answers at once (the next
    person at a shared browser must not be offered them again)."""
    from tui.sessions import SessionStore

    folder = key_folder(key, root)
    try:
        private_root(folder.parent)
    except OSError:
        pass  # the first save says why it cannot save
    return SessionStore(folder, forget_on_fresh=True, shown_as=key[:SHOWN] + "…")


def private_root(root: Path) -> None:
    """Make the data folder and its `web` folder readable by their owner only (0700): a listing of `web` would
    show every browser's key."""
    from knowledge.files import private_folder

    private_folder(root.parent)
    private_folder(root)


def browser_store_source(environ: dict[str, str] | os._Environ[str] | None = None
                         ) -> Callable[[], SessionStore] | None:
    """The store of the browser whose key `KEY_ENV` holds; None (save nothing) when the key is not valid."""
    key = (os.environ if environ is None else environ).get(KEY_ENV, "")
    if not is_key(key):
        return None
    return lambda: browser_store(key)


def last_used(folder: Path) -> float:
    """When a browser last used its folder: the newest change time of the folder and its files."""
    times = [folder.stat().st_mtime]
    for entry in folder.iterdir():
        try:
            times.append(entry.lstat().st_mtime)
        except OSError:
            continue
    return max(times)


def expire(root: Path, keep_days: int, now: float | None = None) -> list[Path]:
    """Remove the folders under `root` that no browser used for `keep_days` days; the folders removed.

    Only folders named by a key are touched, and only the plain files in them (never a link's target); a folder
    an app holds the lock of (its browser is using it now) is left alone. Never raises.
    """
    from tui.sessions import SessionLock

    limit = (time.time() if now is None else now) - keep_days * DAY
    removed: list[Path] = []
    try:
        folders = sorted(root.iterdir())
    except OSError:
        return removed
    for folder in folders:
        try:
            if not is_key(folder.name) or not stat.S_ISDIR(folder.lstat().st_mode) or last_used(folder) > limit:
                continue
            lock = SessionLock(folder)
            if not lock.acquire():
                continue
        except OSError:
            continue
        try:
            for entry in folder.iterdir():
                if not stat.S_ISDIR(entry.lstat().st_mode):
                    entry.unlink()
        except OSError:
            continue
        finally:
            lock.release()
        try:
            folder.rmdir()
        except OSError:
            continue
        removed.append(folder)
    return removed


def touch(folder: Path) -> None:
    """Mark a browser's folder as used now (a visit that changes no answer still keeps it from expiring)."""
    try:
        os.utime(folder)
    except OSError:
        pass
