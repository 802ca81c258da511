"""A verified knowledge base as plain data, so start-up can skip re-verifying files that have not changed.

`to_data` dumps a `KnowledgeBase` that `loader.load` has fully verified; `from_data` rebuilds it by calling the
records' own constructors (standard library only: no validation, no pydantic). Snapshots are only ever written
from a verified load and are keyed by a hash of every file's bytes, so a changed file always means a full load.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

from knowledge.base import KnowledgeBase, SourceText
from knowledge.models import FACT_CLASS, Career, Disagreement, NonContent, Source, Specialisation


def knowledge_files(root: Path) -> list[Path]:
    """Every file a knowledge base is made of, in a stable order."""
    return [root / "sources.toml", *sorted((root / "sources").glob("*.txt")), *sorted((root / "careers").glob("*.toml"))]


def to_data(kb: KnowledgeBase) -> dict[str, Any]:
    return {
        "sources": [asdict(s) for s in kb.sources.values()],
        "texts": {source_id: text.text for source_id, text in kb.texts.items()},
        "careers": [asdict(c) for c in kb.careers.values()],
        "lines": [[career, fact, line] for (career, fact), line in kb.lines.items()],
        "disagreements": [asdict(d) for d in kb.disagreements],
        "version": kb.version,
    }


def _career(raw: dict[str, Any]) -> Career:
    facts = [FACT_CLASS[fact["kind"]](**fact) for fact in raw["facts"]]
    relation = raw.get("specialises")
    specialises = Specialisation(**relation) if relation is not None else None
    return Career(**{**raw, "facts": facts, "specialises": specialises})


def _source(raw: dict[str, Any]) -> Source:
    return Source(**{**raw, "not_content": [NonContent(**region) for region in raw.get("not_content") or []]})


def from_data(data: dict[str, Any], root: Path) -> KnowledgeBase:
    careers = {raw["id"]: _career(raw) for raw in data["careers"]}
    return KnowledgeBase(
        root=root,
        sources={s["id"]: _source(s) for s in data["sources"]},
        texts={source_id: SourceText(text) for source_id, text in data["texts"].items()},
        careers=careers,
        lines={(career, fact): line for career, fact, line in data["lines"]},
        disagreements=[Disagreement(**d) for d in data["disagreements"]],
        version=data["version"],
    )
