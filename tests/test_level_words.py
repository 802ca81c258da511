"""One table of level words (issue #11): each level of each attribute is said in words defined once, in
knowledge.models.LEVEL_WORDS, and everything a student reads about a level — a fact's summary (kb show, compare
cells, chat answers, the report), a rule's reason, a yes/no answer's lead — takes its words from there.

The table is checked against the models (its levels are exactly the values the facts can have), the program is
searched for a second table (a mapping from an attribute's levels to words, in Python or in a data file), and the
texts a student sees are checked to use the table's words.
"""

from __future__ import annotations

import ast
import tomllib
from dataclasses import replace
from pathlib import Path
from typing import Literal, get_args, get_origin

import pytest

from knowledge.levels import EXAM_LEVELS, exam_level, science_phrase
from knowledge.models import (
    CREDENTIAL_STATUS_WORDS, FACT_CLASS, LEVEL_FIELDS, LEVEL_WORDS, CredentialFact, LevelFact, ScheduleFact,
    ScienceFact,
)
from rules.answerer import _yes_no_lead
from rules.builtin import builtin_engine
from rules.compare import compare
from rules.rulebook import load_rulebook

ROOT = Path(__file__).resolve().parent.parent
ENGINE = builtin_engine()
HOME = ("knowledge/models.py", "LEVEL_WORDS")
"""Where the one table lives."""


def _allowed(annotation: object) -> set[str]:
    """The values a Literal field allows, also when it is optional (a science level is unset for a comparison)."""
    if get_origin(annotation) is Literal:
        return set(get_args(annotation))
    return {value for part in get_args(annotation) if get_origin(part) is Literal for value in get_args(part)}


# --- the table ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("attribute", [a for a in LEVEL_WORDS if a != "exam"])
def test_the_levels_are_exactly_the_values_the_facts_can_have(attribute: str) -> None:
    field = LEVEL_FIELDS.get(attribute, "level")
    allowed = _allowed(FACT_CLASS[attribute].__dataclass_fields__[field].type)
    assert set(LEVEL_WORDS[attribute]) == allowed


def test_every_fact_kind_on_a_scale_has_words_for_its_levels() -> None:
    on_a_scale = {kind for kind, cls in FACT_CLASS.items() if issubclass(cls, (LevelFact, ScheduleFact))}
    assert on_a_scale <= set(LEVEL_WORDS)


def test_the_exam_levels_are_every_grade_a_credential_can_get_strictest_first() -> None:
    fact = CredentialFact(id="c", kind="credential", source="s", quote="qqq", name="X", status="required", exam=True)
    grades = {exam_level(replace(fact, status=status, exam=exam))
              for status in CREDENTIAL_STATUS_WORDS for exam in (True, None)}
    assert grades == set(EXAM_LEVELS) == set(LEVEL_WORDS["exam"])
    assert EXAM_LEVELS[0] == "exam_required" and EXAM_LEVELS[-1] == "no_exam_stated"


def test_every_phrase_is_lower_case_words_that_can_stand_in_a_sentence() -> None:
    for attribute, words in LEVEL_WORDS.items():
        for level, phrase in words.items():
            assert phrase == phrase.strip() and phrase[0].islower() and not phrase.endswith("."), (attribute, level)
            assert "_" not in phrase, (attribute, level)
        assert len(set(words.values())) == len(words), f"two levels of {attribute} read the same"


# --- no second table ------------------------------------------------------------------------------------------

LEVEL_SETS = [set(words) for words in LEVEL_WORDS.values()]


def _a_level_table(keys: set[str], values: list[object]) -> bool:
    """A mapping from two or more levels of one attribute to words: a table of level words."""
    return any(len(keys & levels) >= 2 for levels in LEVEL_SETS) and all(isinstance(v, str) for v in values)


def _words(node: ast.expr) -> object:
    """A dict value as the scan sees it: text (a string, an f-string, words built by a call) or anything else."""
    if isinstance(node, ast.Constant):
        return node.value
    return "words" if isinstance(node, (ast.JoinedStr, ast.Call, ast.BinOp)) else node


def _python_tables(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Dict):
            keys = {k.value for k in node.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)}
            if _a_level_table(keys, [_words(v) for v in node.values]):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def _toml_tables(path: Path) -> list[str]:
    found = []

    def walk(table: dict, where: str) -> None:
        if _a_level_table(set(table), list(table.values())):
            found.append(f"{path.relative_to(ROOT)} [{where}]")
        for key, value in table.items():
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, dict):
                    walk(item, f"{where}.{key}" if where else key)

    walk(tomllib.loads(path.read_text(encoding="utf-8")), "")
    return found


def test_no_second_table_of_level_words_anywhere_in_the_program() -> None:
    """Python modules and data files of knowledge/, rules/ and tui/: only LEVEL_WORDS maps levels to words
    (rules.toml's agreement rows map levels to numbers, which is fine)."""
    found = []
    for package in ("knowledge", "rules", "tui"):
        for path in sorted((ROOT / package).rglob("*.py")):
            found += _python_tables(path)
        for path in sorted((ROOT / package).rglob("*.toml")):
            found += _toml_tables(path)
    home = ast.parse((ROOT / HOME[0]).read_text(encoding="utf-8"))
    table = next(n for n in ast.walk(home) if isinstance(n, ast.AnnAssign) and getattr(n.target, "id", "") == HOME[1])
    inside = {f"{HOME[0]}:{n.lineno}" for n in ast.walk(table) if isinstance(n, ast.Dict)}
    assert [where for where in found if where not in inside] == []
    assert inside & set(found), "the scan no longer recognises LEVEL_WORDS itself as a table of level words"


def test_the_scan_finds_a_second_table_in_python_and_in_toml(tmp_path: Path) -> None:
    python = ROOT / "tests" / "_second_table.py"
    data = ROOT / "tests" / "_second_table.toml"
    try:
        python.write_text('WORDS = {"none": "no patients", "lots": "many patients"}\n', encoding="utf-8")
        data.write_text('[attributes.equipment]\nlevels = { none = "no", heavy = "a lot of" }\n', encoding="utf-8")
        assert _python_tables(python) == ["tests/_second_table.py:1"]
        assert _toml_tables(data) == ["tests/_second_table.toml [attributes.equipment.levels]"]
    finally:
        python.unlink(missing_ok=True)
        data.unlink(missing_ok=True)


def test_the_rules_refuse_a_table_of_level_words_of_their_own(tmp_path: Path) -> None:
    from knowledge.base import KnowledgeError
    from rules import PACKAGE_DIR

    for name in ("questions.toml", "rules.toml"):
        (tmp_path / name).write_text((PACKAGE_DIR / name).read_text(encoding="utf-8"), encoding="utf-8")
    with open(tmp_path / "rules.toml", "a", encoding="utf-8") as rules:
        rules.write('\n[attributes.equipment]\nlevels = { none = "no", some = "some", heavy = "a lot of" }\n')
    with pytest.raises(KnowledgeError) as caught:
        load_rulebook(ENGINE.kb, tmp_path)
    assert "rules.toml: [attributes] is not read here: the words for each level are defined once, in " \
           "knowledge/models.py LEVEL_WORDS" in caught.value.report()


# --- what a student reads uses the table's words -------------------------------------------------------------

def _level_facts() -> list[tuple[str, LevelFact | ScheduleFact]]:
    return [(career, fact) for career, c in ENGINE.kb.careers.items() for fact in c.facts
            if isinstance(fact, (LevelFact, ScheduleFact))]


def _words_for(fact: LevelFact | ScheduleFact) -> str:
    if isinstance(fact, ScienceFact) and fact.more_than is not None:
        return science_phrase(ENGINE.kb, fact) or ""
    field = LEVEL_FIELDS.get(fact.kind, "level")
    return LEVEL_WORDS[fact.kind][getattr(fact, field)]


def test_every_level_fact_is_summarised_in_the_tables_words() -> None:
    """kb show, chat answers, compare cells and the report print a level fact by its summary."""
    for career, fact in _level_facts():
        if isinstance(fact, ScheduleFact) and fact.includes:
            continue  # says which evenings, weekends… this source names (below)
        assert fact.summary() == _words_for(fact), f"{career}.{fact.id}"
    words = LEVEL_WORDS["schedule"]
    standard = ScheduleFact(id="s", kind="schedule", source="s", quote="qqq", hours="standard_daytime")
    irregular = replace(standard, hours="irregular")
    assert (standard.summary(), irregular.summary()) == (words["standard_daytime"], words["irregular"])
    assert replace(standard, includes=["evenings"]).summary() == f"mostly {words['standard_daytime']}; some roles " \
                                                                 "may include evenings"
    assert replace(irregular, includes=["evenings", "weekends", "holidays"]).summary() == words["irregular"]
    evening_or_night = replace(irregular, includes=["evenings", "overnight"])
    assert evening_or_night.summary() == "hours that may include evenings or nights"


LEVEL_RULES = [r for r in ENGINE.rulebook.rules if r.kind == "table" and r.attribute in LEVEL_WORDS]


@pytest.mark.parametrize("rule", LEVEL_RULES, ids=lambda r: r.id)
def test_every_reason_about_a_level_says_it_in_the_tables_words(rule) -> None:  # type: ignore[no-untyped-def]
    """Each career the sources can judge, for each answer: the reason names its level as LEVEL_WORDS does (a
    science comparison as a comparison), and never in words of a level it does not have."""
    question = ENGINE.rulebook.question(rule.question)
    judged = 0
    for career in ENGINE.careers:
        seen = ENGINE.observations[(rule.id, career)]
        if not seen.known:
            continue
        judged += 1
        expected = {LEVEL_WORDS[rule.attribute][value] for value in seen.values}
        if rule.attribute == "science":
            expected = {science_phrase(ENGINE.kb, f) or LEVEL_WORDS["science"][v]
                        for f, v in zip(seen.facts, seen.values) if isinstance(f, ScienceFact)}
        others = set(LEVEL_WORDS[rule.attribute].values()) - expected
        for option in question.options:
            text = ENGINE.reason(rule, career, option.value).text
            assert all(words in text for words in expected), (career, option.value, text)
            assert not any(words in text for words in others), (career, option.value, text)
    assert judged, f"no career has a level for {rule.id}: the test would check nothing"


@pytest.mark.parametrize("careers", [["medical_records_technician", "licensed_practical_nurse",
                                      "radiologic_technician"], ["medical_assistant", "medical_coder"]])
def test_compare_cells_about_a_level_use_the_tables_words(careers: list[str]) -> None:
    rows = {row.label.lower(): row for row in compare(ENGINE.kb, careers).rows}
    checked = 0
    for career_index, career in enumerate(careers):
        for kind, label in (("patient_contact", "patient contact"), ("computer_time", "screen time")):
            row = rows.get(label)
            facts = ENGINE.kb.facts(career, kind)
            if row is None or not facts:
                continue
            for fact in facts:
                assert LEVEL_WORDS[kind][getattr(fact, "level")] in row.cells[career_index].text
                checked += 1
    assert checked


@pytest.mark.parametrize(("topic", "field", "levels"), [
    ("patient_contact", "level", ["none"]), ("patient_contact", "level", ["lots"]),
    ("patient_contact", "level", ["some"]), ("patient_contact", "level", ["none", "some"]),
    ("schedule", "hours", ["standard_daytime"]), ("schedule", "hours", ["irregular"]),
    ("schedule", "hours", ["standard_daytime", "irregular"]),
])
def test_a_yes_no_answer_about_a_level_leads_with_the_tables_words(topic: str, field: str,
                                                                    levels: list[str]) -> None:
    cls = FACT_CLASS[topic]
    facts = [cls(id=f"f{i}", kind=topic, source="s", quote="qqq", **{field: level})  # type: ignore[call-arg]
             for i, level in enumerate(levels)]
    lead = _yes_no_lead(topic, facts, set()).lower()
    shown = [LEVEL_WORDS[topic][level] for level in levels if LEVEL_WORDS[topic][level] in lead]
    assert shown, lead
