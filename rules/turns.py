"""What one turn of the conversation gives a front end: messages, the open question, a prompt, what to open.

Every front end (the Textual chat, browser mode, `career-quiz chat --plain`, `ask`) renders these and nothing
else: choices carry ids, so a button or an option's number sends (owner id, choice id) back to
`Conversation.pick`, and no front end ever reads a message's wording to decide what to do (beyond a message that
is only an option's number, read the same way by all of them: `rules.numbered`).
Plain immutable records (`knowledge.records`: frozen-dataclass behaviour, cheaper to define), stdlib only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from knowledge.records import Record, record

if TYPE_CHECKING:
    from knowledge.models import Citation
    from rules.models import Progress, Reply, Table

Opens = Literal["results", "compare"]
PromptKind = Literal["resume", "forget", "restart", "clarify", "finished"]


@record
class Line(Record):
    """A message of the conversation's own (a note, a prompt, a student's replayed answer), shaped like a
    `Reply` so front ends render both alike; stdlib only, so the opening turn needs no pydantic."""

    kind: str
    text: str
    citations: tuple[Citation, ...] = ()
    table: Table | None = None
    question: str | None = None


@record
class Choice(Record):
    """One choice a front end shows as a button or a numbered line."""

    id: str
    label: str


@record
class OpenQuestion(Record):
    """The question waiting for an answer: its id, wording, and options (none for a number question)."""

    id: str
    text: str
    kind: Literal["choice", "number"]
    choices: tuple[Choice, ...]
    hint: str
    """What the question accepts, for a number question's placeholder or a plain-mode line."""


@record
class Prompt(Record):
    """A question of the conversation's own (continue a saved session? start over? which answer?).

    While a prompt is open its choices replace the question's options; `blocking` prompts must be answered
    before the quiz goes on, the others (the finished quiz's "See results / Start over") may be ignored.
    """

    id: PromptKind
    text: str
    choices: tuple[Choice, ...]
    blocking: bool = True


@record
class Turn(Record):
    """Everything a front end needs after one call to the conversation."""

    messages: tuple[Reply | Line, ...] = ()
    """The brain's replies and the conversation's own lines, in order. Kinds are `rules.models.ReplyKind`
    plus "said" (the student's words, e.g. a replayed demo answer) and "note" (a line from the conversation
    itself: where answers came from, a save that failed)."""
    question: OpenQuestion | None = None
    prompt: Prompt | None = None
    opens: Opens | None = None
    """A view the front end should open now: the results once when the result first settles, once when the quiz
    ends, and whenever asked (never by themselves after a correction); the comparison when asked."""
    unasked: bool = False
    """`opens` is not something the student asked for (the result settled, the quiz ended): they may still be
    typing, so a front end keeps their keys for the chat rather than for the view that opened."""
    progress: Progress | None = None
    changed: tuple[str, ...] = ()
    """Question ids whose stored answer this turn added, changed or removed."""
    queued: bool = False
    """The brain was not ready: the message is kept and answered in the turn `Conversation.start` returns."""
    ended: bool = False
    """The conversation has no brain to talk to (its sources failed to load)."""

    @property
    def owner(self) -> str | None:
        """Whose choices are on offer: the prompt's id, the open question's id, or None."""
        if self.prompt is not None:
            return self.prompt.id
        if self.question is not None and self.question.choices:
            return self.question.id
        return None

    @property
    def choices(self) -> tuple[Choice, ...]:
        """The choices to show (a prompt's, else the open question's options)."""
        if self.prompt is not None:
            return self.prompt.choices
        return self.question.choices if self.question is not None else ()
