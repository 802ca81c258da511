"""The demo personas of personas.toml: each shows the career it promises, and a broken file says what is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.loader import KnowledgeBase, KnowledgeError
from rules.builtin import builtin_engine
from rules.personas import PERSONAS_FILE, Persona, load_personas
from rules.builtin import builtin_rulebook
from rules.rulebook import Rulebook

PERSONAS = load_personas(builtin_rulebook())


@pytest.fixture
def rulebook() -> Rulebook:
    return builtin_rulebook()


@pytest.mark.parametrize("persona", PERSONAS, ids=[p.id for p in PERSONAS])
def test_each_persona_gets_the_career_it_is_meant_to_show(persona: Persona) -> None:
    top = builtin_engine().recommend(persona.answers).recommendations[0]
    assert top.career == persona.expect
    assert top.mismatches == []


def test_every_career_has_a_persona(kb: KnowledgeBase) -> None:
    assert {p.expect for p in PERSONAS} == set(kb.careers)
    assert len({p.id for p in PERSONAS}) == len(PERSONAS)


def test_personas_read_like_people(rulebook: Rulebook) -> None:
    for persona in PERSONAS:
        assert persona.name.isalpha() and persona.name[0].isupper(), persona.name
        assert "\n" not in persona.story
        assert set(persona.answers) <= set(rulebook.by_id)


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "demo.toml"
    path.write_text(body, encoding="utf-8")
    return path


GOOD = '''
[[personas]]
id = "ok_person"
name = "Ana"
story = "Wants behind-the-scenes records work."
expect = "medical_records_technician"
answers = { focus = "records" }
'''


def problems(rulebook: Rulebook, path: Path) -> list[str]:
    with pytest.raises(KnowledgeError) as caught:
        load_personas(rulebook, path)
    return [str(p) for p in caught.value.problems]


def test_a_good_file_loads_and_answers_are_normalised(rulebook: Rulebook, tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace('focus = "records"', 'focus = "records", pay_min = "40k"'))
    [persona] = load_personas(rulebook, path)
    assert persona.answers == {"focus": "records", "pay_min": 40000}


@pytest.mark.parametrize(("change", "expected"), [
    (('focus = "records"', 'colour = "blue"'), "demo.toml [ok_person]: answers: unknown question 'colour'"),
    (('focus = "records"', 'focus = "astronaut"'),
     "demo.toml [ok_person]: answers: focus: 'astronaut' is not accepted; give one of records, coding"),
    (('focus = "records"', 'training_months = 999'), "demo.toml [ok_person]: answers: training_months: '999'"),
    (('expect = "medical_records_technician"', 'expect = "astronaut"'),
     "demo.toml [ok_person]: expect names unknown career 'astronaut' (known: "),
    (('name = "Ana"', 'name = "Ana"\nage = 19'), "demo.toml [ok_person]: age: unknown key (not accepted here)"),
    (('story = "Wants behind-the-scenes records work."\n', ''), "demo.toml [ok_person]: story: Field required"),
    (('id = "ok_person"', 'id = "Not OK"'), "demo.toml [Not OK]: id: String should match pattern"),
    (('answers = { focus = "records" }', 'answers = {}'), "demo.toml [ok_person]: answers is empty"),
])
def test_a_broken_persona_is_named_with_its_file_and_id(rulebook: Rulebook, tmp_path: Path,
                                                        change: tuple[str, str], expected: str) -> None:
    old, new = change
    assert old in GOOD
    found = problems(rulebook, write(tmp_path, GOOD.replace(old, new)))
    assert any(p.startswith(expected) for p in found), found


def test_every_problem_is_reported_at_once(rulebook: Rulebook, tmp_path: Path) -> None:
    broken = GOOD.replace('focus = "records"', 'focus = "astronaut", hobby = "chess"') \
        + GOOD.replace("ok_person", "second").replace("medical_records_technician", "pilot")
    found = problems(rulebook, write(tmp_path, broken))
    assert len(found) == 3
    assert {p.split("]")[0] for p in found} == {"demo.toml [ok_person", "demo.toml [second"}


def test_duplicate_ids_are_refused(rulebook: Rulebook, tmp_path: Path) -> None:
    assert problems(rulebook, write(tmp_path, GOOD + GOOD)) == ["demo.toml [ok_person]: duplicate persona id"]


@pytest.mark.parametrize(("body", "expected"), [
    ("[[personas]\nid = ", "demo.toml: malformed TOML"),
    ("", "demo.toml: personas: Field required"),
    ("personas = []", "demo.toml: personas: List should have at least 1 item"),
])
def test_a_file_that_is_not_a_personas_file_says_so(rulebook: Rulebook, tmp_path: Path, body: str,
                                                    expected: str) -> None:
    found = problems(rulebook, write(tmp_path, body))
    assert found[0].startswith(expected), found


def test_a_missing_file_says_so(rulebook: Rulebook, tmp_path: Path) -> None:
    assert problems(rulebook, tmp_path / "nope.toml") == ["nope.toml: cannot read: No such file or directory"]


def test_the_built_in_file_ships_with_the_rules() -> None:
    assert PERSONAS_FILE.parent.name == "rules" and PERSONAS_FILE.is_file()
