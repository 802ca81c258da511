"""The reader's vocabulary file: the built-in one loads and names only real careers; a broken one is reported
with the file and the key, every problem at once, never as a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.loader import builtin
from rules.vocabulary import PATH, VocabularyError, builtin_vocabulary, load_vocabulary


def test_the_built_in_vocabulary_loads_and_names_real_careers() -> None:
    vocab = builtin_vocabulary()
    assert {"pay", "training", "training_cost", "automation", "pressure", "benefits"} <= set(vocab.topics)
    assert vocab.problems_with(set(builtin().careers)) == []


def _broken(tmp_path: Path, old: str, new: str) -> list[str]:
    text = PATH.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "vocabulary.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(VocabularyError) as caught:
        load_vocabulary(path)
    return caught.value.problems


def test_an_unknown_fact_kind_is_named_with_its_topic(tmp_path: Path) -> None:
    problems = _broken(tmp_path, 'kinds = ["pay"]\nquiz = ["pay_min"]', 'kinds = ["salary"]\nquiz = ["pay_min"]')
    assert any(p.startswith("vocabulary.toml: topics.pay") and "unknown fact kind(s) salary" in p for p in problems)


def test_an_unknown_key_and_a_wrong_type_are_both_reported(tmp_path: Path) -> None:
    problems = _broken(tmp_path, 'label = "pay figure"', 'lable = "pay figure"\npassage = "sometimes"')
    assert any("topics.pay.lable: unknown key" in p for p in problems)
    assert any("topics.pay.label" in p for p in problems), "the missing label is named too"
    assert any("topics.pay.passage" in p for p in problems), "and the wrong type"


def test_a_refinement_of_a_missing_topic_is_named(tmp_path: Path) -> None:
    problems = _broken(tmp_path, 'within = "pay"', 'within = "salary"')
    assert any("within: no topic 'salary'" in p for p in problems)


def test_malformed_toml_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "vocabulary.toml"
    path.write_text("[topics.pay\nlabel = 1", encoding="utf-8")
    with pytest.raises(VocabularyError) as caught:
        load_vocabulary(path)
    assert caught.value.problems[0].startswith("vocabulary.toml: malformed TOML")


def test_careers_the_knowledge_base_lacks_are_named() -> None:
    problems = builtin_vocabulary().problems_with({"medical_coder"})
    assert any("default_career: no career 'medical_records_technician'" in p for p in problems)
