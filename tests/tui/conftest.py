"""Fixtures for the app tests: one app factory (the real brain), and the knowledge base loaded once."""

from __future__ import annotations

import pytest

from rules.dialogue import Dialogue
from rules.engine import builtin_engine
from tests.tui.chat_driver import MakeApp
from tui.app import CareerQuizApp


@pytest.fixture(scope="session", autouse=True)
def warm_engine() -> None:
    """Load the knowledge base once, so each app's worker builds its Dialogue quickly."""
    builtin_engine()


@pytest.fixture
def make_app() -> MakeApp:
    def make(**kwargs: object) -> CareerQuizApp:
        kwargs.setdefault("dialogue_factory", Dialogue)
        return CareerQuizApp(**kwargs)  # type: ignore[arg-type]

    return make
