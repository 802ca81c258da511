"""The main view: the conversation, the options for the open question, progress, the live ranking and, for
advisors, the trace of the rules behind a career.

A thin front end over `rules.conversation.Conversation`: every turn the conversation returns is rendered here
(its messages in the transcript, its choices as buttons, its progress, the view it asks to open), and every
move of the student goes back to it: text to `say`; a button, a digit on the buttons or a message that is only
an option's number to `pick` with its (owner id, choice id). The live ranking, the advisor's trace and 'how' come from the conversation too (`standing`,
`trace`, `how`): nothing here reads the dialogue, the engine or a message's wording. The brain is built in a
thread worker so the screen
paints at once with the conversation's opening turn; messages and picks made meanwhile are queued by the
conversation and answered as soon as it is ready.
"""

from __future__ import annotations

import gc
from threading import Event
from typing import TYPE_CHECKING

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input

from tui.messages import OptionPicked
from tui.session_keeper import SessionKeeper
from tui.widgets.chat_input import PLACEHOLDER, ChatInput
from tui.widgets.deferred import Deferred, reveal
from tui.widgets.options import Choice, OptionsBar
from tui.widgets.progress import ProgressLine, Unanswered
from tui.widgets.transcript import MessageBubble, Transcript, from_reply, from_user

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from rules.dialogue import Dialogue, SessionState
    from rules.models import Reply
    from rules.personas import Persona
    from rules.turns import Line, Turn
    from rules.views import Standing
    from tui.widgets.trace import TracePanel

EDITING_KEYS = frozenset({"enter", "backspace"})
"""Keys that are not printable but belong to the message box while nothing else has the focus."""
EARLY_KEYS = EDITING_KEYS | {"ctrl+j", "ctrl+m"}
"""Those keys as they may arrive before the first frame (the terminal not yet raw: Enter is a line feed)."""
DIGITS = frozenset("123456789")
"""The keys that choose an option at once while the focus is on the option buttons."""
BRAIN_WAIT_MAX = 5.0
"""Seconds the brain waits for the first screen to be drawn before it loads anyway."""


class ChatScreen(Screen[None]):
    """The conversation; the app's first screen (its layout is in chat.tcss, loaded by the app)."""

    AUTO_FOCUS = "#chat-input"
    BINDINGS = [
        Binding("ctrl+r", "app.results", "Results", tooltip="See the full ranking with every reason and source",
                id="chat.results"),
        Binding("ctrl+o", "app.compare", "Compare", tooltip="Compare your top three careers side by side",
                id="chat.compare"),
        Binding("ctrl+g", "app.restart", "Restart", tooltip="Start the quiz again (asks first; 'back' undoes it)",
                id="chat.restart"),
        Binding("ctrl+s", "latest_citation", "Quotes", tooltip="Jump to the newest reply's sources; Enter opens "
                "one, Tab and Shift+Tab move between them", id="chat.latest_citation"),
        Binding("ctrl+e", "app.export", "Export", show=False, priority=True,
                tooltip="Save a report of your answers (Markdown and HTML) in the current folder",
                id="chat.export"),
        Binding("ctrl+a", "app.toggle_advisor", "Advisor", show=False, priority=True,
                tooltip="Show or hide the advisor's trace of the rules behind a career", id="chat.toggle_advisor"),
        Binding("f2", "why", "Why?", tooltip="Why the open question is asked and what its answer can move",
                id="chat.why"),
        Binding("f3", "how", "How?", tooltip="How the traced career scored: every rule that fired",
                id="chat.how"),
        Binding("f4", "personas", "Personas", tooltip="Load a demo student and replay their answers",
                id="chat.personas"),
        Binding("f7", "cycle_trace(-1)", "Prev", tooltip="Trace the career ranked above", id="chat.trace_up"),
        Binding("f8", "cycle_trace(1)", "Next", tooltip="Trace the career ranked below",
                id="chat.trace_down"),
        Binding("escape", "focus_input", "Type", show=False, tooltip="Go back to the message box",
                id="chat.focus_input"),
        Binding("pageup", "scroll_transcript('page_up')", "Page up", show=False, id="chat.page_up",
                tooltip="Scroll the conversation up a page (also from the message box)"),
        Binding("pagedown", "scroll_transcript('page_down')", "Page down", show=False, id="chat.page_down",
                tooltip="Scroll the conversation down a page (also from the message box)"),
        Binding("ctrl+home", "scroll_transcript('home')", "Top", show=False, id="chat.top",
                tooltip="Go to the start of the conversation"),
        Binding("ctrl+end", "scroll_transcript('end')", "Newest", show=False, id="chat.newest",
                tooltip="Go to the newest message"),
        Binding("home", "scroll_transcript('home')", "Top", show=False, priority=True, id="chat.home",
                tooltip="Go to the start of the conversation (while the message box is empty)"),
        Binding("end", "scroll_transcript('end')", "Newest", show=False, priority=True, id="chat.end",
                tooltip="Go to the newest message (while the message box is empty)"),
    ]
    ADVISOR_ACTIONS = {"why", "how", "personas", "cycle_trace"}
    """Keys that work (and show in the footer) in advisor mode only."""

    def __init__(self, dialogue_factory: Callable[[], Dialogue], intro: str | None = None,
                 quick_start: bool = True, *, keeper: SessionKeeper | None = None, advisor: bool = False) -> None:
        super().__init__(classes="-advisor" if advisor else None)
        from rules.conversation import Conversation  # stdlib only until `load` builds the brain

        self.keeper = keeper or SessionKeeper(None)
        self.conversation = Conversation(dialogue_factory, self.keeper, intro=intro)
        self.quick_start = quick_start
        """Show the greeting and opening question before the brain loads."""
        self.advisor = advisor
        self.turn: Turn | None = None
        """The last turn rendered: its choices are the buttons on show."""
        self._early_keys: list[events.Key] | None = []
        """Keys that arrived before the first frame, typed in the message box once it is drawn (then None)."""
        self.drawn = Event()
        """Set once the whole first screen is drawn: the brain's worker waits for it."""
        self.trace_career: str | None = None
        self._numbered: tuple[str, Choice] | None = None
        """The message box's text while it is an option's number, with the option on show when it was typed."""
        """The career the advisor chose to trace (an id); None follows the top pick."""

    @property
    def dialogue(self) -> Dialogue | None:
        """The brain behind the conversation (None until it has loaded)."""
        return self.conversation.dialogue if self.conversation.ready else None

    def compose(self) -> ComposeResult:
        """The question, its options and the message box first; the title bar, the ranking (empty until the
        brain has loaded), the trace and the footer arrive a frame later (`tui.widgets.deferred`)."""
        messages: list[MessageBubble] = []
        choices: list[Choice] = []
        progress = None
        if self.quick_start:
            # The greeting and the opening question from questions.toml alone: on screen before the brain.
            self.turn = self.conversation.opening()
            messages = list(self._bubbles(self.turn.messages))
            choices = self._choices(self.turn)
            progress = Unanswered(self._total())
        yield Deferred(_header, id="header-slot")
        with Vertical(id="chat"):
            yield Transcript(*messages, id="transcript")
            yield ProgressLine(progress, id="progress")
            yield OptionsBar(choices, id="options")
            yield ChatInput(id="chat-input")
        yield Deferred(self._side, id="side-slot")
        yield Deferred(_footer, id="footer-slot")

    @staticmethod
    def _total() -> int:
        """How many questions there are (from questions.toml, before the brain has loaded)."""
        from rules.opening import opening

        return opening().total

    def on_mount(self) -> None:
        if not self.quick_start:
            self.query_one(Transcript).loading = True
        self.load_brain()
        self.call_after_refresh(self.after_first_frame)

    async def after_first_frame(self) -> None:
        """Keys typed before the first frame, the rest of the screen, then the brain (see `load_brain`)."""
        gc.enable()  # turned off for the start (tui.cli.main)
        early, self._early_keys = self._early_keys or [], None
        chat_input = self.query_one(ChatInput)
        for key in early:  # before Textual set the terminal to raw mode, Enter arrived as a line feed
            enter = key.key in ("ctrl+j", "ctrl+m")
            chat_input.post_message(events.Key("enter", "\r") if enter else events.Key(key.key, key.character))
        await reveal(self)
        self.refresh_bindings()  # the footer arrived after the bindings were first published: it shows its keys
        self.call_after_refresh(self.call_after_refresh, self.drawn.set)  # once they are drawn (a refresh later)

    def on_unmount(self) -> None:
        self.drawn.set()

    # --- the brain, built off the UI thread ----------------------------------------------------------------

    @work(thread=True, exclusive=True, group="dialogue")
    def load_brain(self) -> None:
        """Build the brain once the screen is drawn: its imports hold the GIL for a good while and would slow
        the first frames. The worker exists from the start (so `workers.wait_for_complete()` waits for the
        brain); anything the student does meanwhile is queued by the conversation."""
        self.drawn.wait(BRAIN_WAIT_MAX)
        self.conversation.load()  # never raises: a failure is kept and said by `start`
        self.app.call_from_thread(self.brain_ready)

    def brain_ready(self) -> None:
        transcript = self.query_one(Transcript)
        transcript.loading = False
        turn = self.conversation.start()
        self.show(turn)
        if turn.ended:
            self.query_one(ProgressLine).unavailable()
            self.query_one(ChatInput).disabled = True

    # --- turns ---------------------------------------------------------------------------------------------

    def say(self, text: str, shown: str | None = None) -> None:
        """Send a message as the student: shown in the transcript (as `shown`, if given), then answered."""
        said = from_user(text if shown is None else shown)
        self.show(self.conversation.say(text), said)

    @on(Input.Submitted, "#chat-input")
    def send(self, event: Input.Submitted) -> None:
        """A message: if it is only an option's number ("2", "#2"), the option that number named when it was typed
        is chosen by its ids (a prompt's too, which the brain would not read as a number). If other options are
        on show by now (the sources loaded and asked 'Continue, or start fresh?'), that pick is stale and the
        conversation refuses it, never reading the number as one of the new options. Anything else is said."""
        event.stop()
        text = event.value
        self.query_one(ChatInput).remember(text)  # the box emptied itself at the Enter (keys after it are kept)
        numbered, self._numbered = self._numbered, None
        choice = numbered[1] if numbered is not None and numbered[0] == text else self.numbered_choice(text)
        if choice is not None:
            self.picked(choice.owner, choice.id, choice.label)
        elif text.strip():
            self.say(text)

    def numbered_choice(self, text: str) -> Choice | None:
        """The option on show that `text` names by its number alone, if any."""
        choices = self.query_one(OptionsBar).choices
        if not choices or not text or len(text) > 20:
            return None
        from rules.numbered import option_number  # not before the first frame: only once something is typed

        number = option_number(text, len(choices))
        return choices[number - 1] if number is not None else None

    @on(Input.Changed, "#chat-input")
    def typed(self, event: Input.Changed) -> None:
        """Note which option on show a number in the box names, as it is typed (in a burst, after the message
        before it was answered: "1⏎1⏎" answers two questions)."""
        choice = self.numbered_choice(event.value)
        self._numbered = (event.value, choice) if choice is not None else None
        self.show_enter_choice()

    def show_enter_choice(self) -> None:
        """While the box holds only an option's number and that option is on show, say above the box what Enter
        will choose and mark the option; both go as soon as anything else is typed or other options show."""
        numbered, value = self._numbered, self.query_one(ChatInput).value
        choice = numbered[1] if numbered is not None and numbered[0] == value else None
        number = self.query_one(OptionsBar).mark(choice)
        self.query_one(ChatInput).promise(number, choice.label if choice is not None and number else "")

    def on_option_picked(self, message: OptionPicked) -> None:
        message.stop()
        self.picked(message.owner, message.choice, message.label)

    def picked(self, owner: str, choice: str, label: str) -> None:
        self.show(self.conversation.pick(owner, choice), from_user(label))
        self.query_one(ChatInput).focus()

    def show(self, turn: Turn, said: MessageBubble | None = None) -> None:
        """Render a turn: the student's message and the replies, then progress, ranking, options; then open
        the view the turn asks for."""
        bubbles = [said] if said is not None else []
        self.query_one(Transcript).add(*bubbles, *self._bubbles(turn.messages))
        if turn.queued:
            return
        self.turn = turn
        self.refresh_panels()
        if turn.changed:
            self.app.refresh_results()  # type: ignore[attr-defined]
        if turn.opens == "results":
            self.app.action_results(by_itself=turn.unasked)  # type: ignore[attr-defined]
        elif turn.opens == "compare":
            self.app.action_compare()

    def show_messages(self, messages: Iterable[Reply | Line], said: MessageBubble | None = None) -> None:
        """Add messages that change nothing (the advisor's 'how'), keeping the options as they are."""
        self.query_one(Transcript).add(*([said] if said is not None else []), *self._bubbles(messages))

    def _bubbles(self, messages: Iterable[Reply | Line]) -> Iterable[MessageBubble]:
        kb = self.conversation.kb if self.conversation.dialogue is not None else None
        for message in messages:
            yield from_user(message.text) if message.kind == "said" else from_reply(message, kb)  # type: ignore[arg-type]

    @staticmethod
    def _choices(turn: Turn) -> list[Choice]:
        owner = turn.owner
        return [Choice(owner, choice.id, choice.label) for choice in turn.choices] if owner else []

    def refresh_panels(self) -> None:
        turn = self.turn
        if not self.conversation.ready or turn is None:
            return
        standing = self.conversation.standing()
        if turn.progress is not None:
            self.query_one(ProgressLine).show(turn.progress)
        from tui.widgets.ranking import RankingPanel  # imported by the deferred panel by now

        self.query_one(RankingPanel).show(standing.result, standing.answered)
        choices = self._choices(turn)
        self.query_one(OptionsBar).show(choices)
        chat_input = self.query_one(ChatInput)
        if chat_input.value:
            self.show_enter_choice()  # a number waiting in the box was typed for the options before: no hint
        question = turn.question
        number_question = question is not None and question.kind == "number" and turn.prompt is None
        chat_input.placeholder = question.hint if number_question and question is not None else PLACEHOLDER
        self.refresh_trace(standing)

    def restart(self) -> None:
        """Start over (Ctrl+G, the palette): the conversation asks first when there are answers to lose."""
        self.trace_career = None
        self.say("restart")

    def ask_forget(self) -> None:
        """'Forget me' from the palette: the conversation asks to confirm, then deletes the saved session."""
        if self.conversation.ready:
            self.show(self.conversation.forget())

    def took_over(self, saved: SessionState | None, note: str | None = None) -> None:
        """The other window was closed and this one now saves: offer its saved session, as at a start."""
        if self.conversation.ready:
            self.show(self.conversation.offer_saved(saved, note))

    # --- advisor mode: the trace, why and how, demo students -------------------------------------------

    def _side(self) -> Widget:
        """The live ranking, and in advisor mode the trace under it: they arrive a frame after the question."""
        from tui.widgets.ranking import RankingPanel

        panels = [RankingPanel(id="ranking"), *([_trace_panel()] if self.advisor else [])]
        return Vertical(*panels, id="side")

    def set_advisor(self, on: bool) -> None:
        self.advisor = on
        self.set_class(on, "-advisor")
        if on and self.trace_panel is None and not self.query("#side-slot"):  # not yet arrived: it will
            self.query_one("#side").mount(_trace_panel())  # not composed: it would slow the first paint
        self.refresh_trace()
        self.refresh_bindings()

    @property
    def trace_panel(self) -> TracePanel | None:
        """The advisor's trace (None until advisor mode is first turned on)."""
        from tui.widgets.trace import TracePanel

        panels = self.query(TracePanel)
        return panels.first() if panels else None

    def refresh_trace(self, standing: Standing | None = None) -> None:
        """Show the traced career's rules (the top pick unless the advisor chose another)."""
        if not self.advisor or not self.conversation.ready:
            return
        standing = standing or self.conversation.standing()
        if self.trace_career not in {rec.career for rec in standing.result.recommendations}:
            self.trace_career = None
        trace = self.conversation.trace(self.trace_career)
        panel = self.trace_panel
        if panel is not None:
            panel.show(trace.rec, list(trace.rows), chosen=self.trace_career is not None)
        for row in self.query("RankRow"):
            row.set_class(row.rank == trace.rec.rank, "-traced")

    def trace(self, career: str | None) -> None:
        """Trace another career (None: the top pick)."""
        self.trace_career = career
        self.refresh_trace()

    @on(events.Click, "RankRow")
    def trace_clicked(self, event: events.Click) -> None:
        row = event.control
        from tui.widgets.ranking import RankRow

        if not isinstance(row, RankRow) or not self.conversation.ready or not self.advisor:
            return
        recs = self.conversation.standing().result.recommendations
        if 1 <= row.rank <= len(recs):
            self.trace(recs[row.rank - 1].career)

    def action_cycle_trace(self, step: int) -> None:
        if not self.conversation.ready:
            return
        ranked = [rec.career for rec in self.conversation.standing().result.recommendations]
        current = ranked.index(self.trace_career) if self.trace_career in ranked else 0
        self.trace(ranked[(current + step) % len(ranked)])

    def action_why(self) -> None:
        self.say("why", shown="Why do you ask this?")

    def action_how(self) -> None:
        if not self.conversation.ready:
            self.notify("One moment: I'm still loading my sources.", markup=False)
            return
        rec = self.conversation.trace(self.trace_career).rec
        self.show_messages([self.conversation.how(rec.career)], from_user(f"How did {rec.name} score?"))

    def action_personas(self) -> None:
        self.app.action_personas()  # type: ignore[attr-defined]

    def load_persona(self, persona: Persona) -> None:
        """Start again as a demo student: their answers replayed through the conversation, each turn shown."""
        if not self.conversation.ready:
            return
        self.trace_career = None
        self.query_one(Transcript).remove_children()
        self.show(self.conversation.play(persona))

    # --- keys ----------------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.ADVISOR_ACTIONS:
            return self.advisor
        if action == "scroll_transcript" and parameters and parameters[0] in ("home", "end"):
            # Home and End move the cursor in a box with text in it; scroll only when that would do nothing.
            return not isinstance(self.focused, Input) or not self.focused.value
        return True

    def action_latest_citation(self) -> None:
        if not self.query_one(Transcript).show_latest_quotes():
            self.notify("No reply has quoted a source yet.", markup=False)

    def action_scroll_transcript(self, where: str) -> None:
        transcript = self.query_one(Transcript)
        {"page_up": transcript.scroll_page_up, "page_down": transcript.scroll_page_down,
         "home": transcript.scroll_home, "end": transcript.scroll_end}[where](animate=False)

    def on_key(self, event: events.Key) -> None:
        """Typing always reaches the message box: a printable key pressed while a button or a quote has the
        focus moves the focus back to the box and is typed there. Only on the option buttons (a menu: Tab or
        Shift+Tab, the arrows) does a digit choose at once, here rather than through the bar's message, which
        would arrive after the keys typed behind it (a fast "2", "hello⏎" answered "hello" first).

        While nothing has the focus, Enter and Backspace go to the box too. Seen in browser mode (Chromium, a tab
        left open while others came and went): the app had nothing focused, the "1" went to the box, and the Enter
        right behind it reached the screen before the box had the focus, and was lost.

        Keys that arrive before the first frame (typed while the app was starting) are kept and typed in the box
        once it is drawn: the box could not take them yet, and they were lost."""
        if self._early_keys is not None:
            if event.is_printable or event.key in EARLY_KEYS:
                event.stop()
                event.prevent_default()
                self._early_keys.append(event)
            return
        chat_input = self.query_one(ChatInput)
        # A key the box has taken never gets here (it stops printable keys, Enter and Backspace): one that does
        # was sent to the screen while nothing had the focus, even if the box has it by now.
        with_box = self.focused is None or self.focused is chat_input
        typed = event.is_printable or (with_box and event.key in EDITING_KEYS)
        if not typed or chat_input.disabled:
            return
        event.stop()
        event.prevent_default()
        if isinstance(self.focused, OptionsBar) and event.character in DIGITS:
            self.choose_numbered(int(event.character))
            return
        self.set_focus(chat_input)  # at once: the keys right behind this one go straight to the box
        chat_input.post_message(events.Key(event.key, event.character))

    @property
    def has_draft(self) -> bool:
        """Whether the message box holds text not yet sent."""
        return bool(self.query_one(ChatInput).value)

    def takes(self, event: events.Key, *, as_key: bool) -> bool:
        """Whether the message box can take this key from a screen above (not once the sources failed)."""
        return not self.query_one(ChatInput).disabled and (as_key or bool(event.character))

    def choose_numbered(self, number: int) -> None:
        """A digit on the option buttons: choose that option at once (the bell when there is none)."""
        choices = self.query_one(OptionsBar).choices
        if not 1 <= number <= len(choices):
            self.app.bell()
            return
        choice = choices[number - 1]
        self.picked(choice.owner, choice.id, choice.label)

    def type_in_box(self, event: events.Key, *, as_key: bool, focus: bool = True) -> None:
        """A key typed on a screen above that belongs here (`tui.screens.typing`): into the message box, after
        whatever is on its way there. As a key it does what it would have done here (Enter sends, Backspace
        deletes; a digit is typed, as every digit in the box is); as text it is only ever typed."""
        chat_input = self.query_one(ChatInput)
        if focus:
            self.set_focus(chat_input)
        chat_input.post_message(events.Key(event.key, event.character) if as_key
                                else events.Paste(event.character or ""))

    def action_focus_input(self) -> None:
        self.query_one(ChatInput).focus()


def _header() -> Widget:
    from textual.widgets import Header

    return Header(icon="?")




def _footer() -> Widget:
    from tui.widgets.footer import FittedFooter

    return FittedFooter()


def _trace_panel() -> Widget:
    from tui.widgets.trace import TracePanel

    return TracePanel(id="trace")
