"""The main view: the conversation, the options for the open question, progress, and the live ranking.

The `Dialogue` (which loads the knowledge base) is built in a thread worker so the screen paints at once; the
worker hands it back through `call_from_thread`. Each turn after that is fast, pure CPU, and runs right here.
Messages typed before the sources are loaded are kept and answered as soon as they are.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Footer, Header, Input

from tui.messages import OptionPicked
from tui.widgets.chat_input import PLACEHOLDER, ChatInput
from tui.widgets.options import Choice, OptionsBar
from tui.widgets.progress import ProgressLine
from tui.widgets.ranking import RankingPanel
from tui.widgets.transcript import MessageBubble, TextBubble, Transcript, from_reply, from_user

if TYPE_CHECKING:
    from rules.dialogue import Dialogue
    from rules.models import Reply

DialogueFactory = Callable[[], "Dialogue"]

SEE_RESULTS = Choice("say", "results", "See results")
MORE_QUESTIONS = Choice("say", "more questions", "More questions")
START_OVER = Choice("say", "restart", "Start over")
BRAIN_DELAY = 0.1
"""Seconds between mounting the chat and loading the brain (the first paint happens in between)."""
GOT_IT = {"ack", "question"}
"""Reply kinds that mean the student moved on (answered, or asked for the next question)."""


def _pick_bindings() -> list[Binding]:
    """1-9 choose an option while the input is empty (priority, so they win over typing into it).

    Not shown in the footer: every option button shows its number, and keeping the footer's bindings fixed
    spares a footer rebuild on every turn.
    """
    return [Binding(str(n), f"pick({n})", f"Choose option {n}", show=False, priority=True,
                    tooltip="Choose the numbered option (while the message box is empty)", id=f"chat.pick{n}")
            for n in range(1, 10)]


class ChatScreen(Screen[None]):
    """The conversation; the app's first screen (its layout is in chat.tcss, loaded by the app)."""

    AUTO_FOCUS = "#chat-input"
    BINDINGS = [
        Binding("ctrl+r", "app.results", "Results", tooltip="See the full ranking with every reason and source",
                id="chat.results"),
        Binding("ctrl+o", "app.compare", "Compare", tooltip="Compare your top three careers side by side",
                id="chat.compare"),
        Binding("ctrl+n", "app.restart", "Restart", tooltip="Clear your answers and start the quiz again",
                id="chat.restart"),
        Binding("ctrl+s", "latest_citation", "Quotes", tooltip="Jump to the newest reply's sources; Enter opens "
                "one, Tab and Shift+Tab move between them", id="chat.latest_citation"),
        Binding("escape", "focus_input", "Type", show=False, tooltip="Go back to the message box",
                id="chat.focus_input"),
        *_pick_bindings(),
    ]

    def __init__(self, dialogue_factory: DialogueFactory, intro: str | None = None, quick_start: bool = True) -> None:
        super().__init__()
        self.dialogue_factory = dialogue_factory
        self.intro = intro
        self.quick_start = quick_start
        """Show the greeting and opening question before the brain loads (only for a fresh conversation)."""
        self.previewed: str | None = None
        self.dialogue: Dialogue | None = None
        self.pending: list[tuple[str, str, str]] = []
        """What the student did before the brain was ready: ('say', text, shown) or ('answer', value, label)."""
        self.offer_results = False
        """True after the brain said the result is settled, until the student answers or asks for more."""

    def compose(self) -> ComposeResult:
        messages: list[TextBubble] = []
        choices: list[Choice] = []
        status = "Loading my sources…"
        if self.quick_start:
            # The greeting and the opening question from questions.toml alone: on screen before the brain.
            from rules.opening import opening

            start = opening()
            self.previewed = start.question.id
            messages = [TextBubble(start.greeting, "bot", "greeting"), TextBubble(start.heading, "bot", "question")]
            choices = [Choice("answer", value, label) for value, label in start.question.options]
            status = f"0 answered · at most {start.total} more to go"
        yield Header(icon="?")
        with Horizontal(id="body"):
            with Vertical(id="chat"):
                yield Transcript(*messages, id="transcript")
                yield ProgressLine(status, id="progress")
                yield OptionsBar(choices, id="options")
                yield ChatInput(id="chat-input", option_keys=len(choices))
            yield RankingPanel(id="ranking")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        if not self.quick_start:
            self.query_one(Transcript).loading = True
        # The brain's imports hold the GIL for a good while: start them once the first screen is drawn, so
        # they don't slow it down. Anything the student does meanwhile is queued (see `pending`).
        self.set_timer(BRAIN_DELAY, self.load_dialogue, name="load the brain")

    # --- the dialogue, built off the UI thread ---------------------------------------------------------

    @work(thread=True, exclusive=True, group="dialogue")
    def load_dialogue(self) -> None:
        try:
            dialogue = self.dialogue_factory()
            replies = dialogue.start()
        except Exception as error:  # noqa: BLE001 - shown to the student instead of a traceback
            self.app.call_from_thread(self.dialogue_failed, f"I couldn't load my sources: {error}")
            return
        self.app.call_from_thread(self.dialogue_ready, dialogue, replies)

    def dialogue_ready(self, dialogue: Dialogue, replies: Sequence[Reply]) -> None:
        self.dialogue = dialogue
        transcript = self.query_one(Transcript)
        transcript.loading = False
        if self.intro:
            transcript.add_note(self.intro)
        shown = [r.question for r in replies if r.kind == "question"]
        if self.previewed is not None and shown == [self.previewed]:
            self.refresh_panels()  # the greeting and the question are on screen already
        else:
            self.show_replies(replies)
        pending, self.pending = self.pending, []
        for action, value, _ in pending:
            self.show_replies(dialogue.choose(value) if action == "answer" else dialogue.handle(value))

    def dialogue_failed(self, message: str) -> None:
        """Say what went wrong in the chat itself; with no brain there is nothing to type to."""
        transcript = self.query_one(Transcript)
        transcript.loading = False
        transcript.add_note(message)
        self.query_one(ProgressLine).update("Not available")
        self.query_one(ChatInput).disabled = True

    # --- turns ---------------------------------------------------------------------------------------

    def say(self, text: str, shown: str | None = None) -> None:
        """Send a message as the student: shown in the transcript (as `shown`, if given), then answered."""
        said = from_user(text if shown is None else shown)
        if self.dialogue is None:
            self.query_one(Transcript).add(said)
            self.pending.append(("say", text, said.text))
            return
        self.show_replies(self.dialogue.handle(text), said)

    @on(Input.Submitted, "#chat-input")
    def send(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value
        chat_input = self.query_one(ChatInput)
        chat_input.remember(text)
        chat_input.clear()
        if text.strip():
            self.say(text)

    def on_option_picked(self, message: OptionPicked) -> None:
        message.stop()
        if self.dialogue is None:
            self.query_one(Transcript).add(from_user(message.label))
            self.pending.append((message.action, message.value, message.label))
            return
        if message.action == "answer":
            self.show_replies(self.dialogue.choose(message.value), from_user(message.label))
        else:
            self.say(message.value, shown=message.label)
        self.query_one(ChatInput).focus()

    def show_replies(self, replies: Sequence[Reply], said: MessageBubble | None = None) -> None:
        """Add the student's message and the bot's replies; bring progress, ranking and options up to date."""
        kb = self.dialogue.engine.kb if self.dialogue is not None else None
        bubbles = [said] if said is not None else []
        shown = (self._without_option_list(reply) for reply in replies)
        self.query_one(Transcript).add(*bubbles, *(from_reply(reply, kb) for reply in shown))
        kinds = {reply.kind for reply in replies}
        self.offer_results = "stable" in kinds or (self.offer_results and not kinds & GOT_IT)
        self.refresh_panels()
        if "result" in kinds:
            self.app.action_results()

    def _without_option_list(self, reply: Reply) -> Reply:
        """A question without its numbered list of options: the buttons under the transcript show them."""
        if reply.kind != "question" or reply.question is None or self.dialogue is None:
            return reply
        question = self.dialogue.engine.rulebook.question(reply.question)
        listed = {f"{number}. {option.label}" for number, option in enumerate(question.options, start=1)}
        kept = [line for line in reply.text.split("\n") if line not in listed]
        return reply.model_copy(update={"text": "\n".join(kept)})

    def refresh_panels(self) -> None:
        dialogue = self.dialogue
        if dialogue is None:
            return
        progress = dialogue.progress()
        self.query_one(ProgressLine).show(progress)
        self.query_one(RankingPanel).show(dialogue.result(), progress.answered)
        question = dialogue.current
        if question is None:
            choices = [SEE_RESULTS, START_OVER]
        elif self.offer_results:
            choices = [SEE_RESULTS, MORE_QUESTIONS]
        else:
            choices = [Choice("answer", o.value, o.label) for o in question.options]
        self.query_one(OptionsBar).show(choices)
        chat_input = self.query_one(ChatInput)
        chat_input.option_keys = len(choices)
        number_question = question is not None and question.kind == "number" and not self.offer_results
        chat_input.placeholder = question.hint if number_question else PLACEHOLDER

    def restart(self) -> None:
        self.say("restart")

    # --- keys ----------------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "pick":
            number = parameters[0] if parameters else 0
            if not isinstance(number, int):
                return False
            try:
                chat_input, options = self.query_one(ChatInput), self.query_one(OptionsBar)
            except NoMatches:
                return False
            typing = chat_input.has_focus and chat_input.value != ""
            return not typing and 1 <= number <= len(options.choices)
        return True

    def action_pick(self, number: int) -> None:
        self.query_one(OptionsBar).pick(number)

    def action_latest_citation(self) -> None:
        from tui.widgets.citation import CitationLink

        links = self.query_one(Transcript).query(CitationLink)
        if links:
            links.last().focus()
        else:
            self.notify("No reply has quoted a source yet.", markup=False)

    def action_focus_input(self) -> None:
        self.query_one(ChatInput).focus()
