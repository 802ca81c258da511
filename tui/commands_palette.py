"""The command palette's Career Quiz commands: results, compare, sources, restart, export, forget me, advisor mode,
demo students, themes, high contrast."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui.themes import DARK, LIGHT

Command = tuple[str, str, Callable[[], object]]


class CareerCommands(Provider):
    """Everything the quiz can do, reachable from Ctrl+P on any screen."""

    def commands(self) -> list[Command]:
        app = self.app
        run = app.run_action
        return [
            ("See results", "The full ranking with every reason and its source", partial(run, "results")),
            ("Compare top careers", "Your top three careers side by side", partial(run, "compare")),
            ("Compare all careers", "Every career side by side", partial(run, "compare(True)")),
            ("Sources", "List the five documents every claim is quoted from", partial(run, "sources")),
            ("Restart the quiz", "Clear your answers and start again", partial(run, "restart")),
            ("Export report (Markdown/HTML)", "Save a report of your answers, reasons and quotes in the current "
             "folder", partial(run, "export")),
            ("Forget me", "Delete your saved answers from this computer (asks first)", partial(run, "forget")),
            ("Advisor mode", "Show or hide the trace of the rules behind a career (F2 why, F3 how)",
             partial(run, "toggle_advisor")),
            ("Demo students (personas)", "Load a demo student and replay their answers", partial(run, "personas")),
            ("Theme: light", "Dark text on a light background", partial(run, f"set_theme('{LIGHT}')")),
            ("Theme: dark", "Light text on a dark background", partial(run, f"set_theme('{DARK}')")),
            ("High contrast (projector)", "Toggle black, white and yellow for projectors",
             partial(run, "toggle_contrast")),
        ]

    async def discover(self) -> Hits:
        for name, help_text, callback in self.commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self.commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)

