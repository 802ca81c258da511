"""Start-up without re-verifying: the built-in engine from a snapshot of a verified load.

The first start (and any start after a knowledge or rules file changed) loads and verifies everything, then
writes a JSON snapshot — knowledge base, questions, rules and the precomputed reason texts — to the user's
cache folder, keyed by a hash of every file's bytes (rules/verified.py: digest-checked, written atomically, a
damaged or edited one replaced by a full verified load). Later starts rebuild the engine from it without
building pydantic validators, verifying quotes or importing jinja2: reading a current snapshot uses the
standard library and the plain records only (tests/test_import_hygiene.py checks this).
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

from knowledge import PACKAGE_DIR as KNOWLEDGE_DIR
from knowledge.files import sweep
from knowledge.snapshot import from_data, knowledge_files, to_data
from rules import PACKAGE_DIR as RULES_DIR
from rules import verified
from rules.engine import Engine
from rules.models import Option, Question
from rules.rulebook import Rule, Rulebook
from rules.verified import CACHE_ENV, cache_dir

__all__ = ["CACHE_ENV", "CODE", "FORMAT", "cache_dir", "fingerprint", "load_engine"]

FORMAT = 5
TEMP_PREFIX = ".engine-"

CODE = [KNOWLEDGE_DIR / name for name in ("base.py", "inheritance.py", "levels.py", "loader.py", "models.py",
                                         "numbers.py", "records.py", "snapshot.py", "wording.py")] + \
       [RULES_DIR / name for name in ("engine.py", "models.py", "rulebook.py", "snapshot.py", "verified.py")]
"""The code whose output a snapshot holds (verification, precomputed reason texts): a change means a new one."""


def fingerprint(knowledge_root: Path, rules_dir: Path) -> str:
    files = [*knowledge_files(knowledge_root), rules_dir / "questions.toml", rules_dir / "rules.toml", *CODE]
    return verified.fingerprint(f"format {FORMAT}", files)


def _rulebook_from(data: dict[str, Any]) -> Rulebook:
    questions = [Question(**{**q, "options": [Option(**o) for o in q["options"]]}) for q in data["questions"]]
    rules = [Rule(**r) for r in data["rules"]]
    return Rulebook(questions, rules, data["tie_order"], near_tie_points=data["near_tie_points"], neutral_answers=data["neutral_answers"])


def _read(path: Path | None, knowledge_root: Path) -> Engine | None:
    data = verified.read(path)
    try:
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return None
        kb = from_data(data["knowledge"], knowledge_root)
        return Engine(kb, _rulebook_from(data["rules"]), texts=data["texts"])
    except (ValueError, KeyError, TypeError):
        return None  # written by other code: a full verified load replaces it


def _write(path: Path, engine: Engine) -> None:
    data = {
        "format": FORMAT,
        "knowledge": to_data(engine.kb),
        "rules": {"questions": [asdict(q) for q in engine.rulebook.questions],
                  "rules": [asdict(r) for r in engine.rulebook.rules],
                  "tie_order": engine.rulebook.tie_order,
                  "near_tie_points": engine.rulebook.near_tie_points,
                  "neutral_answers": engine.rulebook.neutral_answers},
        "texts": engine.precompute_texts(),
    }
    verified.write(path, data, TEMP_PREFIX, "engine-*.json")


def load_engine(knowledge_root: Path | None = None, rules_dir: Path | None = None) -> Engine:
    """The engine, from a current snapshot when there is one, else from a full verified load (then saved)."""
    knowledge_root = knowledge_root or KNOWLEDGE_DIR
    rules_dir = rules_dir or RULES_DIR
    folder = cache_dir()
    path = folder / f"engine-{fingerprint(knowledge_root, rules_dir)}.json" if folder else None
    if folder is not None:
        sweep(folder, TEMP_PREFIX)  # left by a start killed while writing the snapshot
    engine = _read(path, knowledge_root)
    if engine is not None:
        return engine
    from knowledge.loader import load
    from rules.rulebook import load_rulebook

    kb = load(knowledge_root)
    engine = Engine(kb, load_rulebook(kb, rules_dir))
    if path is not None:
        _write(path, engine)
        engine.texts = engine.precompute_texts() if not engine.texts else engine.texts
    return engine
