"""Every snapshot SVG belongs to a snapshot test. syrupy fails a run on an unused snapshot, but not under
pytest-xdist (which `make test` uses), so this test keeps that check: a snapshot whose test was renamed or
removed would otherwise stay in the repository, compared with nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

SNAPSHOTS = Path(__file__).resolve().parent / "__snapshots__"


def names_in(collector: pytest.Collector) -> Iterator[str]:
    """The name of every test a collector holds, parametrized ones one by one ('test_x[80x24-dark]')."""
    for node in collector.collect():
        if isinstance(node, pytest.Item):
            yield node.name
        else:
            yield from names_in(node)  # type: ignore[arg-type]


def test_every_snapshot_file_belongs_to_a_snapshot_test(request: pytest.FixtureRequest) -> None:
    files = {(svg.parent.name, svg.stem) for svg in SNAPSHOTS.glob("*/*.svg")}
    modules = sorted({SNAPSHOTS.parent / f"{module}.py" for module, _ in files})
    assert files and all(module.exists() for module in modules), modules
    tests = {(path.stem, name) for path in modules
             for name in names_in(pytest.Module.from_parent(request.session, path=path))}
    assert files - tests == set(), "snapshots that no test compares with (remove them, or --snapshot-update)"
