"""How the results, comparison and source screens look, at 80×24 and 120×40, in the dark and light themes.

Update after an intended change with `pytest tests/tui/test_snapshots_screens.py --snapshot-update`.
"""

from __future__ import annotations

import pytest
from textual.app import App
from textual.screen import Screen

from knowledge.loader import builtin
from rules.dialogue import Dialogue
from rules.views import compare_view, results_view
from tui.screens.compare import CompareScreen
from tui.screens.results import ResultsScreen
from tui.screens.source import SourceScreen

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]
THEMES = ["textual-dark", "textual-light"]
ANSWERS: dict[str, str | int] = {
    "focus": "records", "patient_contact": "none", "training_months": 12, "pay_min": 35000, "exam": "yes",
    "science": "avoid", "equipment": "no", "computer_work": "yes", "schedule": "daytime_only",
}


class Host(App[None]):
    """A bare app in the given theme that opens one screen."""

    def __init__(self, make: type[Screen[None]] | object, theme: str) -> None:
        super().__init__()
        self.make = make
        self.start_theme = theme

    def on_mount(self) -> None:
        self.theme = self.start_theme
        self.push_screen(self.make())  # type: ignore[operator]


def results(by_itself: bool = False) -> ResultsScreen:
    dialogue = Dialogue()
    dialogue.start()
    while dialogue.current is not None and dialogue.current.id in ANSWERS:
        dialogue.choose(ANSWERS[dialogue.current.id])
    return ResultsScreen(results_view(dialogue.engine, dialogue.result()), by_itself=by_itself)


def comparison() -> CompareScreen:
    return CompareScreen(compare_view(builtin(), ["medical_records_technician", "medical_coder",
                                                  "licensed_practical_nurse"]))


def source() -> SourceScreen:
    kb = builtin()
    return SourceScreen(kb, kb.citation("medical_records_technician",
                                        kb.fact("medical_records_technician", "training_certificate_9_12")))


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES)
def test_results(snap_compare, size: tuple[int, int], theme: str) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(Host(results, theme), terminal_size=size)


@pytest.mark.parametrize("theme", THEMES)
def test_results_opened_by_themselves(snap_compare, theme: str) -> None:  # type: ignore[no-untyped-def]
    """The line under the heading says that typing goes on in the chat; Compare is dimmed until the results
    are used."""
    assert snap_compare(Host(lambda: results(by_itself=True), theme), terminal_size=(80, 24))


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES)
def test_compare_with_a_selected_cell(snap_compare, size: tuple[int, int],  # type: ignore[no-untyped-def]
                                      theme: str) -> None:
    assert snap_compare(Host(comparison, theme), terminal_size=size, press=["right", "enter"])


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES)
def test_source(snap_compare, size: tuple[int, int], theme: str) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(Host(source, theme), terminal_size=size)


def test_compare_at_80x24(snap_compare) -> None:  # type: ignore[no-untyped-def]
    """The table alone fills the screen: every row on it, cut cells ending with '…'."""
    assert snap_compare(Host(comparison, "textual-dark"), terminal_size=(80, 24))
