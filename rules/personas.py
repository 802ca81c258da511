"""Demo students as data: who they are, what they answer, and which career their answers should put first.

The app's demo mode, the screenshots and the tests all use `personas.toml`; `replay` plays a persona's answers
through a dialogue, turn by turn, as the advisor's demo shows them. Every persona is checked at load
against the rulebook: answers go through the same `check_answer` as the command line, and `expect` must be
a known career. Problems are gathered and raised together as the project's `KnowledgeError`, each naming the
file and the persona id.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from knowledge.base import KnowledgeError, Problem
from rules import PACKAGE_DIR
from rules.answers import AnswerError, check_answer
from rules.models import AnswerValue
from rules.rulebook import Rulebook

if TYPE_CHECKING:
    from rules.dialogue import Dialogue
    from rules.models import Reply

PERSONAS_FILE = PACKAGE_DIR / "personas.toml"


class Persona(BaseModel):
    """One demo student."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    name: str = Field(min_length=1, max_length=40)
    """A first name, as the demo greets them."""
    story: str = Field(min_length=10, max_length=240)
    """One line, drawn from the sources, saying what this student wants."""
    expect: str
    """The career id these answers are meant to put first."""
    answers: dict[str, AnswerValue]


class PersonasFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    personas: list[Persona] = Field(min_length=1)


def _validation(file: str, error: ValidationError, items: list) -> list[Problem]:
    """Pydantic errors as problems that name the persona by its id, not by its position."""
    found = []
    for item in error.errors(include_url=False):
        location = list(item["loc"])
        persona = None
        if len(location) >= 2 and location[0] == "personas" and isinstance(location[1], int):
            raw = items[location[1]] if location[1] < len(items) else {}
            persona = (raw.get("id") if isinstance(raw, dict) else None) or f"personas[{location[1]}]"
            location = location[2:]
        where = ".".join(str(part) for part in location)
        message = item["msg"].replace("Extra inputs are not permitted", "unknown key (not accepted here)")
        found.append(Problem(file, f"{where + ': ' if where else ''}{message}", str(persona) if persona else None))
    return found


def load_personas(rulebook: Rulebook, path: Path | str | None = None) -> list[Persona]:
    """The personas of `path` (the built-in file by default), answers checked and normalised; or KnowledgeError."""
    path = Path(path) if path is not None else PERSONAS_FILE
    file = path.name
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise KnowledgeError([Problem(file, f"malformed TOML: {error}")]) from None
    except OSError as error:
        raise KnowledgeError([Problem(file, f"cannot read: {error.strerror or error}")]) from None
    try:
        parsed = PersonasFile.model_validate(data)
    except ValidationError as error:
        raise KnowledgeError(_validation(file, error, data.get("personas") or [])) from None
    careers = rulebook.tie_order  # rulebook loading proves it lists every career of the knowledge base
    problems: list[Problem] = []
    personas: list[Persona] = []
    seen: set[str] = set()
    for persona in parsed.personas:
        if persona.id in seen:
            problems.append(Problem(file, "duplicate persona id", persona.id))
        seen.add(persona.id)
        if persona.expect not in careers:
            problems.append(Problem(file, f"expect names unknown career '{persona.expect}' "
                                          f"(known: {', '.join(careers)})", persona.id))
        if not persona.answers:
            problems.append(Problem(file, "answers is empty; give at least one question id = value", persona.id))
        answers: dict[str, AnswerValue] = {}
        for question_id, value in persona.answers.items():
            try:
                answers[question_id] = check_answer(rulebook, question_id, value)
            except AnswerError as error:
                problems.append(Problem(file, f"answers: {error}", persona.id))
        personas.append(persona.model_copy(update={"answers": answers}))
    if problems:
        raise KnowledgeError(problems)
    return personas


MAX_STEPS = 40
"""More than enough for every question; a guard in case a dialogue keeps asking the same one."""


@dataclass(frozen=True)
class Step:
    """One turn of a replay: what the persona said (an option's label, or 'skip') and the bot's replies."""

    said: str
    replies: list[Reply]


def replay(dialogue: Dialogue, persona: Persona) -> list[Step]:
    """Answer the dialogue's questions with the persona's answers; returns each turn, in order.

    A question the persona has no answer for is skipped while some of its answers are still unused (so all of
    them count); once every answer is in, the replay stops at the question the dialogue asks next, or at the
    end of the quiz.
    """
    steps: list[Step] = []
    for _ in range(MAX_STEPS):
        question = dialogue.current
        if question is None:
            break
        unused = set(persona.answers) - set(dialogue.state.answers)
        if question.id in persona.answers and question.id in unused:
            value = persona.answers[question.id]
            steps.append(Step(question.label(value), dialogue.choose(value)))
        elif unused:
            steps.append(Step("skip", dialogue.handle("skip")))
        else:
            break
    return steps
