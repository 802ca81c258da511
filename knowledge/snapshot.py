"""A verified knowledge base as plain data, so start-up can skip re-verifying files that have not changed.

`to_data` dumps a `KnowledgeBase` that `loader.load` has fully verified; `from_data` rebuilds it with
`model_construct` (no validation, no pydantic schema building). Snapshots are only ever written from a
verified load and are keyed by a hash of every file's bytes, so a changed file always means a full load.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any, get_args

from knowledge.loader import KnowledgeBase, SourceText
from knowledge.models import Career, Disagreement, Fact, Source, Specialisation


@cache
def _fact_classes() -> dict[str, type]:
    union = get_args(Fact)[0]
    classes: dict[str, type] = {}
    for cls in get_args(union):
        for kind in get_args(cls.model_fields["kind"].annotation):
            classes[kind] = cls
    return classes


def knowledge_files(root: Path) -> list[Path]:
    """Every file a knowledge base is made of, in a stable order."""
    return [root / "sources.toml", *sorted((root / "sources").glob("*.txt")), *sorted((root / "careers").glob("*.toml"))]


def to_data(kb: KnowledgeBase) -> dict[str, Any]:
    return {
        "sources": [s.model_dump() for s in kb.sources.values()],
        "texts": {source_id: text.text for source_id, text in kb.texts.items()},
        "careers": [c.model_dump() for c in kb.careers.values()],
        "lines": [[career, fact, line] for (career, fact), line in kb.lines.items()],
        "disagreements": [d.model_dump() for d in kb.disagreements],
        "version": kb.version,
    }


def from_data(data: dict[str, Any], root: Path) -> KnowledgeBase:
    classes = _fact_classes()
    careers = {}
    for raw in data["careers"]:
        facts = [classes[f["kind"]].model_construct(**f) for f in raw["facts"]]
        relation = raw.get("specialises")
        specialises = Specialisation.model_construct(**relation) if relation is not None else None
        careers[raw["id"]] = Career.model_construct(**{**raw, "facts": facts, "specialises": specialises})
    return KnowledgeBase(
        root=root,
        sources={s["id"]: Source.model_construct(**s) for s in data["sources"]},
        texts={source_id: SourceText(text) for source_id, text in data["texts"].items()},
        careers=careers,
        lines={(career, fact): line for career, fact, line in data["lines"]},
        disagreements=[Disagreement.model_construct(**d) for d in data["disagreements"]],
        version=data["version"],
    )
