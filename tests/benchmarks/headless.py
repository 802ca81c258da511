"""The headless command as a whole process: `career-quiz recommend --json` with every question answered,
against the smallest Python process (`python -c pass`), timed alternately; plus each one's peak memory, and
`career-quiz ask "…" --json` (the question reader and the conversation on top) beside the same reference.

The figure is the steady state: the engine snapshot (rules/snapshot.py) is written by the warm-up run into a
folder of this run's own. The first start, with no snapshot, is reported beside it. A breakdown of where the
command's time goes (interpreter, imports, loading, ranking, printing) is measured in a separate child, run
in turn with the two measured ones, so that the figure itself is the plain command.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from tests.benchmarks.harness import PYTHON, ChildRun, Figure, Settings, check, child_env, median, run_child

FAMILY = "headless"
BUDGET_RATIO = 6.0
SNAPSHOT_ENV = "CAREER_QUIZ_CACHE_DIR"
"""Where the engine snapshot is kept (rules/snapshot.py): a fresh folder per run, or "" for none."""
ANSWERS = {"focus": "records", "patient_contact": "none", "training_months": 12, "pay_min": 35000, "exam": "yes",
           "science": "ok", "equipment": "no", "computer_work": "yes", "schedule": "any"}
PHASES = """
import time
marks = [("start", time.perf_counter())]
import tui.cli
marks.append(("import tui.cli (argparse, subcommand modules)", time.perf_counter()))
import rules.builtin, rules.answers
marks.append(("import rules.builtin, rules.answers (engine, snapshot, models)", time.perf_counter()))
engine = rules.builtin.builtin_engine()
marks.append(("builtin_engine() (snapshot, or full load when none)", time.perf_counter()))
answers = rules.answers.gather(engine.rulebook, None, ANSWERS)
from rules.stability import planned
result = planned(engine, engine.recommend(answers))
marks.append(("check answers + recommend + plan", time.perf_counter()))
import json
from rules.models import plain
text = json.dumps(plain(result), indent=2, ensure_ascii=False)
marks.append(("JSON output", time.perf_counter()))
print(json.dumps({name: (t - marks[i][1]) * 1000 for i, (name, t) in enumerate(marks[1:])}))
"""


QUESTION = "what does an LPN earn?"


def command(name: str = "recommend") -> tuple[list[str], str]:
    """The command as a user runs it: the venv's `career-quiz` script when installed, else `python -m tui`."""
    script = Path(PYTHON).with_name("career-quiz")
    pairs = [arg for question, value in ANSWERS.items() for arg in ("--answer", f"{question}={value}")]
    args = ["recommend", "--json", *pairs] if name == "recommend" else ["ask", QUESTION, "--json"]
    shown = "recommend --json" if name == "recommend" else f'ask "{QUESTION}" --json'
    if script.exists():
        return [str(script), *args], f"career-quiz {shown}"
    return [PYTHON, "-m", "tui", *args], f"python -m tui {shown}"


def _side_by_side(argv: list[str], label: str, env: dict[str, str], runs: int) -> tuple[list[ChildRun], list[ChildRun]]:
    """The command and `python -c pass` timed in turn (after one warm-up run of each)."""
    reference = [PYTHON, "-c", "pass"]
    check(run_child(argv, env=env), label)
    check(run_child(reference, env=env), "python -c pass")
    ours, theirs = [], []
    for _ in range(runs):
        ours.append(check(run_child(argv, env=env), label))
        theirs.append(check(run_child(reference, env=env), "python -c pass"))
    return ours, theirs


def _measure(argv: list[str], label: str, script: str, env: dict[str, str],
             runs: int) -> tuple[list[ChildRun], list[ChildRun], dict[str, float]]:
    """The command and `python -c pass` timed in turn, with a phase breakdown run alongside."""
    reference = [PYTHON, "-c", "pass"]
    check(run_child(argv, env=env), label)
    check(run_child([PYTHON, "-c", script], env=env), "phase breakdown")
    ours, theirs, breakdowns = [], [], []
    for _ in range(runs):
        ours.append(check(run_child(argv, env=env), label))
        theirs.append(check(run_child(reference, env=env), "python -c pass"))
        phases_run = check(run_child([PYTHON, "-c", script], env=env), "phase breakdown")
        found = json.loads(phases_run.stdout.strip().splitlines()[-1])
        found["interpreter start, exit and the rest"] = phases_run.wall_ms - sum(found.values())
        breakdowns.append(found)
    result = json.loads(ours[-1].stdout)
    assert len(result["answers"]) == len(ANSWERS), "the command did not take every answer"
    return ours, theirs, {name: median([b[name] for b in breakdowns]) for name in breakdowns[0]}


def _slowest(phases: dict[str, float]) -> str:
    return "most time: " + "; ".join(f"{name} {ms:.0f} ms" for name, ms in
                                     sorted(phases.items(), key=lambda item: -item[1])[:3])


def run(settings: Settings) -> list[Figure]:
    argv, label = command()
    pairs = [f"{question}={value}" for question, value in ANSWERS.items()]
    script = f"ANSWERS = {json.dumps(pairs)}\n" + PHASES
    with tempfile.TemporaryDirectory(prefix="career-quiz-bench-cache-") as cache:
        warm_env = child_env({SNAPSHOT_ENV: cache})
        ours, theirs, phases = _measure(argv, label, script, warm_env, settings.process_runs)
        ask_argv, ask_label = command("ask")
        asked, asked_theirs = _side_by_side(ask_argv, ask_label, warm_env, settings.process_runs)
        cold_runs = max(3, settings.process_runs // 3)
        cold, cold_theirs, cold_phases = _measure(argv, label, script, child_env({SNAPSHOT_ENV: ""}), cold_runs)
    return [
        Figure(FAMILY, f"{label} (9 answers), wall time", median([r.wall_ms for r in ours]),
               median([r.wall_ms for r in theirs]), "ms", BUDGET_RATIO, "ratio_at_most",
               reference_name="python -c pass", notes=_slowest(phases),
               details={"command": argv, "runs_ms": [r.wall_ms for r in ours],
                        "reference_runs_ms": [r.wall_ms for r in theirs], "phases_ms": phases}),
        Figure(FAMILY, "the same with no snapshot (first start, or files changed)", median([r.wall_ms for r in cold]),
               median([r.wall_ms for r in cold_theirs]), "ms", reference_name="python -c pass",
               notes=_slowest(cold_phases), details={"runs_ms": [r.wall_ms for r in cold], "phases_ms": cold_phases,
                                                     "env": {SNAPSHOT_ENV: ""}}),
        Figure(FAMILY, f"{label}, peak memory", median([r.peak_mib for r in ours]),
               median([r.peak_mib for r in theirs]), "MiB", reference_name="python -c pass",
               details={"runs_mib": [r.peak_mib for r in ours]}),
        Figure(FAMILY, f"{ask_label}, wall time", median([r.wall_ms for r in asked]),
               median([r.wall_ms for r in asked_theirs]), "ms", reference_name="python -c pass",
               details={"command": ask_argv, "runs_ms": [r.wall_ms for r in asked],
                        "reference_runs_ms": [r.wall_ms for r in asked_theirs]}),
    ]
