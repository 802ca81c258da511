"""Benchmarks: each figure measured next to its reference in the same run, as a ratio, against a budget.

Run with `make bench` (`python -m tests.benchmarks`); see `__main__` for the options. Not part of `make test`:
nothing here is collected by pytest (see conftest.py), because timings belong in a report, not in a pass/fail
unit test on a shared machine.
"""
