"""The app's own settings, kept between runs: for now the colour theme.

A small JSON file in the user's config folder (`platformdirs.user_config_path("career-quiz")`), written
atomically. A missing, unreadable or damaged file means the defaults, never an error: the file only remembers
a preference. Tests and screenshots pass no settings file, so they never read or write the user's.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "career-quiz"
FILE_NAME = "settings.json"
SETTINGS_LIMIT = 64 * 1024
CONFIG_ENV = "CAREER_QUIZ_CONFIG_DIR"
"""Set to a folder to keep the settings there (tests, a shared computer)."""


def user_settings_path() -> Path:
    configured = os.environ.get(CONFIG_ENV)
    if configured:
        return Path(configured) / FILE_NAME
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False) / FILE_NAME


@dataclass
class Settings:
    """Preferences remembered between runs; `path` None keeps them in memory only."""

    path: Path | None = None
    theme: str | None = None

    @classmethod
    def load(cls, path: Path, writable: bool = True) -> Settings:
        """The saved settings (any damage to the file means the defaults); `writable` False reads them but
        never writes (`--no-save`). The app ignores a theme it does not know."""
        settings = cls(path if writable else None)
        if not os.path.lexists(path):
            return settings  # the usual case (the theme was never changed): no JSON or file checks to load
        from knowledge.files import FileProblem, decode, parse_json, read_bytes

        try:  # a regular file of at most 64 KB, no duplicate keys or deep nesting (knowledge/files.py)
            data = parse_json(decode(read_bytes(path, SETTINGS_LIMIT)))
        except (OSError, FileProblem):
            return settings
        theme = data.get("theme") if isinstance(data, dict) else None
        settings.theme = theme if isinstance(theme, str) else None
        return settings

    def remember_theme(self, theme: str) -> str | None:
        """Keep the theme for the next run; a problem is returned as one sentence, never raised."""
        if theme == self.theme:
            return None
        self.theme = theme
        return self._save()

    def _save(self) -> str | None:
        if self.path is None:
            return None
        import json

        from knowledge.files import sweep, write_atomic

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            sweep(self.path.parent, ".settings-")
            write_atomic(self.path, json.dumps({"theme": self.theme}), prefix=".settings-")  # temp removed on failure
        except OSError as error:
            return f"The theme could not be remembered ({error.strerror or error})."
        return None
