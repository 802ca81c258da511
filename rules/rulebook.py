"""Load questions.toml and rules.toml and check them against each other and the knowledge base.

A rule that names an unknown question, career, fact, answer value or attribute is an error that names the
file and the rule id; every problem is reported at once (the same `KnowledgeError` the knowledge loader uses).
Templates are compiled here, once, so a broken template fails at load and not in front of a student.

`Rule` is a plain frozen record, and the rulebook runs on it without pydantic; pydantic (and the knowledge
loader's file reading) is imported inside `load_rulebook` only, where it validates the two files straight into
these records. The levels a table rule compares with, and their words, are knowledge's (LEVEL_WORDS).
"""

from __future__ import annotations

from dataclasses import field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

from knowledge.base import KnowledgeBase, KnowledgeError, Problem
from knowledge.models import LEVEL_FIELDS, LEVEL_WORDS
from knowledge.records import Check, Record, record
from rules import PACKAGE_DIR
from rules.models import Question

if TYPE_CHECKING:
    from pydantic import ValidationError


QUANTITIES = ("latest_median_pay", "shortest_training_months")
CAREER = "career"
"""The attribute of the focus question: its values are career ids. Every other attribute a table rule reads is a
level of knowledge.models.LEVEL_WORDS, which also holds the words its reasons use for each level."""


Agreement = Annotated[float, Check(ge=-1, le=1)]


@record
class Rule(Record):
    """One rule of rules.toml (see the comment at the top of that file for its meaning)."""

    id: Annotated[str, Check(pattern=r"^[a-z0-9_]+$")]
    question: str
    kind: Literal["table", "threshold"]
    weight: Annotated[float, Check(gt=0, le=10)]
    attribute: str | None = None
    agreement: dict[str, dict[str, float]] = field(default_factory=dict)
    default: Agreement = 0.0
    mismatch_at: Agreement = -0.5
    quantity: str | None = None
    satisfied_when: Literal["quantity_at_most_answer", "quantity_at_least_answer"] | None = None
    cite: dict[str, list[str]] = field(default_factory=dict)
    """Optional fact ids per career to cite for this rule (otherwise the engine chooses the relevant facts)."""
    for_text: str
    against_text: str
    neutral_text: str = ""
    unknown_text: str


@record
class RulesFile(Record):
    """rules.toml as a whole."""

    tie_order: list[str]
    near_tie_points: Annotated[float, Check(ge=0, le=50)] = 3.0
    neutral_answers: Annotated[float, Check(ge=0, le=10)] = 0.0
    rules: list[Rule]


@record
class QuestionsFile(Record):
    """questions.toml as a whole."""

    opening: str
    questions: list[Question]


class Rulebook:
    """Questions and rules, checked; templates compiled at load, or on first use when restored from a snapshot."""

    def __init__(self, questions: list[Question], rules: list[Rule], tie_order: list[str],
                 templates: dict | None = None, near_tie_points: float = 3.0, neutral_answers: float = 0.0) -> None:
        self.questions = questions
        self.near_tie_points = near_tie_points
        self.neutral_answers = neutral_answers
        self.by_id = {q.id: q for q in questions}
        self.rules = rules
        self.rule_by_id = {r.id: r for r in rules}
        self.tie_order = tie_order
        self.templates: dict[str, dict] = templates or {}
        self._by_question: dict[str, list[Rule]] = {}
        for rule in rules:
            self._by_question.setdefault(rule.question, []).append(rule)

    def render(self, rule_id: str, name: str, **variables: object) -> str:
        """Render one of a rule's texts (for_text, against_text, neutral_text, unknown_text) as plain text."""
        compiled = self.templates.setdefault(rule_id, {})
        template = compiled.get(name)
        if template is None:
            rule = self.rule_by_id[rule_id]
            template = compiled[name] = template_environment().from_string(getattr(rule, name) or rule.for_text)
        return template.render(**variables)

    def question(self, question_id: str) -> Question:
        return self.by_id[question_id]

    def phrases(self, attribute: str | None) -> dict[str, str]:
        """Each level of an attribute in words ('none' -> 'no direct patient contact'), from knowledge's one table."""
        return LEVEL_WORDS.get(attribute or "", {})

    def level_field(self, attribute: str | None) -> str:
        """The fact field an attribute's levels are read from (most are `level`; the schedule's is `hours`)."""
        return LEVEL_FIELDS.get(attribute or "", "level")

    def rules_for(self, question_id: str) -> list[Rule]:
        return self._by_question.get(question_id, [])


def _each_valid(record_type: type, items: object) -> list:
    """After a file failed validation: the records that are valid on their own, so that every rule-level
    check still runs on them (one bad record must not hide the others' problems)."""
    from pydantic import TypeAdapter, ValidationError

    adapter = TypeAdapter(record_type)
    valid = []
    for item in items if isinstance(items, list) else []:
        try:
            valid.append(adapter.validate_python(item))
        except ValidationError:
            continue
    return valid


def _validation(file: str, error: ValidationError, items: list, key: str) -> list[Problem]:
    from knowledge.loader import validation_message

    found = []
    for item in error.errors(include_url=False):
        location = list(item["loc"])
        name = None
        if len(location) >= 2 and location[0] == key and isinstance(location[1], int):
            raw = items[location[1]] if location[1] < len(items) else {}
            name = (raw.get("id") if isinstance(raw, dict) else None) or f"{key}[{location[1]}]"
            location = location[2:]
        where = ".".join(str(p) for p in location)
        found.append(Problem(file, f"{where + ': ' if where else ''}{validation_message(item)}", name))
    return found


def _check_rule(rule: Rule, questions: dict[str, Question], kb: KnowledgeBase) -> list[str]:
    """Everything wrong with one rule, as messages."""
    errors: list[str] = []
    question = questions.get(rule.question)
    if question is None:
        return [f"unknown question '{rule.question}' (known: {', '.join(questions)})"]
    if rule.kind == "table":
        if question.kind != "choice":
            errors.append(f"a table rule needs a choice question; '{rule.question}' is a number")
        known = [CAREER, *LEVEL_WORDS]
        if rule.attribute not in known:
            errors.append(f"unknown attribute '{rule.attribute}' (accepted: {', '.join(known)})")
            return errors
        allowed = set(kb.careers) if rule.attribute == CAREER else set(LEVEL_WORDS[rule.attribute])
        values = {o.value for o in question.options}
        for answer, row in rule.agreement.items():
            if answer not in values:
                errors.append(f"unknown value '{answer}' for question '{rule.question}' "
                              f"(accepted: {', '.join(sorted(values))})")
            for key, number in row.items():
                if key not in allowed:
                    what = "career" if rule.attribute == CAREER else f"{rule.attribute} value"
                    errors.append(f"unknown {what} '{key}' in agreement.{answer}")
                if not -1 <= number <= 1:
                    errors.append(f"agreement.{answer}.{key} = {number} is outside [-1, 1]")
        missing = values - set(rule.agreement)
        if missing:
            errors.append(f"no agreement row for answer(s) {', '.join(sorted(missing))}")
    else:
        if question.kind != "number":
            errors.append(f"a threshold rule needs a number question; '{rule.question}' is a choice")
        if rule.quantity not in QUANTITIES:
            errors.append(f"unknown quantity '{rule.quantity}' (accepted: {', '.join(QUANTITIES)})")
        if rule.satisfied_when is None:
            errors.append("a threshold rule needs satisfied_when")
    for career, fact_ids in rule.cite.items():
        if career not in kb.careers:
            errors.append(f"cite names unknown career '{career}'")
            continue
        known = {f.id for f in kb.careers[career].facts}
        errors += [f"cite names unknown fact '{career}.{f}'" for f in fact_ids if f not in known]
    return errors


def _compile(rule: Rule, environment) -> tuple[dict, list[str]]:
    from jinja2 import TemplateSyntaxError

    compiled, errors = {}, []
    for name in ("for_text", "against_text", "neutral_text", "unknown_text"):
        try:
            compiled[name] = environment.from_string(getattr(rule, name) or getattr(rule, "for_text"))
        except TemplateSyntaxError as error:
            errors.append(f"{name} is not a valid template: {error.message} (line {error.lineno})")
    return compiled, errors


def _money(value: object) -> str:
    return f"${int(value):,}" if isinstance(value, (int, float)) else str(value)


@cache
def template_environment():
    """Plain-text jinja2: no autoescape (the UI never parses markup), undefined variables are errors."""
    from jinja2 import Environment, StrictUndefined

    environment = Environment(autoescape=False, undefined=StrictUndefined, keep_trailing_newline=False)
    environment.filters["money"] = _money
    return environment


def load_rulebook(kb: KnowledgeBase, folder: Path | str | None = None) -> Rulebook:
    """Load and check questions.toml and rules.toml from `folder` (the built-in ones by default)."""
    folder = Path(folder) if folder is not None else PACKAGE_DIR
    problems: list[Problem] = []
    questions: list[Question] = []
    from pydantic import TypeAdapter, ValidationError

    from knowledge.loader import read_toml

    raw_questions = read_toml(folder / "questions.toml", problems)
    if raw_questions is not None:
        try:
            questions = TypeAdapter(QuestionsFile).validate_python(raw_questions).questions
        except ValidationError as error:
            problems += _validation("questions.toml", error, raw_questions.get("questions") or [], "questions")
            questions = _each_valid(Question, raw_questions.get("questions"))
    by_id: dict[str, Question] = {}
    opening_id = raw_questions.get("opening") if isinstance(raw_questions, dict) else None
    if questions and opening_id not in {q.id for q in questions}:
        problems.append(Problem("questions.toml", f"opening names unknown question '{opening_id}'"))
    for question in questions:
        if question.id in by_id:
            problems.append(Problem("questions.toml", "duplicate question id", question.id))
        by_id[question.id] = question
        if question.kind == "choice" and len(question.options) < 2:
            problems.append(Problem("questions.toml", "a choice question needs at least two options", question.id))
        if question.kind == "number" and (question.min is None or question.max is None or question.unit is None):
            problems.append(Problem("questions.toml", "a number question needs min, max and unit", question.id))
    rules: list[Rule] = []
    tie_order: list[str] = []
    near_tie_points, neutral_answers = 3.0, 0.0
    raw_rules = read_toml(folder / "rules.toml", problems)
    if isinstance(raw_rules, dict) and "attributes" in raw_rules:
        raw_rules = {key: value for key, value in raw_rules.items() if key != "attributes"}
        problems.append(Problem("rules.toml", "[attributes] is not read here: the words for each level are defined "
                                              "once, in knowledge/models.py LEVEL_WORDS, and rules read them there"))
    if raw_rules is not None:
        try:
            parsed = TypeAdapter(RulesFile).validate_python(raw_rules)
            rules, tie_order = parsed.rules, parsed.tie_order
            near_tie_points, neutral_answers = parsed.near_tie_points, parsed.neutral_answers
        except ValidationError as error:
            problems += _validation("rules.toml", error, raw_rules.get("rules") or [], "rules")
            rules = _each_valid(Rule, raw_rules.get("rules"))
            order = raw_rules.get("tie_order")
            tie_order = [c for c in order if isinstance(c, str)] if isinstance(order, list) else []
    environment = template_environment()
    templates: dict[str, dict] = {}
    seen: set[str] = set()
    for rule in rules:
        if rule.id in seen:
            problems.append(Problem("rules.toml", "duplicate rule id", rule.id))
        seen.add(rule.id)
        messages = _check_rule(rule, by_id, kb)
        compiled, template_errors = _compile(rule, environment)
        templates[rule.id] = compiled
        problems += [Problem("rules.toml", message, rule.id) for message in messages + template_errors]
    for career in tie_order:
        if career not in kb.careers:
            problems.append(Problem("rules.toml", f"tie_order names unknown career '{career}'"))
    missing = [c for c in kb.careers if c not in tie_order]
    if missing and raw_rules is not None:
        problems.append(Problem("rules.toml", f"tie_order must list every career; missing: {', '.join(missing)}"))
    if problems:
        raise KnowledgeError(problems, subject="The rules")
    return Rulebook(questions, rules, tie_order, templates, near_tie_points, neutral_answers)
