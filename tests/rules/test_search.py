"""Searching the source texts: passages quoted verbatim with their line, and no answer when nothing matches."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from knowledge.loader import SourceText
from rules.search import CHUNK_WORDS, PassageIndex, index_for, passages, search, stem, terms
from tests.hypothesis_budget import examples

SAMPLE = """A Sample Source

Top 3 Jobs
View examples

Coders turn diagnoses into billing codes so that insurance companies pay the clinic on time.
  • Review patient charts for missing signatures and dates before filing them
  • Sign up
What do coders do all day?
Coders typically do the following:
Cancer registrars follow up with patients every year to track survival and recovery.
"""


def _kb(**texts: str) -> SimpleNamespace:
    return SimpleNamespace(texts={k: SourceText(v) for k, v in texts.items()},
                           sources={k: SimpleNamespace(title=v.split("\n", 1)[0]) for k, v in texts.items()})


def test_a_source_is_cut_into_paragraphs_and_bullet_lines_with_their_line_numbers() -> None:
    found = passages("sample", "A Sample Source", SAMPLE)
    assert [(p.line, p.text) for p in found] == [
        (6, "Coders turn diagnoses into billing codes so that insurance companies pay the clinic on time."),
        (7, "Review patient charts for missing signatures and dates before filing them"),
        (11, "Cancer registrars follow up with patients every year to track survival and recovery."),
    ]
    assert all(p.source == "sample" and p.title == "A Sample Source" for p in found)


def test_long_paragraphs_are_cut_between_sentences_and_stay_verbatim() -> None:
    sentence = "The U.S. Bureau of Labor Statistics counts technicians in hospitals, clinics and offices. "
    paragraph = (sentence * 12).strip()
    found = passages("long", "Long", "Long\n\n" + paragraph + "\n")
    assert len(found) > 1
    for passage in found:
        assert passage.line == 3
        assert passage.text in paragraph
        assert len(passage.text.split()) <= CHUNK_WORDS
        assert passage.text.startswith("The U.S. Bureau")  # never cut after an abbreviation


def test_a_repeated_paragraph_is_kept_once_at_its_first_line() -> None:
    text = "Title\n\nMost technicians work full time in hospitals and doctors' offices.\n\n" \
           "Most technicians work full time in hospitals and doctors' offices.\n"
    assert [p.line for p in passages("r", "Title", text)] == [3]


def test_words_meet_their_plurals_and_endings() -> None:
    assert stem("internships") == stem("internship")
    assert stem("working") == stem("worked") == stem("works") == "work"
    assert stem("remotely") == stem("remote")
    assert terms("What is the capital of France?") == ["capital", "france"]


def test_search_ranks_the_passage_that_answers_first() -> None:
    index = PassageIndex(_kb(sample=SAMPLE))
    results = search(index, "how do coders get insurance companies to pay?")
    assert results and results[0].line == 6
    assert results[0].score > 0
    assert search(index, "survival of cancer patients")[0].line == 11


def test_search_finds_nothing_for_words_no_passage_has() -> None:
    index = PassageIndex(_kb(sample=SAMPLE))
    assert search(index, "banana") == []
    assert search(index, "") == []
    assert search(index, "the and of") == []


@pytest.fixture(scope="module")
def real_kb():  # type: ignore[no-untyped-def]
    """The built-in knowledge base; a knowledge base that fails to load fails these tests (never skips them)."""
    from knowledge.loader import builtin

    return builtin()


def test_every_passage_is_a_verbatim_quote_found_at_its_line(real_kb) -> None:
    index = index_for(real_kb)
    assert len(index) > 100
    for passage in index.passages:
        assert real_kb.texts[passage.source].find(passage.text) == passage.line
        assert passage.title == real_kb.sources[passage.source].title


def test_the_index_is_built_once_per_knowledge_base(real_kb) -> None:
    assert index_for(real_kb) is index_for(real_kb)


def test_working_from_home(real_kb) -> None:
    results = search(real_kb, "do they work from home")
    hits = [p for p in results if "Some technicians may work from home." in p.text]
    assert hits and hits[0].source == "mrhit_career_info"
    assert results[0] == hits[0]


def test_internships(real_kb) -> None:
    results = search(real_kb, "internship")
    assert results and all("internship" in p.text.lower() for p in results)


def test_hipaa(real_kb) -> None:
    results = search(real_kb, "what is HIPAA")
    assert results and all("HIPAA" in p.text for p in results)


@pytest.mark.parametrize("query", [
    "capital of France", "what's the capital of France?", "[bold]", "[/", "banana", "", "work", "job", "?!",
])
def test_questions_the_sources_do_not_answer_get_nothing(real_kb, query: str) -> None:
    assert search(real_kb, query) == []


def test_limit_caps_the_results(real_kb) -> None:
    assert len(search(real_kb, "salary", limit=1)) == 1
    assert search(real_kb, "salary", limit=0) == []
    scores = [p.score for p in search(real_kb, "cancer registrars", limit=5)]
    assert scores == sorted(scores, reverse=True)


@settings(deadline=None, max_examples=examples(100))
@given(query=st.text(max_size=300))
def test_any_query_gives_at_most_limit_verbatim_passages(real_kb, query: str) -> None:
    results = search(real_kb, query, limit=3)
    assert len(results) <= 3
    for passage in results:
        assert passage.text in real_kb.texts[passage.source].text
