"""Fixtures for the app tests: one app factory (the real brain), the knowledge base loaded once, and a home
of their own, so that no test reads or writes the user's saved session or reports."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from rules.dialogue import Dialogue
from rules.builtin import builtin_engine
from tests.tui.browser import Browser, chromium
from tests.tui.chat_driver import MakeApp
from tui.app import CareerQuizApp
from tui.sessions import SessionStore


@pytest.fixture(scope="session", autouse=True)
def warm_engine() -> None:
    """Load the knowledge base once, so each app's worker builds its Dialogue quickly."""
    builtin_engine()


@pytest.fixture(autouse=True)
def private_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the user's data, config and state folders (platformdirs) at a throw-away folder."""
    home = tmp_path_factory.mktemp("home")
    for variable, folder in (("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"),
                             ("XDG_STATE_HOME", "state")):
        monkeypatch.setenv(variable, str(home / folder))
    return home


@pytest.fixture
def store(tmp_path: Path) -> SessionStore:
    """A session store in this test's own folder."""
    return SessionStore(tmp_path / "sessions")


@pytest.fixture
def make_app(tmp_path: Path) -> MakeApp:
    """The app with the real brain; by default it saves nothing and exports into the test's folder."""

    def make(**kwargs: object) -> CareerQuizApp:
        kwargs.setdefault("dialogue_factory", Dialogue)
        kwargs.setdefault("store", None)
        kwargs.setdefault("export_dir", tmp_path)
        return CareerQuizApp(**kwargs)  # type: ignore[arg-type]

    return make


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    """One headless Chromium for every browser-mode test (each opens and closes its own pages)."""
    chromium()
    started = Browser(tmp_path_factory.mktemp("chromium-profile"))
    yield started
    started.close()
