"""Non-content regions of the sources (sources.toml `not_content`): checked at load, never quoted, never searched."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from knowledge import PACKAGE_DIR
from knowledge.loader import KnowledgeError, builtin, load
from knowledge.regions import region_at, regions
from rules.search import index_for


def copy_with(tmp_path: Path, old: str, new: str) -> Path:
    root = tmp_path / "knowledge"
    shutil.copytree(PACKAGE_DIR, root, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    path = root / "sources.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return root


def test_the_guides_advertising_and_the_school_listings_are_marked() -> None:
    kb = builtin()
    guide = kb.texts["mrt_career_guide"].text.split("\n")
    ai_coach = next(i for i, line in enumerate(guide, start=1) if "Our AI Career Coach" in line)
    assert region_at(kb, "mrt_career_guide", ai_coach) == "advertising"
    assert region_at(kb, "mrt_careers_salary", 150) == "school_listing"
    assert region_at(kb, "mrt_career_guide", 9) is None, "the key facts are content"
    assert all(regions(kb)[s] for s in ("mrt_careers_salary", "mrhit_career_info", "mrt_career_guide", "mrt_degree"))


def test_no_passage_comes_from_a_marked_region() -> None:
    kb = builtin()
    for passage in index_for(kb).passages:
        assert region_at(kb, passage.source, passage.line) is None, passage


def test_a_marker_that_is_not_in_its_source_is_reported(tmp_path: Path) -> None:
    root = copy_with(tmp_path, 'first = "Get Matched With Schools"', 'first = "Get Matched With Colleges"')
    with pytest.raises(KnowledgeError) as caught:
        load(root)
    assert any("not_content[0].first not found in source 'mrt_degree'" in str(p) for p in caught.value.problems)


def test_a_fact_that_quotes_a_marked_region_is_reported(tmp_path: Path) -> None:
    root = copy_with(tmp_path, '{ kind = "advertising", first = "Get Matched With Schools", to_end = true }',
                     '{ kind = "advertising", first = "Get Matched With Schools", to_end = true },\n'
                     '    { kind = "heading", first = "How Much Do Medical Records Technicians Earn?*", '
                     'last = "The Bureau of Labor Statistics reports that the median annual salary" }')
    with pytest.raises(KnowledgeError) as caught:
        load(root)
    assert any("marked as not content (heading" in str(p) for p in caught.value.problems)
