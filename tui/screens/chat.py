"""The main view: the conversation, the options for the open question, progress, the live ranking and, for
advisors, the trace of the rules behind a career.

The `Dialogue` (which loads the knowledge base) is built in a thread worker so the screen paints at once; the
worker hands it back through `call_from_thread`, with the saved session (if any) to offer. Each turn after that
is fast, pure CPU, and runs right here; the session is saved after every turn that changed the answers.
Messages typed before the sources are loaded are kept and answered as soon as they are.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Footer, Header, Input

from tui.messages import OptionPicked
from tui.session_keeper import (CONTINUE, CONTINUE_WORDS, FRESH, FRESH_WORDS, SessionKeeper, deleted_text,
                                offer_text)
from tui.widgets.chat_input import PLACEHOLDER, ChatInput
from tui.widgets.options import Choice, OptionsBar
from tui.widgets.progress import ProgressLine
from tui.widgets.ranking import RankingPanel, RankRow
from tui.widgets.transcript import MessageBubble, TextBubble, Transcript, from_reply, from_user

if TYPE_CHECKING:
    from rules.dialogue import Dialogue, SessionState
    from rules.models import Reply, Result
    from rules.personas import Persona
    from tui.widgets.trace import TracePanel

DialogueFactory = Callable[[], "Dialogue"]

SEE_RESULTS = Choice("say", "results", "See results")
MORE_QUESTIONS = Choice("say", "more questions", "More questions")
START_OVER = Choice("say", "restart", "Start over")
RESUME_CHOICES = [Choice("app", CONTINUE, "Continue"), Choice("app", FRESH, "Start fresh")]
FORGET_YES, FORGET_NO = "forget-yes", "forget-no"
FORGET_CHOICES = [Choice("app", FORGET_YES, "Yes"), Choice("app", FORGET_NO, "No")]
YES_WORDS = {"yes", "y", "yes delete", "delete", "forget me"}
NO_WORDS = {"no", "n", "cancel", "keep"}
FORGET_ME = "forget me"
BRAIN_DELAY = 0.1
"""Seconds between mounting the chat and loading the brain (the first paint happens in between)."""
GOT_IT = {"ack", "question"}
"""Reply kinds that mean the student moved on (answered, or asked for the next question)."""


def _pick_bindings() -> list[Binding]:
    """1-9 choose an option while the focus is elsewhere (a button, a quote); in the message box the box itself
    decides (`ChatInput.PickOption`), so a digit typed after other text is always text.

    Not shown in the footer: every option button shows its number, and keeping the footer's bindings fixed
    spares a footer rebuild on every turn.
    """
    return [Binding(str(n), f"pick({n})", f"Choose option {n}", show=False,
                    tooltip="Choose the numbered option (while the message box is empty)", id=f"chat.pick{n}")
            for n in range(1, 10)]


def _words(text: str) -> str:
    """The message as lower-case words without punctuation, for the app's own phrases ('Forget me!')."""
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


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
        *_pick_bindings(),
    ]
    ADVISOR_ACTIONS = {"why", "how", "personas", "cycle_trace"}
    """Keys that work (and show in the footer) in advisor mode only."""

    def __init__(self, dialogue_factory: DialogueFactory, intro: str | None = None, quick_start: bool = True,
                 *, keeper: SessionKeeper | None = None, advisor: bool = False) -> None:
        super().__init__(classes="-advisor" if advisor else None)
        self.dialogue_factory = dialogue_factory
        self.intro = intro
        self.quick_start = quick_start
        """Show the greeting and opening question before the brain loads (only for a fresh conversation)."""
        self.keeper = keeper or SessionKeeper(None)
        self.advisor = advisor
        self.previewed: str | None = None
        self.dialogue: Dialogue | None = None
        self.pending: list[tuple[str, str, str]] = []
        """What the student did before the brain was ready: ('say', text, shown) or ('answer', value, label)."""
        self.offer_results = False
        """True after the brain said the result is settled, until the student answers or asks for more."""
        self.asking: str | None = None
        """The app's own question waiting for an answer: 'resume' (the saved session) or 'forget' (confirm)."""
        self.saved: SessionState | None = None
        """The saved session offered back, until the student continues it or starts fresh."""
        self.trace_career: str | None = None
        """The career the advisor chose to trace (an id); None follows the top pick."""

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
            with Vertical(id="side"):
                yield RankingPanel(id="ranking")
                if self.advisor:
                    from tui.widgets.trace import TracePanel

                    yield TracePanel(id="trace")
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
        saved, note = self.keeper.load()
        self.app.call_from_thread(self.dialogue_ready, dialogue, replies, saved, note)

    def dialogue_ready(self, dialogue: Dialogue, replies: Sequence[Reply], saved: SessionState | None = None,
                       note: str | None = None) -> None:
        self.dialogue = dialogue
        self.keeper.mark(saved if saved is not None else dialogue.state)
        transcript = self.query_one(Transcript)
        transcript.loading = False
        if self.intro:
            transcript.add_note(self.intro)
        if note:
            transcript.add_note(note)
        shown = [r.question for r in replies if r.kind == "question"]
        if self.previewed is not None and shown == [self.previewed]:
            self.refresh_panels()  # the greeting and the question are on screen already
        else:
            self.show_replies(replies)
        pending, self.pending = self.pending, []
        for action, value, _ in pending:
            if action == "answer":
                self.show_replies(dialogue.choose(value))
            else:
                self.respond(value)
        if saved is not None:
            if self.dialogue.state.answers or self.dialogue.state.skipped:
                # The student answered the preview question already: that is starting fresh.
                count = len(saved.answers)
                transcript.add_note(f"You had a saved session with {count} answer{'s' if count != 1 else ''}; "
                                    "you started answering, so this new session replaces it.")
            elif self.asking == "forget":
                self.saved = saved  # offered if the student decides not to forget after all
            else:
                self.offer_resume(saved)

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
        self.respond(text, said)

    def respond(self, text: str, said: MessageBubble | None = None) -> None:
        """Answer a message: the app's own questions and phrases first, then the dialogue."""
        assert self.dialogue is not None
        words = _words(text)
        if self.asking == "resume" and words in CONTINUE_WORDS | FRESH_WORDS:
            self.resume(words in CONTINUE_WORDS, said)
            return
        if self.asking == "forget":
            if words in YES_WORDS | NO_WORDS:
                self.forget(words in YES_WORDS, said)
                return
            self.asking = "resume" if self.saved is not None else None  # anything else: not confirmed
        if words == FORGET_ME:
            self.ask_forget(said)
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
        said = from_user(message.label)
        if message.action == "answer":
            self.show_replies(self.dialogue.choose(message.value), said)
        elif message.action == "app" and message.value in (CONTINUE, FRESH):
            self.resume(message.value == CONTINUE, said)
        elif message.action == "app" and message.value in (FORGET_YES, FORGET_NO):
            self.forget(message.value == FORGET_YES, said)
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
        if self.asking == "resume" and self.dialogue is not None and \
                (self.dialogue.state.answers or self.dialogue.state.skipped):
            self.asking, self.saved = None, None  # answering the open question means starting fresh
            self.query_one(Transcript).add_note("Starting fresh: this session replaces the saved one.")
        self.refresh_panels()
        self.autosave()
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
        result = dialogue.result()
        self.query_one(ProgressLine).show(progress)
        self.query_one(RankingPanel).show(result, progress.answered)
        question = dialogue.current
        if self.asking == "resume":
            choices = RESUME_CHOICES
        elif self.asking == "forget":
            choices = FORGET_CHOICES
        elif question is None:
            choices = [SEE_RESULTS, START_OVER]
        elif self.offer_results:
            choices = [SEE_RESULTS, MORE_QUESTIONS]
        else:
            choices = [Choice("answer", o.value, o.label) for o in question.options]
        self.query_one(OptionsBar).show(choices)
        chat_input = self.query_one(ChatInput)
        chat_input.option_keys = len(choices)
        number_question = question is not None and question.kind == "number" and not self.offer_results \
            and self.asking is None
        chat_input.placeholder = question.hint if number_question else PLACEHOLDER
        self.refresh_trace(result)

    def restart(self) -> None:
        """A clean start in one key: answers, the app's open questions and the advisor's choice all cleared."""
        self.asking, self.saved, self.trace_career = None, None, None
        self.say("restart")

    # --- the saved session -----------------------------------------------------------------------------

    def autosave(self) -> None:
        """Save the session if this turn changed it (not while the saved one is still on offer)."""
        if self.dialogue is None or self.asking == "resume":
            return
        message = self.keeper.save(self.dialogue.state)
        if message:
            self.query_one(Transcript).add_note(message)

    def offer_resume(self, saved: SessionState) -> None:
        assert self.dialogue is not None
        self.saved, self.asking = saved, "resume"
        self.query_one(Transcript).add(TextBubble(offer_text(saved, self.dialogue.engine.rulebook), "bot", "info"))
        self.refresh_panels()

    def resume(self, carry_on: bool, said: MessageBubble | None = None) -> None:
        """Continue the saved session (the dialogue says 'Welcome back' and asks the open question) or not."""
        saved, dialogue = self.saved, self.dialogue
        self.asking, self.saved = None, None
        if dialogue is None or saved is None:
            return
        if carry_on:
            from rules.dialogue import Dialogue

            self.dialogue = Dialogue(engine=dialogue.engine, state=saved)
            self.offer_results = False
            self.show_replies(self.dialogue.start(), said)
            return
        note = TextBubble("Starting fresh: your saved answers will be replaced once you answer.", "bot", "info")
        self.query_one(Transcript).add(*([said] if said is not None else []), note)
        self.keeper.mark(dialogue.state)  # the saved file stays until the first answer replaces it
        self.show_replies(dialogue.handle("continue") if dialogue.current is not None else [])

    def ask_forget(self, said: MessageBubble | None = None) -> None:
        """'Forget me': confirm with Yes/No first (it deletes the saved session and restarts)."""
        bubbles = [said] if said is not None else []
        path = self.keeper.path if self.keeper.enabled else None
        if path is None:
            text = "This session saves nothing (it was started with --no-save), so there is nothing to forget."
            self.query_one(Transcript).add(*bubbles, TextBubble(text, "bot", "info"))
            return
        self.asking = "forget"
        text = f"Forget me: delete your saved answers from this computer ({path}) and start over?"
        self.query_one(Transcript).add(*bubbles, TextBubble(text, "bot", "info"))
        self.refresh_panels()

    def forget(self, confirmed: bool, said: MessageBubble | None = None) -> None:
        bubbles = [said] if said is not None else []
        transcript = self.query_one(Transcript)
        if not confirmed or self.dialogue is None:
            self.asking = None
            transcript.add(*bubbles, TextBubble("OK — nothing was deleted.", "bot", "info"))
            if self.saved is not None:
                self.offer_resume(self.saved)
            else:
                self.refresh_panels()
            return
        self.asking, self.saved, self.trace_career = None, None, None
        removed = self.keeper.forget()
        replies = self.dialogue.handle("restart")
        self.keeper.mark(self.dialogue.state)  # nothing is written again until the next answer
        transcript.add(*bubbles, TextBubble(deleted_text(removed) + " New answers are saved again as you go; "
                                            "start with --no-save to keep nothing.", "bot", "info"))
        self.offer_results = False
        self.show_replies(replies)

    # --- advisor mode: the trace, why and how, demo students -------------------------------------------

    def set_advisor(self, on: bool) -> None:
        self.advisor = on
        self.set_class(on, "-advisor")
        if on and self.trace_panel is None:
            from tui.widgets.trace import TracePanel

            self.query_one("#side").mount(TracePanel(id="trace"))  # not composed: it would slow the first paint
        self.refresh_trace()
        self.refresh_bindings()

    @property
    def trace_panel(self) -> TracePanel | None:
        """The advisor's trace (None until advisor mode is first turned on)."""
        from tui.widgets.trace import TracePanel

        panels = self.query(TracePanel)
        return panels.first() if panels else None

    def refresh_trace(self, result: Result | None = None) -> None:
        """Show the traced career's rules (the top pick unless the advisor chose another)."""
        dialogue = self.dialogue
        if not self.advisor or dialogue is None:
            return
        result = result or dialogue.result()
        by_id = {rec.career: rec for rec in result.recommendations}
        if self.trace_career not in by_id:
            self.trace_career = None
        rec = by_id[self.trace_career] if self.trace_career else result.recommendations[0]
        panel = self.trace_panel
        if panel is not None:
            from tui.widgets.trace import trace_rows

            rows = trace_rows(dialogue.engine, rec.career, dialogue.state.answers)
            panel.show(rec, rows, chosen=self.trace_career is not None)
        for row in self.query(RankRow):
            row.set_class(row.rank == rec.rank, "-traced")

    def trace(self, career: str | None) -> None:
        """Trace another career (None: the top pick)."""
        self.trace_career = career
        self.refresh_trace()

    @on(events.Click, "RankRow")
    def trace_clicked(self, event: events.Click) -> None:
        row = event.control
        if not isinstance(row, RankRow) or self.dialogue is None or not self.advisor:
            return
        recs = self.dialogue.result().recommendations
        if 1 <= row.rank <= len(recs):
            self.trace(recs[row.rank - 1].career)

    def action_cycle_trace(self, step: int) -> None:
        if self.dialogue is None:
            return
        ranked = [rec.career for rec in self.dialogue.result().recommendations]
        current = ranked.index(self.trace_career) if self.trace_career in ranked else 0
        self.trace(ranked[(current + step) % len(ranked)])

    def action_why(self) -> None:
        self.say("why", shown="Why do you ask this?")

    def action_how(self) -> None:
        dialogue = self.dialogue
        if dialogue is None:
            self.notify("One moment: I'm still loading my sources.", markup=False)
            return
        from rules.explain import how

        answers = dialogue.state.answers
        career = self.trace_career or dialogue.engine.top(answers)
        name = dialogue.engine.kb.careers[career].name
        self.show_replies([how(dialogue.engine, career, answers)], from_user(f"How did {name} score?"))

    def action_personas(self) -> None:
        self.app.action_personas()  # type: ignore[attr-defined]

    def load_persona(self, persona: Persona) -> None:
        """Start again as a demo student: their answers replayed through the dialogue, each turn shown."""
        dialogue = self.dialogue
        if dialogue is None:
            return
        from rules.dialogue import Dialogue
        from rules.personas import replay

        kb = dialogue.engine.kb
        fresh = Dialogue(engine=dialogue.engine)
        self.dialogue = fresh
        self.asking, self.saved, self.trace_career, self.offer_results = None, None, None, False
        transcript = self.query_one(Transcript)
        transcript.remove_children()
        bubbles: list[MessageBubble] = [TextBubble(f"Demo student: {persona.name}. {persona.story}", "bot", "note")]
        turns = [(None, fresh.start())] + [(step.said, step.replies) for step in replay(fresh, persona)]
        for said, replies in turns:
            if said is not None:
                bubbles.append(from_user(said))
            bubbles += [from_reply(self._without_option_list(reply), kb) for reply in replies]
            kinds = {reply.kind for reply in replies}
            self.offer_results = "stable" in kinds or (self.offer_results and not kinds & GOT_IT)
        top = fresh.result().recommendations[0]
        expected = kb.careers[persona.expect].name
        bubbles.append(TextBubble(f"{persona.name}'s answers are in: the top pick is {top.name} (expected: "
                                  f"{expected}). Change an answer with 'actually …' or 'back'; Ctrl+N starts "
                                  "clean.", "bot", "note"))
        transcript.add(*bubbles)
        self.refresh_panels()
        self.autosave()

    # --- keys ----------------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.ADVISOR_ACTIONS:
            return self.advisor
        if action == "pick":
            number = parameters[0] if parameters else 0
            if not isinstance(number, int):
                return False
            try:
                chat_input, options = self.query_one(ChatInput), self.query_one(OptionsBar)
            except NoMatches:
                return False
            return not chat_input.has_focus and 1 <= number <= len(options.choices)
        return True

    def action_pick(self, number: int) -> None:
        self.query_one(OptionsBar).pick(number)

    def on_chat_input_pick_option(self, message: ChatInput.PickOption) -> None:
        message.stop()
        self.query_one(OptionsBar).pick(message.number)

    def action_latest_citation(self) -> None:
        from tui.widgets.citation import CitationLink

        links = self.query_one(Transcript).query(CitationLink)
        if links:
            links.last().focus()
        else:
            self.notify("No reply has quoted a source yet.", markup=False)

    def action_focus_input(self) -> None:
        self.query_one(ChatInput).focus()
