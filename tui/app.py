"""The Career Quiz app: a chat screen first, results, comparison and sources on top, themes, the palette;
saved sessions, the report export, and the advisor's trace and demo students.

Nothing heavy is imported before the first paint: the knowledge base, the brain and the saved session are
loaded by the chat screen's worker through `dialogue_factory` and the `SessionKeeper`, so the first question
appears about as fast as Textual itself.
"""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode
from textual.events import Event, Key, Resize
from textual.geometry import Size
from textual.screen import Screen
from textual.theme import Theme

from tui import driver_shim
from tui.screens.chat import ChatScreen
from tui.session_keeper import SessionKeeper, StoreSource
from tui.start import AnswersFileError, new_dialogue, start_options
from tui.settings import Settings, user_settings_path
from tui.themes import DARK, HIGH_CONTRAST, LIGHT, THEMES

if TYPE_CHECKING:
    import argparse

    from textual.command import Provider
    from textual.driver import Driver

    from rules.conversation import Conversation
    from rules.dialogue import Dialogue
    from rules.views import DemoStudent
    from tui.report import Format

EXIT_USAGE = 2
EXIT_BROKEN_KB = 1
REPORT_NAME = "career-quiz-report-{who}-{time}.{fmt}"
"""Named after the student (or demo persona) and the time, so no export ever replaces another."""
REPORT_TEMP = ".career-quiz-report-"
REPORT_FORMATS: tuple[Format, ...] = ("md", "html")
REPORT_TYPES = {"md": "text/markdown", "html": "text/html"}
MAX_TERMINAL = 10_000
"""Largest width or height a resize may claim (a browser can send anything)."""


def report_stem(who: str | None, when: datetime | None = None) -> str:
    """'career-quiz-report-maria-20261203-0715' (who: a persona's name; else 'student')."""
    slug = re.sub(r"[^a-z0-9]+", "-", (who or "student").lower()).strip("-")[:40] or "student"
    stamp = (when or datetime.now()).strftime("%Y%m%d-%H%M%S")
    return REPORT_NAME.format(who=slug, time=stamp, fmt="").rstrip(".")


MIN_WIDTH, MIN_HEIGHT = 60, 18
"""Below this the chat cannot show a question, its options and the input at once (TooSmallScreen covers it)."""
TOO_SMALL = "too-small"
"""The id of the screen that covers the app while the terminal is too small."""


def career_commands() -> type[Provider]:
    """The command palette's Career Quiz commands, imported when the palette first opens (not at start-up)."""
    from tui.commands_palette import CareerCommands

    return CareerCommands


class CareerQuizApp(App[None]):
    """Pass `dialogue_factory` to drive the app with another brain (tests, screenshots).

    `store` is where the session is saved after every answer and offered back at the next start: a
    `SessionStore`, a function making one (`user_store`, the user's data folder, as `career-quiz` does), or
    None to save nothing (the default, so that tests and screenshots never touch a real session). `resume`
    False never offers the saved session (answers came from `--answers`). `export_dir` is where reports are
    written (the current folder by default). `advisor` starts with the trace panel shown.
    """

    CSS_PATH = ["app.tcss", "screens/chat.tcss"]
    """chat.tcss is listed here because Textual 8.2.8 does not load a `get_default_screen` screen's CSS_PATH."""
    TITLE = "Career Quiz"
    SUB_TITLE = "Medical records technician — or something else?"
    COMMANDS = App.COMMANDS | {career_commands}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", tooltip="Quit Career Quiz (your answers are saved as you go)",
                priority=True, id="app.quit"),
        Binding("f9", "toggle_light", "Light/dark", tooltip="Switch between the light and the dark theme",
                id="app.toggle_light"),
        Binding("f6", "toggle_contrast", "Contrast", tooltip="High contrast, for projectors", priority=True,
                id="app.toggle_contrast"),
    ]
    """Both work on every screen; F6 is a priority binding because a focused TextArea would take it. No footer
    key is one a browser keeps for itself (Ctrl+T, Ctrl+N, Ctrl+W: new tab, new window, close tab), so browser
    mode has every action too (`tests/tui/test_browser_keys.py`)."""

    def __init__(self, dialogue_factory: Callable[[], Dialogue] | None = None, *, intro: str | None = None,
                 theme: str | None = None, store: StoreSource = None, resume: bool = True, advisor: bool = False,
                 export_dir: Path | None = None, settings: Settings | None = None, quick_start: bool = True) -> None:
        super().__init__()
        for extra in THEMES:
            self.register_theme(extra)
        self.settings = settings or Settings()
        """Preferences kept between runs (the theme); in memory only unless a file is given."""
        remembered = self.settings.theme if self.settings.theme in self.available_themes else None
        theme = theme or remembered or DARK
        self.theme = theme
        self.settings.theme = theme
        self.dialogue_factory = self._remember_failure(dialogue_factory or new_dialogue)
        self.load_error: str | None = None
        """Why the brain could not be loaded (the knowledge base report), once that has happened."""
        self.intro = intro
        self.quick_start = quick_start
        """Show the opening question before the brain has loaded (not when answers from a file answered it)."""
        self.keeper = SessionKeeper(store, resume=resume, on_locked=self._locked_elsewhere)
        self.advisor = advisor
        self.export_dir = export_dir
        self.export_who: str | None = None
        """Whose report an export is (a demo persona's name); None: the student at the keyboard."""
        self._theme_before_contrast = DARK if theme == HIGH_CONTRAST else theme

    def get_driver_class(self) -> type[Driver]:
        """Textual's driver for this terminal (or the web driver, when served), with `tui.driver_shim`'s fixes."""
        driver_class = super().get_driver_class()
        driver_shim.install([driver_class.__module__])
        return driver_class

    def _remember_failure(self, factory: Callable[[], Dialogue]) -> Callable[[], Dialogue]:
        """The factory, noting why it failed (results, compare and export then say so instead of 'loading')."""

        def make() -> Dialogue:
            try:
                return factory()
            except Exception as error:
                report = error.report() if hasattr(error, "report") else str(error)
                self.load_error = report or type(error).__name__
                raise

        return make

    def get_default_screen(self) -> Screen[Any]:
        chat = ChatScreen(self.dialogue_factory, intro=self.intro, quick_start=self.quick_start, keeper=self.keeper,
                          advisor=self.advisor)
        # Textual gives a screen its breakpoint classes on its first Resize, a few frames after the first one:
        # the chat would be drawn in its wide layout at 80×24 first, then jump (and be styled twice).
        chat.add_class(*self.breakpoint_classes(self.size), update=False)
        return chat

    def update_styles(self, node: DOMNode, animate: bool = True) -> None:
        """Shim: restyle a widget whose classes changed only once it is in the DOM.

        Textual 8.2.8 restyles a widget and its children at once on every class change, even while the widget is
        being built and has no parent (its styles are computed again when it is mounted): a Button sets two
        classes in its constructor, so each option button was styled three times before the first frame. Textual
        once skipped this (https://github.com/Textualize/textual/pull/3885, "Avoid calling _update_styles when
        the widget has no parent"); see also https://github.com/Textualize/textual/issues/6524.
        """
        if node.parent is None and node is not self:
            return
        super().update_styles(node, animate)

    def breakpoint_classes(self, size: Size) -> list[str]:
        """The classes the breakpoints give a screen of `size` ('-narrow', '-tall', …), as Textual picks them."""
        classes = []
        for cells, breakpoints in ((size.width, self.HORIZONTAL_BREAKPOINTS or []),
                                   (size.height, self.VERTICAL_BREAKPOINTS or [])):
            classes += [name for at_least, name in sorted(breakpoints, reverse=True) if cells >= at_least][:1]
        return classes

    @property
    def chat(self) -> ChatScreen:
        screen = self.screen_stack[0]
        assert isinstance(screen, ChatScreen)
        return screen

    @property
    def dialogue(self) -> Dialogue | None:
        """The brain behind the chat (for tests; the app's own views come from the conversation)."""
        return self.chat.dialogue

    # --- size ----------------------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.check_size(self.size.width, self.size.height)
        self.theme_changed_signal.subscribe(self, self._remember_theme)

    def _remember_theme(self, theme: Theme) -> None:
        problem = self.settings.remember_theme(theme.name)
        if problem:
            self.notify(problem, severity="warning", markup=False)

    def on_unmount(self) -> None:
        self.keeper.release()

    def on_resize(self, event: Resize) -> None:
        self.check_size(event.size.width, event.size.height)

    def check_size(self, width: object, height: object) -> None:
        """Cover everything with a 'please enlarge' message while the terminal is too small to be usable.

        A size that is not a sensible whole number (a browser may send anything) is ignored.
        """
        if not all(isinstance(n, int) and not isinstance(n, bool) and 0 <= n <= MAX_TERMINAL
                   for n in (width, height)):
            return
        assert isinstance(width, int) and isinstance(height, int)
        too_small = width < MIN_WIDTH or height < MIN_HEIGHT
        showing = self.screen.id == TOO_SMALL
        if too_small and not showing:
            from tui.screens.too_small import TooSmallScreen  # most starts never need it

            self.push_screen(TooSmallScreen(MIN_WIDTH, MIN_HEIGHT, id=TOO_SMALL))
        elif showing and not too_small:
            self.pop_screen()

    # --- views (from keys, the palette, and the chat itself) --------------------------------------------

    def _conversation_or_notify(self) -> Conversation | None:
        """The chat's conversation once its brain is ready; else None, and the student is told why."""
        conversation = self.chat.conversation
        if conversation.ready:
            return conversation
        if self.load_error is not None:
            first = self.load_error.splitlines()[0]
            self.notify(f"My sources could not be loaded, so there is nothing to show. {first} "
                        "Run 'career-quiz kb check' for the full report.", title="Knowledge base broken",
                        severity="error", markup=False, timeout=15)
        else:
            self.notify("One moment: I'm still loading my sources.", markup=False)
        return None

    async def on_event(self, event: Event) -> None:
        """A key that a screen on top of the chat hands to the chat is typed there (`tui.screens.typing`).

        Decided here, as each key arrives and before Textual passes it on, so a fast burst keeps its order."""
        if isinstance(event, Key) and not event.is_forwarded and self._typed_in_chat(event):
            return
        await super().on_event(event)

    def _typed_in_chat(self, event: Key) -> bool:
        typing_for_chat = getattr(self.screen, "typing_for_chat", None)
        if typing_for_chat is None or len(self.screen_stack) < 2:
            return False
        chat = self.chat
        typing = typing_for_chat(event, draft=chat.has_draft)
        if typing is None or not chat.takes(event, as_key=typing.as_key):
            return False
        if typing.go_back:
            self.back_to_chat()
        chat.type_in_box(event, as_key=typing.as_key, focus=typing.go_back)
        return True

    def back_to_chat(self) -> ChatScreen:
        while len(self.screen_stack) > 1 and self.screen.id != TOO_SMALL:
            self.pop_screen()
        return self.chat

    def action_results(self, by_itself: bool = False) -> None:
        """The results; `by_itself` when the student did not ask (the chat's turn opened them): keys they were
        typing then go back to the chat until they use the screen."""
        from tui.screens.results import ResultsScreen

        if not isinstance(self.screen, ResultsScreen) and (conversation := self._conversation_or_notify()):
            self.push_screen(ResultsScreen(conversation.results(), by_itself=by_itself))

    def refresh_results(self) -> None:
        """The answers changed while results are open (typed in a burst as they opened): show the current ones."""
        from tui.screens.results import ResultsScreen

        shown = [screen for screen in self.screen_stack if isinstance(screen, ResultsScreen)]
        if shown and self.chat.conversation.ready:
            view = self.chat.conversation.results()
            for screen in shown:
                screen.show_view(view)

    def action_compare(self, everything: bool = False) -> None:
        """Compare the best careers for the answers so far (`rules.compare.COMPARED` of them, or every one)."""
        from tui.screens.compare import CompareScreen

        if isinstance(self.screen, CompareScreen):
            self.pop_screen()
        if conversation := self._conversation_or_notify():
            self.push_screen(CompareScreen(conversation.comparison(everything=everything)))

    def action_sources(self) -> None:
        self.back_to_chat().say("sources")

    def action_restart(self) -> None:
        self.export_who = None
        self.back_to_chat().restart()

    def action_forget(self) -> None:
        """'Forget me' from the palette: the chat asks to confirm, then deletes the saved session."""
        chat = self.back_to_chat()
        if self._conversation_or_notify():
            chat.ask_forget()

    # --- the report ------------------------------------------------------------------------------------

    def action_export(self) -> None:
        """The report for the answers so far, as Markdown and HTML: downloaded by the browser in browser mode
        (nothing is written on the server), else written as new files in the export folder (never replacing one).
        """
        conversation = self._conversation_or_notify()
        if conversation is None:
            return
        from tui.report import render_report

        stem = report_stem(self.export_who)
        report = conversation.report()
        texts = [render_report(report.engine, report.answers, fmt) for fmt in REPORT_FORMATS]
        if self.is_web:
            for fmt, text in zip(REPORT_FORMATS, texts):
                self.deliver_text(io.StringIO(text), save_filename=f"{stem}.{fmt}", mime_type=REPORT_TYPES[fmt],
                                  encoding="utf-8")
            self.notify("Report sent to your browser's downloads:\n" + "\n".join(f"{stem}.{fmt}"
                        for fmt in REPORT_FORMATS), title="Exported", markup=False, timeout=10)
            return
        from knowledge.files import sweep, write_new

        folder = (self.export_dir if self.export_dir is not None else Path.cwd()).absolute()
        try:
            sweep(folder, REPORT_TEMP)
            written = write_new([folder / f"{stem}.{fmt}" for fmt in REPORT_FORMATS], list(texts))
        except OSError as error:
            self.notify(f"The report could not be written to {folder}: {error.strerror or error}. "
                        "Start Career Quiz from a folder you can write to.", title="Export failed",
                        severity="error", markup=False, timeout=10)
            return
        self.notify("Report saved:\n" + "\n".join(str(path) for path in written), title="Exported",
                    markup=False, timeout=10)

    # --- two windows on one saved session ---------------------------------------------------------------

    def _locked_elsewhere(self) -> None:
        """Called (from the brain's worker, or on a save) when another window holds the session folder."""
        try:
            self.call_from_thread(self.ask_about_other_window)
        except RuntimeError:  # already on the app's thread
            self.ask_about_other_window()

    def ask_about_other_window(self, again: bool = False) -> None:
        from tui.screens.other_window import QUIT, RETRY, OtherWindowScreen

        def chosen(choice: str | None) -> None:
            if choice == QUIT:
                self.exit()
            elif choice == RETRY:
                took, saved, note = self.keeper.retry()
                if not took:
                    self.ask_about_other_window(again=True)
                    return
                self.chat.took_over(saved, note)
            else:
                self.keeper.work_unsaved()
                self.notify("This window saves nothing; your answers are kept until you close it.",
                            title="Not saving", markup=False, timeout=10)

        self.push_screen(OtherWindowScreen(self.keeper.path, again), chosen)

    # --- advisor mode --------------------------------------------------------------------------------

    def action_toggle_advisor(self) -> None:
        self.advisor = not self.advisor
        self.chat.set_advisor(self.advisor)

    def personas(self) -> tuple[DemoStudent, ...] | None:
        """The demo students (loaded once, after the brain); None, with a notification, when the file is bad."""
        conversation = self._conversation_or_notify()
        if conversation is None:
            return None
        from knowledge.base import KnowledgeError

        try:
            return conversation.demo_students()
        except KnowledgeError as error:
            self.notify(f"The demo students could not be loaded: {error}", title="Personas",
                        severity="error", markup=False, timeout=10)
            return None

    def action_personas(self) -> None:
        """Pick a demo student; choosing one restarts the chat and replays their answers."""
        from tui.screens.personas import PersonaChoice, PersonasScreen

        self.back_to_chat()
        students = self.personas()
        if not students:
            return
        by_id = {student.persona.id: student.persona for student in students}
        choices = [PersonaChoice(s.persona.id, s.persona.name, s.persona.story, s.expected) for s in students]

        def chosen(persona_id: str | None) -> None:
            if persona_id in by_id:
                self.export_who = by_id[persona_id].name
                self.chat.load_persona(by_id[persona_id])

        self.push_screen(PersonasScreen(choices), chosen)

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


def app_for(args: argparse.Namespace) -> CareerQuizApp:
    """The app as `career-quiz` starts it from its options (raises AnswersFileError for a bad answers file).

    `--answers FILE` starts with those answers (the saved session is not offered); `--no-save` never reads or
    writes the session (otherwise it is saved in the user's data folder) nor writes the remembered theme;
    `--advisor` starts with the trace.
    """
    start = start_options(args)
    settings = Settings.load(user_settings_path(), writable=start.store is not None)
    return CareerQuizApp(start.dialogue_factory(), intro=start.intro, store=start.store, resume=start.resume,
                         advisor=bool(getattr(args, "advisor", False)), settings=settings,
                         quick_start=not start.answers)  # the file's answers may have answered the opening


def main(args: argparse.Namespace) -> int:
    """Run the chat app (see `app_for`); a bad answers file is one line on stderr and exit 2; a broken
    knowledge base is its report on stderr and exit 1 (after the app said so; before it starts, tui.cli reports it)."""
    try:
        app = app_for(args)
    except AnswersFileError as error:
        print(f"career-quiz: {error}", file=sys.stderr)
        return EXIT_USAGE
    app.run()
    if app.load_error is not None:
        print(app.load_error, file=sys.stderr)  # the same report as every headless command
        return EXIT_BROKEN_KB
    return app.return_code or 0
