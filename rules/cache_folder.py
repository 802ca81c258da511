"""Where Career Quiz keeps what it can rebuild (start-up snapshots), without importing anything heavy.

The opening question is read from here before the first frame, so this module imports only `os` and
`pathlib` (platformdirs is imported when the folder is first asked for, and only if no folder is configured).
"""

from __future__ import annotations

import os
from pathlib import Path

CACHE_ENV = "CAREER_QUIZ_CACHE_DIR"
"""Set to a folder to keep the snapshots there, or to an empty string to turn them off."""


def cache_dir() -> Path | None:
    """Where snapshots are kept: $CAREER_QUIZ_CACHE_DIR, else the user's cache folder; None when turned off."""
    configured = os.environ.get(CACHE_ENV)
    if configured is not None:
        return Path(configured) if configured else None
    from platformdirs import user_cache_path

    return user_cache_path("career-quiz", appauthor=False)
