"""The whole exchange with one student, owned by the brain and the same in every front end.

A `Conversation` wraps the `Dialogue` (questions, answers, chat intents) with everything around it: the saved
session offered back ("Continue, or start fresh?") and forgotten on request, messages and picks that arrive
before the sources are loaded, confirmation before anything destructive (and 'back' right after a restart
brings the answers back), demo students replayed, and when the results should open. Each call returns a
`rules.turns.Turn`; the Textual chat, browser mode, `career-quiz chat --plain` and `ask` only render turns.

Picks carry ids: `pick(owner, choice)` with the open question's id and an option value, or a prompt's id and
a choice id. A pick for something no longer open is refused and said so, never read as text.

Module level imports only the standard library and `rules.turns`/`rules.opening`, so the app can show the
opening turn before pydantic, the knowledge base or the engine are loaded (`opening`); `load` builds the
brain (in a worker thread, in the app) and `start` answers whatever was queued meanwhile.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from rules.turns import Choice, Line, OpenQuestion, Opens, Prompt, PromptKind, Turn

if TYPE_CHECKING:
    from collections.abc import Sequence

    from knowledge.base import KnowledgeBase
    from rules.dialogue import Dialogue, SessionState
    from rules.models import Reply
    from rules.personas import Persona
    from rules.views import CompareView, DemoStudent, ReportInput, ResultsView, Standing, Trace

SUMMARY_TOPICS = 4
"""How many answered topics the resume offer names before '…'."""
CONTINUE, FRESH, YES, NO = "continue", "fresh", "yes", "no"
RESULTS, RESTART = "results", "restart"
CONTINUE_WORDS = frozenset({"continue", "resume", "yes", "yes continue", "continue my session", "keep going"})
FRESH_WORDS = frozenset({"start fresh", "fresh", "new", "start again", "start over", "restart", "no",
                         "keep the new one"})
YES_WORDS = frozenset({"yes", "y", "ok", "sure", "yes please"})
CONFIRM_WORDS: dict[str, frozenset[str]] = {
    "forget": YES_WORDS | {"yes delete", "delete", "forget me", "yes forget me"},
    "restart": YES_WORDS | {"yes start over", "start over", "restart"},
}
NO_WORDS = frozenset({"no", "n", "cancel", "keep", "keep them", "keep my answers", "no thanks", "never mind"})
FORGET_ME = "forget me"
OPENED_AT_SETTLE = ("Here are the results, with every reason and its source. Afterwards you are back here: keep "
                    "answering to fine-tune the rest of the ranking, or change any answer ('actually …').")
"""Said when the results open by themselves because the result settled."""
OPENED_AT_END = ("Here are the results, with every reason and its source. Afterwards you are back here: change any "
                 "answer ('actually …'), ask me anything, or start over.")
"""Said when the results open by themselves because the quiz ended."""
SETTLED_AGAIN = "Say 'results' to see them again, or keep answering to fine-tune the rest of the ranking."
"""Said when the result settles again after a change (the results don't open by themselves twice)."""


class Sessions(Protocol):
    """Where the session is saved (e.g. `tui.session_keeper.SessionKeeper`); never raises."""

    @property
    def enabled(self) -> bool: ...

    @property
    def path(self) -> Path | None: ...

    def load(self) -> tuple[SessionState | None, str | None]: ...

    def mark(self, state: SessionState | None) -> None: ...

    def save(self, state: SessionState) -> str | None: ...

    def start_fresh(self, state: SessionState) -> str | None: ...

    def forget(self) -> list[Path]: ...


def words_of(text: str) -> str:
    """The message as lower-case words without punctuation, for the conversation's own phrases."""
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def offer_text(saved: SessionState, shorts: dict[str, str], started: int = 0) -> str:
    """'You have a saved session with 3 answers (kind of work, patient contact, pay). Continue, or start fresh?'"""
    count = len(saved.answers)
    topics = [shorts[q] for q in saved.answers if q in shorts]
    named = ", ".join(topics[:SUMMARY_TOPICS]) + (", …" if len(topics) > SUMMARY_TOPICS else "")
    text = f"You have a saved session with {count} answer{'s' if count != 1 else ''} ({named})."
    if started:
        return (text + f" You have also started a new one ({started} answer{'s' if started != 1 else ''}). "
                "Continue the saved session, or keep the new one? Nothing is replaced until you choose.")
    return text + " Continue, or start fresh?"


def deleted_text(removed: list[Path]) -> str:
    if not removed:
        return "Nothing was saved on this computer, so nothing was deleted."
    return "Deleted: " + ", ".join(str(path) for path in removed) + "."


class Conversation:
    """One student's conversation (see the module's docstring)."""

    def __init__(self, make_dialogue: Callable[[], Dialogue] | None = None, sessions: Sessions | None = None,
                 *, intro: str | None = None) -> None:
        self._make_dialogue = make_dialogue
        self.sessions = sessions
        self.intro = intro
        self.dialogue: Dialogue | None = None
        self.failure: str | None = None
        """Why the brain could not be loaded (the conversation then has nothing to talk to)."""
        self._loaded_saved: tuple[SessionState | None, str | None] = (None, None)
        self._started = False
        self._previewed: str | None = None
        self._queue: list[tuple[str, tuple[str, ...]]] = []
        self._prompt: PromptKind | None = None
        self._saved: SessionState | None = None
        """The saved session on offer, until the student continues it or starts fresh."""
        self._clarify: tuple[tuple[str, object], ...] = ()
        self._undo: SessionState | None = None
        """The answers a restart cleared, until the next answer ('back' brings them back)."""
        self._opened_at_settle = False
        """The results opened by themselves when the result first settled (they don't again)."""
        self._opened_at_end = False
        """The results opened by themselves when the quiz ended (they don't again)."""
        self._demo_students: tuple[DemoStudent, ...] | None = None

    # --- starting ------------------------------------------------------------------------------------------

    @property
    def ready(self) -> bool:
        return self._started

    def opening(self) -> Turn:
        """The greeting and the first question from questions.toml alone: on screen before the brain loads."""
        from rules.opening import opening

        start = opening()
        self._previewed = start.question.id
        question = OpenQuestion(start.question.id, start.question.text, start.question.kind,  # type: ignore[arg-type]
                                tuple(Choice(value, label) for value, label in start.question.options),
                                start.question.hint)
        return Turn(messages=(Line("greeting", start.greeting), Line("question", start.heading, question=question.id)),
                    question=question)

    def load(self) -> None:
        """Build the brain and read the saved session (slow: the app runs this in a worker thread)."""
        if self.dialogue is not None or self.failure is not None:
            return
        try:
            if self._make_dialogue is None:
                from rules.dialogue import Dialogue

                self.dialogue = Dialogue()
            else:
                self.dialogue = self._make_dialogue()
        except Exception as error:  # noqa: BLE001 - said to the student instead of a traceback
            self.failure = f"I couldn't load my sources: {error}"
            return
        if self._previewed is not None:
            from rules.opening import keep

            keep()  # the next start shows the opening without parsing questions.toml
        if self.sessions is not None:
            self._loaded_saved = self.sessions.load()

    def start(self) -> Turn:
        """The first real turn: greeting and question (unless `opening` showed them), then whatever the student
        did while the brain loaded, then the saved session on offer."""
        self.load()
        if self.dialogue is None:
            return Turn(messages=(Line("note", self.failure or "I couldn't load my sources."),), ended=True)
        self._started = True
        dialogue = self.dialogue
        saved, note = self._loaded_saved
        lines: list[Reply | Line] = []
        if self.intro:
            lines.append(Line("note", self.intro))
        if note:
            lines.append(Line("note", note))
        self._seen_results(dialogue.state)  # a state handed over settled or finished had them before
        replies = dialogue.start()
        if self.sessions is not None:
            self.sessions.mark(saved if saved is not None else dialogue.state)  # nothing to save yet
        shown = [r.question for r in replies if r.kind == "question"]
        # Answers given at the start (`--answers FILE`) that already settle the result open the results, once,
        # exactly as the answer that settles it would have mid-quiz.
        started, opens, unasked = self._opening(replies)
        if not (self._previewed is not None and shown == [self._previewed] and not dialogue.state.answers):
            lines += started
        before = dict(dialogue.state.answers)
        if saved is not None and saved.answers:
            self._saved = saved  # nothing is saved while it is on offer: queued answers can't replace it
        queued, self._queue = self._queue, []
        for action, args in queued:
            turn = self.say(*args) if action == "say" else self.pick(*args)
            lines += turn.messages
            if turn.opens is not None and (opens is None or unasked or not turn.unasked):
                opens, unasked = turn.opens, turn.unasked  # what the student asked for wins over what opened
        if self._saved is not None:
            self._prompt = "resume"
            lines.append(Line("prompt", offer_text(self._saved, self._shorts(), len(dialogue.state.answers))))
        return self._turn(lines, before, opens=opens, unasked=unasked)

    # --- the student's moves -------------------------------------------------------------------------------

    def say(self, text: str) -> Turn:
        """A typed message."""
        if not self._started:
            return self._unready(("say", (text,)))
        dialogue = self.dialogue
        assert dialogue is not None
        before = dict(dialogue.state.answers)
        words = words_of(text)
        prompt = self._prompt
        if prompt == "resume" and words in CONTINUE_WORDS | FRESH_WORDS:
            return self._resume(words in CONTINUE_WORDS, before)
        if prompt in CONFIRM_WORDS and words in CONFIRM_WORDS[prompt] | NO_WORDS:
            return self._confirm(prompt, words in CONFIRM_WORDS[prompt], before)
        if prompt == "clarify" and not self._answers_open_question(text):
            chosen = self._clarified(text)
            if chosen is not None:
                return self.pick("clarify", chosen)
        if prompt in ("forget", "restart", "clarify"):
            self._close_prompt()  # anything else: not confirmed, read anew (perhaps at the resume offer)
            return self.say(text)
        if words == FORGET_ME:
            return self._ask_forget(before)
        from rules.intents import classify

        intent = classify(dialogue.engine.kb, text, dialogue.memory)  # the same reading as the dialogue's
        kind = intent.kind if intent is not None else None
        if kind == "restart":
            return self._ask_restart(before)
        if kind == "back" and self._undo is not None and not dialogue.state.answers:
            return self._undo_restart(before)
        if kind == "compare" and intent is not None and not intent.careers:
            return self._turn([Line("info", "Here are your top careers side by side.")], before, opens="compare")
        if self._prompt == "resume":
            return self._while_resume_offered(text, before)
        replies = dialogue.handle(text)
        return self._after(replies, before, asked_results=kind == "results")

    def pick(self, owner: str, choice: str) -> Turn:
        """A button or an option's number: `owner` is the open question's id (choice: an option value) or a prompt's
        id (choice: one of its choice ids). Anything no longer open is refused, and said so."""
        if not self._started:
            return self._unready(("pick", (owner, choice)))
        dialogue = self.dialogue
        assert dialogue is not None
        before = dict(dialogue.state.answers)
        prompt = self._current_prompt()
        question = dialogue.current
        if prompt is not None:
            if owner == prompt.id and choice in {c.id for c in prompt.choices}:
                return self._prompt_choice(prompt.id, choice, before)
            if question is not None and owner == question.id:  # its buttons were replaced by the prompt's
                return self._turn([Line("info", f"First choose: {prompt.text[0].lower()}{prompt.text[1:]} "
                                                "Nothing is stored or replaced until you do.")], before)
        elif question is not None and owner == question.id and question.option(choice) is not None:
            return self._after(dialogue.choose(choice), before)
        return self._turn([Line("info", self._stale_text(owner))], before)

    def _unready(self, move: tuple[str, tuple[str, ...]]) -> Turn:
        """Before `start`: keep the move for then; after a failed load there is nothing to talk to."""
        if self.failure is not None:
            return Turn(messages=(Line("note", self.failure),), ended=True)
        self._queue.append(move)
        return Turn(queued=True)

    def restart(self) -> Turn:
        """Start over (Ctrl+G, the palette): asks first when there are answers to lose."""
        assert self.dialogue is not None
        return self._ask_restart(dict(self.dialogue.state.answers))

    def offer_saved(self, saved: SessionState | None, note: str | None = None) -> Turn:
        """A saved session that became available after the start (another window held it and was closed):
        offered as at a start, unless the student has answered here already (then this session replaces it)."""
        assert self.dialogue is not None
        before = dict(self.dialogue.state.answers)
        lines: list[Reply | Line] = [Line("note", note)] if note else []
        if saved is None or not saved.answers:
            return self._turn(lines, before)
        if self.dialogue.state.answers or self.dialogue.state.skipped:
            lines.append(Line("note", "You had a saved session; you started answering here, so this session "
                                      "replaces it."))
            return self._turn(lines, before)
        self._saved, self._prompt = saved, "resume"
        lines.append(Line("prompt", offer_text(saved, self._shorts(), 0)))
        return self._turn(lines, before)

    def forget(self) -> Turn:
        """'Forget me' (the palette): asks first, then deletes the saved session and starts over."""
        assert self.dialogue is not None
        return self._ask_forget(dict(self.dialogue.state.answers))

    def play(self, persona: Persona) -> Turn:
        """Start again as a demo student: their answers replayed through a fresh dialogue, each turn shown."""
        from rules.dialogue import Dialogue
        from rules.personas import replay

        assert self.dialogue is not None
        before = dict(self.dialogue.state.answers)
        engine = self.dialogue.engine
        fresh = Dialogue(engine=engine)
        self.dialogue = fresh
        self._close_prompt()
        self._saved, self._undo = None, None
        lines: list[Reply | Line] = [Line("note", f"Demo student: {persona.name}. {persona.story}"), *fresh.start()]
        for step in replay(fresh, persona):
            lines.append(Line("said", step.said))
            lines += step.replies
        top = fresh.result().recommendations[0]
        expected = engine.kb.careers[persona.expect].name
        lines.append(Line("note", f"{persona.name}'s answers are in: the top pick is {top.name} (expected: "
                                  f"{expected}). Change an answer with 'actually …' or 'back'; 'restart' starts "
                                  "clean."))
        self._seen_results(fresh.state)  # the advisor watches the chat; the results open when asked
        return self._turn(lines, before)

    def view(self) -> Turn:
        """The current question, prompt and progress, without messages (e.g. to redraw a front end)."""
        if self.dialogue is None:
            return Turn(ended=self.failure is not None)
        return self._turn([], dict(self.dialogue.state.answers))

    # --- what the other views show (the results, the comparison, the side panels, the report) -------------

    @property
    def kb(self) -> KnowledgeBase:
        """The library the conversation's citations open their source in."""
        return self._brain().engine.kb

    def standing(self) -> Standing:
        """The live ranking for the answers so far."""
        from rules.views import Standing

        dialogue = self._brain()
        return Standing(dialogue.result(), len(dialogue.state.answers))

    def results(self) -> ResultsView:
        """Every career, best first, with its reasons, quotes, pay, caveats and (for the best) the way in."""
        from rules.views import results_view

        dialogue = self._brain()
        return results_view(dialogue.engine, dialogue.result())

    def comparison(self, careers: Sequence[str] | None = None, everything: bool = False) -> CompareView:
        """Careers side by side: the given ones, or the best `rules.compare.COMPARED` for the answers (every
        career, ranked, with `everything`)."""
        from rules.compare import COMPARED
        from rules.views import compare_view

        dialogue = self._brain()
        if careers is None:
            ranked = [rec.career for rec in dialogue.result().recommendations]
            careers = ranked if everything else ranked[:COMPARED]
        return compare_view(dialogue.engine.kb, careers)

    def trace(self, career: str | None = None) -> Trace:
        """The rules that fired for a career (None: the top pick) on the answers so far, for the advisor."""
        from rules.views import trace

        dialogue = self._brain()
        recs = dialogue.result().recommendations
        rec = next((r for r in recs if r.career == career), recs[0])
        return trace(dialogue.engine, rec, dialogue.state.answers)

    def how(self, career: str | None = None) -> Reply:
        """How a career (None: the top pick) scored: every rule that fired, as a chat reply (advisor's F3)."""
        from rules.explain import how

        dialogue = self._brain()
        answers = dialogue.state.answers
        return how(dialogue.engine, career or dialogue.engine.top(answers), answers)

    def report(self) -> ReportInput:
        """What a printed report of the answers so far is made from."""
        from rules.views import ReportInput

        dialogue = self._brain()
        return ReportInput(dialogue.engine, dict(dialogue.state.answers))

    @property
    def answers(self) -> dict:
        """The stored answers (question id → value), a copy."""
        return dict(self._brain().state.answers)

    def demo_students(self) -> tuple[DemoStudent, ...]:
        """The demo students in `rules/personas.toml` (read once; a bad file raises `KnowledgeError`)."""
        if self._demo_students is None:
            from rules.personas import load_personas
            from rules.views import DemoStudent

            engine = self._brain().engine
            self._demo_students = tuple(DemoStudent(p, engine.kb.careers[p.expect].name)
                                        for p in load_personas(engine.rulebook))
        return self._demo_students

    def _brain(self) -> Dialogue:
        if self.dialogue is None:
            raise RuntimeError("the conversation's brain is not loaded (call load or start first)")
        return self.dialogue

    # --- prompts -------------------------------------------------------------------------------------------

    def _current_prompt(self) -> Prompt | None:
        dialogue = self.dialogue
        if dialogue is None:
            return None
        kind = self._prompt
        if kind == "resume":
            return Prompt("resume", "Continue your saved session, or start fresh?",
                          (Choice(CONTINUE, "Continue"), Choice(FRESH, "Start fresh" if not dialogue.state.answers
                                                                 else "Keep the new one")))
        if kind == "forget":
            return Prompt("forget", "Delete your saved answers from this computer and start over?",
                          (Choice(YES, "Yes"), Choice(NO, "No")))
        if kind == "restart":
            return Prompt("restart", "Start over and clear your answers?",
                          (Choice(YES, "Yes, start over"), Choice(NO, "No, keep my answers")))
        if kind == "clarify":
            rulebook = dialogue.engine.rulebook
            return Prompt("clarify", "Which answer did you mean?",
                          tuple(Choice(q, f"{rulebook.question(q).short}: {rulebook.question(q).label(v)}")
                                for q, v in self._clarify))
        if dialogue.current is None and dialogue.state.answers:
            return Prompt("finished", "What next?", (Choice(RESULTS, "See results"), Choice(RESTART, "Start over")),
                          blocking=False)
        return None

    def _close_prompt(self) -> None:
        if self._prompt == "clarify":
            self._clarify = ()
        self._prompt = "resume" if self._saved is not None else None

    def _prompt_choice(self, kind: PromptKind, choice: str, before: dict) -> Turn:
        dialogue = self.dialogue
        assert dialogue is not None
        if kind == "resume":
            return self._resume(choice == CONTINUE, before)
        if kind in ("forget", "restart"):
            return self._confirm(kind, choice == YES, before)
        if kind == "clarify":
            value = dict(self._clarify).get(choice)
            self._prompt, self._clarify = None, ()
            if value is None:
                return self._turn([Line("info", self._stale_text("clarify"))], before)
            return self._after(dialogue.answer(choice, value), before)  # type: ignore[arg-type]
        if choice == RESULTS:
            return self._after(dialogue.handle("results"), before, asked_results=True)
        return self._ask_restart(before)

    def _answers_open_question(self, text: str) -> bool:
        """Whether a reply to 'which did you mean?' is one of the open question's options in its own words: the
        student answered the question on screen ("Keeping patient records complete and accurate" names no
        candidate, though "patient" is a word of one: it was stored as lots of patient contact)."""
        from rules.placement import is_own_option

        assert self.dialogue is not None
        return is_own_option(self.dialogue.current, text)

    def _clarified(self, text: str) -> str | None:
        """The candidate question a reply to 'which did you mean?' names ('the exams one'), if exactly one."""
        from rules.placement import mentions

        assert self.dialogue is not None
        rulebook = self.dialogue.engine.rulebook
        named = [q for q, _ in self._clarify if mentions(rulebook.question(q), text)
                 or words_of(rulebook.question(q).short) in words_of(text)]
        return named[0] if len(named) == 1 else None

    def _resume(self, carry_on: bool, before: dict) -> Turn:
        """Continue the saved session, or keep this new one (the saved file is replaced at the next save)."""
        from rules.dialogue import Dialogue

        saved, dialogue = self._saved, self.dialogue
        assert dialogue is not None
        self._saved, self._prompt = None, None
        if saved is None:
            return self._turn([], before)
        if carry_on:
            self.dialogue = Dialogue(engine=dialogue.engine, state=saved)
            self._seen_results(saved)
            return self._turn(self.dialogue.start(), before)
        lines: list[Reply | Line] = []
        if dialogue.state.answers:
            lines.append(Line("note", "Keeping the new session: it replaces the saved one."))
        else:
            # the saved file stays until the first answer replaces it, unless the store deletes it now (a browser's)
            note = self.sessions.start_fresh(dialogue.state) if self.sessions is not None else None
            lines.append(Line("note", note or "Starting fresh: your saved answers will be replaced once you answer."))
            if dialogue.current is not None:
                lines += dialogue.handle("continue")
        return self._turn(lines, before)

    def _while_resume_offered(self, text: str, before: dict) -> Turn:
        """At 'Continue, or start fresh?': questions are answered, answers wait until the student chooses."""
        dialogue = self.dialogue
        assert dialogue is not None
        kept = copy.deepcopy(dialogue.state)
        replies = dialogue.handle(text)
        kept.recall = dialogue.state.recall  # what a question asked about is remembered, not an answer
        if dialogue.state == kept and not dialogue.clarify:
            return self._after(replies, before)
        dialogue.state, dialogue.clarify = kept, ()
        return self._turn([Line("info", "First choose: continue your saved session, or start fresh? Nothing is "
                                        "stored or replaced until you do.")], before)


    def _ask_restart(self, before: dict) -> Turn:
        dialogue = self.dialogue
        assert dialogue is not None
        if not dialogue.state.answers and not dialogue.state.skipped:
            return self._do_restart(before)
        self._prompt = "restart"
        count = len(dialogue.state.answers)
        return self._turn([Line("prompt", f"Start over? This clears your {count} answer{'s' if count != 1 else ''} "
                                          "(you can say 'back' straight after to bring them back).")], before)

    def _do_restart(self, before: dict) -> Turn:
        dialogue = self.dialogue
        assert dialogue is not None
        if dialogue.state.answers:
            self._undo = copy.deepcopy(dialogue.state)
        self._saved, self._prompt, self._clarify = None, None, ()
        self._opened_at_settle, self._opened_at_end = False, False
        replies = dialogue.restart()
        lines: list[Reply | Line] = list(replies)
        if self._undo is not None:
            lines.insert(1, Line("note", "Changed your mind? Say 'back' to bring your answers back."))
        return self._turn(lines, before)

    def _undo_restart(self, before: dict) -> Turn:
        from rules.dialogue import Dialogue

        assert self.dialogue is not None and self._undo is not None
        state, self._undo = self._undo, None
        self.dialogue = Dialogue(engine=self.dialogue.engine, state=state)
        self._seen_results(state)
        replies = self.dialogue.start()
        count = len(state.answers)
        return self._turn([Line("info", f"Your {count} answer{'s' if count != 1 else ''} are back."), *replies[1:]],
                          before)

    def _ask_forget(self, before: dict) -> Turn:
        sessions = self.sessions
        if sessions is None or not sessions.enabled:
            return self._turn([Line("info", "This session saves nothing (it was started with --no-save), so "
                                            "there is nothing to forget.")], before)
        self._prompt = "forget"
        return self._turn([Line("prompt", f"Forget me: delete your saved answers from this computer "
                                          f"({sessions.path}) and start over?")], before)

    def _confirm(self, kind: PromptKind, yes: bool, before: dict) -> Turn:
        self._prompt = None
        dialogue = self.dialogue
        assert dialogue is not None
        if not yes:
            self._close_prompt()
            text = "OK — nothing was deleted." if kind == "forget" else "OK — your answers are kept."
            lines: list[Reply | Line] = [Line("info", text)]
            if self._saved is not None:
                lines.append(Line("prompt", offer_text(self._saved, self._shorts(), len(dialogue.state.answers))))
            return self._turn(lines, before)
        if kind == "restart":
            return self._do_restart(before)
        assert self.sessions is not None
        removed = self.sessions.forget()
        self._saved, self._undo = None, None
        self._opened_at_settle, self._opened_at_end = False, False
        replies = dialogue.restart()
        self.sessions.mark(dialogue.state)  # nothing is written again until the next answer
        note = Line("info", deleted_text(removed) + " New answers are saved again as you go; start with --no-save "
                                                    "to keep nothing.")
        return self._turn([note, *replies[1:]], before)

    # --- after every move ----------------------------------------------------------------------------------

    def _after(self, replies: list[Reply], before: dict, asked_results: bool = False) -> Turn:
        """A dialogue turn: a question that needs clarifying, and whether the results open now (`_opening`)."""
        dialogue = self.dialogue
        assert dialogue is not None
        if dialogue.clarify:
            self._prompt, self._clarify = "clarify", dialogue.clarify
        lines, opens, unasked = self._opening(replies, asked_results)
        return self._turn(lines, before, opens=opens, unasked=unasked)

    def _opening(self, replies: Sequence[Reply], asked_results: bool = False) -> tuple[list[Reply | Line],
                                                                                        Opens | None, bool]:
        """The replies with what the chat says about the results, whether they open, and whether unasked.

        They open by themselves once when the result first settles and once when the quiz first ends (one
        turn can do both: they open once), else only when asked; never again after a correction or a change.
        """
        dialogue = self.dialogue
        assert dialogue is not None
        kinds = {reply.kind for reply in replies}
        settles = "stable" in kinds and not self._opened_at_settle
        ends = "result" in kinds and dialogue.state.finished and not self._opened_at_end
        self._opened_at_settle = self._opened_at_settle or "stable" in kinds
        self._opened_at_end = self._opened_at_end or ends
        said = OPENED_AT_END if ends else OPENED_AT_SETTLE if settles else SETTLED_AGAIN if "stable" in kinds else None
        lines: list[Reply | Line] = list(replies)
        if said is not None:  # after the 'That settles it' reply, else after the result
            where = next((i + 1 for i, r in enumerate(replies) if r.kind == "stable"), len(replies))
            lines.insert(where, Line("info", said))
        if asked_results:
            return lines, "results", False
        return lines, ("results" if settles or ends else None), settles or ends

    def _seen_results(self, state: SessionState) -> None:
        """A session taken up where it stood (resumed, undone, replayed): results it reached don't pop up."""
        self._opened_at_settle, self._opened_at_end = state.stable_announced, state.finished

    def _turn(self, lines: list, before: dict, opens: Opens | None = None, unasked: bool = False) -> Turn:
        dialogue = self.dialogue
        assert dialogue is not None
        answers = dialogue.state.answers
        changed = tuple(q for q in dict.fromkeys([*before, *answers]) if before.get(q) != answers.get(q))
        if changed and answers:
            self._undo = None  # a new answer after a restart: the old ones are gone for good
        lines = list(lines)
        if self.sessions is not None and self._saved is None:
            message = self.sessions.save(dialogue.state)
            if message:
                lines.append(Line("note", message))
        return Turn(messages=tuple(lines), question=self._open_question(), prompt=self._current_prompt(),
                    opens=opens, unasked=unasked and opens is not None, progress=dialogue.progress(),
                    changed=changed)  # type: ignore[arg-type]

    def _open_question(self) -> OpenQuestion | None:
        assert self.dialogue is not None
        question = self.dialogue.current
        if question is None:
            return None
        return OpenQuestion(question.id, question.text, question.kind,
                            tuple(Choice(o.value, o.label) for o in question.options), question.hint)

    def _shorts(self) -> dict[str, str]:
        assert self.dialogue is not None
        return {q.id: q.short for q in self.dialogue.engine.questions}

    def _stale_text(self, owner: str) -> str:
        dialogue = self.dialogue
        assert dialogue is not None
        by_id = dialogue.engine.rulebook.by_id
        what = f"the question about {by_id[owner].short}" if owner in by_id else "an earlier prompt"
        if owner in by_id and owner in dialogue.state.answers:
            what += f" (already answered: {by_id[owner].label(dialogue.state.answers[owner])})"
        return f"That choice was for {what}, which is no longer open, so I ignored it. Your answers are unchanged."
