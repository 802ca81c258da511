"""Fixtures shared by the test suite: the real knowledge base, and throw-away knowledge bases to break."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

import tests.hypothesis_budget  # noqa: F401 - loads the Hypothesis profile (HYPOTHESIS_PROFILE) for every test

ROOT = Path(__file__).resolve().parent.parent
"""The project folder (pyproject's `pythonpath` makes it importable even when the project is not installed)."""

MakeKB = Callable[[dict[str, str]], Path]


@pytest.fixture(scope="session")
def kb():  # type: ignore[no-untyped-def]
    """The built-in knowledge base, loaded and verified once."""
    from knowledge.loader import builtin

    return builtin()


@pytest.fixture
def make_kb(tmp_path: Path) -> MakeKB:
    """Build a knowledge base folder: the real sources.toml and sources, plus the given careers/<name> files."""

    def make(careers: dict[str, str]) -> Path:
        folder = tmp_path / "kb"
        folder.mkdir()
        shutil.copy(ROOT / "knowledge" / "sources.toml", folder / "sources.toml")
        shutil.copytree(ROOT / "knowledge" / "sources", folder / "sources")
        (folder / "careers").mkdir()
        for name, text in careers.items():
            (folder / "careers" / name).write_text(text, encoding="utf-8")
        return folder

    return make


def pytest_configure(config: pytest.Config) -> None:
    """Keep the engine snapshot of test runs out of the user's cache folder."""
    import os
    import tempfile

    os.environ.setdefault("CAREER_QUIZ_CACHE_DIR", tempfile.mkdtemp(prefix="career-quiz-cache-"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The tests that start a server or Chromium (marked xdist_group, one worker runs them all, one at a time) go
    first: under `make test` that lane then runs beside the others instead of being the last one to finish."""
    items.sort(key=lambda item: item.get_closest_marker("xdist_group") is None)

