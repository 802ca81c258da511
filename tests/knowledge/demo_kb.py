"""Pieces of a tiny knowledge base shared by the tests that build, check and break one (see `make_kb`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.loader import KnowledgeError, load

HEADER = 'id = "demo"\nname = "Demo career"\n'
PAY = '''
[[facts]]
id = "pay_median"
kind = "pay"
statistic = "median"
amount = 32350
year = 2010
source = "mrt_degree"
quote = "the median annual salary for medical records technicians was $32,350 in 2010"
'''
SCHEDULE = '''
[[facts]]
id = "schedule_irregular"
kind = "schedule"
hours = "irregular"
includes = ["evenings", "weekends", "holidays"]
source = "mrt_careers_salary"
quote = "Work hours may include evenings, weekends and holidays"
'''
CAREER = HEADER + PAY
"""A valid one-fact career file."""


def report_of(folder: Path) -> str:
    """The loader's report for a knowledge base that must fail to load."""
    with pytest.raises(KnowledgeError) as caught:
        load(folder)
    return caught.value.report()
