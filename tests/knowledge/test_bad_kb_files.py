"""Broken knowledge base files that test_broken_kb.py does not cover: sources.toml and the source texts,
unreadable files, wrong types and dates. Each is one report naming the file and the problem, never a traceback."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from knowledge.loader import KnowledgeError, load
from tests.knowledge.demo_kb import CAREER, report_of
from tui.cli import main

MakeKB = Callable[[dict[str, str]], Path]
Capsys = pytest.CaptureFixture[str]

DATED = '''
[[facts]]
id = "duty_charts"
kind = "duty"
text = "Maintain patient medical charts"
source = "mrt_degree"
quote = "maintain patient medical charts"
'''


def only_problem(folder: Path) -> str:
    """The single problem of a knowledge base that has exactly one."""
    with pytest.raises(KnowledgeError) as caught:
        load(folder)
    assert len(caught.value.problems) == 1, caught.value.report()
    return str(caught.value.problems[0])


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --- sources.toml --------------------------------------------------------------------------------------------

def test_missing_sources_toml(make_kb: MakeKB) -> None:
    folder = make_kb({"demo.toml": CAREER})
    (folder / "sources.toml").unlink()
    report = report_of(folder)
    assert "sources.toml: cannot read" in report
    assert "unknown source 'mrt_degree' (known: none)" in report, "facts still say what is wrong with them"


def test_malformed_sources_toml(make_kb: MakeKB) -> None:
    folder = make_kb({"demo.toml": CAREER})
    (folder / "sources.toml").write_text("[[sources]\nid = 1\n", encoding="utf-8")
    assert "sources.toml: malformed TOML" in report_of(folder)


def test_sources_toml_that_is_not_utf8(make_kb: MakeKB) -> None:
    folder = make_kb({"demo.toml": CAREER})
    (folder / "sources.toml").write_bytes('[[sources]]\nid = "café"\n'.encode("latin-1"))
    report = report_of(folder)
    assert "sources.toml" in report and "UTF-8" in report


@pytest.mark.parametrize(("content", "expected"), [
    pytest.param('sources = "all of them"\n', "sources.toml: sources: Input should be a valid list", id="not-a-list"),
    pytest.param("", "sources.toml: sources: Field required", id="empty"),
    pytest.param('[[sources]]\nid = "mrt_degree"\n', "title: Field required", id="no-title"),
    pytest.param('[[sources]]\nid = "Bad Id"\ntitle = "x"\n', "id: String should match pattern", id="bad-id"),
])
def test_sources_toml_of_the_wrong_shape(make_kb: MakeKB, content: str, expected: str) -> None:
    folder = make_kb({"demo.toml": CAREER})
    (folder / "sources.toml").write_text(content, encoding="utf-8")
    assert expected in report_of(folder)


def test_unknown_key_in_sources_toml(make_kb: MakeKB) -> None:
    folder = make_kb({"demo.toml": CAREER})
    edit(folder / "sources.toml", "years = [2010]", 'years = [2010]\ncolour = "red"')
    report = report_of(folder)
    assert "sources.toml: " in report and "colour: unknown key (not accepted here)" in report


def test_duplicate_source_id(make_kb: MakeKB) -> None:
    folder = make_kb({"demo.toml": CAREER})
    with (folder / "sources.toml").open("a", encoding="utf-8") as handle:
        handle.write('\n[[sources]]\nid = "mrt_degree"\ntitle = "Another"\n')
    assert only_problem(folder) == "sources.toml: duplicate source id 'mrt_degree'"


def test_source_title_that_is_not_the_first_line_of_its_text(make_kb: MakeKB) -> None:
    folder = make_kb({"demo.toml": CAREER})
    edit(folder / "sources.toml", 'title = "How Do I Earn A Medical Records Technician Degree?"',
         'title = "How to earn a degree"')
    problem = only_problem(folder)
    assert "title of 'mrt_degree' is not its first line" in problem
    assert "How Do I Earn A Medical Records Technician Degree?" in problem, "it shows what the first line is"


# --- the source texts ----------------------------------------------------------------------------------------

def test_missing_source_text(make_kb: MakeKB) -> None:
    folder = make_kb({"demo.toml": CAREER})
    (folder / "sources" / "mrt_degree.txt").unlink()
    report = report_of(folder)
    assert "source 'mrt_degree' has no text at sources/mrt_degree.txt" in report
    assert "[demo.pay_median]: unknown source 'mrt_degree'" in report


def test_source_text_that_is_a_folder(make_kb: MakeKB) -> None:
    folder = make_kb({"demo.toml": CAREER})
    (folder / "sources" / "mrt_degree.txt").unlink()
    (folder / "sources" / "mrt_degree.txt").mkdir()
    assert "source 'mrt_degree'" in report_of(folder)


def test_source_text_that_is_not_utf8(make_kb: MakeKB) -> None:
    folder = make_kb({"demo.toml": CAREER})
    (folder / "sources" / "mrt_degree.txt").write_bytes(b"How Do I Earn\n\xff\xfe salary")
    report = report_of(folder)
    assert "mrt_degree" in report and "UTF-8" in report


# --- career files that cannot be read or have the wrong types ------------------------------------------------

def test_career_file_that_is_a_folder(make_kb: MakeKB) -> None:
    folder = make_kb({"demo.toml": CAREER})
    (folder / "careers" / "other.toml").mkdir()
    assert only_problem(folder) == "careers/other.toml: cannot read: not a regular file (it is a folder)"


def test_empty_career_file(make_kb: MakeKB) -> None:
    report = report_of(make_kb({"demo.toml": CAREER, "empty.toml": ""}))
    assert "careers/empty.toml [empty]: id: Field required" in report
    assert "careers/empty.toml [empty]: name: Field required" in report


def test_career_fields_of_the_wrong_type(make_kb: MakeKB) -> None:
    report = report_of(make_kb({"odd.toml": 'id = 5\nname = ["a"]\nfacts = "none"\n'}))
    for expected in ("careers/odd.toml [odd]: id: Input should be a valid string",
                     "name: Input should be a valid string", "facts: Input should be a valid list"):
        assert expected in report


def test_facts_that_are_not_tables(make_kb: MakeKB) -> None:
    report = report_of(make_kb({"odd.toml": 'id = "odd"\nname = "Odd"\nfacts = [1, "two"]\n'}))
    assert "[odd.facts[0]]" in report and "[odd.facts[1]]" in report


def test_unknown_fact_kind_lists_the_kinds(make_kb: MakeKB) -> None:
    fact = CAREER.replace('kind = "pay"', 'kind = "salary"')
    problem = only_problem(make_kb({"demo.toml": fact}))
    assert "[demo.pay_median]" in problem and "'salary'" in problem and "'pay'" in problem


@pytest.mark.parametrize(("old", "new", "expected"), [
    pytest.param("amount = 32350", "amount = 100000000000000000000000000000",
                 "amount: Input should be less than or equal to 10000000", id="huge-amount"),
    pytest.param("amount = 32350", "amount = -32350", "amount: Input should be greater than or equal to 0",
                 id="negative-amount"),
    pytest.param("amount = 32350", 'amount = "lots"', "amount: Input should be a valid integer", id="text-amount"),
    pytest.param('statistic = "median"', 'statistic = "typical"', "statistic: Input should be", id="bad-statistic"),
    pytest.param("year = 2010", "year = 1066", "year: Input should be greater than or equal to 1990",
                 id="ancient-year"),
    pytest.param('id = "pay_median"', 'id = "Pay Median"', "id: String should match pattern", id="bad-fact-id"),
])
def test_fact_values_out_of_range_or_of_the_wrong_type(make_kb: MakeKB, old: str, new: str, expected: str) -> None:
    problem = only_problem(make_kb({"demo.toml": CAREER.replace(old, new)}))
    assert "careers/demo.toml [demo." in problem
    assert expected in problem


# --- dates ---------------------------------------------------------------------------------------------------

def test_year_quote_not_in_the_source(make_kb: MakeKB) -> None:
    fact = CAREER + 'year_quote = "in the year 2010 and beyond"\n'
    problem = only_problem(make_kb({"demo.toml": fact}))
    assert "[demo.pay_median]: year_quote not found in source 'mrt_degree'" in problem


def test_year_not_in_its_year_quote(make_kb: MakeKB) -> None:
    fact = CAREER.replace("year = 2010", "year = 2011") + 'year_quote = "was $32,350 in 2010"\n'
    assert "[demo.pay_median]: year 2011 is not in the year_quote" in report_of(make_kb({"demo.toml": fact}))


def test_year_that_nothing_supports(make_kb: MakeKB) -> None:
    fact = CAREER + DATED + "year = 2015\n"
    problem = only_problem(make_kb({"demo.toml": fact}))
    assert "[demo.duty_charts]: year 2015 is not stated by the quote and no year_quote dates it" in problem


def test_a_year_among_the_sources_years_is_still_not_stated(make_kb: MakeKB) -> None:
    """Once accepted silently; a source's other years never date a figure the text leaves undated."""
    fact = CAREER + DATED + "year = 2010\n"
    assert "[demo.duty_charts]: year 2010 is not stated by the quote" in only_problem(make_kb({"demo.toml": fact}))


# --- through the command line --------------------------------------------------------------------------------

def test_kb_check_on_a_knowledge_base_with_broken_sources_exits_1_with_the_report(make_kb: MakeKB,
                                                                                  capsys: Capsys) -> None:
    folder = make_kb({"demo.toml": CAREER})
    (folder / "sources" / "mrt_degree.txt").unlink()
    edit(folder / "sources.toml", 'title = "Medical Records and Health Information Technicians"', 'title = "x"')
    code = main(["kb", "check", "--kb", str(folder)])
    out, err = capsys.readouterr()
    assert (code, out) == (1, "")
    assert "Traceback" not in err
    assert "has no text at sources/mrt_degree.txt" in err
    assert "title of 'mrhit_career_info' is not its first line" in err
