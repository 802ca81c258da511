"""Knowledge base load and verification in-process, against parsing the same TOML files with tomllib alone.

`knowledge.loader.load()` is called fresh each run (modules already imported), so the figure is the work a
first start pays: read, validate, prove every quote and number, find disagreements. The rulebook and the
engine built on top are reported too, as information, and so is the engine restored from its snapshot
(rules/snapshot.py), which is what later starts pay.
"""

from __future__ import annotations

import os
import tempfile
import tomllib

from knowledge import PACKAGE_DIR as KB_DIR
from tests.benchmarks.harness import Figure, Settings, median_ms, profile, side_by_side

FAMILY = "knowledge base"
BUDGET_MS = 50.0


def _parse_only() -> None:
    for path in [KB_DIR / "sources.toml", *sorted((KB_DIR / "careers").glob("*.toml"))]:
        with path.open("rb") as handle:
            tomllib.load(handle)


def run(settings: Settings) -> list[Figure]:
    from knowledge.loader import load
    from rules.engine import Engine
    from rules.rulebook import load_rulebook

    ours, reference, ours_runs, _ = side_by_side(load, _parse_only, settings.inprocess_runs)
    kb = load()
    figures = [Figure(FAMILY, "load + verify (knowledge.loader.load)", ours, reference, "ms", BUDGET_MS,
                      "value_at_most", reference_name="tomllib parse of the same files",
                      details={"runs_ms": ours_runs, "careers": len(kb.careers), "facts": kb.fact_count})]
    if ours > BUDGET_MS:
        figures[0].details["profile"] = profile(load, 15)
    rulebook_ms, _ = median_ms(lambda: load_rulebook(kb), settings.inprocess_runs)
    rulebook = load_rulebook(kb)
    engine_ms, _ = median_ms(lambda: Engine(kb, rulebook), settings.inprocess_runs)
    figures.append(Figure(FAMILY, "rulebook load + check (load_rulebook)", rulebook_ms, ours, "ms",
                          reference_name="knowledge.loader.load",
                          details={"profile": profile(lambda: load_rulebook(kb), 15)}))
    figures.append(Figure(FAMILY, "Engine() on a loaded KB and rulebook", engine_ms, ours, "ms",
                          reference_name="knowledge.loader.load"))
    figures += _snapshot(settings, ours)
    return figures


def _snapshot(settings: Settings, full_load_ms: float) -> list[Figure]:
    """The engine from its snapshot (what a start-up pays once a snapshot exists), when there is a snapshot."""
    try:
        from rules.snapshot import CACHE_ENV, load_engine
    except ImportError:
        return []
    with tempfile.TemporaryDirectory(prefix="career-quiz-bench-cache-") as cache:
        saved = os.environ.get(CACHE_ENV)
        os.environ[CACHE_ENV] = cache
        try:
            load_engine()
            snapshot_ms, _ = median_ms(load_engine, settings.inprocess_runs)
        finally:
            if saved is None:
                os.environ.pop(CACHE_ENV, None)
            else:
                os.environ[CACHE_ENV] = saved
    return [Figure(FAMILY, "engine from its snapshot (rules.snapshot.load_engine)", snapshot_ms, full_load_ms,
                   "ms", BUDGET_MS, "value_at_most", reference_name="knowledge.loader.load",
                   notes="what a start-up pays once the snapshot is written; includes the rulebook and the engine")]
