"""The scale benchmark's synthetic careers go through the real loaders: when the records or the rules change,
this fails in `make test` instead of the benchmark family being skipped with a knowledge-base error."""

from __future__ import annotations

from pathlib import Path

from tests.benchmarks import synthetic
from tests.benchmarks.engine_scale import FULL


def test_the_synthetic_knowledge_base_loads_and_ranks_every_career(tmp_path: Path) -> None:
    engine = synthetic.engine_for(synthetic.build(tmp_path / "kb", 12))
    result = engine.recommend(FULL, explain=3)
    assert len(result.recommendations) == 12
    assert {r.career for r in result.recommendations} == set(engine.kb.careers)
