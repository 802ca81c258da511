"""App start-up: from process start to the first question on screen (headless), against a minimal Textual
app that mounts a label and three buttons; and both apps' peak memory.

Each app runs in its own `python -c` process under `App.run_test` and prints `time.monotonic_ns()` (one clock
for every process on Linux) as soon as its first question is on screen; the figure is that moment minus the
moment just before the process was spawned. Both scripts poll the same way, so the polling costs both alike.
All runs use a home folder made for this benchmark (no saved session, nothing of the user's); the warm-up run
writes the engine snapshot there, as a user's first start does, so the figure is the usual start.

How our app is made and how its first question is recognised is in `OUR_APP_HOOK` alone: adapt that when
the app's entry point or its question widget changes.
"""

from __future__ import annotations

import importlib.util
import tempfile

from tests.benchmarks.harness import PYTHON, ChildRun, Figure, Settings, child_env, median, run_child, skipped

FAMILY = "start-up"
BUDGET_RATIO = 1.3
TIMEOUT_S = 30.0
SIZE = (100, 30)

OUR_APP_HOOK = '''
def make_app():
    """Our app, started as `career-quiz` starts it with no saved session (the lead wires this)."""
    import tui.app as module
    from textual.app import App

    for name in ("create_app", "make_app", "build_app"):
        factory = getattr(module, name, None)
        if callable(factory):
            return factory()
    apps = [value for value in vars(module).values() if isinstance(value, type) and issubclass(value, App)
            and value.__module__ == module.__name__]
    if not apps:
        raise SystemExit("tui.app defines no App subclass")
    return apps[0]()


def first_question_visible(app) -> bool:
    """Whether the first question is on screen: a widget with id 'question', or any widget whose content
    says 'Question 1'."""
    for widget in app.screen.query("*"):
        if not widget.display:
            continue
        if widget.id == "question":
            return True
        content = getattr(widget, "content", None)
        if content is not None and "Question 1" in str(content):
            return True
    return False
'''

MINIMAL_APP = '''
from textual.app import App, ComposeResult
from textual.widgets import Button, Label


class Minimal(App):
    def compose(self) -> ComposeResult:
        yield Label("Question 1 (at most 9 to go): Which kind of work sounds best to you?", id="question")
        yield Button("Keeping patient records")
        yield Button("Coding for billing")
        yield Button("Caring for patients")


def make_app():
    return Minimal()


def first_question_visible(app) -> bool:
    return bool(app.screen.query("#question"))
'''

DRIVER = '''
import asyncio, sys, time


async def main() -> int:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        deadline = time.monotonic() + TIMEOUT
        while not first_question_visible(app):
            if time.monotonic() > deadline:
                print("TIMEOUT", flush=True)
                return 3
            await pilot.pause()
        print("READY", time.monotonic_ns(), flush=True)
    return 0


sys.exit(asyncio.run(main()))
'''


def script(app_code: str) -> str:
    return f"SIZE = {SIZE!r}\nTIMEOUT = {TIMEOUT_S!r}\n" + app_code + DRIVER


def ready_ms(run: ChildRun) -> float | None:
    """Milliseconds from spawn to the first question, or None when the child never showed it."""
    for line in run.stdout.splitlines():
        if line.startswith("READY "):
            return (int(line.split()[1]) - run.spawned_ns) / 1e6
    return None


def _why_not(run: ChildRun) -> str:
    if "TIMEOUT" in run.stdout:
        return "first question not found on screen: adapt OUR_APP_HOOK.first_question_visible"
    last = (run.stderr.strip().splitlines() or ["no output"])[-1]
    return f"app did not start ({last[:120]})"


def run(settings: Settings) -> list[Figure]:
    names = ("first question on screen", "peak memory")
    try:
        found = importlib.util.find_spec("tui.app") is not None
    except ModuleNotFoundError:
        found = False
    if not found:
        return [skipped(FAMILY, name, "app not built yet", "MiB" if "memory" in name else "ms") for name in names]
    with tempfile.TemporaryDirectory(prefix="career-quiz-bench-home-") as home:
        env = child_env({"XDG_CONFIG_HOME": f"{home}/config", "XDG_DATA_HOME": f"{home}/data",
                         "XDG_STATE_HOME": f"{home}/state", "XDG_CACHE_HOME": f"{home}/cache",
                         "CAREER_QUIZ_CACHE_DIR": f"{home}/cache/career-quiz",
                         "HOME": home, "TERM": "xterm-256color", "NO_COLOR": ""})
        env.pop("NO_COLOR")
        ours_argv = [PYTHON, "-c", script(OUR_APP_HOOK)]
        reference_argv = [PYTHON, "-c", script(MINIMAL_APP)]
        first = run_child(ours_argv, env=env, timeout=TIMEOUT_S + 30)
        if ready_ms(first) is None:
            why = _why_not(first)
            print(f"start-up skipped: {why}\n{first.stderr[-2000:]}")
            return [skipped(FAMILY, name, why, "MiB" if "memory" in name else "ms") for name in names]
        run_child(reference_argv, env=env)
        ours, theirs = [], []
        for _ in range(settings.process_runs):
            ours.append(run_child(ours_argv, env=env, timeout=TIMEOUT_S + 30))
            theirs.append(run_child(reference_argv, env=env, timeout=TIMEOUT_S + 30))
    ours_ms = [ms for ms in map(ready_ms, ours) if ms is not None]
    theirs_ms = [ms for ms in map(ready_ms, theirs) if ms is not None]
    if not ours_ms or not theirs_ms:
        return [skipped(FAMILY, name, _why_not(ours[-1]), "MiB" if "memory" in name else "ms") for name in names]
    return [
        Figure(FAMILY, "process start to first question on screen", median(ours_ms), median(theirs_ms), "ms",
               BUDGET_RATIO, "ratio_at_most", reference_name="minimal Textual app: a label, three buttons",
               details={"runs_ms": ours_ms, "reference_runs_ms": theirs_ms, "size": SIZE}),
        Figure(FAMILY, "app peak memory", median([r.peak_mib for r in ours]), median([r.peak_mib for r in theirs]),
               "MiB", reference_name="minimal Textual app",
               details={"runs_mib": [r.peak_mib for r in ours]}),
    ]
