"""`career-quiz chat --plain`: the conversation as lines on stdin and stdout, for screen readers and scripts."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli import main

ROOT = Path(__file__).resolve().parents[1]
PROBE = ("import sys; from tui.cli import main; code = main(sys.argv[1:]); "
         "print('TEXTUAL LOADED' if 'textual' in sys.modules else 'no textual'); sys.exit(code)")


def plain(home: Path, lines: list[str], *options: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_DATA_HOME": str(home / "data"), "XDG_CONFIG_HOME": str(home / "config"),
           "XDG_STATE_HOME": str(home / "state")}
    return subprocess.run([sys.executable, "-c", PROBE, "chat", "--plain", *options], cwd=ROOT, env=env,
                          input="".join(f"{line}\n" for line in lines), capture_output=True, text=True, timeout=120)


def test_a_whole_conversation_in_plain_lines_shows_the_results_once_settled_and_at_the_end(tmp_path: Path) -> None:
    done = plain(tmp_path, ["2", "I don't want to do any exams", "no patient contact", "40k", "what does an LPN earn?"],
                 "--no-save")
    out = done.stdout
    assert done.returncode == 0, done.stderr
    assert "  1. Keeping patient records complete and accurate" in out and "  (type 1-7" in out
    assert "Got it — kind of work: Coding diagnoses and procedures for billing." in out
    assert "Got it — exams: No, I'd rather not." in out
    assert "Got it — patient contact: None" in out and "Got it — pay: $40,000 a year." in out
    assert "[Medical Records Technician Careers: Salary Info & Job Description (2011), line" in out
    results = "Results — how every career matches your answers:"
    assert out.count(results) == 2  # once when the result settles (not again after later answers), once at the end
    settled = out.index("That settles it")
    assert settled < out.index(results) < out.index("Question", settled)  # the quiz goes on after the results
    assert out.rindex(results) > out.index("End of input.")
    assert "\x1b[" not in out and out.rstrip().endswith("no textual")
    assert not (tmp_path / "data").exists()  # --no-save wrote nothing


def test_a_line_starting_with_a_number_is_words_and_a_number_alone_chooses_by_id(tmp_path: Path) -> None:
    """As in the app's message box: "2 years max" at the exam question is a training time, never option 2;
    "#2" alone is the exam's option 2, and "2" at 'Start over?' is its second choice, not an answer."""
    done = plain(tmp_path, ["records", "none", "40k", "18 months", "2 years max", "#2", "restart", "2"], "--no-save")
    out = done.stdout
    assert done.returncode == 0, done.stderr
    training = out.index("Got it — training time: 2 years.")
    assert "exams:" not in out[:training]
    assert out.index("Got it — exams: Yes, that's fine.") > training
    assert out.index("Start over? This clears your 5 answers") < out.index("OK — your answers are kept.")
    assert "judged on 5 of 5 answers" in out  # none cleared, none added


def test_plain_mode_saves_and_offers_the_session_back(tmp_path: Path) -> None:
    assert plain(tmp_path, ["coding"]).returncode == 0
    again = plain(tmp_path, ["coding", "1"])
    assert "You have a saved session with 1 answer (kind of work). Continue, or start fresh?" in again.stdout
    assert "First choose: continue your saved session, or start fresh?" in again.stdout
    assert "Welcome back. Your answers so far:" in again.stdout


def test_plain_mode_starts_from_an_answers_file(tmp_path: Path) -> None:
    answers = tmp_path / "answers.toml"
    answers.write_text('focus = "cancer_data"\npatient_contact = "none"\n', encoding="utf-8")
    done = plain(tmp_path, [], "--no-save", "--answers", str(answers))
    assert done.returncode == 0
    assert "Note: Started with 2 answers from answers.toml." in done.stdout
    assert "You start with 2 answers from the answers file:" in done.stdout and "Welcome back" not in done.stdout
    assert "  1. Cancer registrar — match" in done.stdout


def test_plain_mode_shows_the_results_once_at_the_start_when_the_answers_file_settles_them(tmp_path: Path) -> None:
    """As the chat app does: the answers already settle the top pick, so the results come at once, then the quiz
    goes on; the next answer does not bring them back (only the end of input does)."""
    answers = tmp_path / "answers.toml"
    answers.write_text('focus = "coding"\ntraining_months = 12\n', encoding="utf-8")
    done = plain(tmp_path, ["none"], "--no-save", "--answers", str(answers))
    out = done.stdout
    assert done.returncode == 0, done.stderr
    results = "Results — how every career matches your answers:"
    assert out.count("That settles it") == 1 and out.count(results) == 2
    assert out.index("That settles it") < out.index(results) < out.index("Question 3") < out.index("End of input.")
    assert out.index("Got it — patient contact: None") > out.index(results)
    assert out.rindex(results) > out.index("End of input.")


def test_a_bad_answers_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    answers = tmp_path / "answers.toml"
    answers.write_text('focus = "astronaut"\n', encoding="utf-8")
    done = plain(tmp_path, [], "--answers", str(answers))
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "astronaut" in done.stderr


def test_markup_and_escapes_typed_in_plain_mode_come_back_as_plain_text(tmp_path: Path) -> None:
    done = plain(tmp_path, ["[bold]x[/]", "\x1b[31mred"], "--no-save")
    assert done.returncode == 0 and "\x1b[" not in done.stdout


@pytest.mark.parametrize("argv", [[], ["--no-save"], ["chat"], ["--no-save", "chat"], ["chat", "--no-save"]])
def test_without_plain_the_chat_app_starts(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[bool] = []
    monkeypatch.setattr("tui.cli.run_app", lambda args: started.append(args.no_save) or 0)
    assert main(argv) == 0 and started == ["--no-save" in argv]
