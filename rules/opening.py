"""The greeting and the opening question, read without the brain, so the app can show them at once.

Stdlib only: the first screen must not wait for pydantic, the knowledge base or the engine. The opening question
is declared in questions.toml (`opening`); a test checks it is the question the engine itself would ask first, so
the quick start and the dialogue never disagree.

Parsing questions.toml took longer than drawing half the first screen, so once the brain has loaded, `keep()`
writes the opening to the cache folder as a few lines of text, tied to questions.toml's path, size and time of
change, with a checksum: the next start reads those lines instead. A copy that does not match (questions.toml
edited, the copy damaged or cut short, another checkout's) is ignored, and the TOML is read as before.
"""

from __future__ import annotations

import os
import zlib
from functools import cache
from pathlib import Path

from knowledge.records import Record, record
from rules import PACKAGE_DIR
from rules.cache_folder import cache_dir

QUESTIONS = PACKAGE_DIR / "questions.toml"
KEPT_NAME = "opening.txt"
KEPT_FORMAT = "career-quiz opening 1"
"""First line of the kept copy; a change in what is kept changes it, so an old copy is ignored."""
UNIT = "\x1f"
"""Separates an option's value from its label on one line (never in questions.toml's text: checked on write)."""

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


@record
class OpeningQuestion(Record):
    """The first question, as the quick start shows it."""

    id: str
    text: str
    kind: str
    options: tuple[tuple[str, str], ...]
    """(value, label) pairs."""
    hint: str


@record
class Opening(Record):
    """The greeting and the first question, shown before the brain has loaded."""

    greeting: str
    question: OpeningQuestion
    total: int

    @property
    def heading(self) -> str:
        return question_heading(0, self.total, self.question.text)


@cache
def opening() -> Opening:
    """The greeting and the first question: the kept copy when it matches questions.toml, else the TOML itself."""
    return _kept(QUESTIONS) or _parsed(QUESTIONS)


def _parsed(source: Path) -> Opening:
    """The greeting and the first question, straight from questions.toml."""
    import tomllib  # here: the headless commands import this module for its words, and read no TOML

    with source.open("rb") as handle:
        data = tomllib.load(handle)
    questions = data["questions"]
    first = next(q for q in questions if q["id"] == data["opening"])
    question = OpeningQuestion(id=first["id"], text=first["text"], kind=first["kind"], hint=first["hint"],
                               options=tuple((o["value"], o["label"]) for o in first.get("options", [])))
    return Opening(greeting=GREETING.format(total=len(questions)), question=question, total=len(questions))


def _identity(source: Path) -> str:
    """Which questions.toml a kept copy was made from: its path, size and time of change."""
    info = os.stat(source)
    return f"{os.path.abspath(source)}|{info.st_size}|{info.st_mtime_ns}"


def _lines(start: Opening) -> list[str] | None:
    """The opening as the kept copy's lines; None when a field holds a line break or the separator."""
    question = start.question
    fields = [question.id, question.kind, question.text, question.hint, str(start.total),
              *(part for option in question.options for part in option)]
    if any(mark in field for field in fields for mark in ("\n", "\r", UNIT)):
        return None
    return [*fields[:5], *(f"{value}{UNIT}{label}" for value, label in question.options)]


def _kept(source: Path) -> Opening | None:
    """The opening kept by an earlier start, when it was made from this very questions.toml and is whole."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        text = (folder / KEPT_NAME).read_text(encoding="utf-8")
        identity = _identity(source)
    except (OSError, UnicodeDecodeError):
        return None
    head, _, body = text.partition("\n")
    if head != f"{KEPT_FORMAT}|{zlib.crc32(body.encode('utf-8')):08x}|{identity}":
        return None  # another format, damaged, cut short, or made from another questions.toml
    fields = body.split("\n")
    if len(fields) < 5 or not fields[4].isdigit():
        return None
    options = [line.split(UNIT) for line in fields[5:]]
    if any(len(pair) != 2 for pair in options):
        return None
    total = int(fields[4])
    question = OpeningQuestion(id=fields[0], kind=fields[1], text=fields[2], hint=fields[3],
                               options=tuple((value, label) for value, label in options))
    return Opening(greeting=GREETING.format(total=total), question=question, total=total)


def keep(source: Path = QUESTIONS) -> None:
    """Keep the opening for the next start (called once the brain has loaded); never raises.

    Nothing is written when the kept copy already matches, the cache is turned off, or a field holds a line
    break or the separator (then every start reads the TOML, as before this copy existed)."""
    folder = cache_dir()
    if folder is None or _kept(source) is not None:
        return
    try:
        lines = _lines(_parsed(source))
        if lines is None:
            return
        body = "\n".join(lines)
        head = f"{KEPT_FORMAT}|{zlib.crc32(body.encode('utf-8')):08x}|{_identity(source)}"
        from knowledge.files import private_folder, sweep, write_atomic

        private_folder(folder)
        sweep(folder, ".opening-")
        write_atomic(folder / KEPT_NAME, f"{head}\n{body}", prefix=".opening-")
    except (OSError, ValueError, KeyError, StopIteration):
        return
