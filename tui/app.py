"""The Career Quiz app: a chat screen first, results, comparison and sources on top, themes, the palette.

Nothing heavy is imported before the first paint: the knowledge base and the brain are loaded by the chat
screen's worker through `dialogue_factory`, so the first question appears about as fast as Textual itself.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.binding import Binding
from textual.events import Resize
from textual.screen import Screen

from tui.commands_palette import CareerCommands
from tui.screens.chat import ChatScreen
from tui.screens.too_small import MIN_HEIGHT, MIN_WIDTH, TooSmallScreen
from tui.themes import DARK, HIGH_CONTRAST, LIGHT, THEMES

if TYPE_CHECKING:
    import argparse

    from rules.dialogue import Dialogue
    from rules.models import Answers

EXIT_USAGE = 2
COMPARE_TOP = 3


def new_dialogue(answers: Answers | None = None) -> Dialogue:
    """The real brain, optionally starting from answers read from a file (runs in the chat's worker)."""
    from rules.dialogue import Dialogue, SessionState

    if not answers:
        return Dialogue()
    return Dialogue(state=SessionState(answers=dict(answers), order=list(answers)))


class CareerQuizApp(App[None]):
    """Pass `dialogue_factory` to drive the app with another brain (tests, screenshots)."""

    CSS_PATH = ["app.tcss", "screens/chat.tcss"]
    """chat.tcss is listed here because Textual 8.2.8 does not load a `get_default_screen` screen's CSS_PATH."""
    TITLE = "Career Quiz"
    SUB_TITLE = "Medical records technician — or something else?"
    COMMANDS = App.COMMANDS | {CareerCommands}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]
    BINDINGS = [
        Binding("ctrl+t", "toggle_light", "Light/dark", tooltip="Switch between the light and the dark theme",
                id="app.toggle_light"),
        Binding("f6", "toggle_contrast", "Contrast", tooltip="High contrast, for projectors", priority=True,
                id="app.toggle_contrast"),
    ]
    """Both work on every screen; F6 is a priority binding because a focused TextArea would take it."""

    def __init__(self, dialogue_factory: Callable[[], Dialogue] | None = None, *, intro: str | None = None,
                 theme: str = DARK) -> None:
        super().__init__()
        for extra in THEMES:
            self.register_theme(extra)
        self.theme = theme
        self.dialogue_factory = dialogue_factory or new_dialogue
        self.intro = intro
        self._theme_before_contrast = DARK if theme == HIGH_CONTRAST else theme

    def get_default_screen(self) -> Screen[Any]:
        return ChatScreen(self.dialogue_factory, intro=self.intro)

    @property
    def chat(self) -> ChatScreen:
        screen = self.screen_stack[0]
        assert isinstance(screen, ChatScreen)
        return screen

    @property
    def dialogue(self) -> Dialogue | None:
        return self.chat.dialogue

    # --- size ----------------------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.check_size(self.size.width, self.size.height)

    def on_resize(self, event: Resize) -> None:
        self.check_size(event.size.width, event.size.height)

    def check_size(self, width: int, height: int) -> None:
        """Cover everything with a 'please enlarge' message while the terminal is too small to be usable."""
        too_small = width < MIN_WIDTH or height < MIN_HEIGHT
        showing = isinstance(self.screen, TooSmallScreen)
        if too_small and not showing:
            self.push_screen(TooSmallScreen())
        elif showing and not too_small:
            self.pop_screen()

    # --- views (from keys, the palette, and the chat itself) --------------------------------------------

    def _dialogue_or_notify(self) -> Dialogue | None:
        dialogue = self.dialogue
        if dialogue is None:
            self.notify("One moment: I'm still loading my sources.", markup=False)
        return dialogue

    def back_to_chat(self) -> ChatScreen:
        while len(self.screen_stack) > 1 and not isinstance(self.screen, TooSmallScreen):
            self.pop_screen()
        return self.chat

    def action_results(self) -> None:
        from tui.screens.results import ResultsScreen

        if not isinstance(self.screen, ResultsScreen) and (dialogue := self._dialogue_or_notify()):
            self.push_screen(ResultsScreen(dialogue))

    def action_compare(self, everything: bool = False) -> None:
        """Compare the top three careers for the answers so far (or every career)."""
        from tui.screens.compare import CompareScreen

        if isinstance(self.screen, CompareScreen):
            self.pop_screen()
        if dialogue := self._dialogue_or_notify():
            ranked = [rec.career for rec in dialogue.result().recommendations]
            self.push_screen(CompareScreen(dialogue.engine.kb, ranked if everything else ranked[:COMPARE_TOP]))

    def action_sources(self) -> None:
        self.back_to_chat().say("sources")

    def action_restart(self) -> None:
        self.back_to_chat().restart()

    # --- looks ---------------------------------------------------------------------------------------

    def action_toggle_light(self) -> None:
        self.theme = DARK if self.theme == LIGHT else LIGHT

    def action_toggle_contrast(self) -> None:
        if self.theme == HIGH_CONTRAST:
            self.theme = self._theme_before_contrast
        else:
            self._theme_before_contrast = self.theme
            self.theme = HIGH_CONTRAST

    def action_set_theme(self, name: str) -> None:
        self.theme = name


def main(args: argparse.Namespace) -> int:
    """Run the chat app. `--answers FILE` starts with those answers; a bad file is one line on stderr, exit 2."""
    answers: Answers = {}
    intro = None
    path = getattr(args, "answers", None)
    if path:
        from rules.answers import AnswerError, read_file
        from rules.rulebook import builtin_rulebook

        try:
            answers = read_file(builtin_rulebook(), path)
        except AnswerError as error:
            print(f"career-quiz: {error}", file=sys.stderr)
            return EXIT_USAGE
        intro = f"Started with {len(answers)} answer{'s' if len(answers) != 1 else ''} from {Path(path).name}."
    app = CareerQuizApp(partial(new_dialogue, answers), intro=intro)
    app.run()
    return app.return_code or 0
