"""`career-quiz kb check`, `kb show` and `sources` as a user sees them: plain text, clear errors, exit codes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from knowledge.loader import KnowledgeBase, dating
from tests.knowledge.demo_kb import CAREER
from tui.cli import main

MakeKB = Callable[[dict[str, str]], Path]
ROOT = Path(__file__).resolve().parents[2]
MRT = "medical_records_technician"
Capsys = pytest.CaptureFixture[str]


def run(capsys: Capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def counts(out: str) -> dict[str, int]:
    return {name: int(value) for name, value in re.findall(r"^\s+([a-z ]+): (\d+)", out, re.MULTILINE)}


def test_kb_check_prints_the_counts_and_each_disagreement(kb: KnowledgeBase, capsys: Capsys) -> None:
    code, out, err = run(capsys, "kb", "check")
    assert (code, err) == (0, "")
    found = counts(out)
    year_quotes = sum(1 for c in kb.careers.values() for f in c.facts if f.year_quote)
    assert found == {"careers": len(kb.careers), "facts": kb.fact_count, "sources": 5,
                     "quotes verified": kb.fact_count + year_quotes,
                     "disagreements found": len(kb.disagreements)}
    assert found["careers"] > 0 and found["facts"] > 0
    for disagreement in kb.disagreements:
        assert f"{disagreement.career}, {disagreement.topic}: {' | '.join(disagreement.values)}\n" in out
    assert f"{MRT}, pay median: " in out
    assert f"{MRT}, schedule: " in out


def test_kb_check_accepts_another_folder(make_kb: MakeKB, capsys: Capsys) -> None:
    career = CAREER + 'year_quote = "was $32,350 in 2010"\n'
    folder = make_kb({"demo.toml": career})
    code, out, _ = run(capsys, "kb", "check", "--kb", str(folder))
    assert code == 0
    assert str(folder) in out
    assert counts(out) == {"careers": 1, "facts": 1, "sources": 5, "quotes verified": 2, "disagreements found": 0}


def test_kb_check_on_a_file_that_is_not_utf8_exits_1_without_a_traceback(make_kb: MakeKB, capsys: Capsys) -> None:
    folder = make_kb({})
    (folder / "careers" / "latin1.toml").write_bytes('id = "café"\n'.encode("latin-1"))
    code, out, err = run(capsys, "kb", "check", "--kb", str(folder))
    assert (code, out) == (1, "")
    assert "utf-8" in err.lower()
    assert "Traceback" not in err


@pytest.mark.parametrize("name", ["medical_records_technician", "MRT", "mrt", "Medical records technician",
                                  "medical-records-technician", "  health information technician "])
def test_kb_show_finds_a_career_by_id_name_or_alias(name: str, capsys: Capsys) -> None:
    code, out, err = run(capsys, "kb", "show", name)
    assert (code, err) == (0, "")
    assert out.startswith("Medical records technician (medical_records_technician)\n")


def test_kb_show_groups_facts_by_kind_with_year_source_line_and_quote(kb: KnowledgeBase, capsys: Capsys) -> None:
    _, out, _ = run(capsys, "kb", "show", "MRT")
    assert "\npay:\n" in out and "\nschedule:\n" in out
    assert out.index("\npay:\n") < out.index("\nschedule:\n"), "kinds come in a fixed order"
    career = kb.careers[MRT]
    for fact in career.facts:
        citation = kb.citation(MRT, fact)
        entry = (f"  - {fact.summary()} ({dating(fact)})  [{fact.id}]\n"
                 f"    {citation.title}, line {citation.line}:\n"
                 f'    "{fact.quote}"\n')
        assert entry in out
        if fact.note:
            assert f"our note: {fact.note}" in out
    assert "(undated)  [" in out and "(2023)  [" in out
    assert "(undated, 2016 inferred)  [pay_median_mrhit]" in out, "an inferred year is never shown bare"
    assert "\x1b[" not in out, "plain text, no terminal styling"


def test_kb_show_of_a_specialisation_names_its_parent_quote_and_borrowed_kinds(capsys: Capsys) -> None:
    _, out, _ = run(capsys, "kb", "show", "coder")
    assert "Specialises: Medical records technician (medical_records_technician) — " \
           "What Does a Medical Records Technician do?, line 10:" in out
    borrowed = next(line for line in out.splitlines() if "so uses the parent's" in line)
    assert "(said of medical records technicians in general)" in borrowed
    assert "pay" in borrowed and "training" in borrowed and "duty" not in borrowed


def test_kb_show_of_the_real_thin_careers_prints_their_note(kb: KnowledgeBase, capsys: Capsys) -> None:
    thin = [career for career in kb.careers.values() if career.thin]
    assert thin, "the alternatives the sources barely cover are marked thin"
    for career in thin:
        code, out, _ = run(capsys, "kb", "show", career.name.upper())
        assert code == 0
        assert f"Thin: {career.thin_note}" in out


def test_no_name_or_alias_points_at_two_careers(kb: KnowledgeBase) -> None:
    """`kb show` (and the chat) take the first match, so a shared alias would silently pick one career."""
    from tui.commands.kb import find_career

    for career in kb.careers.values():
        for name in (career.id, career.name, *career.aliases):
            found = find_career(kb, name)
            assert found is not None and found.id == career.id, f"'{name}' of {career.id} finds {found and found.id}"


def test_kb_show_prints_the_thin_note_of_a_thin_career(make_kb: MakeKB, capsys: Capsys) -> None:
    career = '''id = "thin_one"
name = "Thin one"
aliases = ["T1"]
thin = true
thin_note = "The sources only mention this career in passing."

[[facts]]
id = "schedule_irregular"
kind = "schedule"
hours = "irregular"
source = "mrt_careers_salary"
quote = "Work hours may include evenings, weekends and holidays"
'''
    code, out, _ = run(capsys, "kb", "show", "t1", "--kb", str(make_kb({"thin_one.toml": career})))
    assert code == 0
    assert "Thin: The sources only mention this career in passing." in out
    assert "hours that may include evenings, weekends or holidays (undated)" in out


def test_kb_show_of_an_unknown_career_lists_the_known_ids(kb: KnowledgeBase, capsys: Capsys) -> None:
    code, out, err = run(capsys, "kb", "show", "astronaut")
    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    assert "unknown career 'astronaut'" in err
    for career in kb.careers:
        assert career in err


def test_kb_without_an_action_is_a_usage_error(capsys: Capsys) -> None:
    code, out, err = run(capsys, "kb")
    assert (code, out) == (2, "")
    assert err.startswith("career-quiz: ") and "{check,show}" in err


def test_sources_json_lists_each_source_with_its_absolute_path(kb: KnowledgeBase, capsys: Capsys) -> None:
    code, out, _ = run(capsys, "sources", "--json")
    assert code == 0
    rows = json.loads(out)
    assert [row["id"] for row in rows] == list(kb.sources)
    for row in rows:
        assert set(row) == {"id", "title", "publisher", "path", "years"}
        path = Path(row["path"])
        assert path.is_absolute() and path.name == f"{row['id']}.txt"
        assert path.read_text(encoding="utf-8").splitlines()[0].strip() == row["title"]
        assert all(isinstance(year, int) for year in row["years"])
    assert {row["id"]: row["publisher"] for row in rows}["mrt_career_guide"] == "Himalayas"


def test_sources_without_json_is_a_readable_list(kb: KnowledgeBase, capsys: Capsys) -> None:
    code, out, _ = run(capsys, "sources")
    assert code == 0
    for source in kb.sources.values():
        assert f"{source.id}: {source.title}\n" in out
    assert "publisher: Himalayas" in out
    with pytest.raises(json.JSONDecodeError):
        json.loads(out)


@pytest.mark.slow
def test_python_m_tui_kb_check_runs_in_a_fresh_process() -> None:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    done = subprocess.run([sys.executable, "-m", "tui", "kb", "check"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Knowledge base OK: ")
    assert counts(done.stdout)["careers"] > 0
    assert done.stderr == ""
