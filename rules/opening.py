"""The greeting and the opening question, read without the brain, so the app can show them at once.

Stdlib only (tomllib): the first screen must not wait for pydantic, the knowledge base or the engine. The
opening question is declared in questions.toml (`opening`); a test checks it is the question the engine
itself would ask first, so the quick start and the dialogue never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from rules import PACKAGE_DIR

GREETING = (
    "Hi! I'm Career Quiz. I'll help you decide whether becoming a medical records technician suits you, "
    "or whether a related career fits better: medical coder, cancer registrar, health information manager, "
    "licensed practical nurse, radiologic technician or medical assistant.\n"
    "I'll ask up to {total} short questions (about two minutes) and stop early once your answers settle it. "
    "Every claim I make quotes one of my five sources. Ask me anything at any time — "
    "'why do you ask?', 'what does an LPN earn?', 'compare coder and registrar', 'back', or 'help'."
)


def question_heading(answered: int, left: int, text: str) -> str:
    """How a question is put in the chat: its number, how many could still come, and its wording."""
    return f"Question {answered + 1} (at most {left} to go): {text}"


@dataclass(frozen=True)
class OpeningQuestion:
    id: str
    text: str
    kind: str
    options: tuple[tuple[str, str], ...]
    """(value, label) pairs."""
    hint: str


@dataclass(frozen=True)
class Opening:
    greeting: str
    question: OpeningQuestion
    total: int

    @property
    def heading(self) -> str:
        return question_heading(0, self.total, self.question.text)


@cache
def opening() -> Opening:
    """The greeting and the first question, straight from questions.toml."""
    import tomllib  # here: the headless commands import this module for its words, and read no TOML

    with (PACKAGE_DIR / "questions.toml").open("rb") as handle:
        data = tomllib.load(handle)
    questions = data["questions"]
    first = next(q for q in questions if q["id"] == data["opening"])
    question = OpeningQuestion(id=first["id"], text=first["text"], kind=first["kind"], hint=first["hint"],
                               options=tuple((o["value"], o["label"]) for o in first.get("options", [])))
    return Opening(greeting=GREETING.format(total=len(questions)), question=question, total=len(questions))
