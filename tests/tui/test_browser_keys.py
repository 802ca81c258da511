"""Every action in the footer has a key a web browser lets through: Chrome and Firefox keep Ctrl+T (new tab),
Ctrl+N (new window), Ctrl+W (close tab) and their Shift forms for themselves, so in browser mode those keys
never reached the app (issue #12)."""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from tui.app import CareerQuizApp
from tui.screens.chat import ChatScreen
from tui.screens.compare import CompareScreen
from tui.screens.personas import PersonasScreen
from tui.screens.results import ResultsScreen
from tui.screens.source import SourceScreen

BROWSER_KEYS = {"ctrl+t", "ctrl+n", "ctrl+w", "ctrl+shift+t", "ctrl+shift+n", "ctrl+shift+w", "ctrl+tab",
                "ctrl+shift+tab", "ctrl+page_up", "ctrl+page_down", "f11"}


def shown_keys(owner: type[App] | type[Screen]) -> dict[str, str]:
    keys = {}
    for binding in owner.BINDINGS:
        if isinstance(binding, Binding) and binding.show:
            for key in binding.key.split(","):
                keys[key.strip()] = binding.description
    return keys


def test_no_footer_action_sits_on_a_key_the_browser_keeps() -> None:
    owners = [CareerQuizApp, ChatScreen, ResultsScreen, CompareScreen, SourceScreen, PersonasScreen]
    taken = {f"{owner.__name__}: {key} ({description})" for owner in owners
             for key, description in shown_keys(owner).items() if key in BROWSER_KEYS}
    assert taken == set()


def test_restart_and_light_dark_moved_to_keys_every_browser_passes_on() -> None:
    assert shown_keys(ChatScreen)["ctrl+g"] == "Restart"
    assert shown_keys(CareerQuizApp)["f9"] == "Light/dark"
