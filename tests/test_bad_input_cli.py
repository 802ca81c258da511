"""The command line given hostile and clumsy input: one clear line naming what was wrong and what is accepted,
exit 2 for bad input (1 for a broken knowledge base), never a traceback, and nothing it was given is changed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli import main

ROOT = Path(__file__).resolve().parent.parent
Capsys = pytest.CaptureFixture[str]
CHOICES = "one of records, coding, cancer_data, patient_care, imaging, front_office_and_clinical, management"
PAY_RANGE = "a whole number from 0 to 1,000,000"
MONTHS_RANGE = "a whole number from 0 to 120"


def run(capsys: Capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def assert_usage_error(code: int, out: str, err: str, *expected: str) -> None:
    """Exit 2, nothing on stdout, one line on stderr that holds every expected fragment, no traceback."""
    assert code == 2, err
    assert out == "", "nothing is half-printed before the error"
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, f"one line expected, got: {err!r}"
    assert lines[0].startswith("career-quiz: ")
    for fragment in expected:
        assert fragment in lines[0]


# --- --answer ID=VALUE ---------------------------------------------------------------------------------------

BAD_ANSWERS = [
    pytest.param("astronaut=1", ("unknown question 'astronaut'", "known questions: focus, patient_contact"),
                 id="unknown-question"),
    pytest.param("FOCUS=records", ("unknown question 'FOCUS'", "known questions: focus"), id="question-in-capitals"),
    pytest.param("focus=banana", ("focus", "'banana' is not accepted", CHOICES), id="not-an-option"),
    pytest.param("focus=8", ("focus", "'8' is not accepted", CHOICES), id="option-number-out-of-range"),
    pytest.param("pay_min=2000000", ("pay_min", PAY_RANGE, "US dollars a year"), id="pay-above-max"),
    pytest.param("pay_min=-5", ("pay_min", PAY_RANGE), id="pay-negative"),
    pytest.param("training_months=121", ("training_months", MONTHS_RANGE, "months"), id="months-above-max"),
    pytest.param("training_months=-1", ("training_months", MONTHS_RANGE), id="months-negative"),
    pytest.param("pay_min=lots", ("pay_min", "'lots' is not accepted", PAY_RANGE), id="pay-not-a-number"),
    pytest.param("training_months=soon", ("training_months", MONTHS_RANGE), id="months-not-a-number"),
    pytest.param("focus=", ("focus", "the value is empty", CHOICES), id="empty-choice"),
    pytest.param("pay_min=", ("pay_min", "the value is empty", PAY_RANGE), id="empty-number"),
    pytest.param("focus=   ", ("focus", "the value is empty", CHOICES), id="blank-choice"),
    pytest.param("=records", ("needs a question id before '='", "known questions: focus"), id="empty-question-id"),
    pytest.param("=", ("needs a question id before '='", "known questions"), id="only-equals"),
    pytest.param("pay_min=" + "1" + "0" * 30, ("pay_min", PAY_RANGE), id="pay-10-to-the-30"),
    pytest.param("training_months=" + "9" * 400, ("training_months", MONTHS_RANGE), id="months-400-digits"),
    pytest.param("pay_min=" + "4" * 10_000, ("pay_min", "…' is not accepted", PAY_RANGE), id="10000-characters"),
    pytest.param("focus=réçords", ("focus", "'réçords' is not accepted", CHOICES), id="accented-letters"),
    pytest.param("focus=💾", ("focus", "'💾' is not accepted", CHOICES), id="emoji"),
    pytest.param("pay_min=٤٠٠٠٠", ("pay_min", PAY_RANGE), id="arabic-indic-digits"),
    pytest.param("focus=[/]", ("focus", "is not accepted", CHOICES), id="markup-close-tag"),
    pytest.param("focus=[link=x]", ("focus", "is not accepted", CHOICES), id="markup-link"),
    pytest.param("pay_min=1e30", ("pay_min", PAY_RANGE), id="exponent"),
    pytest.param("pay_min=nan", ("pay_min", PAY_RANGE), id="nan"),
    pytest.param("schedule=\x1b[31many", ("schedule", "daytime_only, any"), id="ansi-escape"),
    pytest.param("focus", ("--answer 'focus' needs the form ID=VALUE", "e.g. --answer pay_min=40000"),
                 id="no-equals"),
    pytest.param("", ("needs the form ID=VALUE",), id="empty-pair"),
]


@pytest.mark.parametrize(("pair", "expected"), BAD_ANSWERS)
def test_a_bad_answer_names_the_question_and_what_it_accepts(capsys: Capsys, pair: str,
                                                             expected: tuple[str, ...]) -> None:
    assert_usage_error(*run(capsys, "recommend", "--answer", pair), *expected)


def test_the_long_value_is_shortened_in_the_message(capsys: Capsys) -> None:
    code, out, err = run(capsys, "recommend", "--answer", "pay_min=" + "4" * 10_000)
    assert_usage_error(code, out, err)
    assert len(err) < 300


def test_one_bad_answer_among_good_ones_stops_before_any_output(capsys: Capsys) -> None:
    code, out, err = run(capsys, "recommend", "--json", "--answer", "focus=records", "--answer", "pay_min=lots",
                         "--answer", "exam=yes")
    assert_usage_error(code, out, err, "pay_min")


def test_ask_checks_its_answers_too(capsys: Capsys) -> None:
    assert_usage_error(*run(capsys, "ask", "what does an LPN earn?", "--answer", "focus=banana"), "focus", CHOICES)


@pytest.mark.parametrize("argv", [
    pytest.param(["recommend", "--answer", "focus=\x1b[31mred"], id="answer-value"),
    pytest.param(["recommend", "--answer", "\x1b[2J=1"], id="question-id"),
    pytest.param(["kb", "show", "\x1b]0;title\x07"], id="career-name"),
])
def test_control_characters_are_not_echoed_to_the_terminal(capsys: Capsys, argv: list[str]) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert not [c for c in err if ord(c) < 32 and c != "\n" or 0x7f <= ord(c) < 0xa0], repr(err)


# --- answers files -------------------------------------------------------------------------------------------

BAD_FILES = [
    pytest.param("answers.toml", None, ("'{path}' does not exist",), id="missing-toml"),
    pytest.param("answers.json", None, ("'{path}' does not exist",), id="missing-json"),
    pytest.param("answers.toml", 'focus = "records\npay_min = 4', ("is not valid TOML",), id="malformed-toml"),
    pytest.param("answers.toml", "focus = ", ("is not valid TOML",), id="truncated-toml"),
    pytest.param("answers.json", '{"focus": "records",', ("is not valid JSON",), id="malformed-json"),
    pytest.param("answers.json", "", ("is not valid JSON",), id="empty-json"),
    pytest.param("answers.json", '["focus", "records"]', ("must hold a flat table of question id = value",),
                 id="json-list"),
    pytest.param("answers.json", '"records"', ("must hold a flat table",), id="json-string"),
    pytest.param("answers.json", "42", ("must hold a flat table",), id="json-number"),
    pytest.param("answers.json", "null", ("must hold a flat table",), id="json-null"),
    pytest.param("answers.toml", 'focus = "records"\n[extra]\npay_min = 4\n', ("unknown question 'extra'",),
                 id="toml-nested-table"),
    pytest.param("answers.toml", '[answers]\nfocus = "records"\n', ("unknown question 'answers'",),
                 id="toml-everything-in-a-table"),
    pytest.param("answers.json", '{"focus": {"value": "records"}}', ("focus", "is not accepted", CHOICES),
                 id="json-nested-object"),
    pytest.param("answers.json", '{"pay_min": [40000]}', ("pay_min", "is not accepted", PAY_RANGE),
                 id="json-list-value"),
    pytest.param("answers.json", '{"exam": true}', ("exam", "is not accepted", "one of no, yes"), id="json-bool"),
    pytest.param("answers.json", '{"focus": null}', ("focus", "is not accepted"), id="json-null-value"),
    pytest.param("answers.json", '{"pay_min": 1e400}', ("pay_min", PAY_RANGE), id="json-infinity"),
    pytest.param("answers.json", '{"pay_min": NaN}', ("pay_min", PAY_RANGE), id="json-nan"),
    pytest.param("answers.json", '{"pay_min": 1000000000000000000000000000000}', ("pay_min", PAY_RANGE),
                 id="json-10-to-the-30"),
    pytest.param("answers.json", '{"training_months": 1.5}', ("training_months", MONTHS_RANGE),
                 id="json-fraction"),
    pytest.param("answers.toml", "pay_min = 1979-05-27\n", ("pay_min", PAY_RANGE), id="toml-date"),
    pytest.param("answers.toml", "pay_min = inf\n", ("pay_min", PAY_RANGE), id="toml-inf"),
    pytest.param("answers.json", '{"astronaut": 1}', ("unknown question 'astronaut'", "known questions"),
                 id="unknown-question"),
    pytest.param("answers.yaml", "focus: records\n", ("must end in .toml or .json",), id="yaml"),
    pytest.param("answers", '{"focus": "records"}', ("must end in .toml or .json",), id="no-extension"),
    pytest.param("answers.txt", "", ("must end in .toml or .json",), id="txt"),
]


@pytest.mark.parametrize(("name", "content", "expected"), BAD_FILES)
def test_a_bad_answers_file_is_named_with_what_is_wrong(capsys: Capsys, tmp_path: Path, name: str,
                                                        content: str | None, expected: tuple[str, ...]) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    code, out, err = run(capsys, "recommend", "--answers", str(path))
    assert_usage_error(code, out, err, f"answers file '{path}'", *(e.format(path=path) for e in expected))
    if content is not None:
        assert path.read_text(encoding="utf-8") == content, "the file is left as it was"


def test_an_answers_file_that_is_a_directory(capsys: Capsys, tmp_path: Path) -> None:
    folder = tmp_path / "answers.toml"
    folder.mkdir()
    assert_usage_error(*run(capsys, "recommend", "--answers", str(folder)), f"answers file '{folder}'",
                       "is not a regular file (it is a folder)")


def test_an_answers_file_that_is_not_utf8(capsys: Capsys, tmp_path: Path) -> None:
    path = tmp_path / "answers.toml"
    path.write_bytes(b'focus = "r\xe9cords"\n\xff\xfe')
    assert_usage_error(*run(capsys, "recommend", "--answers", str(path)), "is not UTF-8 text")
    assert path.read_bytes() == b'focus = "r\xe9cords"\n\xff\xfe'


def test_an_answers_file_with_one_bad_value_names_the_file_and_the_question(capsys: Capsys,
                                                                           tmp_path: Path) -> None:
    path = tmp_path / "answers.json"
    content = json.dumps({"focus": "records", "pay_min": "lots", "exam": "yes"})
    path.write_text(content, encoding="utf-8")
    assert_usage_error(*run(capsys, "recommend", "--answers", str(path)), f"answers file '{path}'", "pay_min",
                       PAY_RANGE)
    assert path.read_text(encoding="utf-8") == content


def test_an_empty_toml_file_is_no_answers_not_an_error(capsys: Capsys, tmp_path: Path) -> None:
    path = tmp_path / "answers.toml"
    path.write_text("", encoding="utf-8")
    code, out, err = run(capsys, "recommend", "--json", "--answers", str(path))
    assert (code, err) == (0, "")
    result = json.loads(out)
    assert result["answers"] == {}
    assert result["next_question"] == "focus"


def test_a_bad_value_in_the_file_is_reported_even_when_a_pair_replaces_it(capsys: Capsys,
                                                                           tmp_path: Path) -> None:
    path = tmp_path / "answers.toml"
    path.write_text('pay_min = "lots"\n', encoding="utf-8")
    code, out, err = run(capsys, "recommend", "--answers", str(path), "--answer", "pay_min=40000")
    assert_usage_error(code, out, err, "pay_min", PAY_RANGE)


# --- kb and the parser itself --------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["astronaut", "", "   ", "medical", "[/]", "💉", "x" * 5000])
def test_kb_show_an_unknown_career_lists_the_known_ones(capsys: Capsys, name: str) -> None:
    code, out, err = run(capsys, "kb", "show", name)
    assert_usage_error(code, out, err, "unknown career", "known: cancer_registrar", "medical_records_technician")


@pytest.mark.parametrize("where", ["missing", "a/b/c", "file.txt"])
def test_kb_check_on_something_that_is_not_a_knowledge_base_folder_exits_1(capsys: Capsys, tmp_path: Path,
                                                                          where: str) -> None:
    (tmp_path / "file.txt").write_text("not a folder", encoding="utf-8")
    code, out, err = run(capsys, "kb", "check", "--kb", str(tmp_path / where))
    assert (code, out) == (1, "")
    assert "not a folder (expected sources.toml, sources/, careers/)" in err
    assert "Traceback" not in err


def test_kb_check_on_an_empty_folder_names_what_is_missing(capsys: Capsys, tmp_path: Path) -> None:
    code, out, err = run(capsys, "kb", "check", "--kb", str(tmp_path))
    assert (code, out) == (1, "")
    assert "sources.toml" in err and "no career files" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(("argv", "expected"), [
    pytest.param(["astronaut"], ("invalid choice: 'astronaut'", "recommend"), id="unknown-command"),
    pytest.param(["recommend", "--answers"], ("--answers: expected one argument",), id="option-without-value"),
    pytest.param(["recommend", "--colour"], ("unrecognized arguments: --colour",), id="unknown-option"),
    pytest.param(["kb"], ("required",), id="kb-without-action"),
    pytest.param(["kb", "show"], ("required: CAREER",), id="kb-show-without-career"),
    pytest.param(["ask"], ("required: text",), id="ask-without-text"),
])
def test_parser_errors_are_one_line(capsys: Capsys, argv: list[str], expected: tuple[str, ...]) -> None:
    assert_usage_error(*run(capsys, *argv), *expected)


@pytest.mark.parametrize("text", ["", "   ", "[/", "[/]", "[bold]", "[link=x]", "\x1b[31mred", "?!?!",
                                  "why not astronaut", "compare coder and astronaut", "tell me about",
                                  "what if I said banana", "actually banana", "x" * 10_000])
def test_ask_with_hostile_text_answers_in_plain_words(capsys: Capsys, text: str) -> None:
    code, out, err = run(capsys, "ask", text)
    assert (code, err) == (0, "")
    assert out.strip(), "there is always an answer, even if it is 'I don't know'"


def test_ask_json_with_hostile_text_is_valid_json(capsys: Capsys) -> None:
    code, out, err = run(capsys, "ask", "[/]\x00\x1b[2J", "--json")
    assert (code, err) == (0, "")
    assert json.loads(out)["answer"]


# --- as a real process ---------------------------------------------------------------------------------------

def career_quiz(*argv: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run([sys.executable, "-m", "tui", *argv], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120)


@pytest.mark.slow
@pytest.mark.parametrize(("argv", "code", "expected"), [
    pytest.param(["recommend", "--answer", "pay_min=" + "1" + "0" * 30], 2, "pay_min", id="huge-number"),
    pytest.param(["recommend", "--answer", "focus"], 2, "needs the form ID=VALUE", id="no-equals"),
    pytest.param(["kb", "show", "astronaut"], 2, "unknown career 'astronaut'", id="unknown-career"),
    pytest.param(["kb", "check", "--kb", "/nonexistent/kb"], 1, "not a folder", id="no-such-kb"),
])
def test_in_a_real_process_there_is_no_traceback(argv: list[str], code: int, expected: str) -> None:
    done = career_quiz(*argv)
    assert done.returncode == code, done.stderr
    assert "Traceback" not in done.stderr
    assert expected in done.stderr


@pytest.mark.slow
def test_a_malformed_json_file_in_a_real_process(tmp_path: Path) -> None:
    path = tmp_path / "answers.json"
    path.write_text('{"focus": ', encoding="utf-8")
    done = career_quiz("recommend", "--json", "--answers", str(path))
    assert done.returncode == 2
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    assert f"answers file '{path}' is not valid JSON" in done.stderr
