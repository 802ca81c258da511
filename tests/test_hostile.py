"""The hostile-input suite: what an attacker or a careless user can hand the program, and exactly what happens.

Each case asserts the message (word for word), the exit status, and that nothing already saved changed: the
answers file given, the saved session, earlier reports. The closing note of issue #12 counts these cases.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from knowledge.files import MAX_DEPTH
from rules.answers import ANSWERS_LIMIT
from tui.cli import main

ROOT = Path(__file__).resolve().parent.parent
Capsys = pytest.CaptureFixture[str]
MONTHS = ("a whole number from 0 to 120 (months) — for a year and a half write 18 or '1.5 years'")
DEEP = f"nests tables or lists too deeply (more than {MAX_DEPTH} levels)"


def run(capsys: Capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def state_of(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under `folder` with its bytes and permissions: 'nothing saved changed' is equality."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            found[str(path.relative_to(folder))] = (path.read_bytes(), path.stat().st_mode & 0o777)
    return found


# --- answers files and --answer: the same rules and words for TOML, JSON and the command line ---------------

def answers_case(tmp_path: Path, name: str, content: bytes | None) -> Path:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    return path


FILE_CASES = [
    pytest.param("a.json", b'{"focus": "records",\n "pay_min": 40000,\n "focus": "coding"}',
                 "gives the key 'focus' twice (line 3)", id="json-duplicate-key"),
    pytest.param("a.toml", b'focus = "records"\npay_min = 40000\nfocus = "coding"\n',
                 "gives the key 'focus' twice (line 3)", id="toml-duplicate-key"),
    pytest.param("a.json", b"[" * 30_000 + b"]" * 30_000, DEEP, id="json-30000-deep"),
    pytest.param("a.toml", b"focus = " + b"[" * 30_000 + b"]" * 30_000, DEEP, id="toml-30000-deep"),
    pytest.param("a.json", b'{"focus": ' + b"[" * 40 + b"]" * 40 + b"}", DEEP, id="json-40-deep"),
    pytest.param("a.toml", b"focus = " + b"{a = " * 40 + b"1" + b"}" * 40, DEEP, id="toml-40-deep"),
    pytest.param("a.json", b" " * (ANSWERS_LIMIT + 1),
                 f"is too large ({ANSWERS_LIMIT + 1:,} bytes; at most {ANSWERS_LIMIT:,})", id="too-large"),
    pytest.param("a.json", b'{"training_months": 1.5}', f"training_months: '1.5' is not a whole number; give {MONTHS}",
                 id="json-decimal-months"),
    pytest.param("a.toml", b"training_months = 1.5\n", f"training_months: '1.5' is not a whole number; give {MONTHS}",
                 id="toml-decimal-months"),
    pytest.param("a.json", b'{"training_months": "1.5"}',
                 f"training_months: '1.5' is not a whole number; give {MONTHS}", id="json-decimal-months-text"),
    pytest.param("a.toml", b'\xef\xbb\xbffocus = "records"\n\xff', "is not UTF-8 text", id="bom-then-bad-bytes"),
]


@pytest.mark.parametrize(("name", "content", "message"), FILE_CASES)
def test_a_hostile_answers_file_is_one_line_exit_2_and_left_alone(capsys: Capsys, tmp_path: Path, name: str,
                                                                  content: bytes, message: str) -> None:
    path = answers_case(tmp_path, name, content)
    before = state_of(tmp_path)
    code, out, err = run(capsys, "recommend", "--answers", str(path))
    separator = ": " if message.startswith("training_months") else " "
    assert (code, out, err) == (2, "", f"career-quiz: answers file '{path}'{separator}{message}\n")
    assert state_of(tmp_path) == before


@pytest.mark.parametrize("name", ["a.toml", "a.json"])
def test_a_byte_order_mark_is_accepted_in_toml_and_json_alike(capsys: Capsys, tmp_path: Path, name: str) -> None:
    text = 'focus = "records"\n' if name.endswith("toml") else '{"focus": "records"}'
    path = answers_case(tmp_path, name, "\ufeff".encode() + text.encode())
    code, out, err = run(capsys, "recommend", "--json", "--answers", str(path))
    assert (code, err) == (0, "")
    assert json.loads(out)["answers"] == {"focus": "records"}


def test_a_decimal_on_the_command_line_means_what_it_means_in_a_file(capsys: Capsys) -> None:
    code, out, err = run(capsys, "recommend", "--answer", "training_months=1.5")
    assert (code, out, err) == (2, "", f"career-quiz: training_months: '1.5' is not a whole number; give {MONTHS}\n")
    code, out, err = run(capsys, "recommend", "--json", "--answer", "training_months=1.5 years")
    assert (code, err) == (0, "") and json.loads(out)["answers"] == {"training_months": 18}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no fifos here")
def test_a_fifo_is_refused_without_waiting_for_a_writer(capsys: Capsys, tmp_path: Path) -> None:
    fifo = tmp_path / "answers.json"
    os.mkfifo(fifo)
    code, out, err = run(capsys, "recommend", "--answers", str(fifo))
    assert (code, out, err) == (2, "", f"career-quiz: answers file '{fifo}' is not a regular file (it is a fifo)\n")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_link_to_dev_zero_is_refused_before_reading(capsys: Capsys, tmp_path: Path) -> None:
    link = tmp_path / "answers.toml"
    link.symlink_to("/dev/zero")
    code, out, err = run(capsys, "recommend", "--answers", str(link))
    assert (code, out, err) == (2, "", f"career-quiz: answers file '{link}' is not a regular file (it is a device)\n")


def test_escape_sequences_in_a_file_name_are_shown_not_sent(capsys: Capsys, tmp_path: Path) -> None:
    path = tmp_path / "\x1b[2Jboom.json"
    code, out, err = run(capsys, "recommend", "--answers", str(path))
    assert (code, out) == (2, "")
    assert err == f"career-quiz: answers file '{tmp_path}/\\x1b[2Jboom.json' does not exist\n"


@pytest.mark.parametrize(("argv", "message"), [
    pytest.param(["\x1b[31mred"], "argument command: invalid choice: '\\x1b[31mred'", id="command"),
    pytest.param(["recommend", "--\x1b]0;pwned\x07"], "unrecognized arguments: --\\x1b]0;pwned\\x07", id="option"),
    pytest.param(["serve", "--port", "\x1b[2J"], "argument --port: '\\x1b[2J' is not a port", id="port"),
    pytest.param(["serve", "--host", "\x1b[2Jx.invalid"], "cannot listen on '\\x1b[2Jx.invalid': the name does not "
                 "resolve", id="serve-host"),
    pytest.param(["report", "--answer", "focus=records", "-o", "\x1b[2J.pdf"],
                 "-o '\\x1b[2J.pdf' must end in .md (Markdown) or .html (a web page)", id="report-output"),
])
def test_no_error_message_echoes_an_escape_sequence(capsys: Capsys, argv: list[str], message: str) -> None:
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert err.startswith(f"career-quiz: {message}")
    assert "\x1b" not in err and "\x07" not in err


def test_an_answers_file_in_the_app_is_checked_the_same_way(capsys: Capsys, tmp_path: Path) -> None:
    path = answers_case(tmp_path, "a.toml", b'focus = "records"\nfocus = "coding"\n')
    code, out, err = run(capsys, "--answers", str(path))
    assert (code, out, err) == (2, "", f"career-quiz: answers file '{path}' gives the key 'focus' twice (line 2)\n")


# --- report -o: the old report survives any failure, no partial file is left --------------------------------

@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGXFSZ"), reason="needs file size limits (POSIX)")
def test_report_with_a_file_size_limit_keeps_the_old_report_whole(tmp_path: Path) -> None:
    report = tmp_path / "report.html"
    report.write_text("<p>yesterday's report, still needed</p>", encoding="utf-8")
    before = state_of(tmp_path)
    limit = ("import resource, runpy, signal, sys; signal.signal(signal.SIGXFSZ, signal.SIG_IGN); "
             "resource.setrlimit(resource.RLIMIT_FSIZE, (2000, 2000)); sys.argv = ['career-quiz'] + sys.argv[1:]; "
             "runpy.run_module('tui', run_name='__main__')")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", limit, "report", "--answer", "focus=records", "-o", str(report)],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done.stderr
    assert done.stderr == f"career-quiz: cannot write the report to '{report}': File too large\n"
    assert state_of(tmp_path) == before, "the old report is whole and no temporary file is left"


def test_report_into_a_missing_folder_writes_nothing(capsys: Capsys, tmp_path: Path) -> None:
    target = tmp_path / "nope" / "r.md"
    code, out, err = run(capsys, "report", "--answer", "focus=records", "-o", str(target))
    assert (code, out) == (2, "")
    assert err == f"career-quiz: cannot write the report to '{target}': the folder '{target.parent}' does not exist\n"
    assert list(tmp_path.iterdir()) == []


def test_report_replaces_the_old_one_whole_and_keeps_no_temporary_file(capsys: Capsys, tmp_path: Path) -> None:
    target = tmp_path / "r.md"
    target.write_text("old", encoding="utf-8")
    code, out, err = run(capsys, "report", "--answer", "focus=records", "-o", str(target))
    assert (code, err) == (0, "") and out == f"Report written to {target}\n"
    assert target.read_text(encoding="utf-8").startswith("# ") and [p.name for p in tmp_path.iterdir()] == ["r.md"]


# --- a broken knowledge base: one report, exit 1, from every command and the app ----------------------------

@pytest.fixture
def broken_kb(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The built-in knowledge base with one career file broken (an unknown key and a false quote); yields the
    report every command must print."""
    import knowledge.loader as loader
    import rules.builtin as engine
    import rules.snapshot as snapshot

    copy = tmp_path / "kb"
    shutil.copytree(ROOT / "knowledge", copy, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    career = copy / "careers" / "medical_coder.toml"
    text = career.read_text(encoding="utf-8")
    career.write_text(text.replace("\n[[facts]]\n", '\ncolour = "red"\n[[facts]]\n', 1), encoding="utf-8")
    monkeypatch.setattr(loader, "PACKAGE_DIR", copy)
    monkeypatch.setattr(snapshot, "KNOWLEDGE_DIR", copy)
    monkeypatch.setenv(snapshot.CACHE_ENV, "")
    loader.builtin.cache_clear()
    engine.builtin_engine.cache_clear()
    with pytest.raises(loader.KnowledgeError) as caught:
        loader.load(copy)
    yield caught.value.report() + "\n"
    loader.builtin.cache_clear()
    engine.builtin_engine.cache_clear()


@pytest.mark.parametrize("argv", [
    pytest.param(["questions"], id="questions"),
    pytest.param(["questions", "--json"], id="questions-json"),
    pytest.param(["recommend", "--answer", "focus=coding"], id="recommend"),
    pytest.param(["ask", "what do coders earn?"], id="ask"),
    pytest.param(["report", "--answer", "focus=coding", "-o", "r.md"], id="report"),
    pytest.param(["sources"], id="sources"),
    pytest.param(["kb", "check"], id="kb-check"),
    pytest.param(["kb", "show", "coder"], id="kb-show"),
    pytest.param(["--answers", "answers.toml"], id="app-with-answers"),
    pytest.param(["chat", "--plain"], id="plain-chat"),
])
def test_a_broken_knowledge_base_is_the_same_report_and_exit_1_everywhere(
        capsys: Capsys, broken_kb: str, argv: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "answers.toml").write_text('focus = "coding"\n', encoding="utf-8")
    monkeypatch.setattr("sys.stdin", io.StringIO("1\n"))
    before = state_of(tmp_path)
    code, out, err = run(capsys, *argv)
    assert (code, out, err) == (1, "", broken_kb)
    assert "colour: unknown key" in broken_kb and "Traceback" not in err
    assert state_of(tmp_path) == before, "nothing is written"


async def test_the_app_with_a_broken_knowledge_base_says_what_is_wrong_on_every_view(broken_kb: str,
                                                                                     tmp_path: Path) -> None:
    from tests.tui.chat_driver import toasts
    from tui.app import CareerQuizApp

    app = CareerQuizApp(export_dir=tmp_path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.load_error == broken_kb.rstrip("\n")
        for key in ("ctrl+r", "ctrl+o", "ctrl+e"):
            await pilot.press(key)
        shown = await toasts(pilot)
        first = broken_kb.splitlines()[0]
        assert shown == [f"Knowledge base broken\nMy sources could not be loaded, so there is nothing to show. "
                         f"{first} Run 'career-quiz kb check' for the full report."] * 3
        assert "still loading" not in " ".join(shown)
    assert list(tmp_path.iterdir()) == [tmp_path / "kb"], "no report is written"


# --- the loaders report every problem, record by record ------------------------------------------------------

def test_an_unknown_key_no_longer_hides_the_other_problems_of_its_file(make_kb) -> None:  # type: ignore[no-untyped-def]
    from tests.knowledge.demo_kb import HEADER, PAY, report_of

    bad_quote = PAY.replace('id = "pay_median"', 'id = "pay_other"').replace("the median annual", "the mean annual")
    linker = ('id = "other"\nname = "Other"\n\n[[facts]]\nid = "see_demo"\nkind = "related"\ncareer = "demo"\n'
              'source = "mrt_degree"\nquote = "the median annual salary for medical records technicians was '
              '$32,350 in 2010"\n')
    report = report_of(make_kb({"demo.toml": HEADER + PAY + 'colour = "red"\n' + bad_quote, "other.toml": linker}))
    assert "careers/demo.toml [demo.pay_median]: colour: unknown key (not accepted here)" in report
    assert "[demo.pay_other]: quote not found in source 'mrt_degree'" in report
    assert "links to unknown career 'demo'" not in report


def test_one_bad_rule_no_longer_hides_the_checks_of_the_others(tmp_path: Path) -> None:
    from knowledge.loader import KnowledgeError, builtin
    from rules import PACKAGE_DIR as RULES_DIR
    from rules.rulebook import load_rulebook

    folder = tmp_path / "rules"
    folder.mkdir()
    shutil.copy(RULES_DIR / "questions.toml", folder)
    rules = (RULES_DIR / "rules.toml").read_text(encoding="utf-8")
    first = rules.index("[[rules]]")
    second = rules.index("[[rules]]", first + 1)
    broken = rules[:first] + rules[first:second].replace("weight =", "colour = 1\nweight =", 1) \
        + rules[second:].replace('question = "', 'question = "astronaut_', 1)
    (folder / "rules.toml").write_text(broken, encoding="utf-8")
    with pytest.raises(KnowledgeError) as caught:
        load_rulebook(builtin(), folder)
    report = caught.value.report()
    assert "colour: unknown key (not accepted here)" in report
    assert "unknown question 'astronaut_" in report


@pytest.mark.parametrize(("content", "problem"), [
    pytest.param(b"id = " + b"[" * 50 + b"]" * 50, f"careers/deep.toml: {DEEP}", id="deep"),
    pytest.param(b'id = "a"\nid = "b"\n', "careers/deep.toml: gives the key 'id' twice (line 2)", id="duplicate"),
])
def test_a_hostile_career_file_is_one_line_of_the_report(make_kb, content: bytes, problem: str) -> None:  # type: ignore[no-untyped-def]
    from tests.knowledge.demo_kb import CAREER, report_of

    folder = make_kb({"demo.toml": CAREER})
    (folder / "careers" / "deep.toml").write_bytes(content)
    assert problem in report_of(folder).splitlines()[1]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no fifos here")
def test_a_fifo_in_the_knowledge_base_is_reported_not_waited_for(make_kb) -> None:  # type: ignore[no-untyped-def]
    from tests.knowledge.demo_kb import CAREER, report_of

    folder = make_kb({"demo.toml": CAREER})
    os.mkfifo(folder / "careers" / "pipe.toml")
    assert "careers/pipe.toml: cannot read: not a regular file (it is a fifo)" in report_of(folder)


# --- two windows, without a screen to ask on ------------------------------------------------------------------

def test_plain_chat_in_a_second_window_says_it_saves_nothing(capsys: Capsys, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from rules.dialogue import SessionState
    from tui.sessions import SessionStore, default_directory

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    holder = SessionStore(default_directory())
    holder.save(SessionState(answers={"focus": "coding"}, order=["focus"]))
    assert holder.lock.acquire()
    before = state_of(tmp_path)
    monkeypatch.setattr("sys.stdin", io.StringIO("1\n2\n"))
    code, out, err = run(capsys, "chat", "--plain")
    holder.lock.release()
    assert (code, err) == (0, "")
    assert (f"Career Quiz is already open in another window, saving to {holder.path}; so that neither replaces "
            "the other's answers, this one saves nothing.") in out
    assert state_of(tmp_path) == before, "the other window's saved answers are untouched"
