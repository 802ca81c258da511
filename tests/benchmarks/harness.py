"""What every benchmark family shares: timing by median of runs, child processes measured one at a time, the table.

A figure is only worth reporting next to its reference measured in the same run on the same machine, so each
`Figure` carries both, their ratio, the budget and a verdict. Child processes are reaped with `os.wait4` so
that each one's peak memory is its own (RUSAGE_CHILDREN would give the largest of all children so far).
"""

from __future__ import annotations

import cProfile
import io
import json
import os
import pstats
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal

ROOT = Path(__file__).resolve().parents[2]
"""The project folder: child processes run here so `python -m tui` finds the packages without installing."""
RESULTS = Path(__file__).resolve().parent / "results.json"
PYTHON = sys.executable

Verdict = Literal["pass", "FAIL", "info", "skipped"]
BudgetKind = Literal["ratio_at_most", "value_at_most", "none"]


@dataclass
class Figure:
    """One measured figure with its reference, side by side, and whether it keeps its budget."""

    family: str
    name: str
    ours: float | None
    reference: float | None
    unit: str
    """Unit of `ours` and `reference` ("ms", "MiB", "questions", "count")."""
    budget: float | None = None
    budget_kind: BudgetKind = "none"
    reference_name: str = ""
    notes: str = ""
    details: dict = field(default_factory=dict)
    skipped: str = ""

    @property
    def ratio(self) -> float | None:
        if self.ours is None or not self.reference:
            return None
        return self.ours / self.reference

    @property
    def verdict(self) -> Verdict:
        if self.skipped:
            return "skipped"
        if self.budget is None or self.budget_kind == "none":
            return "info"
        measured = self.ratio if self.budget_kind == "ratio_at_most" else self.ours
        if measured is None:
            return "FAIL"
        return "pass" if measured <= self.budget else "FAIL"

    def budget_text(self) -> str:
        if self.budget is None or self.budget_kind == "none":
            return "-"
        if self.budget_kind == "ratio_at_most":
            return f"≤{self.budget:g}×"
        return f"≤{self.budget:g} {self.unit}"

    def as_dict(self) -> dict:
        data = asdict(self)
        data.update(ratio=self.ratio, verdict=self.verdict, budget_text=self.budget_text())
        return data


def skipped(family: str, name: str, why: str, unit: str = "ms") -> Figure:
    return Figure(family=family, name=name, ours=None, reference=None, unit=unit, skipped=why)


# --- timing ------------------------------------------------------------------------------------------------


def median_ms(function: Callable[[], object], runs: int, warmup: int = 1) -> tuple[float, list[float]]:
    """Median wall time of `function` in milliseconds over `runs` calls (after `warmup` untimed calls)."""
    for _ in range(warmup):
        function()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), times


def side_by_side(ours: Callable[[], object], reference: Callable[[], object], runs: int,
                 warmup: int = 1) -> tuple[float, float, list[float], list[float]]:
    """Median ms of two functions timed alternately, so drift in machine load hits both alike."""
    for _ in range(warmup):
        ours()
        reference()
    ours_times, reference_times = [], []
    for _ in range(runs):
        for function, times in ((ours, ours_times), (reference, reference_times)):
            start = time.perf_counter()
            function()
            times.append((time.perf_counter() - start) * 1000)
    return statistics.median(ours_times), statistics.median(reference_times), ours_times, reference_times


@dataclass
class ChildRun:
    """One child process: wall time from spawn to exit, its own peak memory, its output."""

    wall_ms: float
    spawned_ns: int
    """`time.monotonic_ns()` just before the spawn, to compare with timestamps the child prints."""
    peak_mib: float
    returncode: int
    stdout: str
    stderr: str


def child_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for measured children: no PYTHONPATH surprises, plus `extra`.

    Bytecode caches are written as usual (the warm-up run writes them), as they are for a user."""
    env = {key: value for key, value in os.environ.items()
           if key not in {"PYTHONPATH", "PYTHONSTARTUP", "PYTHONDONTWRITEBYTECODE", "PYTHONPROFILEIMPORTTIME"}}
    env.update(extra or {})
    return env


def run_child(argv: Sequence[str], env: dict[str, str] | None = None, timeout: float = 120.0) -> ChildRun:
    """Run one process to completion; its output goes to files so a large output can never block it."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        spawned = time.monotonic_ns()
        start = time.perf_counter()
        process = subprocess.Popen(list(argv), cwd=ROOT, env=env or child_env(), stdout=out, stderr=err,
                                   stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                process.kill()
                pid, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.0005)
        wall = (time.perf_counter() - start) * 1000
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return ChildRun(wall_ms=wall, spawned_ns=spawned, peak_mib=usage.ru_maxrss / 1024,
                        returncode=process.returncode, stdout=out.read().decode(errors="replace"),
                        stderr=err.read().decode(errors="replace"))


def check(run: ChildRun, what: str) -> ChildRun:
    if run.returncode != 0:
        tail = "\n".join(run.stderr.strip().splitlines()[-15:])
        raise RuntimeError(f"{what} exited {run.returncode}:\n{tail}")
    return run


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


class CallTimeout(Exception):
    """Raised inside a call that ran past its cap (see `capped`)."""


@contextmanager
def capped(seconds: float) -> Iterator[None]:
    """Stop the code inside with CallTimeout after `seconds` (main thread, Unix: a real-time interval timer)."""

    def expire(signum: int, frame: object) -> None:
        raise CallTimeout(f"stopped after {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def profile(function: Callable[[], object], lines: int = 12, cap_s: float | None = None) -> str:
    """The top of a cProfile of one call, by internal time: where the time goes (so far, if capped)."""
    profiler = cProfile.Profile()
    stopped = ""
    profiler.enable()
    try:
        if cap_s is None:
            function()
        else:
            with capped(cap_s):
                function()
    except CallTimeout as error:
        stopped = f"(profile of the first {cap_s:g} s; the call was {error})\n"
    finally:
        profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(lines)
    text = out.getvalue()
    return stopped + (text[text.find("ncalls"):].rstrip() if "ncalls" in text else text)


# --- reporting ---------------------------------------------------------------------------------------------


def _number(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit in {"count"} or (abs(value) >= 100 and unit != "ratio"):
        return f"{value:,.0f} {unit}".replace(" count", "")
    if abs(value) >= 10:
        return f"{value:.1f} {unit}"
    return f"{value:.2f} {unit}"


def table(figures: Sequence[Figure]) -> str:
    """The figures as a plain-text table: figure, ours, reference, ratio, budget, verdict."""
    headers = ("figure", "ours", "reference", "ratio", "budget", "verdict")
    rows = []
    for figure in figures:
        name = f"{figure.family}: {figure.name}"
        reference = _number(figure.reference, figure.unit)
        if figure.reference_name and figure.reference is not None:
            reference += f" ({figure.reference_name})"
        ratio = "-" if figure.ratio is None else f"{figure.ratio:.2f}×"
        verdict = figure.verdict + (f" ({figure.skipped})" if figure.skipped else "")
        rows.append((name, _number(figure.ours, figure.unit), reference, ratio, figure.budget_text(), verdict))
    widths = [max(len(str(row[i])) for row in (headers, *rows)) for i in range(len(headers))]
    lines = ["  ".join(str(cell).ljust(width) for cell, width in zip(headers, widths)),
             "  ".join("-" * width for width in widths)]
    lines += ["  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)).rstrip() for row in rows]
    notes = [f"  {f.family}: {f.name}: {f.notes}" for f in figures if f.notes]
    if notes:
        lines += ["", "Notes:", *notes]
    return "\n".join(lines)


def report(figures: Sequence[Figure], settings: dict) -> dict:
    return {
        "python": sys.version.split()[0],
        "platform": sys.platform,
        "cpus": os.cpu_count(),
        "settings": settings,
        "figures": [figure.as_dict() for figure in figures],
        "failed": [f"{f.family}: {f.name}" for f in figures if f.verdict == "FAIL"],
    }


def write_results(data: dict, path: Path = RESULTS) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


@dataclass(frozen=True)
class Settings:
    """How hard to measure: runs per figure for processes and in-process calls, and the adaptive sample cap."""

    process_runs: int = 9
    inprocess_runs: int = 15
    adaptive_limit: int = 20_000
    """Combinations simulated one by one in the cross-check of the adaptive family (the tree covers all)."""
    slow_call_s: float = 10.0
    """A call slower than this is not repeated: its single time is the figure (and a note says so)."""
    call_cap_s: float = 60.0
    """A call still running after this long is stopped: the figure is then a lower bound (and says so)."""
    quick: bool = False
