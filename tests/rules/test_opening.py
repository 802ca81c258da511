"""The quick start shows exactly what the dialogue would: the same greeting and the same first question."""

from __future__ import annotations

from rules.dialogue import Dialogue
from rules.builtin import builtin_engine
from rules.opening import opening
from rules.stability import next_question


def test_opening_question_is_the_engines_first_choice():
    assert next_question(builtin_engine(), {}) == opening().question.id


def test_quick_start_matches_the_dialogues_start():
    greeting, question = Dialogue().start()
    quick = opening()
    assert greeting.text == quick.greeting
    assert question.question == quick.question.id
    assert question.text.startswith(quick.heading)
    engine_question = builtin_engine().rulebook.question(quick.question.id)
    assert quick.question.options == tuple((o.value, o.label) for o in engine_question.options)


def test_opening_needs_no_pydantic():
    import subprocess
    import sys

    code = "import sys, rules.opening as o; o.opening(); print('pydantic' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


# --- the kept copy (read at the next start instead of questions.toml) --------------------------------------

import os  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from rules import opening as openings  # noqa: E402
from rules.conversation import Conversation  # noqa: E402


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CAREER_QUIZ_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def questions(tmp_path: Path) -> Path:
    copy = tmp_path / "questions.toml"
    shutil.copy2(openings.QUESTIONS, copy)
    return copy


def test_the_kept_copy_reads_back_as_the_toml_reads(cache: Path, questions: Path) -> None:
    assert openings._kept(questions) is None, "nothing kept yet"
    openings.keep(questions)
    assert (cache / openings.KEPT_NAME).stat().st_mode & 0o077 == 0
    assert openings._kept(questions) == openings._parsed(questions)


def test_an_edited_questions_file_is_read_again(cache: Path, questions: Path) -> None:
    openings.keep(questions)
    text = questions.read_text(encoding="utf-8")
    questions.write_text(text.replace("Which kind of work sounds best to you?", "What work do you like best?"),
                         encoding="utf-8")
    assert openings._kept(questions) is None
    openings.keep(questions)
    assert openings._kept(questions).question.text == "What work do you like best?"


@pytest.mark.parametrize("damage", [
    lambda text: text[: len(text) // 2],                      # cut short
    lambda text: text.replace("Keeping patient records", "Keeping patient secrets"),  # edited by hand
    lambda text: "",                                            # emptied
    lambda text: text + "\nextra\x1foption",                   # an option added
])
def test_a_damaged_copy_is_ignored(cache: Path, questions: Path, damage) -> None:  # type: ignore[no-untyped-def]
    openings.keep(questions)
    kept = cache / openings.KEPT_NAME
    kept.write_bytes(damage(kept.read_text(encoding="utf-8")).encode("utf-8"))
    assert openings._kept(questions) is None
    openings.keep(questions)  # and the next load replaces it
    assert openings._kept(questions) == openings._parsed(questions)


def test_undecodable_or_unreadable_copies_are_ignored(cache: Path, questions: Path) -> None:
    cache.mkdir()
    (cache / openings.KEPT_NAME).write_bytes(b"\xff\xfe not text")
    assert openings._kept(questions) is None
    (cache / openings.KEPT_NAME).unlink()
    (cache / openings.KEPT_NAME).mkdir()  # not a file at all
    assert openings._kept(questions) is None
    openings.keep(questions)  # never raises


def test_with_the_cache_turned_off_nothing_is_kept(monkeypatch: pytest.MonkeyPatch, questions: Path) -> None:
    monkeypatch.setenv("CAREER_QUIZ_CACHE_DIR", "")
    openings.keep(questions)
    assert openings._kept(questions) is None


def test_loading_the_brain_after_the_quick_start_keeps_the_opening(cache: Path) -> None:
    conversation = Conversation()
    conversation.opening()
    conversation.load()
    assert openings._kept(openings.QUESTIONS) == openings._parsed(openings.QUESTIONS)


def test_the_next_start_shows_the_opening_without_parsing_toml(cache: Path) -> None:
    openings.keep()
    code = ("import sys, json, rules.opening as o; start = o.opening(); "
            "print(json.dumps(['tomllib' in sys.modules, start.heading, start.question.options]))")
    env = {**os.environ, "CAREER_QUIZ_CACHE_DIR": str(cache)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env).stdout
    parsed_toml, heading, options = __import__("json").loads(out)
    assert parsed_toml is False
    assert heading == openings._parsed(openings.QUESTIONS).heading
    assert [tuple(pair) for pair in options] == list(openings._parsed(openings.QUESTIONS).question.options)
