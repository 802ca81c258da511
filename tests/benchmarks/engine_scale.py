"""How the engine grows with the knowledge base: generated bases of 10, 100 and 1,000 careers.

Each base is written by `synthetic.build` and read through the real loaders, so it is checked like the real
one. Timed on each: `recommend` with every question answered (top ten explained, and every career explained),
and choosing the next question plus deciding
stability with one answer given (the costliest point of a quiz: eight questions left, number questions with a
threshold per career). Each figure's reference is the same call on the base ten times smaller, so the ratio is
the growth (about 10× means linear). A call slower than `settings.slow_call_s` is timed once, and a profile
of it is kept in the details (slow figures only); one still running after `settings.call_cap_s` is stopped and
reported as a lower bound, with a profile of its first seconds.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tests.benchmarks import synthetic
from tests.benchmarks.harness import CallTimeout, Figure, Settings, capped, median, profile

FAMILY = "engine scale"
SIZES = (10, 100, 1000)
EXPLAINED = 10
"""`recommend` ranks and scores every career (with its mismatches) and explains the best EXPLAINED in full;
the rest are explained on demand. Explaining all 1,000 (reasons with citations for each) is timed as info."""
RECOMMEND = f"recommend (all ranked, top {EXPLAINED} explained)"
BUDGETS_AT_1000 = {RECOMMEND: 20.0, "recommend, every career explained": None,
                   "next question + is_stable": 100.0}
FULL = {"focus": "records", "patient_contact": "none", "training_months": 12, "pay_min": 35000, "exam": "yes",
        "science": "ok", "equipment": "no", "computer_work": "yes", "schedule": "any"}
ONE = {"focus": "records"}


def _time(function: Callable[[], object], settings: Settings) -> tuple[float, float, int, bool]:
    """(first call ms, median of the repeats ms, repeats, finished): repeats stop once they add up to
    slow_call_s; a first call still running at call_cap_s is stopped, and its time is then a lower bound."""
    start = time.perf_counter()
    try:
        with capped(settings.call_cap_s):
            function()
    except CallTimeout:
        capped_ms = (time.perf_counter() - start) * 1000
        return capped_ms, capped_ms, 0, False
    first = (time.perf_counter() - start) * 1000
    if first > settings.slow_call_s * 1000:
        return first, first, 0, True
    times: list[float] = []
    spent = 0.0
    while len(times) < settings.inprocess_runs and (spent < settings.slow_call_s * 1000 or len(times) < 3):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
        spent += times[-1]
    return first, median(times), len(times), True


def run(settings: Settings) -> list[Figure]:
    from rules.stability import is_stable, next_question

    sizes = SIZES[:2] if settings.quick else SIZES
    measured: dict[str, dict[int, dict]] = {name: {} for name in BUDGETS_AT_1000}
    with tempfile.TemporaryDirectory(prefix="career-quiz-bench-") as tmp:
        for size in sizes:
            start = time.perf_counter()
            engine = synthetic.engine_for(synthetic.build(Path(tmp) / f"kb{size}", size))
            load_ms = (time.perf_counter() - start) * 1000
            calls = {
                RECOMMEND: lambda: engine.recommend(FULL, explain=EXPLAINED),
                "recommend, every career explained": lambda: engine.recommend(FULL),
                "next question + is_stable": lambda: (next_question(engine, ONE), is_stable(engine, ONE)),
            }
            for name, call in calls.items():
                first, warm, repeats, finished = _time(call, settings)
                entry = {"first_ms": first, "ms": warm, "repeats": repeats, "finished": finished,
                         "build_and_load_ms": load_ms, "rules": len(engine.rulebook.rules),
                         "careers": len(engine.careers)}
                budget = BUDGETS_AT_1000[name]
                if size == sizes[-1] and budget is not None and warm > budget and not settings.quick:
                    entry["profile"] = profile(call, cap_s=min(settings.slow_call_s, settings.call_cap_s))
                measured[name][size] = entry
    figures = []
    for name, by_size in measured.items():
        previous = None
        for size, entry in by_size.items():
            reference = by_size[previous]["ms"] if previous else None
            at_top = size == 1000 and BUDGETS_AT_1000[name] is not None
            note = ""
            if not entry["finished"]:
                note = f"stopped after {entry['first_ms'] / 1000:.0f} s without finishing: the figure is a lower bound"
            elif entry["repeats"] == 0:
                note = f"one call took {entry['first_ms'] / 1000:.1f} s, so it was not repeated"
            elif entry["first_ms"] > 2 * entry["ms"]:
                note = f"first call (empty caches) {entry['first_ms']:.1f} ms"
            figures.append(Figure(
                FAMILY, f"{name}, {size:,} careers", entry["ms"], reference, "ms",
                BUDGETS_AT_1000[name] if at_top else None, "value_at_most" if at_top else "none",
                reference_name=f"{previous:,} careers" if previous else "", notes=note, details=entry))
            previous = size
    return figures
