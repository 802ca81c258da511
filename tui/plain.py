"""`career-quiz chat --plain`: the same conversation as lines of text on stdin and stdout.

For screen readers, terminals Textual can't drive, and scripts: every message is plain text (no colours, no
cursor movement), a question's options are numbered lines, and a number typed on its own chooses that option
(sent as a pick with the option's id, exactly like the app's buttons and its message box: `rules.numbered`). End of input ends the conversation with
the results. Never imports Textual.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rules.conversation import Conversation
    from rules.turns import Choice, Turn


class PlainChat:
    """Renders turns as lines and reads lines as messages or picks."""

    def __init__(self, conversation: Conversation, out: TextIO, prompt: bool = False) -> None:
        self.conversation = conversation
        self.out = out
        self.prompt = prompt
        """Print '> ' before reading (when a person is typing, not a script)."""
        self._shown: tuple[str | None, tuple[Choice, ...]] = (None, ())

    def write(self, text: str = "") -> None:
        """A line as it can safely go to a terminal: a source or a paste could hold escape sequences."""
        from rules.text import without_controls

        print(without_controls(text), file=self.out)

    def render(self, turn: Turn) -> None:
        """The turn's messages; the view it opens (printed before the question that stays open, so the question
        and its numbered options come last, where the next answer goes); then the choices on show."""
        messages = list(turn.messages)
        asked = max((i for i, m in enumerate(messages) if m.kind == "question"), default=len(messages))
        for message in messages[:asked]:
            self._message(message)
        if turn.opens == "results":
            self.results()
        elif turn.opens == "compare":
            self.compare()
        for message in messages[asked:]:
            self._message(message)
        announced = any(m.kind in ("question", "prompt", "clarify") for m in messages)
        self._choices(turn, force=announced or turn.opens is not None, announced=announced)

    def _message(self, message) -> None:  # a Reply or a rules.turns.Line
        if message.kind == "said":
            self.write(f"> {message.text}")
            return
        prefix = "Note: " if message.kind == "note" else ""
        self.write(prefix + message.text)
        table = message.table
        if table is not None:
            self.write("  " + " | ".join(table.headers))
            for row in table.rows:
                self.write("  " + " | ".join(row))
        for citation in message.citations:
            self.write("  " + self._cite(citation))
        self.write()

    @staticmethod
    def _cite(citation) -> str:
        from knowledge.wording import shown_quote  # table cells that ran together are shown apart

        quote = " ".join(shown_quote(citation.quote).split())  # whole: a cut quote can hide the words that answer (#9)
        return f"[{citation.title} ({citation.year or 'undated'}), line {citation.line}] “{quote}”"

    def _choices(self, turn: Turn, force: bool, announced: bool) -> None:
        """The numbered choices, when they changed or something was printed above them; headed by what they
        answer unless this turn's messages just said it."""
        shown = (turn.owner, turn.choices)
        if shown == self._shown and not force:
            return
        self._shown = shown
        if not announced:
            heading = turn.prompt.text if turn.prompt is not None else turn.question.text if turn.question else ""
            if heading and (turn.choices or turn.prompt is None):
                self.write(heading)  # e.g. "What next?" after the results, or the question still open
        if turn.choices:
            for number, choice in enumerate(turn.choices, start=1):
                self.write(f"  {number}. {choice.label}")
            self.write(f"  (type 1-{len(turn.choices)}, or anything in your own words)")
        elif turn.question is not None and turn.prompt is None:
            self.write(f"  {turn.question.hint}")
        else:
            return
        self.write()

    def read(self, line: str) -> Turn:
        """One line of input: an option's number alone ("2", "#2") chooses from the choices on show, anything else
        ("2 years max") is said."""
        from rules.numbered import option_number

        owner, choices = self._shown
        number = option_number(line, len(choices)) if owner is not None else None
        if owner is not None and number is not None:
            return self.conversation.pick(owner, choices[number - 1].id)
        return self.conversation.say(line)

    def results(self) -> None:
        """The full ranking, every career with its match and what doesn't fit, then why the top one leads (the
        results screen as text, from the same `rules.views.ResultsView`)."""
        view = self.conversation.results()
        self.write("Results — how every career matches your answers:")
        for card in view.cards:
            rec = card.rec
            misfit = ", ".join(misfit.short for misfit in card.misfits)
            self.write(f"  {rec.rank}. {rec.name} — match {rec.score}/100, {rec.evidence}"
                       + (f" (doesn't fit: {misfit})" if misfit else ""))
        if view.near_tie is not None:
            self.write(f"A near tie: {view.near_tie}")
        top = view.cards[0]
        self.write(f"Why {top.rec.name}:")
        mark = {"for": "+", "against": "-", "neutral": "·"}
        for reason in top.rec.reasons:
            self.write(f"  {mark.get(reason.direction, '·')} {reason.text}")
            for citation in reason.citations[:1]:
                self.write("      " + self._cite(citation))
        for caveat in top.rec.caveats:
            self.write(f"  ! {caveat.text}")
        self.write()

    def compare(self) -> None:
        """The best careers side by side, one line per row (the comparison screen as text)."""
        table = self.conversation.comparison().comparison
        self.write(" | ".join(["", *table.names]))
        for row in table.rows:
            self.write(" | ".join([row.label, *(cell.text for cell in row.cells)]))
        for caveat in table.caveats:
            self.write(f"! {caveat}")
        self.write()

    def run(self, lines: Iterable[str]) -> None:
        turn = self.conversation.start()
        self.render(turn)
        if turn.ended:
            return
        for line in self._lines(lines):
            if line.strip():
                self.render(self.read(line))
        self.write("End of input.")
        self.results()

    def _lines(self, lines: Iterable[str]) -> Iterable[str]:
        iterator = iter(lines)
        while True:
            if self.prompt:
                self.out.write("> ")
                self.out.flush()
            try:
                yield next(iterator)
            except StopIteration:
                if self.prompt:
                    self.out.write("\n")
                return


def run_plain(args) -> int:  # argparse.Namespace
    """`career-quiz chat --plain` (honours --no-save and --answers); exit 0, or 2 for a bad answers file."""
    from rules.conversation import Conversation
    from tui.session_keeper import SessionKeeper
    from tui.start import AnswersFileError, start_options

    try:
        start = start_options(args)
    except AnswersFileError as error:
        print(f"career-quiz: {error}", file=sys.stderr)
        return 2
    dialogue = start.dialogue_factory()()  # a broken knowledge base is reported by tui.cli, like every command
    sessions = SessionKeeper(start.store, resume=start.resume)
    conversation = Conversation(lambda: dialogue, sessions, intro=start.intro)
    PlainChat(conversation, sys.stdout, prompt=sys.stdin.isatty()).run(sys.stdin)
    return 1 if conversation.failure is not None else 0
