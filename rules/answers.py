"""Answers from outside the chat: `--answer ID=VALUE` pairs and answers files (.toml or .json, a flat table).

Everything is checked against the questions before the engine sees it; a problem raises `AnswerError` whose
message names the question (or file) and what it accepts, ready to print as one line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from rules.models import AnswerValue, Answers, Question
from rules.rulebook import Rulebook
from rules.text import visible


ANSWERS_LIMIT = 64 * 1024
"""Bytes an answers file may have (a full set of answers is well under 1 KB)."""
DECIMAL = re.compile(r"^[+-]?(\d+\.\d*|\.\d+)$")


class AnswerError(ValueError):
    """An answer or answers file that cannot be used; the message is meant for the user as is."""


def accepted(question: Question) -> str:
    if question.kind == "choice":
        return "one of " + ", ".join(o.value for o in question.options)
    unit = " (months)" if question.unit == "months" else " (US dollars a year)" if question.unit == "usd" else ""
    return f"a whole number from {question.min:,} to {question.max:,}{unit}"


def _not_whole(question_id: str, raw: object, question: Question) -> AnswerError:
    """A bare decimal means the same in a TOML file, a JSON file and `--answer`: not accepted (the unit is
    months or dollars, never years); words with a unit ('1.5 years') still go to the free-text reader."""
    hint = " — for a year and a half write 18 or '1.5 years'" if question.unit == "months" else ""
    return AnswerError(f"{question_id}: '{visible(raw)}' is not a whole number; give {accepted(question)}{hint}")


def _fractional(text: str) -> bool:
    """Whether a decimal such as '40000.50' has a fraction ('40000.0' has none); exact, without floats."""
    from decimal import Decimal  # here: most answers are whole numbers or words

    return Decimal(text) != Decimal(text).to_integral_value()


def check_answer(rulebook: Rulebook, question_id: str, raw: object) -> AnswerValue:
    """One answer, validated: exact option values and integers, or anything the free-text reader accepts."""
    question = rulebook.by_id.get(str(question_id))
    if question is None:
        known = ", ".join(rulebook.by_id)
        if not str(question_id).strip():
            raise AnswerError(f"an answer needs a question id before '=' (known questions: {known})")
        raise AnswerError(f"unknown question '{visible(question_id)}' (known questions: {known})")
    if isinstance(raw, float) and question.kind == "number" and raw == raw and abs(raw) != float("inf") \
            and not raw.is_integer():
        raise _not_whole(question_id, raw, question)
    if isinstance(raw, bool) or raw is None or isinstance(raw, (list, dict, float)) and not (
            isinstance(raw, float) and raw.is_integer()):
        raise AnswerError(f"{question_id}: '{visible(raw)}' is not accepted; give {accepted(question)}")
    text = str(int(raw)) if isinstance(raw, float) else str(raw)
    if question.kind == "number" and DECIMAL.match(text.strip()) and _fractional(text.strip()):
        raise _not_whole(question_id, raw, question)
    if question.kind == "choice" and question.option(text.strip()):
        return text.strip()
    if not text.strip():
        raise AnswerError(f"{question_id}: the value is empty; give {accepted(question)}")
    stripped = text.strip()
    if question.kind == "number" and stripped.isascii() and stripped.isdigit() and len(stripped) <= 15 \
            and question.min is not None and question.max is not None and question.min <= int(stripped) <= question.max:
        return int(stripped)  # the usual case in answer files and scripts: no need for the free-text reader
    from rules.parsing import check_value

    parsed = check_value(question, text)
    if parsed.value is None:
        raise AnswerError(f"{question_id}: '{visible(raw)}' is not accepted; give {accepted(question)}")
    return parsed.value


def parse_pairs(rulebook: Rulebook, pairs: Iterable[str]) -> Answers:
    """`ID=VALUE` strings from the command line."""
    answers: Answers = {}
    for pair in pairs:
        if "=" not in pair:
            raise AnswerError(f"--answer '{visible(pair)}' needs the form ID=VALUE, e.g. --answer pay_min=40000")
        key, value = pair.split("=", 1)
        answers[key.strip()] = check_answer(rulebook, key.strip(), value)
    return answers


def read_file(rulebook: Rulebook, path: Path | str) -> Answers:
    """A flat table of question id = value, from a .toml or .json file (read as `knowledge.files` reads)."""
    from knowledge.files import FileProblem, read_table, shown  # here: most runs read no answers file

    path = Path(path)
    named = f"answers file '{shown(path)}'"
    suffix = path.suffix.lower()
    if suffix not in {".toml", ".json"}:
        raise AnswerError(f"{named} must end in .toml or .json")
    try:
        data = read_table(path, ANSWERS_LIMIT, suffix[1:])
    except FileNotFoundError:
        raise AnswerError(f"{named} does not exist") from None
    except PermissionError:
        raise AnswerError(f"{named} cannot be read: permission denied") from None
    except OSError as error:
        raise AnswerError(f"{named} cannot be read: {error.strerror or error}") from None
    except FileProblem as problem:
        raise AnswerError(f"{named} {problem}") from None
    if not isinstance(data, dict):
        raise AnswerError(f"{named} must hold a flat table of question id = value")
    answers: Answers = {}
    for key, value in data.items():
        try:
            answers[key] = check_answer(rulebook, key, value)
        except AnswerError as error:
            raise AnswerError(f"{named}: {error}") from None
    return answers


def gather(rulebook: Rulebook, file: str | None, pairs: Iterable[str] | None) -> Answers:
    """The file's answers, then `--answer` pairs on top (they win)."""
    answers = read_file(rulebook, file) if file else {}
    answers.update(parse_pairs(rulebook, pairs or []))
    return answers


def to_command(answers: Answers) -> str:
    """The `career-quiz recommend` command that reproduces these answers."""
    parts = ["career-quiz recommend"]
    parts += [f"--answer {q}={v}" for q, v in answers.items()]
    return " ".join(parts)
