"""`python -m tests.benchmarks [--json] [--only FAMILY,...] [--quick]`: run the benchmarks, print the table.

The results are always written to tests/benchmarks/results.json; `--json` prints them to stdout instead of
the table. The exit status is 0 even when a budget is missed: this is a report, and its verdicts say so.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
import traceback
from collections.abc import Sequence

from tests.benchmarks.harness import RESULTS, Figure, Settings, report, skipped, table, write_results

FAMILIES: dict[str, str] = {
    "start-up": "tests.benchmarks.startup",
    "headless": "tests.benchmarks.headless",
    "knowledge": "tests.benchmarks.knowledge_load",
    "turn": "tests.benchmarks.dialogue_turn",
    "scale": "tests.benchmarks.engine_scale",
    "adaptive": "tests.benchmarks.adaptive",
    "evidence": "tests.benchmarks.evidence",
    "reader": "tests.benchmarks.reader",
}


def parse(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks", description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true", help="print the results as JSON instead of the table")
    parser.add_argument("--only", metavar="FAMILY,...",
                        help=f"run only these families (of: {', '.join(FAMILIES)})")
    parser.add_argument("--quick", action="store_true",
                        help="few runs and small sizes: a smoke test of the benchmarks, not figures to quote")
    parser.add_argument("--runs", type=int, metavar="N", help="runs per figure (default 9 for processes, "
                                                              "15 in-process; the median is reported)")
    args = parser.parse_args(argv)
    if args.only:
        unknown = [name for name in args.only.split(",") if name not in FAMILIES]
        if unknown:
            parser.error(f"unknown family {', '.join(unknown)} (known: {', '.join(FAMILIES)})")
    if args.runs is not None and args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(sys.argv[1:] if argv is None else argv)
    settings = Settings()
    if args.quick:
        settings = Settings(process_runs=3, inprocess_runs=5, quick=True)
    if args.runs:
        settings = Settings(process_runs=args.runs, inprocess_runs=args.runs, quick=settings.quick)
    chosen = args.only.split(",") if args.only else list(FAMILIES)
    figures: list[Figure] = []
    took: dict[str, float] = {}
    for name in chosen:
        start = time.perf_counter()
        print(f"running {name} …", file=sys.stderr, flush=True)
        try:
            figures += importlib.import_module(FAMILIES[name]).run(settings)
        except Exception as error:  # one broken family must not hide the others' figures
            traceback.print_exc(file=sys.stderr)
            figures.append(skipped(name, "(family)", f"error: {type(error).__name__}: {error}"[:200]))
        took[name] = round(time.perf_counter() - start, 1)
    data = report(figures, {"process_runs": settings.process_runs, "inprocess_runs": settings.inprocess_runs,
                            "quick": settings.quick, "families": chosen, "seconds": took})
    write_results(data)
    if args.json:
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        print(table(figures))
        print(f"\nWritten to {RESULTS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
