"""App start-up: from process start to the first question on screen, against a minimal Textual app that shows
a label and three buttons; and both apps' peak memory.

Both apps run as a student starts them, each in its own process on a pseudo-terminal of the same size, with
Textual's own terminal driver: ours is the installed `career-quiz` command, as `make run` starts it (argument
parsing, the remembered settings, the saved-session folder), the reference is a script that calls `App.run()`. The
figure is the moment the terminal receives the first frame that shows the question's heading ("Question 1 (at
most", which both apps show) minus the moment just before the spawn: what the student sees, not when a widget
exists in the DOM. Then Ctrl+Q quits the app, and `os.wait4` gives its own peak memory.

All runs use a home folder made for this benchmark (no saved session, nothing of the user's); the warm-up run
stays until its brain has loaded and kept the engine snapshot and the opening question in the cache folder, as a
user's first start does, so the figure is the usual (every later) start. A second,
report-only figure is the time until our whole first screen is drawn (the title bar, the live ranking and the
footer, which come in the frames right after the question).
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import tempfile
import termios
import time
from pathlib import Path
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from tests.benchmarks.harness import PYTHON, ROOT, Figure, Settings, child_env, median, skipped

FAMILY = "start-up"
BUDGET_RATIO = 1.2
TIMEOUT_S = 30.0
SIZE = (100, 30)
QUESTION = b"Question 1 (at most"
"""The first question's heading, as both apps draw it."""
WHOLE_SCREEN = (b"Live ranking", b"palette")
"""Drawn last on our first screen: the ranking's title and the footer's command-palette key."""
QUIT = b"\x11"
"""Ctrl+Q, which quits both apps."""

COMMAND = Path(PYTHON).with_name("career-quiz")
OURS = [str(COMMAND)] if COMMAND.is_file() else [PYTHON, "-m", "tui"]
"""What a student runs (`make run` runs the installed `career-quiz` script); `python -m tui` where it is missing."""
REFERENCE = [PYTHON, "-c", '''
from textual.app import App, ComposeResult
from textual.widgets import Button, Label


class Minimal(App):
    def compose(self) -> ComposeResult:
        yield Label("Question 1 (at most 9 to go): Which kind of work sounds best to you?", id="question")
        yield Button("Keeping patient records")
        yield Button("Coding for billing")
        yield Button("Caring for patients")


Minimal().run()
''']


@dataclass
class TerminalRun:
    """One start in a pseudo-terminal: when the question and the whole first screen arrived, peak memory."""

    question_ms: float | None
    whole_ms: float | None
    question_cpu_ms: float | None
    """CPU time the process (all its threads) had used when the question arrived: steadier under load."""
    peak_mib: float
    output: bytes


def run_in_terminal(argv: Sequence[str], env: dict[str, str], wait_for: Sequence[bytes] = (),
                    until: Callable[[], bool] | None = None) -> TerminalRun:
    """Start `argv` on a new pseudo-terminal of SIZE and read what it draws until the question (and every
    `wait_for` text) has arrived, and `until()` holds; then quit it with Ctrl+Q (killed if it does not stop
    within 10 s)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", SIZE[1], SIZE[0], 0, 0))
    spawned = time.monotonic_ns()
    process = subprocess.Popen(list(argv), cwd=ROOT, env=env, stdin=slave, stdout=slave, stderr=slave,
                               start_new_session=True)
    os.close(slave)
    output = b""
    question_ms = whole_ms = question_cpu_ms = None
    deadline = time.monotonic() + TIMEOUT_S
    try:
        while time.monotonic() < deadline and (whole_ms is None or (until is not None and not until())):
            if not select.select([master], [], [], 0.1)[0]:
                continue
            try:
                chunk = os.read(master, 1 << 16)
            except OSError:  # the child closed the terminal (it exited)
                break
            output += chunk
            now = (time.monotonic_ns() - spawned) / 1e6
            if question_ms is None and QUESTION in output:
                question_ms, question_cpu_ms = now, cpu_ms(process.pid)
            if whole_ms is None and question_ms is not None and all(text in output for text in wait_for):
                whole_ms = now
        os.write(master, QUIT)
        usage = _reap(process, master)
    finally:
        os.close(master)
    return TerminalRun(question_ms, whole_ms, question_cpu_ms, usage.ru_maxrss / 1024, output)


def cpu_ms(pid: int) -> float | None:
    """Milliseconds of CPU a running process has used, all threads (Linux: /proc/<pid>/task/*/schedstat)."""
    total = 0
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/schedstat") as stat:
                total += int(stat.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return total / 1e6


def _reap(process: subprocess.Popen[bytes], master: int) -> os.struct_rusage:
    """Wait for the child (draining its terminal so it never blocks on a write); kill it after 10 s."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        pid, _status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            return usage
        if select.select([master], [], [], 0.02)[0]:
            try:
                os.read(master, 1 << 16)
            except OSError:
                pass
    os.killpg(process.pid, signal.SIGKILL)
    return os.wait4(process.pid, 0)[2]


def _kept(cache: Path) -> bool:
    """Whether a first start has kept what a later start reads: the engine snapshot and the opening question."""
    return any(cache.glob("engine-*.json")) and (cache / "opening.txt").is_file()


def _median(values: Iterable[float | None]) -> float | None:
    known = [value for value in values if value is not None]
    return median(known) if known else None


def _why_not(run: TerminalRun) -> str:
    text = run.output.decode(errors="replace")
    last = (text.strip().splitlines() or ["no output"])[-1]
    return f"the first question never reached the terminal ({last[-120:]!r})"


def run(settings: Settings) -> list[Figure]:
    names = ("process start to first question on screen", "CPU time to first question on screen",
             "process start to the whole first screen", "app peak memory")
    with tempfile.TemporaryDirectory(prefix="career-quiz-bench-home-") as home:
        env = child_env({"XDG_CONFIG_HOME": f"{home}/config", "XDG_DATA_HOME": f"{home}/data",
                         "XDG_STATE_HOME": f"{home}/state", "XDG_CACHE_HOME": f"{home}/cache",
                         "CAREER_QUIZ_CACHE_DIR": f"{home}/cache/career-quiz",
                         "HOME": home, "TERM": "xterm-256color", "COLORTERM": "truecolor"})
        for variable in ("NO_COLOR", "TEXTUAL", "TEXTUAL_DRIVER", "TEXTUAL_FPS", "CAREER_QUIZ_CONFIG_DIR",
                         "COLUMNS", "LINES"):
            env.pop(variable, None)
        cache = Path(home, "cache", "career-quiz")
        first = run_in_terminal(OURS, env, WHOLE_SCREEN, until=lambda: _kept(cache))
        if first.question_ms is None:
            why = _why_not(first)
            print(f"start-up skipped: {why}")
            return [skipped(FAMILY, name, why, "MiB" if "memory" in name else "ms") for name in names]
        run_in_terminal(REFERENCE, env)
        ours: list[TerminalRun] = []
        theirs: list[TerminalRun] = []
        for _ in range(settings.process_runs):  # alternately, so a change in the machine's load hits both
            ours.append(run_in_terminal(OURS, env, WHOLE_SCREEN))
            theirs.append(run_in_terminal(REFERENCE, env))
    ours_ms = [r.question_ms for r in ours if r.question_ms is not None]
    whole_ms = [r.whole_ms for r in ours if r.whole_ms is not None]
    theirs_ms = [r.question_ms for r in theirs if r.question_ms is not None]
    if not ours_ms or not theirs_ms:
        failed = next(r for r in (*ours, *theirs) if r.question_ms is None)
        return [skipped(FAMILY, name, _why_not(failed), "MiB" if "memory" in name else "ms") for name in names]
    reference_name = "minimal Textual app: a label, three buttons"
    return [
        Figure(FAMILY, names[0], median(ours_ms), median(theirs_ms), "ms", BUDGET_RATIO, "ratio_at_most",
               reference_name=reference_name,
               details={"runs_ms": ours_ms, "reference_runs_ms": theirs_ms, "size": SIZE,
                        "how": f"{Path(OURS[0]).name} and App.run() on a pseudo-terminal; first frame with the question"}),
        Figure(FAMILY, names[1], _median(r.question_cpu_ms for r in ours), _median(r.question_cpu_ms for r in theirs),
               "ms", reference_name=reference_name,
               notes="the same moment in CPU time used (all threads): other load on the machine moves it less",
               details={"runs_ms": [r.question_cpu_ms for r in ours],
                        "reference_runs_ms": [r.question_cpu_ms for r in theirs]}),
        Figure(FAMILY, names[2], median(whole_ms) if whole_ms else None, median(theirs_ms), "ms",
               reference_name=reference_name, notes="title bar, live ranking and footer drawn too (report only)",
               details={"runs_ms": whole_ms}),
        Figure(FAMILY, names[3], median([r.peak_mib for r in ours]), median([r.peak_mib for r in theirs]),
               "MiB", reference_name="minimal Textual app",
               details={"runs_mib": [r.peak_mib for r in ours]}),
    ]
