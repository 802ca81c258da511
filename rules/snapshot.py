"""Start-up without re-verifying: the built-in engine from a snapshot of a verified load.

The first start (and any start after a knowledge or rules file changed) loads and verifies everything, then
writes a JSON snapshot — knowledge base, questions, rules and the precomputed reason texts — to the user's
cache folder, keyed by a hash of every file's bytes. Later starts rebuild the engine from it without building
pydantic validators, verifying quotes or importing jinja2. A missing, stale, damaged or unwritable cache only
means a full load: it never stops the program.

The file's first line is the SHA-256 of the rest, checked before anything in it is used: a snapshot edited by
hand (say, an LPN's pay) or cut short no longer matches and is replaced by a full verified load. It is written
atomically (temporary file, rename) into a folder only its owner may enter; stale temporary files are swept.

Reading a current snapshot uses the standard library and the plain records only: neither pydantic nor the
loaders are imported unless a full load is needed (tests/test_import_hygiene.py checks this).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict
from pathlib import Path
from typing import Any

from knowledge import PACKAGE_DIR as KNOWLEDGE_DIR
from knowledge.files import private_folder, sweep, write_atomic
from knowledge.snapshot import from_data, knowledge_files, to_data
from rules import PACKAGE_DIR as RULES_DIR
from rules.engine import Engine
from rules.models import Option, Question
from rules.rulebook import Attribute, Rule, Rulebook

FORMAT = 4
TEMP_PREFIX = ".engine-"
CACHE_ENV = "CAREER_QUIZ_CACHE_DIR"
"""Set to a folder to keep the snapshot there, or to an empty string to turn the snapshot off."""


def cache_dir() -> Path | None:
    configured = os.environ.get(CACHE_ENV)
    if configured is not None:
        return Path(configured) if configured else None
    from platformdirs import user_cache_path

    return user_cache_path("career-quiz", appauthor=False)


CODE = [KNOWLEDGE_DIR / name for name in ("base.py", "loader.py", "models.py", "numbers.py", "records.py",
                                         "snapshot.py")] + \
       [RULES_DIR / name for name in ("engine.py", "models.py", "rulebook.py", "snapshot.py")]
"""The code whose output a snapshot holds (verification, precomputed reason texts): a change means a new one."""


def fingerprint(knowledge_root: Path, rules_dir: Path) -> str:
    digest = hashlib.sha256(f"format {FORMAT}".encode())
    files = [*knowledge_files(knowledge_root), rules_dir / "questions.toml", rules_dir / "rules.toml", *CODE]
    for path in files:
        digest.update(path.name.encode())
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"<missing>")
    return digest.hexdigest()[:20]


def _rulebook_from(data: dict[str, Any]) -> Rulebook:
    questions = [Question(**{**q, "options": [Option(**o) for o in q["options"]]}) for q in data["questions"]]
    rules = [Rule(**r) for r in data["rules"]]
    attributes = {name: Attribute(**a) for name, a in data["attributes"].items()}
    return Rulebook(questions, rules, data["tie_order"], attributes=attributes,
                    near_tie_points=data["near_tie_points"])


def _digest(body: bytes) -> bytes:
    return hashlib.sha256(body).hexdigest().encode("ascii")


def _read(path: Path, knowledge_root: Path) -> Engine | None:
    try:
        digest, _, body = path.read_bytes().partition(b"\n")
        if digest != _digest(body):
            return None  # edited or damaged: a full verified load replaces it
        data = json.loads(body)
        if data.get("format") != FORMAT:
            return None
        kb = from_data(data["knowledge"], knowledge_root)
        return Engine(kb, _rulebook_from(data["rules"]), texts=data["texts"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write(path: Path, engine: Engine) -> None:
    data = {
        "format": FORMAT,
        "knowledge": to_data(engine.kb),
        "rules": {"questions": [asdict(q) for q in engine.rulebook.questions],
                  "rules": [asdict(r) for r in engine.rulebook.rules],
                  "tie_order": engine.rulebook.tie_order,
                  "attributes": {name: asdict(a) for name, a in engine.rulebook.attributes.items()},
                  "near_tie_points": engine.rulebook.near_tie_points},
        "texts": engine.precompute_texts(),
    }
    body = json.dumps(data).encode("utf-8")
    try:
        private_folder(path.parent)
        write_atomic(path, _digest(body) + b"\n" + body, prefix=TEMP_PREFIX)
        for stale in path.parent.glob("engine-*.json"):
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError:
        return


def load_engine(knowledge_root: Path | None = None, rules_dir: Path | None = None) -> Engine:
    """The engine, from a current snapshot when there is one, else from a full verified load (then saved)."""
    knowledge_root = knowledge_root or KNOWLEDGE_DIR
    rules_dir = rules_dir or RULES_DIR
    folder = cache_dir()
    path = folder / f"engine-{fingerprint(knowledge_root, rules_dir)}.json" if folder else None
    if folder is not None:
        sweep(folder, TEMP_PREFIX)  # left by a start killed while writing the snapshot
    if path is not None and path.is_file():
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
