"""The brain's public shapes: questions, answers, reasons, recommendations and chat replies.

These are the contract between `rules/` and its callers (the app, the headless commands, the reports): plain
frozen dataclasses, free of pydantic. `Question` and `Option` are also the shape of questions.toml: the rulebook
validates that file straight into them with pydantic (knowledge.records explains how), the snapshot builds
them with their constructors.
"""

from __future__ import annotations

from dataclasses import field, fields, is_dataclass
from typing import Annotated, Literal

from knowledge.models import Citation
from knowledge.records import Check, Record, record

AnswerValue = str | int
Answers = dict[str, AnswerValue]


@record
class Option(Record):
    """One answer a choice question offers: its value (a public contract), its label and the words for it."""

    value: str
    label: str
    synonyms: list[str] = field(default_factory=list)
    """Other words a user may type for this option (matched whole-word, case-insensitively)."""


@record
class Question(Record):
    """One question of questions.toml. Ids and option values are a public contract."""

    id: Annotated[str, Check(pattern=r"^[a-z0-9_]+$")]
    text: str
    short: str
    """A few words naming the topic, for lists such as "doesn't fit: pay, exams"."""
    topics: list[str] = field(default_factory=list)
    """Words that show a message is about this question ("exams", "weekends"): where a correction belongs."""
    kind: Literal["choice", "number"]
    options: list[Option] = field(default_factory=list)
    min: int | None = None
    max: int | None = None
    unit: Literal["usd", "months"] | None = None
    why: str
    hint: str
    """What is accepted, shown when an answer cannot be read."""

    def option(self, value: str) -> Option | None:
        return next((o for o in self.options if o.value == value), None)

    def label(self, value: AnswerValue) -> str:
        """The answer as a person would say it."""
        if self.kind == "choice":
            option = self.option(str(value))
            return option.label if option else str(value)
        if self.unit == "usd":
            return f"${int(value):,} a year"
        if self.unit == "months":
            months = int(value)
            if months and months % 12 == 0:
                return f"{months // 12} year{'s' if months > 12 else ''}"
            return f"{months} months"
        return str(value)


@record
class Reason(Record):
    """One effect of one rule on one career, in plain words, with the facts it relied on.

    A plain immutable record, not a pydantic model: the engine builds many of these per ranking and they never
    come from a file. `inherited_from` names the parent career when the facts are the parent's (a
    specialisation the sources say nothing of their own about); the text then says so, and the citations are
    the parent's quotes. `judged` is False when the sources could not judge this answer for the career.
    """

    question: str
    direction: Literal["for", "against", "neutral"]
    text: str
    """The reason as a chat or a card shows it: `statement`, labelled as said of the parent when inherited, and
    followed by every disagreeing figure (`spread`)."""
    rule: str
    points: float = 0.0
    citations: list[Citation] = field(default_factory=list)
    judged: bool = True
    inherited_from: str | None = None
    statement: str = ""
    """The rule's sentence alone, without the inheritance label or the list of disagreeing figures (for a page
    that says those once, such as the report)."""
    spread: str = ""
    """Every figure of the sources that disagree about the value the reason uses, with year and source ('' when
    they agree)."""


@record
class Caveat(Record):
    """A warning that goes with a career's result (thin sources, old pay figures, sources that disagree)."""

    text: str
    disputed: str | None = None
    """The topic the sources disagree on ('median pay', 'schedule') when the caveat lists their versions."""


@record
class Recommendation(Record):
    """One career's place in the ranking.

    `score` is the career's fit, 0-100: how well the answers the sources can judge for it agree with them.
    `judged` of `answered` is the evidence: how many of the student's answers the sources could judge for it
    ("judged on 5 of 7 answers"). An answer the sources cannot judge counts neither way.
    """

    rank: int
    career: str
    name: str
    score: int
    mismatches: list[str]
    """Question ids whose answer this career does not satisfy."""
    reasons: list[Reason]
    caveats: list[Caveat] = field(default_factory=list)
    judged: int = 0
    answered: int = 0

    @property
    def evidence(self) -> str:
        """'judged on 5 of 7 answers', for lists and cards."""
        return f"judged on {self.judged} of {self.answered} answer{'s' if self.answered != 1 else ''}"


@record
class NearTie(Record):
    """The top two careers are within a few points: who, by how much, and which answer separates them."""

    leader: str
    runner_up: str
    gap: float
    """Fit points between them (exact, rounded to one decimal)."""
    question: str | None
    """The answered question that accounts for most of the gap (None when nothing separates them)."""
    by_evidence: bool
    """True when their fit is equal and the leader is first only because more answers could be judged for it."""
    sentence: str
    """A plain sentence for the chat and the results, e.g. 'If pay matters less to you, …'."""


@record
class Result(Record):
    """What `career-quiz recommend --json` prints. `stable` and `next_question` are filled in by the caller
    that plans the conversation (`rules.stability.planned`), never inside `Engine.recommend`."""

    answers: dict[str, AnswerValue]
    recommendations: list[Recommendation]
    next_question: str | None = None
    stable: bool = False
    near_tie: NearTie | None = None


@record
class Table(Record):
    """A small table for chat replies (comparisons, what-if side by side)."""

    headers: list[str]
    rows: list[list[str]]


ReplyKind = Literal[
    "greeting", "question", "ack", "reprompt", "info", "answer", "not_found", "stable", "result", "error",
    "clarify",
]
"""'clarify' asks which question an answer was meant for. Front ends also meet the conversation's own kinds
(`rules.turns.Line`): 'prompt', 'note' and 'said' (the student's words, e.g. a replayed demo answer)."""


@record
class Reply(Record):
    """One bot message: plain text (never markup), its citations, and an optional table.

    A plain immutable record: replies are made on every turn and never come from a file. Front ends render it
    alike with the conversation's own lines (`rules.turns.Line`).
    """

    kind: ReplyKind
    text: str
    citations: list[Citation] = field(default_factory=list)
    table: Table | None = None
    question: str | None = None
    """The question this reply asks, when kind is 'question' or 'reprompt'."""
    answer_kind: str | None = None
    """For an answer to a student's question (rules.answerer): fact, ranking, comparison, definition, passage,
    not_covered or clarify."""
    query: dict | None = None
    """For such an answer: the query the reader understood ({careers, topic, operation})."""


@record
class Progress(Record):
    """How far the quiz is: answers given, how many questions could still come, whether the pick is settled."""

    answered: int
    remaining_max: int
    """How many more questions could still come before the result is settled."""
    total: int
    stable: bool


def plain(value: object) -> object:
    """A record (or list/dict of them) as plain JSON-ready data, in field order.

    Unlike `dataclasses.asdict`, it copies nothing it does not have to and keeps a dict's keys as they are.
    """
    if value is None or isinstance(value, (str, int, float)):
        return value  # most values: checked first, a headless command plains a few thousand of them
    if isinstance(value, Record):
        return {name: plain(getattr(value, name)) for name, _, _ in value._defaults}
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    return value
