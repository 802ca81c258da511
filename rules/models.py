"""The brain's public shapes: questions, answers, reasons, recommendations and chat replies.

These are the contract between `rules/` and its callers (the app, the headless commands, the reports):
pydantic models so that JSON output and answer files are validated at the boundary.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from knowledge.models import Citation

AnswerValue = str | int
Answers = dict[str, AnswerValue]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Option(Strict):
    value: str
    label: str
    synonyms: list[str] = []
    """Other words a user may type for this option (matched whole-word, case-insensitively)."""


class Question(Strict):
    """One question of questions.toml. Ids and option values are a public contract."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    text: str
    short: str
    """A few words naming the topic, for lists such as "doesn't fit: pay, exams"."""
    topics: list[str] = []
    """Words that show a message is about this question ("exams", "weekends"): where a correction belongs."""
    kind: Literal["choice", "number"]
    options: list[Option] = []
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


class Reason(Strict):
    """One effect of one rule on one career, in plain words, with the facts it relied on."""

    question: str
    direction: Literal["for", "against", "neutral"]
    text: str
    rule: str
    points: float = 0.0
    citations: list[Citation] = []


class Recommendation(Strict):
    rank: int
    career: str
    name: str
    score: int = Field(ge=0, le=100)
    mismatches: list[str]
    """Question ids whose answer this career does not satisfy."""
    reasons: list[Reason]
    caveats: list[str] = []


class Result(Strict):
    """What `career-quiz recommend --json` prints."""

    answers: dict[str, AnswerValue]
    recommendations: list[Recommendation]
    next_question: str | None
    stable: bool


class Table(Strict):
    """A small table for chat replies (comparisons, what-if side by side)."""

    headers: list[str]
    rows: list[list[str]]


ReplyKind = Literal[
    "greeting", "question", "ack", "reprompt", "info", "answer", "not_found", "stable", "result", "error",
    "clarify",
]
"""'clarify' asks which question an answer was meant for. Front ends also meet the conversation's own kinds
(`rules.turns.Line`): 'prompt', 'note' and 'said' (the student's words, e.g. a replayed demo answer)."""


class Reply(Strict):
    """One bot message: plain text (never markup), its citations, and an optional table."""

    kind: ReplyKind
    text: str
    citations: list[Citation] = []
    table: Table | None = None
    question: str | None = None
    """The question this reply asks, when kind is 'question' or 'reprompt'."""


class Progress(Strict):
    answered: int
    remaining_max: int
    """How many more questions could still come before the result is settled."""
    total: int
    stable: bool


def plain(value: object) -> object:
    """A model (or list/dict of them) as plain JSON-ready data, in field order, without building serializers.

    `model_dump` would first build pydantic's serializer for every nested model: a noticeable part of a
    headless command's run time.
    """
    if isinstance(value, BaseModel):
        return {name: plain(getattr(value, name)) for name in type(value).model_fields}
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    return value
