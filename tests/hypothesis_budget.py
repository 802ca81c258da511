"""How many examples the property tests try. `make test` runs a fast share of each test's budget; set
`HYPOTHESIS_PROFILE=thorough` for a deeper run (ten times as many examples as `make test`), e.g. before a
release or after changing the engine, the reader or the conversation:

    HYPOTHESIS_PROFILE=thorough .venv/bin/python -m pytest tests/rules -p no:randomly

Each test names its budget (`examples(200)`): the number it was written with, weighed against its cost. A
failure found by any run is kept in `.hypothesis/` and tried first next time.
"""

from __future__ import annotations

import os

from hypothesis import settings

SHARES = {"fast": 0.5, "thorough": 5.0}
"""The share of each test's budget a profile runs."""
FLOOR = 25
"""Fewer examples than this would no longer search: the fast profile never goes below it."""

PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "fast")
if PROFILE not in SHARES:
    raise ValueError(f"HYPOTHESIS_PROFILE={PROFILE!r} is not a profile; use one of {', '.join(SHARES)}")

for _name in SHARES:
    settings.register_profile(_name, deadline=None)
settings.load_profile(PROFILE)


def examples(budget: int) -> int:
    """The examples to try for a test written with `budget` examples, in the profile this run uses."""
    return max(min(FLOOR, budget), round(budget * SHARES[PROFILE]))
