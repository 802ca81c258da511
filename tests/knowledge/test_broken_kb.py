"""A broken knowledge base fails with one report naming every problem: file, career, fact and what is wrong."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from knowledge.loader import KnowledgeError, load
from tests.knowledge.demo_kb import HEADER, PAY, SCHEDULE, report_of
from tui.cli import main

MakeKB = Callable[[dict[str, str]], Path]


def test_a_valid_small_knowledge_base_loads(make_kb: MakeKB) -> None:
    kb = load(make_kb({"demo.toml": HEADER + PAY + SCHEDULE}))
    assert list(kb.careers) == ["demo"]
    assert kb.fact_count == 2


def test_malformed_toml_names_the_file(make_kb: MakeKB) -> None:
    report = report_of(make_kb({"demo.toml": 'id = "demo\nname = "Demo career"\n'}))
    assert "demo.toml" in report
    assert "malformed TOML" in report


def test_unknown_key_names_file_career_fact_and_key(make_kb: MakeKB) -> None:
    report = report_of(make_kb({"demo.toml": HEADER + PAY + 'colour = "red"\n'}))
    assert "careers/demo.toml [demo.pay_median]" in report
    assert "colour: unknown key" in report


def test_unknown_key_on_the_career_itself(make_kb: MakeKB) -> None:
    report = report_of(make_kb({"demo.toml": HEADER + 'colour = "red"\n' + PAY}))
    assert "careers/demo.toml [demo]" in report
    assert "colour: unknown key" in report


def test_missing_quote(make_kb: MakeKB) -> None:
    fact = PAY.replace('quote = "the median annual salary for medical records technicians was $32,350 in 2010"\n', "")
    report = report_of(make_kb({"demo.toml": HEADER + fact}))
    assert "careers/demo.toml [demo.pay_median]: quote: Field required" in report


def test_quote_not_in_the_source(make_kb: MakeKB) -> None:
    fact = PAY.replace("the median annual salary", "the mean annual salary")
    report = report_of(make_kb({"demo.toml": HEADER + fact}))
    assert "[demo.pay_median]: quote not found in source 'mrt_degree'" in report
    assert "the mean annual salary" in report, "the report shows the quote that was not found"


def test_number_not_in_the_quote(make_kb: MakeKB) -> None:
    report = report_of(make_kb({"demo.toml": HEADER + PAY.replace("amount = 32350", "amount = 33350")}))
    assert "[demo.pay_median]: number 33350 (money) is not in the quote" in report


def test_unknown_source(make_kb: MakeKB) -> None:
    report = report_of(make_kb({"demo.toml": HEADER + PAY.replace('source = "mrt_degree"', 'source = "nowhere"')}))
    assert "[demo.pay_median]: unknown source 'nowhere'" in report
    assert "mrt_degree" in report, "the report lists the known sources"


def test_link_to_an_unknown_career(make_kb: MakeKB) -> None:
    link = '''
[[facts]]
id = "related_ghost"
kind = "related"
career = "ghost"
title = "Ghost writer"
source = "mrt_what_they_do"
quote = "What Does a Medical Records Technician do?"
'''
    report = report_of(make_kb({"demo.toml": HEADER + PAY + link}))
    assert "careers/demo.toml [demo.related_ghost]: links to unknown career 'ghost'" in report


def test_duplicate_fact_id(make_kb: MakeKB) -> None:
    report = report_of(make_kb({"demo.toml": HEADER + PAY + SCHEDULE.replace("schedule_irregular", "pay_median")}))
    assert "careers/demo.toml [demo.pay_median]: duplicate fact id" in report


def test_duplicate_career_id(make_kb: MakeKB) -> None:
    report = report_of(make_kb({"a.toml": HEADER + PAY, "b.toml": HEADER + SCHEDULE}))
    assert "careers/b.toml [demo]: duplicate career id (also in careers/a.toml)" in report


def test_no_career_files(make_kb: MakeKB) -> None:
    assert "no career files" in report_of(make_kb({}))


def test_every_problem_is_reported_together(make_kb: MakeKB) -> None:
    first = HEADER + PAY.replace('source = "mrt_degree"', 'source = "nowhere"') \
        + SCHEDULE.replace("Work hours", "Working hours")
    second = 'id = "other"\nname = "Other"\n' + PAY.replace("amount = 32350", "amount = 1")
    third = "this is not TOML"
    with pytest.raises(KnowledgeError) as caught:
        load(make_kb({"demo.toml": first, "other.toml": second, "third.toml": third}))
    problems = caught.value.problems
    assert len(problems) == 4
    report = caught.value.report()
    assert report.startswith("The knowledge base has 4 problem(s):")
    for expected in ("unknown source 'nowhere'", "quote not found in source 'mrt_careers_salary'",
                     "[other.pay_median]: number 1 (money)", "third.toml: malformed TOML"):
        assert expected in report


def test_kb_check_on_a_broken_knowledge_base_prints_the_report_and_exits_1(
        make_kb: MakeKB, capsys: pytest.CaptureFixture[str]) -> None:
    folder = make_kb({"demo.toml": HEADER + PAY.replace("amount = 32350", "amount = 33350"),
                      "other.toml": 'id = "other"\nname = "Other"\n' + SCHEDULE + "oops = 1\n"})
    assert main(["kb", "check", "--kb", str(folder)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert "The knowledge base has 2 problem(s):" in err
    assert "number 33350 (money) is not in the quote" in err
    assert "oops: unknown key" in err
    assert "Traceback" not in err


def test_kb_check_on_a_missing_folder_says_what_a_knowledge_base_is(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kb", "check", "--kb", str(tmp_path / "missing")]) == 1
    assert "not a folder (expected sources.toml, sources/, careers/)" in capsys.readouterr().err
