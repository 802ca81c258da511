"""The headless commands as a script sees them: JSON shapes of the public contract, every career explained."""

from __future__ import annotations

import json

import pytest

from knowledge.loader import builtin
from rules.builtin import builtin_rulebook
from tui.cli import main

Capsys = pytest.CaptureFixture[str]
FULL = ["focus=records", "patient_contact=none", "training_months=12", "pay_min=35000", "exam=yes", "science=ok",
        "equipment=no", "computer_work=yes", "schedule=any"]


def run_json(capsys: Capsys, *argv: str) -> object:
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_questions_json_is_the_public_contract(capsys: Capsys) -> None:
    questions = run_json(capsys, "questions", "--json")
    by_id = {q["id"]: q for q in questions}
    assert set(by_id) >= {"patient_contact", "training_months", "pay_min", "science", "equipment", "computer_work",
                          "schedule", "exam", "focus"}
    for question in questions:
        assert set(question) == {"id", "text", "kind", "options", "min", "max", "why"}
        assert question["kind"] in {"choice", "number"} and question["text"] and question["why"]
    assert [o["value"] for o in by_id["patient_contact"]["options"]] == ["none", "some", "lots"]
    assert (by_id["training_months"]["min"], by_id["training_months"]["max"]) == (0, 120)
    assert (by_id["pay_min"]["min"], by_id["pay_min"]["max"]) == (0, 1_000_000)
    assert [o["value"] for o in by_id["focus"]["options"]] == [
        "records", "coding", "cancer_data", "patient_care", "imaging", "front_office_and_clinical", "management"]


def test_recommend_json_explains_every_career_with_verified_citations(capsys: Capsys) -> None:
    pairs = [arg for pair in FULL for arg in ("--answer", pair)]
    result = run_json(capsys, "recommend", "--json", *pairs)
    kb = builtin()
    assert set(result) >= {"answers", "recommendations", "next_question", "stable"}
    assert result["answers"]["pay_min"] == 35000 and result["next_question"] is None and result["stable"] is True
    recommendations = result["recommendations"]
    assert sorted(r["career"] for r in recommendations) == sorted(kb.careers)
    assert [r["rank"] for r in recommendations] == list(range(1, len(kb.careers) + 1))
    assert recommendations[0]["career"] == "medical_records_technician"
    # Ranked by fit; within a near-tie the career judged on more answers may go first (rules.toml near_tie_points).
    near = builtin_rulebook().near_tie_points
    for above, below in zip(recommendations, recommendations[1:]):
        assert above["score"] >= below["score"] or below["score"] - above["score"] <= near, (above, below)
    for rec in recommendations:
        assert {"rank", "career", "name", "score", "mismatches", "reasons", "caveats"} <= set(rec)
        assert {reason["question"] for reason in rec["reasons"]} == {pair.split("=")[0] for pair in FULL}
        for reason in rec["reasons"]:
            assert reason["direction"] in {"for", "against", "neutral"} and reason["text"]
            for citation in reason["citations"]:
                assert {"source", "line", "quote", "year"} <= set(citation)
                lines = kb.texts[citation["source"]].text.split("\n")
                assert citation["quote"].split()[0] in lines[citation["line"] - 1]
                assert " ".join(citation["quote"].split()) in kb.texts[citation["source"]].normalised
        assert any(reason["citations"] for reason in rec["reasons"]) or kb.careers[rec["career"]].thin


def test_recommend_shows_the_caveats_as_sentences_and_as_fields(capsys: Capsys) -> None:
    """The technician's sources disagree on median pay: the text lists it as a sentence, the JSON says what is
    disputed as a field."""
    assert main(["recommend", "--answer", "focus=records", "--answer", "pay_min=40000"]) == 0
    text = capsys.readouterr().out
    assert "  ! The sources disagree on median pay: $32,350 (" in text and "Caveat(" not in text
    result = run_json(capsys, "recommend", "--json", "--answer", "focus=records", "--answer", "pay_min=40000")
    caveats = result["recommendations"][0]["caveats"]
    assert {"text": caveats[0]["text"], "disputed": "median pay"} in caveats
    assert caveats[0]["text"].startswith("The sources disagree on median pay")
    pay = next(reason for reason in result["recommendations"][0]["reasons"] if reason["question"] == "pay_min")
    assert pay["text"] == f"{pay['statement']} The sources disagree: {pay['spread']}." and "$32,350" in pay["spread"]


def test_recommend_answers_file_and_answer_flags_combine(capsys: Capsys, tmp_path) -> None:
    path = tmp_path / "answers.toml"
    path.write_text('focus = "coding"\npay_min = 30000\n')
    result = run_json(capsys, "recommend", "--json", "--answers", str(path), "--answer", "pay_min=45000")
    assert result["answers"] == {"focus": "coding", "pay_min": 45000}


def test_recommend_table_is_readable(capsys: Capsys) -> None:
    assert main(["recommend", "--answer", "focus=imaging", "--answer", "equipment=yes"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[1].startswith(" 1  Radiologic technician")
    assert "Why Radiologic technician:" in out and "line" in out


def test_ask_answers_from_the_knowledge_base_with_citations(capsys: Capsys) -> None:
    answer = run_json(capsys, "ask", "what does an LPN earn?", "--json")
    assert answer["found"] is True and "$42,000" in answer["answer"] and "2011" in answer["answer"]
    assert answer["citations"] and answer["citations"][0]["quote"]


def test_ask_says_plainly_when_the_sources_do_not_cover_it(capsys: Capsys) -> None:
    answer = run_json(capsys, "ask", "what is the capital of France?", "--json")
    assert answer == {"found": False, "answer": answer["answer"], "citations": [], "answers": {}, "changed": [],
                      "opens": None, "query": {"careers": [], "topic": None, "operation": "value"},
                      "kind": "not_covered"}
    assert "don't cover" in answer["answer"]


def test_ask_uses_the_given_answers(capsys: Capsys) -> None:
    answer = run_json(capsys, "ask", "why not LPN?", "--answer", "focus=records", "--answer", "patient_contact=none",
                      "--json")
    assert answer["found"] is True and "Licensed practical nurse is ranked" in answer["answer"]


def test_ask_reports_the_answers_after_a_correction_and_which_changed(capsys: Capsys) -> None:
    answer = run_json(capsys, "ask", "actually I don't want to do any exams", "--answer", "focus=records",
                      "--answer", "patient_contact=none", "--json")
    assert answer["answers"] == {"focus": "records", "patient_contact": "none", "exam": "no"}
    assert answer["changed"] == ["exam"]


def test_ask_changes_nothing_for_a_question(capsys: Capsys) -> None:
    answer = run_json(capsys, "ask", "what does an LPN earn?", "--answer", "focus=coding", "--json")
    assert answer["found"] and answer["answers"] == {"focus": "coding"} and answer["changed"] == []


def test_ask_that_ends_the_quiz_states_the_ranking_and_announces_no_view(capsys: Capsys) -> None:
    """`ask` opens nothing: the last answer's reply holds the ranking, not 'Here are the results…'."""
    given = {"focus": "records", "patient_contact": "none", "training_months": "12", "pay_min": "30000",
             "exam": "yes", "science": "ok", "equipment": "no", "computer_work": "yes"}
    flags = [part for q, v in given.items() for part in ("--answer", f"{q}={v}")]
    answer = run_json(capsys, "ask", "any", *flags, "--json")
    assert answer["changed"] == ["schedule"] and answer["opens"] == "results"
    assert "1. Medical records technician" in answer["answer"]
    assert "Here are the results" not in answer["answer"] and "back here" not in answer["answer"]


@pytest.mark.parametrize("text, opens", [("restart", None), ("compare", "compare"), ("results", "results"),
                                         ("forget me", None), ("actually yes", None)])
def test_ask_answers_the_conversations_own_prompts_and_changes_nothing(capsys: Capsys, text: str,
                                                                       opens: str | None) -> None:
    answer = run_json(capsys, "ask", text, "--answer", "focus=records", "--json")
    assert answer["answers"] == {"focus": "records"} and answer["changed"] == [] and answer["opens"] == opens
    assert answer["kind"] is None and answer["answer"]



def test_a_reader_that_goes_away_ends_the_command_quietly(monkeypatch: pytest.MonkeyPatch) -> None:
    """`career-quiz … | head`: a closed pipe ends the command with exit 1 and stdout sent to /dev/null, not a
    traceback (the broken-knowledge-base handler, which catches Exception, must not swallow it first)."""
    import tui.cli

    def closed_pipe(args: object) -> int:
        raise BrokenPipeError

    redirected: list[int] = []
    monkeypatch.setattr(tui.cli, "run_app", closed_pipe)
    monkeypatch.setattr(tui.cli.os, "dup2", lambda source, target: redirected.append(target))
    monkeypatch.setattr(tui.cli.sys, "stdout", type("Out", (), {"fileno": staticmethod(lambda: 1)})())
    assert main([]) == 1
    assert redirected == [1]
